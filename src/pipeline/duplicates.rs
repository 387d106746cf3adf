//! The duplicate decisions across the shards of one run. Each map decides
//! duplicates among its own documents and against what earlier runs stored;
//! documents of the run in other shards it cannot see. The reduce replays
//! every shard's documents in input order ([`decide`], pure) and corrects the
//! shards' files ([`apply`]), so that the outcome is that of one run over
//! all the inputs: a page stored in two shards is one document and one
//! `duplicate` reject, and a copy of another shard's clean text is marked
//! `duplicate_of` the first and reports nothing. The `duplicate` reject is
//! the same whoever decides it, a map or the reduce ([`duplicate_reject`]).

use std::collections::{HashMap, HashSet};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::shard::Shard;
use super::summary::RunSummary;
use crate::io::atomic::TempFile;
use crate::io::out_dir::OutDir;
use crate::io::parquet::{for_each_file_rows, TableWriter};
use crate::ops::state::InputCounts;
use crate::schema::ids::doc_id_key;
use crate::schema::{AwardMention, CleanDocument, DocFact, RawDocument, Reject, RejectReason, Table, UtcMicros};
use crate::stages::ingest::reject;

type Key = [u8; 16];

/// One document a map wrote, in the map's (input) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocEntry {
    /// Position of its input file among all inputs (discovery order).
    pub position: u64,
    /// Its line in the file (0 for a whole file).
    pub line: i64,
    pub doc: Key,
    /// The first 16 bytes of the blake3 hash of its clean text.
    pub text: Key,
    /// The document the map found its clean text in first, if another.
    pub duplicate_of: Option<Key>,
}

impl DocEntry {
    pub fn new(position: u64, raw: &RawDocument, clean: &CleanDocument) -> DocEntry {
        let hash = blake3::hash(clean.clean_text.as_bytes());
        DocEntry {
            position,
            line: raw.source_line.unwrap_or(0),
            doc: doc_id_key(&raw.doc_id),
            text: *hash.as_bytes().first_chunk::<16>().expect("32-byte hash"),
            duplicate_of: clean.duplicate_of.as_deref().map(doc_id_key),
        }
    }
}

/// The `duplicate` reject of a document whose content is stored already.
pub(super) fn duplicate_reject(doc: &RawDocument, at: UtcMicros) -> Reject {
    let message = format!("same content as document {} stored earlier", doc.doc_id);
    let mut r = reject(&doc.source_path, doc.source_line, RejectReason::Duplicate, message, Some(doc.byte_len), at);
    r.record_offset = doc.record_offset;
    r
}

/// What one shard's files must become.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ShardFixes {
    /// Documents an earlier shard holds (same doc id): their rows go, and
    /// each becomes a `duplicate` reject.
    pub copies: HashSet<Key>,
    /// Documents whose clean text an earlier document of another shard has
    /// first: `duplicate_of` that document, their mentions and facts go.
    pub relinked: HashMap<Key, Key>,
    /// Of the copies, those the map had marked a clean-text duplicate.
    pub copies_marked: usize,
    /// Of the relinked, those the map had not marked a duplicate.
    pub newly_marked: usize,
}

impl ShardFixes {
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty() && self.relinked.is_empty()
    }
}

/// Replays the shards' documents in input order, as one run would have
/// seen them, and says what each shard must change.
pub fn decide(shards: &[Vec<DocEntry>]) -> Vec<ShardFixes> {
    let mut order: Vec<(u64, i64, usize, usize)> = Vec::new();
    for (s, docs) in shards.iter().enumerate() {
        order.extend(docs.iter().enumerate().map(|(i, e)| (e.position, e.line, s, i)));
    }
    order.sort_unstable();
    let of_this_run: HashSet<Key> = shards.iter().flatten().map(|e| e.doc).collect();
    let mut fixes = vec![ShardFixes::default(); shards.len()];
    let (mut seen, mut first_text) = (HashSet::new(), HashMap::new());
    for (_, _, s, i) in order {
        let e = &shards[s][i];
        if !seen.insert(e.doc) {
            fixes[s].copies.insert(e.doc);
            fixes[s].copies_marked += usize::from(e.duplicate_of.is_some());
            continue;
        }
        // A stored first document is known to every shard; one of this run's may be in another.
        let first = match e.duplicate_of {
            Some(stored) if !of_this_run.contains(&stored) => Some(stored),
            _ => first_text.get(&e.text).copied(),
        };
        match first {
            None => {
                first_text.insert(e.text, e.doc);
            }
            Some(first) if Some(first) != e.duplicate_of => {
                fixes[s].relinked.insert(e.doc, first);
                fixes[s].newly_marked += usize::from(e.duplicate_of.is_none());
            }
            Some(_) => {}
        }
    }
    fixes
}

/// Rewrites one shard's files of the batch as `fixes` says; returns what
/// that changes in the shard's counts.
pub fn apply(view: &OutDir, batch: &str, shard: Shard, fixes: &ShardFixes, at: UtcMicros) -> Result<Correction> {
    let part = shard.part_name();
    let file = |table: &str| view.batch_dir(table, batch).join(&part);
    let mut copies = Vec::new();
    rewrite::<RawDocument>(&file(RawDocument::NAME), Vec::new(), |doc| {
        if fixes.copies.contains(&doc_id_key(&doc.doc_id)) {
            copies.push(duplicate_reject(&doc, at));
            return None;
        }
        Some(doc)
    })?;
    let copied = copies.len();
    rewrite::<Reject>(&file(Reject::NAME), copies, Some)?;
    rewrite::<CleanDocument>(&file(CleanDocument::NAME), Vec::new(), |mut doc| {
        let key = doc_id_key(&doc.doc_id);
        if let Some(first) = fixes.relinked.get(&key) {
            doc.duplicate_of = Some(hex(first));
        }
        (!fixes.copies.contains(&key)).then_some(doc)
    })?;
    let gone = |doc_id: &str| {
        let key = doc_id_key(doc_id);
        fixes.copies.contains(&key) || fixes.relinked.contains_key(&key)
    };
    let (mut mentions, mut unresolved, mut facts) = (0, 0, 0);
    rewrite::<AwardMention>(&file(AwardMention::NAME), Vec::new(), |m| {
        if !gone(&m.doc_id) {
            return Some(m);
        }
        mentions += 1;
        unresolved += usize::from(m.region_code.is_none());
        None
    })?;
    rewrite::<DocFact>(&file(DocFact::NAME), Vec::new(), |f| {
        facts += usize::from(gone(&f.doc_id));
        (!gone(&f.doc_id)).then_some(f)
    })?;
    Ok(Correction { copies: copied, fixes: fixes.clone(), mentions, unresolved, facts })
}

/// What correcting one shard changed.
#[derive(Debug)]
pub struct Correction {
    pub copies: usize,
    pub fixes: ShardFixes,
    /// Mentions, unresolved mentions and facts removed.
    pub mentions: usize,
    pub unresolved: usize,
    pub facts: usize,
}

impl Correction {
    /// Applies the change to a shard's counts.
    pub fn adjust(&self, summary: &mut RunSummary, counts: &mut InputCounts) {
        let duplicate = RejectReason::Duplicate.as_str().to_string();
        summary.documents -= self.copies;
        summary.clean_documents -= self.copies;
        summary.duplicate_documents = summary.duplicate_documents + self.fixes.newly_marked - self.fixes.copies_marked;
        *summary.rejects_by_reason.entry(duplicate.clone()).or_default() += self.copies;
        summary.mentions -= self.mentions;
        summary.unresolved_mentions -= self.unresolved;
        summary.doc_facts -= self.facts;
        counts.documents_new -= self.copies as u64;
        counts.rejected_new += self.copies as u64;
        *counts.rejected_by_reason.entry(duplicate).or_default() += self.copies as u64;
    }

    /// The change in rows of each table.
    pub fn rows(&self) -> [(&'static str, i64); 5] {
        let c = self.copies as i64;
        [
            (RawDocument::NAME, -c),
            (Reject::NAME, c),
            (CleanDocument::NAME, -c),
            (AwardMention::NAME, -(self.mentions as i64)),
            (DocFact::NAME, -(self.facts as i64)),
        ]
    }
}

fn hex(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

/// Streams the rows of one Parquet file through `edit` (`None` drops a
/// row), appends `extra`, and puts the result in place of the file.
fn rewrite<T: Table>(path: &Path, extra: Vec<T>, mut edit: impl FnMut(T) -> Option<T>) -> Result<()> {
    let dir = path.parent().context("a part file has a directory")?;
    let name = path.file_name().context("a part file has a name")?.to_string_lossy().into_owned();
    let mut writer = TableWriter::<T>::create(dir, &name)?;
    for_each_file_rows::<T>(path, |rows| writer.extend(rows.into_iter().filter_map(&mut edit)))?;
    writer.extend(extra)?;
    writer.finish()?;
    Ok(())
}

const MAGIC: &[u8; 8] = b"WADOCS1\0";

/// Writes a map's document index (`_docs.bin`).
pub fn write_index(path: &Path, docs: &[DocEntry]) -> Result<()> {
    let (file, temp) = TempFile::create(path)?;
    let mut w = BufWriter::new(file);
    let write = |w: &mut BufWriter<_>| -> io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&(docs.len() as u64).to_le_bytes())?;
        for e in docs {
            w.write_all(&e.position.to_le_bytes())?;
            w.write_all(&e.line.to_le_bytes())?;
            w.write_all(&e.doc)?;
            w.write_all(&e.text)?;
            w.write_all(&[u8::from(e.duplicate_of.is_some())])?;
            w.write_all(&e.duplicate_of.unwrap_or_default())?;
        }
        Ok(())
    };
    write(&mut w).with_context(|| format!("writing {}", path.display()))?;
    temp.persist(w.into_inner().map_err(|e| e.into_error())?)
}

/// Reads a map's document index.
pub fn read_index(path: &Path) -> Result<Vec<DocEntry>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut r = BufReader::new(file);
    let read = |r: &mut BufReader<_>| -> io::Result<Option<Vec<DocEntry>>> {
        let mut magic = [0; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Ok(None);
        }
        let n = u64::from_le_bytes(array(r)?);
        let mut docs = Vec::with_capacity(n.min(1 << 24) as usize);
        for _ in 0..n {
            let (position, line) = (u64::from_le_bytes(array(r)?), i64::from_le_bytes(array(r)?));
            let (doc, text) = (array(r)?, array(r)?);
            let (marked, first) = (array::<1>(r)?[0] == 1, array(r)?);
            docs.push(DocEntry { position, line, doc, text, duplicate_of: marked.then_some(first) });
        }
        Ok(Some(docs))
    };
    match read(&mut r).with_context(|| format!("reading {}", path.display()))? {
        Some(docs) => Ok(docs),
        None => bail!("{} is not a document index of this version", path.display()),
    }
}

fn array<const N: usize>(r: &mut impl Read) -> io::Result<[u8; N]> {
    let mut buf = [0; N];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(position: u64, doc: u8, text: u8, duplicate_of: Option<u8>) -> DocEntry {
        DocEntry { position, line: 0, doc: [doc; 16], text: [text; 16], duplicate_of: duplicate_of.map(|d| [d; 16]) }
    }

    #[test]
    fn the_first_in_input_order_wins_across_shards() {
        // Shard 0 holds positions 0, 2; shard 1 holds 1, 3, 5, 7.
        let shard0 = vec![entry(0, 1, 10, None), entry(2, 3, 30, None)];
        let shard1 = vec![
            entry(1, 2, 20, None),
            entry(3, 1, 10, None),    // the page of position 0 again
            entry(5, 8, 10, Some(1)), // its text under another id: a copy of doc 1 either way
            entry(7, 6, 40, Some(9)), // a copy of a stored document, which every shard knows
        ];
        let fixes = decide(&[shard0, shard1]);
        assert_eq!(fixes[1].copies, HashSet::from([[1; 16]]));
        assert_eq!(fixes[1].copies_marked, 0);
        assert!(fixes[1].relinked.is_empty());
        assert!(fixes[0].is_empty());
    }

    #[test]
    fn a_copy_of_another_shards_text_is_relinked_to_the_first() {
        let shard0 = vec![entry(2, 3, 7, None), entry(4, 4, 7, Some(3))];
        let shard1 = vec![entry(1, 2, 7, None)];
        let fixes = decide(&[shard0, shard1]);
        assert_eq!(fixes[0].relinked, HashMap::from([([3; 16], [2; 16]), ([4; 16], [2; 16])]));
        assert_eq!(fixes[0].newly_marked, 1);
        assert!(fixes[1].is_empty());
    }

    #[test]
    fn one_shard_needs_nothing_and_the_index_round_trips() {
        let docs = vec![entry(0, 1, 1, None), entry(1, 2, 1, Some(1)), DocEntry { line: 7, ..entry(2, 3, 3, None) }];
        assert!(decide(std::slice::from_ref(&docs))[0].is_empty());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("_docs.bin");
        write_index(&path, &docs).unwrap();
        assert_eq!(read_index(&path).unwrap(), docs);
        std::fs::write(&path, b"something else").unwrap();
        assert!(read_index(&path).is_err());
    }
}
