//! What earlier runs consumed, so a night only processes what is new.
//!
//! `OUT/_state/state.json` keeps, per input file, the `stat` it had when last
//! read (size, mtime, ctime, inode: an unchanged file is not even opened) and
//! the identities of the records it produced:
//! - a document is identified by (file, doc_id): `#<doc_id>`;
//! - a reject by (file, line, reason): `<line>!<reason>` (`!<reason>` for a
//!   whole file).
//!
//! Counting rules (documented in the README, "Running nightly"):
//! - a record whose identity an earlier batch already holds is *already seen*:
//!   no new row (an unchanged file's records, a touched but identical file, a
//!   reject that re-appears for the same reason);
//! - any other record is *new* and gets exactly one row in this run's batch:
//!   `raw_documents` if its doc_id was never stored, else a `rejects` row with
//!   reason `duplicate` (the same content stored from another file or line).
//!
//! So for every batch, `raw_documents + rejects = new inputs`, which the
//! ledger (`batches`) records and the `inputs_accounted` data test checks.
//!
//! The state is a cache of what the tables say: it is published together with
//! the batch it describes, and if it ever disagrees with the batch partitions
//! in OUT it is rebuilt from the tables.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::tables::read_column;
use crate::io::out_dir::OutDir;
use crate::schema::{RawDocument, Reject, Table};
use crate::stages::ingest::RejectReason;

pub const STATE_DIR: &str = "_state";
pub const STATE_FILE: &str = "state.json";
const FORMAT: u32 = 1;

/// Everything the incremental run needs to know about the past.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub format: u32,
    /// Every batch in OUT, in id order, with the inputs it accounts for.
    pub batches: Vec<BatchLedger>,
    /// Fingerprint of the program that computed the recomputed tables.
    pub derived_by: Option<String>,
    /// Input files by [`state_key`] (absolute path).
    pub files: BTreeMap<String, FileEntry>,
}

/// The accounting of one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchLedger {
    pub id: String,
    /// New input records of the batch (each has one row in raw_documents or rejects).
    pub inputs: u64,
    pub documents: u64,
    pub rejects: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file's stat when it was read; absent when it must be read again
    /// (unreadable, or modified too close to the run to trust its mtime).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat: Option<StatKey>,
    /// Records the file held when last read.
    pub records: u64,
    /// Identities of every record of this file already stored.
    pub seen: BTreeSet<String>,
}

/// What must be equal for a file to count as unchanged without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatKey {
    pub len: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
}

impl StatKey {
    pub fn of(meta: &Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            StatKey {
                len: meta.len(),
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000).saturating_add(meta.mtime_nsec()),
                ctime_ns: meta.ctime().saturating_mul(1_000_000_000).saturating_add(meta.ctime_nsec()),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            StatKey { len: meta.len(), mtime_ns, ctime_ns: 0, ino: 0 }
        }
    }

    /// Modified at or after `t_ns`: a later write within the same clock tick
    /// would keep the same stat, so such a file is not trusted as unchanged.
    /// (A write moves mtime and ctime together; ctime alone also moves on
    /// chmod or rename, which do not make content racy.)
    pub fn is_racy(&self, t_ns: i64) -> bool {
        self.mtime_ns >= t_ns
    }
}

/// The key of an input file in the state: its absolute path, so that
/// `--input data/x` and `--input /srv/app/data/x` name the same files.
pub fn state_key(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).to_string_lossy().into_owned()
}

pub fn doc_identity(doc_id: &str) -> String {
    format!("#{doc_id}")
}

pub fn reject_identity(line: Option<i64>, reason: &str) -> String {
    match line {
        Some(l) => format!("{l}!{reason}"),
        None => format!("!{reason}"),
    }
}

impl State {
    pub fn path(out: &Path) -> PathBuf {
        out.join(STATE_DIR).join(STATE_FILE)
    }

    /// The stored state, or `None` when there is none or it cannot be used.
    pub fn load(out: &Path) -> Result<Option<State>> {
        let path = Self::path(out);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        match serde_json::from_slice::<State>(&bytes) {
            Ok(state) if state.format == FORMAT => Ok(Some(state)),
            _ => Ok(None),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("state serializes")
    }

    pub fn batch_ids(&self) -> Vec<String> {
        self.batches.iter().map(|b| b.id.clone()).collect()
    }

    /// Whether the state describes exactly the batches stored in `out`.
    pub fn matches_tables(&self, out: &OutDir) -> Result<bool> {
        let ids = self.batch_ids();
        Ok(out.batches(RawDocument::NAME)? == ids && out.batches(Reject::NAME)? == ids)
    }

    /// Rebuilds the state from the stored `raw_documents` and `rejects`
    /// (stats are unknown, so every file is read once more; its records are
    /// then recognized as already seen).
    pub fn rebuild(out: &OutDir) -> Result<State> {
        let mut ids: BTreeSet<String> = out.batches(RawDocument::NAME)?.into_iter().collect();
        ids.extend(out.batches(Reject::NAME)?);
        let mut state = State { format: FORMAT, ..State::default() };
        for id in ids {
            let raw_dir = out.batch_dir(RawDocument::NAME, &id);
            let doc_ids: Vec<String> = read_column(&raw_dir, "doc_id")?;
            let doc_paths: Vec<String> = read_column(&raw_dir, "source_path")?;
            for (doc_id, path) in doc_ids.iter().zip(&doc_paths) {
                state.files.entry(state_key(Path::new(path))).or_default().seen.insert(doc_identity(doc_id));
            }
            let rej_dir = out.batch_dir(Reject::NAME, &id);
            let paths: Vec<String> = read_column(&rej_dir, "source_path")?;
            let lines: Vec<Option<i64>> = read_column(&rej_dir, "source_line")?;
            let reasons: Vec<String> = read_column(&rej_dir, "reason")?;
            for ((path, line), reason) in paths.iter().zip(&lines).zip(&reasons) {
                state.files.entry(state_key(Path::new(path))).or_default().seen.insert(reject_identity(*line, reason));
            }
            let (documents, rejects) = (doc_ids.len() as u64, paths.len() as u64);
            state.batches.push(BatchLedger { id, inputs: documents + rejects, documents, rejects });
        }
        Ok(state)
    }

    fn seen_doc_ids(&self) -> HashSet<String> {
        let mut ids = HashSet::new();
        for entry in self.files.values() {
            for ident in &entry.seen {
                if let Some(id) = ident.strip_prefix('#') {
                    ids.insert(id.to_string());
                }
            }
        }
        ids
    }
}

/// Inputs of one run, as counted in the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InputCounts {
    /// Files (and unlistable paths) found under the --input paths.
    pub files_seen: u64,
    /// Files skipped without reading: same stat as when last read.
    pub files_unchanged: u64,
    /// Files read this run.
    pub files_read: u64,
    /// Input records found (a JSONL line or a whole file), read or not.
    pub records_seen: u64,
    /// Records an earlier batch already accounts for.
    pub already_seen: u64,
    /// Records this run's batch accounts for (= new documents + new rejects).
    pub new: u64,
    pub documents_new: u64,
    pub rejected_new: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
}

/// What to do with one ingested document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// An earlier batch holds it: no row.
    AlreadySeen,
    /// Goes to raw_documents.
    New,
    /// Its content is stored already (or earlier in this run): a `duplicate` reject.
    Duplicate,
}

/// Classifies this run's records against the prior state and builds the next one.
pub struct Tracker {
    state: State,
    seen_docs: HashSet<String>,
    /// The current file's identities before this run.
    prior_seen: BTreeSet<String>,
    current: Option<String>,
    pub counts: InputCounts,
}

impl Tracker {
    pub fn new(prior: State) -> Self {
        let seen_docs = prior.seen_doc_ids();
        Tracker { state: prior, seen_docs, prior_seen: BTreeSet::new(), current: None, counts: InputCounts::default() }
    }

    /// The number of records of `path` if its stat is unchanged since it was read.
    pub fn unchanged_records(&self, path: &str, stat: &StatKey) -> Option<u64> {
        let entry = self.state.files.get(path)?;
        (entry.stat.as_ref() == Some(stat)).then_some(entry.records)
    }

    /// Counts a file skipped as unchanged.
    pub fn skip_unchanged(&mut self, records: u64) {
        self.counts.files_seen += 1;
        self.counts.files_unchanged += 1;
        self.counts.records_seen += records;
        self.counts.already_seen += records;
    }

    /// Starts the records of a file that was read (or could not be).
    pub fn begin_file(&mut self, path: &str, stat: Option<StatKey>, records: usize) {
        self.counts.files_seen += 1;
        self.counts.files_read += 1;
        let entry = self.state.files.entry(path.to_string()).or_default();
        entry.stat = stat;
        entry.records = records as u64;
        self.prior_seen = entry.seen.clone();
        self.current = Some(path.to_string());
    }

    fn entry(&mut self) -> &mut FileEntry {
        let path = self.current.as_ref().expect("begin_file before records");
        self.state.files.get_mut(path).expect("entry created by begin_file")
    }

    /// Classifies a decoded document of the current file.
    pub fn document(&mut self, line: Option<i64>, doc_id: &str) -> Verdict {
        self.counts.records_seen += 1;
        let ident = doc_identity(doc_id);
        let dup_ident = reject_identity(line, RejectReason::Duplicate.as_str());
        let stored_before = self.seen_docs.contains(doc_id);
        if self.prior_seen.contains(&ident) || (stored_before && self.prior_seen.contains(&dup_ident)) {
            self.counts.already_seen += 1;
            return Verdict::AlreadySeen;
        }
        self.entry().seen.insert(ident);
        self.counts.new += 1;
        if self.seen_docs.insert(doc_id.to_string()) {
            self.counts.documents_new += 1;
            Verdict::New
        } else {
            self.count_reject(RejectReason::Duplicate.as_str());
            Verdict::Duplicate
        }
    }

    /// Classifies a reject of the current file; true when it is new.
    pub fn reject(&mut self, line: Option<i64>, reason: &str) -> bool {
        self.counts.records_seen += 1;
        let ident = reject_identity(line, reason);
        if self.prior_seen.contains(&ident) {
            self.counts.already_seen += 1;
            return false;
        }
        self.entry().seen.insert(ident);
        self.counts.new += 1;
        self.count_reject(reason);
        true
    }

    fn count_reject(&mut self, reason: &str) {
        self.counts.rejected_new += 1;
        *self.counts.rejected_by_reason.entry(reason.to_string()).or_default() += 1;
    }

    /// The state after this run: its batch (if any) appended to the ledger.
    pub fn finish(mut self, batch: Option<&str>, derived_by: Option<String>) -> (State, InputCounts) {
        if let Some(id) = batch {
            self.state.batches.retain(|b| b.id != id);
            self.state.batches.push(BatchLedger {
                id: id.to_string(),
                inputs: self.counts.new,
                documents: self.counts.documents_new,
                rejects: self.counts.rejected_new,
            });
            self.state.batches.sort_by(|a, b| a.id.cmp(&b.id));
        }
        self.state.format = FORMAT;
        self.state.derived_by = derived_by;
        (self.state, self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn stat(len: u64) -> StatKey {
        StatKey { len, mtime_ns: 1, ctime_ns: 1, ino: 1 }
    }

    #[test]
    fn each_record_is_new_once_and_copies_become_duplicates() {
        let mut t = Tracker::new(State::default());
        t.begin_file("x.jsonl", Some(stat(10)), 3);
        assert_eq!(t.document(Some(1), A), Verdict::New);
        assert_eq!(t.document(Some(2), A), Verdict::Duplicate); // same content twice in one run
        assert!(t.reject(Some(3), "malformed_jsonl"));
        let (state, counts) = t.finish(Some("20260101T000000Z"), None);
        assert_eq!((counts.new, counts.documents_new, counts.rejected_new), (3, 1, 2));
        assert_eq!(state.batches[0].inputs, 3);

        // Next night: the file grew by one line; the old lines are already seen.
        let mut t = Tracker::new(state);
        assert_eq!(t.unchanged_records("x.jsonl", &stat(10)), Some(3));
        assert_eq!(t.unchanged_records("x.jsonl", &stat(11)), None);
        t.begin_file("x.jsonl", Some(stat(11)), 4);
        assert_eq!(t.document(Some(1), A), Verdict::AlreadySeen);
        assert_eq!(t.document(Some(2), A), Verdict::AlreadySeen);
        assert!(!t.reject(Some(3), "malformed_jsonl"));
        assert_eq!(t.document(Some(4), B), Verdict::New);
        // A copy of stored content in another file is a duplicate, once.
        t.begin_file("copy.txt", None, 1);
        assert_eq!(t.document(None, B), Verdict::Duplicate);
        let (state, counts) = t.finish(Some("20260102T000000Z"), None);
        assert_eq!((counts.records_seen, counts.already_seen, counts.new), (5, 3, 2));
        let mut t = Tracker::new(state);
        t.begin_file("copy.txt", None, 1);
        assert_eq!(t.document(None, B), Verdict::AlreadySeen);
    }

    #[test]
    fn unchanged_files_count_their_records_as_already_seen() {
        let mut t = Tracker::new(State::default());
        t.skip_unchanged(7);
        let c = t.counts.clone();
        assert_eq!((c.files_seen, c.files_unchanged, c.records_seen, c.already_seen, c.new), (1, 1, 7, 7, 0));
    }

    #[test]
    fn racy_stats_are_not_trusted() {
        assert!(stat(1).is_racy(1));
        assert!(!stat(1).is_racy(2));
    }
}
