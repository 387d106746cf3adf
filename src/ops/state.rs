//! What earlier runs consumed, so a night only processes what is new.
//!
//! `OUT/_state/state.bin` keeps, per input file, the `stat` it had when last
//! read (size, mtime, ctime, inode: an unchanged file is not even opened) and
//! the identities of the records it produced ([`Ident`]):
//! - a document is identified by (file, doc_id);
//! - a reject by (file, line, reason) (no line for a whole file).
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
//! in OUT (or cannot be read) it is rebuilt from the tables.
//!
//! # Size
//!
//! A 10 GB corpus is ~2.5 million documents, so the state is kept compact,
//! in memory and on disk (~60 bytes per input file plus ~16-40 per document):
//! - a file is known by a 16-byte hash of its [`state_key`] ([`FileKey`]),
//!   its stat by a 64-bit hash ([`StatKey::digest`]);
//! - an identity is a 17-byte `Copy` value: a doc id (32 hex characters) as
//!   its 16 bytes, a reject as its line and a reason code ([`Ident`]);
//! - a file with one record (a `.txt`) holds its identity inline; a file with
//!   many (a JSONL file) holds them sorted in one boxed slice ([`Seen`]);
//! - the loaded files and doc ids are sorted arrays of hashes, searched by
//!   interpolation (`find`); only what a run adds goes to hash tables,
//!   sorted in whenever it doubles.
//!
//! # File format (`FORMAT` 3)
//!
//! Little-endian, written and read as a stream (never whole in memory):
//!
//! ```text
//! "WASTATE\0" format:u32
//! batches:u32   { id:str inputs:u64 documents:u64 rejects:u64 clean:opt extract:opt }
//! derived_by:   opt
//! files:u64     { key:[16] stat:u64 (StatKey::digest, 0 = none) records:u64
//!                 idents:u32 { 0 doc_id:[16] | 1 line:[8] reason:u8 } }
//! blake3 of all the bytes above:[32]
//! str = len:u32 utf-8 bytes
//! opt = 0 | 1 str
//! ```
//!
//! Format 2 (before the ledger recorded stage versions) has no `clean` and
//! `extract`: it loads with both unknown, so a run re-derives those batches.
//!
//! Files are in key order and each file's identities in [`Ident`] order, so
//! the same state always gives the same bytes; the trailing hash detects a
//! torn or corrupt file (which is then rebuilt) and tells a run whether the
//! state it would write is the one already stored.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::{File, Metadata};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::io::atomic::TempFile;
use crate::io::columns::for_each_batch;
use crate::io::out_dir::OutDir;
use crate::schema::ids::{doc_id_key, RejectReason};
use crate::schema::{ColumnValue, RawDocument, Reject, Table};

pub const STATE_DIR: &str = "_state";
pub const STATE_FILE: &str = "state.bin";
const MAGIC: &[u8; 8] = b"WASTATE\0";
const FORMAT: u32 = 3;
/// The format before [`StageVersions`] were recorded: still read.
const FORMAT_WITHOUT_VERSIONS: u32 = 2;

/// Everything the incremental run needs to know about the past.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Every batch in OUT, in id order, with the inputs it accounts for.
    pub batches: Vec<BatchLedger>,
    /// Fingerprint of the program that computed the recomputed tables.
    pub derived_by: Option<String>,
    files: Files,
}

/// The accounting of one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchLedger {
    pub id: String,
    /// New input records of the batch (each has one row in raw_documents or rejects).
    pub inputs: u64,
    pub documents: u64,
    pub rejects: u64,
    /// The versions of the stages that derived the batch's tables.
    pub derived: StageVersions,
}

/// The versions of the stages that derive a batch's tables from the one
/// before (see `pipeline::versions`); `None` is unknown (an older state
/// file) or not derived (`ingest` alone), which a run re-derives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageVersions {
    /// Of the stage that wrote `clean_documents` from `raw_documents`.
    pub clean: Option<String>,
    /// Of the stage that wrote `award_mentions` and `doc_facts` from `clean_documents`.
    pub extract: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileEntry {
    /// The [`StatKey::digest`] of the file's stat when it was read; absent
    /// when it must be read again
    /// (unreadable, or modified too close to the run to trust its mtime).
    pub stat: Option<NonZeroU64>,
    /// Records the file held when last read.
    pub records: u64,
    /// Identities of every record of this file already stored.
    pub seen: Seen,
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

    /// What the state keeps of a stat: only equality matters, so a 64-bit
    /// hash of it (a changed file passing as unchanged has odds of 2^-64).
    pub fn digest(&self) -> NonZeroU64 {
        let mut bytes = [0u8; 32];
        for (chunk, n) in
            bytes.chunks_exact_mut(8).zip([self.len, self.mtime_ns as u64, self.ctime_ns as u64, self.ino])
        {
            chunk.copy_from_slice(&n.to_le_bytes());
        }
        let hash = u64::from_le_bytes(*blake3::hash(&bytes).as_bytes().first_chunk::<8>().expect("32 bytes"));
        NonZeroU64::new(hash).unwrap_or(NonZeroU64::MIN)
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

/// How the state stores a file: the first 16 bytes of the blake3 hash of its
/// [`state_key`] (a collision is as unlikely as one between doc ids).
pub type FileKey = [u8; 16];

pub fn file_key(state_key: &str) -> FileKey {
    first_16(blake3::hash(state_key.as_bytes()).as_bytes())
}

fn first_16(bytes: &[u8; 32]) -> [u8; 16] {
    let mut out = [0; 16];
    out.copy_from_slice(&bytes[..16]);
    out
}

/// The identity of one stored record of a file.
///
/// 17 bytes, 1-byte aligned, no heap: a file's identities are stored as a
/// plain array of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ident {
    /// A document, by doc id ([`doc_key`]).
    Doc([u8; 16]),
    /// A reject: its line (see [`Ident::reject`]) and [`reason_code`].
    Reject { line: [u8; 8], reason: u8 },
}

/// A reject of a whole file (no line) is stored with this line: real lines
/// are positive.
const NO_LINE: i64 = i64::MIN;

impl Ident {
    pub fn doc(doc_id: &str) -> Ident {
        Ident::Doc(doc_key(doc_id))
    }

    /// The line is stored big-endian with the sign bit flipped, so that
    /// identities sort by line number; no line sorts first.
    pub fn reject(line: Option<i64>, reason: &str) -> Ident {
        let line = (line.unwrap_or(NO_LINE) as u64 ^ (1 << 63)).to_be_bytes();
        Ident::Reject { line, reason: reason_code(reason) }
    }
}

/// A doc id as 16 bytes ([`doc_id_key`]: the decoded
/// hex of the ids this program makes, a hash of anything else).
pub fn doc_key(doc_id: &str) -> [u8; 16] {
    doc_id_key(doc_id)
}

/// Reject reasons by their stored code (the position): append new reasons
/// at the end, never reorder.
const REASONS: [RejectReason; 15] = [
    RejectReason::Empty,
    RejectReason::Binary,
    RejectReason::TooShort,
    RejectReason::TooLarge,
    RejectReason::Unreadable,
    RejectReason::MalformedJsonl,
    RejectReason::CorruptGzip,
    RejectReason::Duplicate,
    RejectReason::UnsupportedType,
    RejectReason::NotHtml,
    RejectReason::HttpStatus,
    RejectReason::TruncatedRecord,
    RejectReason::BadDigest,
    RejectReason::MalformedWarc,
    RejectReason::Undecodable,
];

// Stops compiling when `RejectReason` gains a variant: add it to `REASONS`.
const _: fn(RejectReason) = |r| match r {
    RejectReason::Empty
    | RejectReason::Binary
    | RejectReason::TooShort
    | RejectReason::TooLarge
    | RejectReason::Unreadable
    | RejectReason::MalformedJsonl
    | RejectReason::CorruptGzip
    | RejectReason::Duplicate
    | RejectReason::UnsupportedType
    | RejectReason::NotHtml
    | RejectReason::HttpStatus
    | RejectReason::TruncatedRecord
    | RejectReason::BadDigest
    | RejectReason::MalformedWarc
    | RejectReason::Undecodable => {}
};

/// The code of a reason in [`REASONS`]; a reason this program does not
/// know (in tables written by another version) is [`OTHER_REASON`].
pub fn reason_code(reason: &str) -> u8 {
    REASONS.iter().position(|r| r.as_str() == reason).map_or(OTHER_REASON, |i| i as u8)
}

const OTHER_REASON: u8 = u8::MAX;

/// The identities of one file's stored records, sorted and unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// The common case (a `.txt`): one record, inline.
    One(Ident),
    /// None, or two and more (a JSONL file), searched by bisection.
    Many(Box<[Ident]>),
}

impl Default for Seen {
    fn default() -> Self {
        Seen::Many(Box::default())
    }
}

impl Seen {
    pub fn as_slice(&self) -> &[Ident] {
        match self {
            Seen::One(ident) => std::slice::from_ref(ident),
            Seen::Many(idents) => idents,
        }
    }

    pub fn contains(&self, ident: &Ident) -> bool {
        match self {
            Seen::One(one) => one == ident,
            Seen::Many(idents) => idents.binary_search(ident).is_ok(),
        }
    }

    /// From identities in any order, with repeats.
    fn from_vec(mut idents: Vec<Ident>) -> Seen {
        idents.sort_unstable();
        idents.dedup();
        match idents[..] {
            [one] => Seen::One(one),
            _ => Seen::Many(idents.into_boxed_slice()),
        }
    }

    /// These identities and `added`.
    fn with(self, added: Vec<Ident>) -> Seen {
        if added.is_empty() {
            return self;
        }
        let mut all = Vec::with_capacity(self.as_slice().len() + added.len());
        all.extend_from_slice(self.as_slice());
        all.extend(added);
        Seen::from_vec(all)
    }
}

/// The files of the state: sorted by key, plus those first seen in this
/// run, which [`Files::settle`] sorts in (at the end, and whenever they are
/// as many as the sorted ones: the hash index stays small and the sorting
/// costs twice one sort in all).
#[derive(Debug, Clone, Default, PartialEq)]
struct Files {
    /// Sorted by key, unique.
    sorted: Vec<(FileKey, FileEntry)>,
    /// Files first seen in this run, in arrival order, and where each is.
    added: Vec<(FileKey, FileEntry)>,
    added_at: HashMap<FileKey, u32>,
}

impl Files {
    fn get(&self, key: &FileKey) -> Option<&FileEntry> {
        match find(&self.sorted, key, |(k, _)| k) {
            Ok(i) => Some(&self.sorted[i].1),
            Err(_) => self.added_at.get(key).map(|&i| &self.added[i as usize].1),
        }
    }

    fn get_mut(&mut self, key: &FileKey) -> Option<&mut FileEntry> {
        match find(&self.sorted, key, |(k, _)| k) {
            Ok(i) => Some(&mut self.sorted[i].1),
            Err(_) => self.added_at.get(key).map(|&i| &mut self.added[i as usize].1),
        }
    }

    fn get_or_insert(&mut self, key: FileKey) -> &mut FileEntry {
        if let Ok(i) = find(&self.sorted, &key, |(k, _)| k) {
            return &mut self.sorted[i].1;
        }
        let i = match self.added_at.get(&key) {
            Some(&i) => i as usize,
            None => {
                if self.added.len() >= self.sorted.len().max(1 << 16) {
                    self.settle();
                }
                self.added_at.insert(key, self.added.len() as u32);
                self.added.push((key, FileEntry::default()));
                self.added.len() - 1
            }
        };
        &mut self.added[i].1
    }

    /// Sorts the files added in this run in with the others.
    fn settle(&mut self) {
        if self.added.is_empty() {
            return;
        }
        self.added_at = HashMap::new();
        self.sorted.append(&mut self.added);
        self.added = Vec::new();
        // In place: the loaded files may be millions.
        self.sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }

    /// Every file in key order (no copy once settled, as every state
    /// but a [`Tracker`]'s is).
    fn in_order(&self) -> Box<dyn Iterator<Item = &(FileKey, FileEntry)> + '_> {
        if self.added.is_empty() {
            return Box::new(self.sorted.iter());
        }
        let mut all: Vec<_> = self.sorted.iter().chain(&self.added).collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Box::new(all.into_iter())
    }

    fn len(&self) -> usize {
        self.sorted.len() + self.added.len()
    }

    /// From the (file, identity) pairs of stored records, in any order.
    fn from_records(mut records: Vec<(FileKey, Ident)>) -> Files {
        records.sort_unstable();
        records.dedup();
        let mut sorted: Vec<(FileKey, FileEntry)> = Vec::new();
        let mut rest = &records[..];
        while let Some(&(key, _)) = rest.first() {
            let n = rest.iter().take_while(|(k, _)| *k == key).count();
            let seen = match rest[..n] {
                [(_, one)] => Seen::One(one),
                _ => Seen::Many(rest[..n].iter().map(|&(_, ident)| ident).collect()),
            };
            sorted.push((key, FileEntry { stat: None, records: 0, seen }));
            rest = &rest[n..];
        }
        Files { sorted, ..Files::default() }
    }
}

impl State {
    pub fn path(out: &Path) -> PathBuf {
        out.join(STATE_DIR).join(STATE_FILE)
    }

    /// The stored state, or `None` when there is none or it cannot be used
    /// (another format, torn, corrupt): the caller then rebuilds it.
    pub fn load(out: &Path) -> Result<Option<State>> {
        Self::read(&Self::path(out))
    }

    /// [`State::load`] of the file at `path`.
    pub fn read(path: &Path) -> Result<Option<State>> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let len = file.metadata().with_context(|| format!("reading {}", path.display()))?.len();
        match decode(file, len) {
            Ok(state) => Ok(Some(state)),
            Err(e) if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Writes the state to `path` (through a [`TempFile`]), streaming: the encoded state is never whole in memory.
    pub fn write(&self, path: &Path) -> Result<()> {
        let (file, temp) = TempFile::create(path)?;
        let write = || -> io::Result<File> {
            let mut out = BufWriter::with_capacity(1 << 16, Hashing::new(file, u64::MAX));
            self.encode(&mut out)?;
            let Hashing { inner: mut file, hasher, .. } = out.into_inner().map_err(|e| e.into_error())?;
            file.write_all(hasher.finalize().as_bytes())?;
            Ok(file)
        };
        let file = write().with_context(|| format!("writing {}", temp.tmp_path().display()))?;
        temp.persist(file)
    }

    /// Whether the file at `path` holds exactly this state (compares the
    /// blake3 hash of the encoding with the one the file ends with, so
    /// neither is read whole).
    pub fn is_stored_at(&self, path: &Path) -> bool {
        let stored = || -> io::Result<[u8; 32]> {
            use std::io::{Seek, SeekFrom};
            let mut file = File::open(path)?;
            file.seek(SeekFrom::End(-32))?;
            read_array(&mut file)
        };
        stored().is_ok_and(|digest| digest == *self.digest().as_bytes())
    }

    /// The blake3 hash of the encoded state (what [`State::write`] ends with).
    fn digest(&self) -> blake3::Hash {
        let mut out = BufWriter::with_capacity(1 << 16, Hashing::new(io::sink(), u64::MAX));
        self.encode(&mut out).expect("writing to a sink");
        out.into_inner().map_err(|e| e.into_error()).expect("writing to a sink").hasher.finalize()
    }

    fn encode(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT.to_le_bytes())?;
        write_len32(w, self.batches.len())?;
        for b in &self.batches {
            write_str(w, &b.id)?;
            for n in [b.inputs, b.documents, b.rejects] {
                w.write_all(&n.to_le_bytes())?;
            }
            write_opt_str(w, &b.derived.clean)?;
            write_opt_str(w, &b.derived.extract)?;
        }
        write_opt_str(w, &self.derived_by)?;
        w.write_all(&(self.files.len() as u64).to_le_bytes())?;
        for (key, entry) in self.files.in_order() {
            w.write_all(key)?;
            w.write_all(&entry.stat.map_or(0, NonZeroU64::get).to_le_bytes())?;
            w.write_all(&entry.records.to_le_bytes())?;
            let idents = entry.seen.as_slice();
            write_len32(w, idents.len())?;
            for ident in idents {
                match ident {
                    Ident::Doc(id) => {
                        w.write_all(&[0])?;
                        w.write_all(id)?;
                    }
                    Ident::Reject { line, reason } => {
                        w.write_all(&[1])?;
                        w.write_all(line)?;
                        w.write_all(&[*reason])?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds (or replaces) a batch in the ledger with this run's counts and
    /// the versions of the stages that derived its tables.
    pub fn record_batch(&mut self, id: &str, counts: &InputCounts, derived: StageVersions) {
        self.batches.retain(|b| b.id != id);
        self.batches.push(BatchLedger {
            id: id.to_string(),
            inputs: counts.new,
            documents: counts.documents_new,
            rejects: counts.rejected_new,
            derived,
        });
        self.batches.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// The entries of these files alone (no ledger): what a shard of a run
    /// hands to the reduce, which [`apply`](Self::apply)s it to the prior state.
    pub fn files_of(&self, keys: &[FileKey]) -> State {
        let mut sorted: Vec<(FileKey, FileEntry)> =
            keys.iter().filter_map(|k| self.files.get(k).map(|e| (*k, e.clone()))).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sorted.dedup_by(|a, b| a.0 == b.0);
        State { files: Files { sorted, ..Files::default() }, ..State::default() }
    }

    /// Puts the file entries of `delta` (from [`files_of`](Self::files_of))
    /// in place of this state's.
    pub fn apply(&mut self, delta: State) {
        for (key, entry) in delta.files.sorted.into_iter().chain(delta.files.added) {
            *self.files.get_or_insert(key) = entry;
        }
        self.files.settle();
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
        let mut state = State::default();
        let mut records: Vec<(FileKey, Ident)> = Vec::new();
        let mut keys = KeyCache::default();
        for id in ids {
            // Read a record batch at a time: a batch may hold millions of rows.
            let mut documents = 0;
            for_each_batch(&out.batch_dir(RawDocument::NAME, &id), &["doc_id", "source_path"], |columns| {
                let doc_ids = String::from_array(columns[0].as_ref())?;
                let paths = String::from_array(columns[1].as_ref())?;
                for (doc_id, path) in doc_ids.iter().zip(&paths) {
                    records.push((keys.get(path), Ident::doc(doc_id)));
                }
                documents += doc_ids.len() as u64;
                Ok(())
            })?;
            let mut rejects = 0;
            let columns = ["source_path", "source_line", "reason"];
            for_each_batch(&out.batch_dir(Reject::NAME, &id), &columns, |columns| {
                let paths = String::from_array(columns[0].as_ref())?;
                let lines = Option::<i64>::from_array(columns[1].as_ref())?;
                let reasons = String::from_array(columns[2].as_ref())?;
                for ((path, line), reason) in paths.iter().zip(&lines).zip(&reasons) {
                    records.push((keys.get(path), Ident::reject(*line, reason)));
                }
                rejects += paths.len() as u64;
                Ok(())
            })?;
            // Which build derived the batch is not in its tables: unknown, re-derived.
            let derived = StageVersions::default();
            state.batches.push(BatchLedger { id, inputs: documents + rejects, documents, rejects, derived });
        }
        state.files = Files::from_records(records);
        Ok(state)
    }

    /// Every doc id stored, sorted and unique.
    fn seen_doc_ids(&self) -> Box<[[u8; 16]]> {
        let mut ids: Vec<[u8; 16]> = (self.files.sorted.iter().chain(&self.files.added))
            .flat_map(|(_, entry)| entry.seen.as_slice())
            .filter_map(|ident| match ident {
                Ident::Doc(id) => Some(*id),
                Ident::Reject { .. } => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }
}

/// Where `key` is (`Ok`) or would go (`Err`) in `items`, sorted by their
/// 16-byte keys. The keys are hashes, spread evenly, so the search first
/// guesses where the key should be from its value (interpolation search: a
/// few probes, where bisecting millions of entries costs ~21 cache misses),
/// then bisects what is left.
fn find<T>(items: &[T], key: &[u8; 16], key_of: impl Fn(&T) -> &[u8; 16]) -> Result<usize, usize> {
    let top = |k: &[u8; 16]| u64::from_be_bytes(*k.first_chunk::<8>().expect("16 bytes"));
    let target = top(key);
    // The answer is in lo..=hi; the keys of items[lo..hi] start with lo_top..=hi_top.
    let (mut lo, mut hi) = (0, items.len());
    let (mut lo_top, mut hi_top) = (0u64, u64::MAX);
    for _ in 0..8 {
        if hi - lo < 16 || target < lo_top || target > hi_top {
            break;
        }
        let offset = u128::from(target - lo_top) * (hi - lo) as u128 / (u128::from(hi_top - lo_top) + 1);
        let guess = lo + offset as usize;
        let probe = key_of(&items[guess]);
        match probe.cmp(key) {
            std::cmp::Ordering::Equal => return Ok(guess),
            std::cmp::Ordering::Less => (lo, lo_top) = (guess + 1, top(probe)),
            std::cmp::Ordering::Greater => (hi, hi_top) = (guess, top(probe)),
        }
    }
    match items[lo..hi].binary_search_by(|item| key_of(item).cmp(key)) {
        Ok(i) => Ok(lo + i),
        Err(i) => Err(lo + i),
    }
}

/// The file key of the last source path (a JSONL file's rows repeat it).
#[derive(Default)]
struct KeyCache {
    path: String,
    key: FileKey,
}

impl KeyCache {
    fn get(&mut self, path: &str) -> FileKey {
        if self.path != path || self.path.is_empty() {
            self.key = file_key(&state_key(Path::new(path)));
            self.path = path.to_string();
        }
        self.key
    }
}

/// Reads a state file of `len` bytes, checking its format, its order and
/// its hash. Errors are `InvalidData` or `UnexpectedEof` for a file that is
/// not a whole state of this format.
fn decode(file: File, len: u64) -> io::Result<State> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("state file: {what}"));
    let body_len = len.checked_sub(32).ok_or_else(|| invalid("too short"))?;
    let mut r = BufReader::with_capacity(1 << 16, Hashing::new(file, body_len));
    if &read_array::<8>(&mut r)? != MAGIC {
        return Err(invalid("not a state file"));
    }
    let has_versions = match read_u64_from::<4>(&mut r)? {
        f if f == u64::from(FORMAT) => true,
        f if f == u64::from(FORMAT_WITHOUT_VERSIONS) => false,
        _ => return Err(invalid("not this format")),
    };
    let mut state = State::default();
    let batches = read_u64_from::<4>(&mut r)?;
    for _ in 0..batches {
        let id = read_str(&mut r, len)?;
        let [inputs, documents, rejects] = [read_u64(&mut r)?, read_u64(&mut r)?, read_u64(&mut r)?];
        let derived = match has_versions {
            true => StageVersions { clean: read_opt_str(&mut r, len)?, extract: read_opt_str(&mut r, len)? },
            false => StageVersions::default(),
        };
        state.batches.push(BatchLedger { id, inputs, documents, rejects, derived });
    }
    state.derived_by = read_opt_str(&mut r, len)?;
    let files = read_u64(&mut r)?;
    // Each file takes at least 36 bytes: a corrupt count cannot reserve more
    // than the file could hold.
    let mut sorted: Vec<(FileKey, FileEntry)> = Vec::with_capacity(files.min(len / 36) as usize);
    for _ in 0..files {
        let key: FileKey = read_array(&mut r)?;
        if sorted.last().is_some_and(|(last, _)| *last >= key) {
            return Err(invalid("files out of order"));
        }
        let stat = NonZeroU64::new(read_u64(&mut r)?);
        let records = read_u64(&mut r)?;
        let count = read_u64_from::<4>(&mut r)?;
        let mut idents: Vec<Ident> = Vec::with_capacity(count.min(len / 17) as usize);
        for _ in 0..count {
            let ident = match read_array::<1>(&mut r)? {
                [0] => Ident::Doc(read_array(&mut r)?),
                [1] => Ident::Reject { line: read_array(&mut r)?, reason: read_array::<1>(&mut r)?[0] },
                _ => return Err(invalid("bad identity")),
            };
            if idents.last().is_some_and(|last| *last >= ident) {
                return Err(invalid("identities out of order"));
            }
            idents.push(ident);
        }
        let seen = match idents[..] {
            [one] => Seen::One(one),
            _ => Seen::Many(idents.into_boxed_slice()),
        };
        sorted.push((key, FileEntry { stat, records, seen }));
    }
    state.files = Files { sorted, ..Files::default() };
    let digest: [u8; 32] = read_array(&mut r)?;
    if r.fill_buf()?.is_empty() && digest == *r.get_ref().hasher.finalize().as_bytes() && r.get_ref().read == len {
        Ok(state)
    } else {
        Err(invalid("hash mismatch or trailing bytes"))
    }
}

/// Hashes the bytes that pass through it (when reading, only the first
/// `hashed` bytes: the trailing hash is not part of what it covers).
struct Hashing<T> {
    inner: T,
    hasher: blake3::Hasher,
    hashed: u64,
    read: u64,
}

impl<T> Hashing<T> {
    fn new(inner: T, hashed: u64) -> Self {
        Hashing { inner, hasher: blake3::Hasher::new(), hashed, read: 0 }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let covered = self.hashed.saturating_sub(self.read).min(n as u64) as usize;
        self.hasher.update(&buf[..covered]);
        self.read += n as u64;
        Ok(n)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn read_array<const N: usize>(r: &mut impl Read) -> io::Result<[u8; N]> {
    let mut buf = [0; N];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    Ok(u64::from_le_bytes(read_array(r)?))
}

/// An unsigned little-endian integer of `N` <= 8 bytes.
fn read_u64_from<const N: usize>(r: &mut impl Read) -> io::Result<u64> {
    let mut buf = [0; 8];
    buf[..N].copy_from_slice(&read_array::<N>(r)?);
    Ok(u64::from_le_bytes(buf))
}

fn read_str(r: &mut impl Read, file_len: u64) -> io::Result<String> {
    let n = read_u64_from::<4>(r)?;
    if n > file_len {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "state file: string longer than the file"));
    }
    let mut buf = vec![0; n as usize];
    r.read_exact(&mut buf)?;
    String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// An optional string: a flag byte, then the string if there is one.
fn read_opt_str(r: &mut impl Read, file_len: u64) -> io::Result<Option<String>> {
    match read_array::<1>(r)? {
        [0] => Ok(None),
        [1] => Ok(Some(read_str(r, file_len)?)),
        _ => Err(io::Error::new(io::ErrorKind::InvalidData, "state file: bad flag")),
    }
}

fn write_opt_str(w: &mut impl Write, s: &Option<String>) -> io::Result<()> {
    match s {
        None => w.write_all(&[0]),
        Some(s) => {
            w.write_all(&[1])?;
            write_str(w, s)
        }
    }
}

fn write_len32(w: &mut impl Write, n: usize) -> io::Result<()> {
    let n = u32::try_from(n).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "state: count over 2^32"))?;
    w.write_all(&n.to_le_bytes())
}

fn write_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    write_len32(w, s.len())?;
    w.write_all(s.as_bytes())
}

/// Inputs of one run, as counted in the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Records of the web archives read this run, by WARC-Type: each
    /// `response` and `conversion` record is one of the records above (a
    /// document or a reject), the other types hold no page.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub warc_records: BTreeMap<String, u64>,
}

impl InputCounts {
    /// Adds the counts of another shard of the same run.
    pub fn add(&mut self, other: &InputCounts) {
        self.files_seen += other.files_seen;
        self.files_unchanged += other.files_unchanged;
        self.files_read += other.files_read;
        self.records_seen += other.records_seen;
        self.already_seen += other.already_seen;
        self.new += other.new;
        self.documents_new += other.documents_new;
        self.rejected_new += other.rejected_new;
        add_by_name(&mut self.rejected_by_reason, &other.rejected_by_reason);
        add_by_name(&mut self.warc_records, &other.warc_records);
    }
}

/// Adds counts by name to others.
fn add_by_name(to: &mut BTreeMap<String, u64>, more: &BTreeMap<String, u64>) {
    for (name, n) in more {
        *to.entry(name.clone()).or_default() += n;
    }
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

/// What a [`Tracker`] found: the state with this run's files, the counts,
/// and the files it read (whose entries [`State::files_of`] hands on).
#[derive(Debug)]
pub struct Tracked {
    pub state: State,
    pub counts: InputCounts,
    pub read: Vec<FileKey>,
}

/// Classifies this run's records against the prior state and builds the next one.
pub struct Tracker {
    state: State,
    docs: DocIds,
    /// The files read (in order), whose entries this run rewrote.
    read: Vec<FileKey>,
    /// The file whose records are being classified.
    current: Option<OpenFile>,
    pub counts: InputCounts,
}

/// A file between [`Tracker::begin_file`] and the next one (or the end):
/// its identities before this run, taken out of its entry (not copied), and
/// those this run adds, merged back when it closes.
struct OpenFile {
    key: FileKey,
    prior: Seen,
    added: Vec<Ident>,
}

/// Every doc id stored: sorted, plus this run's, merged in whenever they
/// are as many (so the hash set stays small).
struct DocIds {
    stored: Box<[[u8; 16]]>,
    added: HashSet<[u8; 16]>,
}

impl DocIds {
    fn contains(&self, id: &[u8; 16]) -> bool {
        find(&self.stored, id, |k| k).is_ok() || self.added.contains(id)
    }

    /// Adds an id it does not contain.
    fn add(&mut self, id: [u8; 16]) {
        self.added.insert(id);
        if self.added.len() >= self.stored.len().max(1 << 16) {
            let mut all = Vec::with_capacity(self.stored.len() + self.added.len());
            all.extend_from_slice(&self.stored);
            all.extend(std::mem::take(&mut self.added));
            all.sort_unstable();
            self.stored = all.into_boxed_slice();
        }
    }
}

impl Tracker {
    pub fn new(prior: State) -> Self {
        let docs = DocIds { stored: prior.seen_doc_ids(), added: HashSet::new() };
        Tracker { state: prior, docs, read: Vec::new(), current: None, counts: InputCounts::default() }
    }

    /// The number of records of `path` if its stat is unchanged since it was read.
    pub fn unchanged_records(&self, path: &str, stat: &StatKey) -> Option<u64> {
        let entry = self.state.files.get(&file_key(path))?;
        (entry.stat == Some(stat.digest())).then_some(entry.records)
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
        self.close_file();
        self.counts.files_seen += 1;
        self.counts.files_read += 1;
        let key = file_key(path);
        self.read.push(key);
        let entry = self.state.files.get_or_insert(key);
        entry.stat = stat.as_ref().map(StatKey::digest);
        entry.records = records as u64;
        let prior = std::mem::take(&mut entry.seen);
        self.current = Some(OpenFile { key, prior, added: Vec::new() });
    }

    /// More records of the open file (a web archive is read part by part).
    pub fn more_records(&mut self, records: usize) {
        let key = self.open_file().key;
        self.state.files.get_mut(&key).expect("entry created by begin_file").records += records as u64;
    }

    /// Counts the records of a web archive by type.
    pub fn warc_records(&mut self, by_type: &BTreeMap<String, u64>) {
        add_by_name(&mut self.counts.warc_records, by_type);
    }

    /// Puts the open file's identities, old and new, back in its entry.
    fn close_file(&mut self) {
        if let Some(OpenFile { key, prior, added }) = self.current.take() {
            self.state.files.get_mut(&key).expect("entry created by begin_file").seen = prior.with(added);
        }
    }

    fn open_file(&mut self) -> &mut OpenFile {
        self.current.as_mut().expect("begin_file before records")
    }

    /// Classifies a decoded document of the current file.
    pub fn document(&mut self, line: Option<i64>, doc_id: &str) -> Verdict {
        self.counts.records_seen += 1;
        let id = doc_key(doc_id);
        let stored_before = self.docs.contains(&id);
        let file = self.open_file();
        let ident = Ident::Doc(id);
        if file.prior.contains(&ident)
            || (stored_before && file.prior.contains(&Ident::reject(line, RejectReason::Duplicate.as_str())))
        {
            self.counts.already_seen += 1;
            return Verdict::AlreadySeen;
        }
        file.added.push(ident);
        self.counts.new += 1;
        if !stored_before {
            self.docs.add(id);
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
        let ident = Ident::reject(line, reason);
        let file = self.open_file();
        if file.prior.contains(&ident) {
            self.counts.already_seen += 1;
            return false;
        }
        file.added.push(ident);
        self.counts.new += 1;
        self.count_reject(reason);
        true
    }

    fn count_reject(&mut self, reason: &str) {
        self.counts.rejected_new += 1;
        *self.counts.rejected_by_reason.entry(reason.to_string()).or_default() += 1;
    }

    /// The state with this run's files (the ledger as it was), the counts and the files read.
    pub fn finish_files(mut self) -> Tracked {
        self.close_file();
        drop(self.docs);
        self.state.files.settle();
        Tracked { state: self.state, counts: self.counts, read: self.read }
    }

    /// The state after this run: its batch (if any) appended to the ledger.
    pub fn finish(self, batch: Option<&str>, derived_by: Option<String>) -> (State, InputCounts) {
        let Tracked { mut state, counts, .. } = self.finish_files();
        if let Some(id) = batch {
            state.record_batch(id, &counts, StageVersions::default());
        }
        state.derived_by = derived_by;
        (state, counts)
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
    fn shards_applied_to_the_prior_state_equal_one_tracker_over_all_files() {
        let mut t = Tracker::new(State::default());
        t.begin_file("old.txt", Some(stat(1)), 1);
        t.document(None, A);
        let (prior, _) = t.finish(Some("20260101T000000Z"), None);

        // One tracker reads both files; two shards read one file each.
        let read = |t: &mut Tracker, file: &str, len: u64| {
            t.begin_file(file, Some(stat(len)), 2);
            t.document(Some(1), B);
            t.reject(Some(2), "too_short");
        };
        let mut whole = Tracker::new(prior.clone());
        read(&mut whole, "old.txt", 2);
        read(&mut whole, "new.jsonl", 3);
        let whole = whole.finish_files().state;
        let mut merged = prior.clone();
        for (file, len) in [("new.jsonl", 3), ("old.txt", 2)] {
            let mut shard = Tracker::new(prior.clone());
            read(&mut shard, file, len);
            let tracked = shard.finish_files();
            let delta = tracked.state.files_of(&tracked.read);
            assert_eq!(delta.files.len(), 1);
            assert!(delta.batches.is_empty());
            merged.apply(delta);
        }
        assert_eq!(merged.digest(), whole.digest());
        assert_eq!(merged.batches, prior.batches);
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

    /// A state with text files, a JSONL file of many records and rejects
    /// with and without lines, over two nights.
    fn sample() -> State {
        let mut t = Tracker::new(State::default());
        for i in 0..20u64 {
            t.begin_file(&format!("/in/page-{i}.txt"), Some(stat(i)), 1);
            t.document(None, &hex(i));
        }
        t.begin_file("/in/empty.txt", None, 1);
        t.reject(None, "empty");
        t.begin_file("/in/feed.jsonl", Some(stat(99)), 1000);
        for line in 1..=1000i64 {
            match line % 10 {
                0 => assert!(t.reject(Some(line), "malformed_jsonl")),
                _ => assert_ne!(t.document(Some(line), &hex(1000 + line as u64 % 900)), Verdict::AlreadySeen),
            }
        }
        let (state, _) = t.finish(Some("20260101T000000Z"), Some("build-1".into()));
        let mut t = Tracker::new(state);
        t.begin_file("/in/feed.jsonl", Some(stat(100)), 1001);
        assert!(t.reject(Some(1001), "a_reason_from_another_version"));
        t.finish(Some("20260102T000000Z"), None).0
    }

    fn hex(i: u64) -> String {
        blake3::hash(&i.to_le_bytes()).to_hex()[..32].to_string()
    }

    #[test]
    fn identities_are_small() {
        assert_eq!(std::mem::size_of::<Ident>(), 17);
        assert!(std::mem::size_of::<Seen>() <= 24, "{}", std::mem::size_of::<Seen>());
        assert_eq!(std::mem::size_of::<FileEntry>(), 40);
    }

    #[test]
    fn doc_ids_are_stored_as_their_bytes() {
        let id = hex(7);
        assert_eq!(doc_key(&id), *blake3::hash(&7u64.to_le_bytes()).as_bytes().first_chunk::<16>().unwrap());
        // Not an id this program makes: still one identity, distinct.
        assert_ne!(doc_key(&id.to_uppercase()), doc_key(&id));
        assert_eq!(doc_key("x"), doc_key("x"));
        assert_ne!(doc_key("x"), doc_key("y"));
        assert_ne!(Ident::reject(None, "empty"), Ident::reject(Some(1), "empty"));
        assert_ne!(Ident::reject(Some(1), "empty"), Ident::reject(Some(1), "binary"));
        assert!(Ident::reject(Some(-1), "empty") < Ident::reject(Some(2), "empty"));
        for r in REASONS {
            assert_eq!(REASONS[reason_code(r.as_str()) as usize], r);
        }
    }

    #[test]
    fn the_state_round_trips_through_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample();
        assert_eq!(state.files.len(), 22);
        assert_eq!(state.files.get(&file_key("/in/feed.jsonl")).unwrap().seen.as_slice().len(), 810 + 100 + 1); // a duplicate line holds the identity of its document
        let path = State::path(dir.path());
        assert!(!state.is_stored_at(&path));
        state.write(&path).unwrap();
        assert!(state.is_stored_at(&path));
        let loaded = State::load(dir.path()).unwrap().expect("loads");
        assert_eq!(loaded, state);
        assert_eq!(loaded.batch_ids(), ["20260101T000000Z", "20260102T000000Z"]);
        assert_eq!(loaded.derived_by, None);

        // Deterministic: the same state, rebuilt in another order, gives the same bytes.
        let bytes = std::fs::read(&path).unwrap();
        let mut t = Tracker::new(State::default());
        for i in (0..20u64).rev() {
            t.begin_file(&format!("/in/page-{i}.txt"), Some(stat(i)), 1);
            t.document(None, &hex(i));
        }
        let (other, _) = t.finish(None, None);
        let (mut t, mut u) = (Tracker::new(state.clone()), Tracker::new(other));
        t.begin_file("/in/page-3.txt", None, 1);
        u.begin_file("/in/page-3.txt", None, 1);
        let _ = (t.finish(None, None), u.finish(None, None));
        state.write(&dir.path().join("again")).unwrap();
        assert_eq!(std::fs::read(dir.path().join("again")).unwrap(), bytes);

        // A changed state is not the stored one.
        let mut t = Tracker::new(loaded);
        t.begin_file("/in/new.txt", None, 1);
        assert_eq!(t.document(None, &hex(5000)), Verdict::New);
        assert!(!t.finish(None, None).0.is_stored_at(&path));
    }

    #[test]
    fn stage_versions_round_trip_and_a_format_2_file_loads_them_as_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = State::path(dir.path());
        let mut state = sample();
        state.batches[0].derived = StageVersions { clean: Some("c1".into()), extract: None };
        state.batches[1].derived = StageVersions { clean: Some("c2".into()), extract: Some("e2".into()) };
        state.write(&path).unwrap();
        assert_eq!(State::load(dir.path()).unwrap(), Some(state));

        // Format 2, as the build before this one wrote it: one batch, no versions.
        let mut bytes = MAGIC.to_vec();
        bytes.extend(2u32.to_le_bytes());
        bytes.extend(1u32.to_le_bytes());
        bytes.extend(16u32.to_le_bytes());
        bytes.extend(b"20260101T000000Z");
        for n in [3u64, 2, 1] {
            bytes.extend(n.to_le_bytes());
        }
        bytes.extend([1]);
        bytes.extend(5u32.to_le_bytes());
        bytes.extend(b"build");
        bytes.extend(0u64.to_le_bytes()); // no files
        let digest = *blake3::hash(&bytes).as_bytes();
        bytes.extend(digest);
        std::fs::write(&path, &bytes).unwrap();
        let old = State::load(dir.path()).unwrap().expect("a format-2 state loads");
        let ledger = BatchLedger {
            id: "20260101T000000Z".into(),
            inputs: 3,
            documents: 2,
            rejects: 1,
            derived: StageVersions::default(),
        };
        assert_eq!((old.batches, old.derived_by), (vec![ledger], Some("build".to_string())));
    }

    #[test]
    fn a_loaded_state_recognizes_every_record() {
        let dir = tempfile::tempdir().unwrap();
        sample().write(&State::path(dir.path())).unwrap();
        let mut t = Tracker::new(State::load(dir.path()).unwrap().unwrap());
        assert_eq!(t.unchanged_records("/in/page-4.txt", &stat(4)), Some(1));
        for changed in [StatKey { ino: 5, ..stat(4) }, StatKey { mtime_ns: 2, ..stat(4) }, stat(5)] {
            assert_eq!(t.unchanged_records("/in/page-4.txt", &changed), None);
        }
        assert_eq!(t.unchanged_records("/in/empty.txt", &stat(0)), None);
        assert_eq!(t.unchanged_records("/in/feed.jsonl", &stat(100)), Some(1001));
        t.begin_file("/in/feed.jsonl", Some(stat(101)), 1002);
        for line in 1..=1000i64 {
            match line % 10 {
                0 => assert!(!t.reject(Some(line), "malformed_jsonl")),
                _ => assert_eq!(t.document(Some(line), &hex(1000 + line as u64 % 900)), Verdict::AlreadySeen),
            }
        }
        assert!(!t.reject(Some(1001), "a_reason_from_another_version"));
        assert!(t.reject(Some(1001), "empty"));
        assert_eq!(t.document(Some(1002), &hex(3)), Verdict::Duplicate); // stored from page-3.txt
        t.begin_file("/in/empty.txt", None, 1);
        assert!(!t.reject(None, "empty"));
        let (_, c) = t.finish(None, None);
        assert_eq!((c.records_seen, c.already_seen, c.new, c.rejected_new), (1004, 1002, 2, 2));
    }

    #[test]
    fn a_run_with_many_new_files_sorts_them_in_as_it_goes() {
        let mut t = Tracker::new(State::default());
        for i in 0..70_000u64 {
            t.begin_file(&format!("/in/{i}.txt"), Some(stat(i)), 1);
            assert_eq!(t.document(None, &hex(i)), Verdict::New);
        }
        // Past 65,536 files and doc ids, some were sorted in: all still found.
        assert!(!t.state.files.sorted.is_empty() && !t.state.files.added.is_empty());
        assert!(!t.docs.stored.is_empty());
        assert_eq!(t.unchanged_records("/in/5.txt", &stat(5)), Some(1));
        assert_eq!(t.unchanged_records("/in/69999.txt", &stat(69999)), Some(1));
        t.begin_file("/in/copy.txt", None, 1);
        assert_eq!(t.document(None, &hex(5)), Verdict::Duplicate);
        t.begin_file("/in/copy-2.txt", None, 1);
        assert_eq!(t.document(None, &hex(69_998)), Verdict::Duplicate);
        // One file met twice in a run (two spellings of its path): already seen.
        t.begin_file("/in/3.txt", None, 1);
        assert_eq!(t.document(None, &hex(3)), Verdict::AlreadySeen);
        t.begin_file("/in/69999.txt", None, 1);
        assert_eq!(t.document(None, &hex(69_999)), Verdict::AlreadySeen);
        let (state, c) = t.finish(None, None);
        assert_eq!((c.documents_new, c.rejected_new, c.already_seen), (70_000, 2, 2));
        assert_eq!(state.files.len(), 70_002);
        assert!(state.files.added.is_empty());
        assert!(state.files.sorted.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(state.seen_doc_ids().len(), 70_000);
    }

    #[test]
    fn interpolation_search_agrees_with_bisection() {
        let hashed = |i: u64| *blake3::hash(&i.to_le_bytes()).as_bytes().first_chunk::<16>().unwrap();
        let mut skewed: Vec<[u8; 16]> = (0..5000u64).map(|i| hashed(i % 50)).collect();
        skewed.extend((0..5000u64).map(|i| [(i % 7) as u8; 16]));
        for n in [0usize, 1, 2, 15, 16, 17, 1000, 100_000] {
            let mut keys: Vec<[u8; 16]> = (0..n as u64).map(|i| hashed(2 * i)).collect();
            keys.sort_unstable();
            for i in 0..2000u64.min(2 * n as u64 + 2) {
                let key = hashed(i);
                assert_eq!(find(&keys, &key, |k| k), keys.binary_search(&key), "n {n} key {i}");
            }
            for key in [[0; 16], [0xff; 16]] {
                assert_eq!(find(&keys, &key, |k| k), keys.binary_search(&key));
            }
        }
        // Not evenly spread (repeats, clusters): still right.
        skewed.sort_unstable();
        for key in (0..100u64).map(hashed).chain((0..10u8).map(|b| [b; 16])) {
            assert_eq!(find(&skewed, &key, |k| k).is_ok(), skewed.binary_search(&key).is_ok());
        }
    }

    #[test]
    fn a_torn_or_corrupt_state_file_loads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = State::path(dir.path());
        assert_eq!(State::load(dir.path()).unwrap(), None);
        let mut small = sample();
        small.files.sorted.truncate(3);
        small.write(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(State::load(dir.path()).unwrap().is_some());
        for len in 0..bytes.len() {
            std::fs::write(&path, &bytes[..len]).unwrap();
            assert_eq!(State::load(dir.path()).unwrap(), None, "truncated to {len}");
        }
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x20;
            std::fs::write(&path, &flipped).unwrap();
            assert_eq!(State::load(dir.path()).unwrap(), None, "byte {i} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(State::load(dir.path()).unwrap(), None);
        // Counts that claim more than the file holds reserve nothing huge.
        let mut huge = MAGIC.to_vec();
        huge.extend(FORMAT.to_le_bytes());
        huge.extend([0, 0, 0, 0, 0]);
        huge.extend(u64::MAX.to_le_bytes());
        huge.extend([0; 40]);
        std::fs::write(&path, &huge).unwrap();
        assert_eq!(State::load(dir.path()).unwrap(), None);
        // The format-1 JSON state.
        std::fs::write(&path, br#"{"format":1,"batches":[],"derived_by":null,"files":{}}"#).unwrap();
        assert_eq!(State::load(dir.path()).unwrap(), None);
    }
}

/// Memory of the state at scale (run by hand: `cargo test --release --lib
/// state_memory -- --ignored --nocapture --test-threads=1`).
#[cfg(test)]
mod memory {
    use super::*;

    fn status_kb(field: &str) -> i64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with(field)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    fn hex_id(i: u64) -> String {
        blake3::hash(&i.to_le_bytes()).to_hex()[..32].to_string()
    }

    fn night(prior: State, files: u64, per_file: u64) -> State {
        let mut t = Tracker::new(prior);
        for f in 0..files {
            let path = format!(
                "/srv/welfare-awards/input/2026/11/23/news-{f:09}.{}",
                if per_file > 1 { "jsonl" } else { "txt" }
            );
            t.begin_file(&path, Some(StatKey { len: f, mtime_ns: 1, ctime_ns: 1, ino: f }), per_file as usize);
            for r in 0..per_file {
                let line = (per_file > 1).then_some(r as i64 + 1);
                t.document(line, &hex_id(f * per_file + r));
            }
        }
        t.finish(Some("20261123T020000Z"), None).0
    }

    /// `STATE_MEMORY=<files>x<records per file>` (default 300000x1): the
    /// peak and retained RSS growth over two nights, per document.
    #[test]
    #[ignore]
    fn state_memory() {
        let spec = std::env::var("STATE_MEMORY").unwrap_or_else(|_| "300000x1".into());
        let (files, per_file) = spec.split_once('x').unwrap();
        let (files, per_file): (u64, u64) = (files.parse().unwrap(), per_file.parse().unwrap());
        let docs = (files * per_file) as f64;
        let base = status_kb("VmRSS:");
        let t = std::time::Instant::now();
        let state = night(State::default(), files, per_file);
        let (first_peak, first_s) = (status_kb("VmHWM:"), t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        let _ = std::fs::write("/proc/self/clear_refs", "5"); // resets VmHWM
        let state = night(state, files, per_file);
        let second_s = t.elapsed().as_secs_f64();
        let (peak, kept) = (status_kb("VmHWM:"), status_kb("VmRSS:"));
        let per_doc = |kb: i64| (kb - base) as f64 * 1024.0 / docs;
        println!(
            "{files} files x {per_file} records: peak first night {:.0} B/doc, peak second night {:.0} B/doc, \
             state kept {:.0} B/doc; nights took {first_s:.1} s and {second_s:.1} s",
            per_doc(first_peak),
            per_doc(peak),
            per_doc(kept)
        );
        drop(state);
    }
}
