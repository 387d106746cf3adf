//! The inputs of one map, streamed in bounded chunks: each input is found,
//! read and decoded (ingest), classified against the incremental state, and
//! its new documents are cleaned, extracted and resolved and written to the
//! shard's files of the batch, several chunks in flight at once (issue 7).
//! A web archive is read part by part ([`super::chunks`]). Every table gets
//! its rows in input order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{anyhow, Result};
use rayon::prelude::*;
use serde_json::json;

use super::batch::BatchIdTaken;
use super::chunks::{files_in, next_chunk, read_found, read_more, rest_first, Chunk, Piece, WarcRead};
use super::duplicates::{duplicate_reject, DocEntry};
use super::shard::ShardInputs;
use super::summary::RunSummary;
use super::DomainData;
use crate::io::input::Found;
use crate::io::out_dir::OutDir;
use crate::io::parquet::TableWriter;
use crate::ops::failpoint;
use crate::ops::log::Log;
use crate::ops::manifest::{round_ms, Stopwatch};
use crate::ops::state::{state_key, StatKey, Tracker, Verdict};
use crate::schema::{AwardMention, CleanDocument, DocFact, RawDocument, Reject, RejectReason, Table, UtcMicros};
use crate::stages::clean::{clean_document, DuplicateIndex};
use crate::stages::extract::{extract_document, Extraction};
use crate::stages::ingest::{IngestOptions, Ingested};
use crate::stages::resolve::resolve_mentions;

/// The per-batch tables of one shard, written as they stream.
pub(super) struct BatchWriters {
    rejects: TableWriter<Reject>,
    documents: DocumentWriters,
}

/// The tables with a row per new document.
struct DocumentWriters {
    raw: TableWriter<RawDocument>,
    /// The tables of the processed documents (none when ingesting alone).
    docs: Option<DocWriters>,
    /// The processed documents, in order, when the reduce must decide
    /// duplicates across shards.
    index: Option<Vec<DocEntry>>,
}

/// The three tables with rows for the documents a shard processed.
struct DocWriters {
    clean: TableWriter<CleanDocument>,
    mentions: TableWriter<AwardMention>,
    facts: TableWriter<DocFact>,
}

impl BatchWriters {
    /// Starts the file `part` in `target`'s partition `batch` of each table
    /// (of `raw_documents` and `rejects` alone unless `process`), keeping an
    /// index of the processed documents if `index`.
    pub fn create(target: &OutDir, batch: &str, part: &str, process: bool, index: bool) -> Result<Self> {
        let docs = match process {
            true => Some(DocWriters {
                clean: TableWriter::create(&target.batch_dir(CleanDocument::NAME, batch), part)?,
                mentions: TableWriter::create(&target.batch_dir(AwardMention::NAME, batch), part)?,
                facts: TableWriter::create(&target.batch_dir(DocFact::NAME, batch), part)?,
            }),
            false => None,
        };
        Ok(BatchWriters {
            rejects: TableWriter::create(&target.batch_dir(Reject::NAME, batch), part)?,
            documents: DocumentWriters {
                raw: TableWriter::create(&target.batch_dir(RawDocument::NAME, batch), part)?,
                docs,
                index: index.then(Vec::new),
            },
        })
    }

    /// Completes the files; returns the rows of each table and the index.
    /// The two text tables compress their last row groups on both cores at
    /// once: the end of a run is otherwise serial (issue 7, thread scaling).
    pub fn finish(self) -> Result<(BTreeMap<String, u64>, Vec<DocEntry>)> {
        let BatchWriters { rejects, documents: DocumentWriters { raw, docs, index } } = self;
        let (raw, (clean, (rejects, others))) = match docs {
            Some(DocWriters { clean, mentions, facts }) => rayon::join(
                || raw.finish(),
                || {
                    rayon::join(
                        || Some(clean.finish()),
                        || (rejects.finish(), Some((mentions.finish(), facts.finish()))),
                    )
                },
            ),
            None => (raw.finish(), (None, (rejects.finish(), None))),
        };
        let mut rows = BTreeMap::from([(RawDocument::NAME.to_string(), raw? as u64)]);
        rows.insert(Reject::NAME.into(), rejects? as u64);
        if let (Some(clean), Some((mentions, facts))) = (clean, others) {
            rows.insert(CleanDocument::NAME.into(), clean? as u64);
            rows.insert(AwardMention::NAME.into(), mentions? as u64);
            rows.insert(DocFact::NAME.into(), facts? as u64);
        }
        Ok((rows, index.unwrap_or_default()))
    }
}

/// Time spent inside each per-document stage, summed over the workers.
#[derive(Debug, Default)]
pub(super) struct WorkerTimes {
    ingest: AtomicU64,
    clean: AtomicU64,
    extract: AtomicU64,
    resolve: AtomicU64,
}

impl WorkerTimes {
    fn add(slot: &AtomicU64, since: Instant) {
        slot.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    pub fn seconds(&self) -> BTreeMap<String, f64> {
        let s = |slot: &AtomicU64| round_ms(slot.load(Ordering::Relaxed) as f64 / 1e9);
        BTreeMap::from([
            ("ingest".to_string(), s(&self.ingest)),
            ("clean".to_string(), s(&self.clean)),
            ("extract".to_string(), s(&self.extract)),
            ("resolve".to_string(), s(&self.resolve)),
        ])
    }
}

/// Runs `f`, turning a panic into its message: a bug hit by one input must
/// fail the run with the name of that input, not a bare backtrace.
fn catch_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// Cleans, extracts and resolves one document (pure; run on the workers).
fn process_document(raw: &RawDocument, ctx: &DomainData, times: &WorkerTimes) -> (CleanDocument, Extraction) {
    let t = Instant::now();
    let clean = clean_document(raw);
    WorkerTimes::add(&times.clean, t);
    let t = Instant::now();
    let mut extraction = extract_document(&clean, &ctx.knowledge);
    WorkerTimes::add(&times.extract, t);
    let t = Instant::now();
    resolve_mentions(&mut extraction.mentions, &clean, &ctx.resolver);
    WorkerTimes::add(&times.resolve, t);
    (clean, extraction)
}

/// What one discovered input is to this run.
enum Looked {
    /// Same stat as when it was read: not opened.
    Unchanged { records: u64 },
    /// Read (or found unreadable) now; `key` is its [`state_key`].
    Read { key: String, stat: Option<StatKey>, items: Vec<Ingested>, warc: Option<WarcRead> },
    /// The next records of the web archive read last.
    More { items: Vec<Ingested>, warc: WarcRead },
}

/// What a map streams, and how.
pub(super) struct Streaming<'a> {
    pub ctx: &'a DomainData,
    pub ingest: &'a IngestOptions,
    /// The batch's time (`ingested_at`, `rejected_at`).
    pub at: UtcMicros,
    /// Files changed at or after this time (ns) are read but their stat is
    /// not kept: a change later in the same clock tick would not show in it.
    pub racy_after_ns: i64,
    /// The batch id when it is taken: the run fails once anything is new.
    pub taken: Option<&'a str>,
    pub times: &'a WorkerTimes,
    pub log: &'a Log,
}

impl Streaming<'_> {
    /// Stats an input and reads it unless the state says it is unchanged;
    /// reads the next part of a web archive being read.
    fn look_at(&self, piece: Piece, tracker: &Tracker) -> std::result::Result<Looked, String> {
        let t = Instant::now();
        let found = match piece {
            Piece::File(_, found) => found,
            Piece::More(_, mut stream) => {
                let (items, record_types, done) = catch_panic(|| read_more(&mut stream))
                    .map_err(|msg| format!("ingesting {} failed: {msg}", stream.path()))?;
                WorkerTimes::add(&self.times.ingest, t);
                return Ok(Looked::More { items, warc: WarcRead { record_types, rest: (!done).then_some(stream) } });
            }
        };
        let key = state_key(found.path());
        let stat = match &found {
            Found::File(path) => std::fs::metadata(path).ok().map(|m| StatKey::of(&m)),
            Found::Unreadable { .. } => None,
        };
        if let Some(records) = stat.as_ref().and_then(|s| tracker.unchanged_records(&key, s)) {
            return Ok(Looked::Unchanged { records });
        }
        let (items, warc) = catch_panic(|| read_found(&found, self.ingest, self.at))
            .map_err(|msg| format!("ingesting {} failed: {msg}", found.path().to_string_lossy()))?;
        WorkerTimes::add(&self.times.ingest, t);
        let unreadable =
            items.iter().any(|i| matches!(i, Ingested::Rejected(r) if r.reason == RejectReason::Unreadable.as_str()));
        let stat = stat.filter(|s| !unreadable && !s.is_racy(self.racy_after_ns));
        Ok(Looked::Read { key, stat, items, warc })
    }

    /// Reads a chunk (workers) and classifies it against the state, in input
    /// order: rejects (and copies of stored documents) are written at once,
    /// the new documents returned for processing, with the rest of a web
    /// archive not read to its end.
    fn read_chunk(
        &self,
        chunk: Chunk,
        tracker: &mut Tracker,
        rejects: &mut TableWriter<Reject>,
        summary: &mut RunSummary,
    ) -> Result<(NewDocs, Option<Piece>)> {
        let positions: Vec<u64> = chunk.iter().map(Piece::position).collect();
        let looked: Vec<_> = chunk.into_par_iter().map(|piece| self.look_at(piece, tracker)).collect();
        let mut new = NewDocs::default();
        let mut rest = None;
        let mut rejected = |r: Reject| {
            summary.add_reject(&r);
            rejects.push(r)
        };
        for (position, looked) in positions.into_iter().zip(looked) {
            let (items, warc) = match looked.map_err(|msg| anyhow!(msg))? {
                Looked::Unchanged { records } => {
                    tracker.skip_unchanged(records);
                    continue;
                }
                Looked::Read { key, stat, items, warc } => {
                    tracker.begin_file(&key, stat, items.len());
                    (items, warc)
                }
                Looked::More { items, warc } => {
                    tracker.more_records(items.len());
                    (items, Some(warc))
                }
            };
            if let Some(warc) = warc {
                tracker.warc_records(&warc.record_types);
                rest = warc.rest.map(|stream| Piece::More(position, stream));
            }
            for item in items {
                match item {
                    Ingested::Document(doc) => match tracker.document(doc.source_line, &doc.doc_id) {
                        Verdict::AlreadySeen => {}
                        Verdict::New => new.push(position, doc),
                        Verdict::Duplicate => rejected(duplicate_reject(&doc, self.at))?,
                    },
                    Ingested::Rejected(r) => {
                        if tracker.reject(r.source_line, &r.reason) {
                            rejected(r)?;
                        }
                    }
                }
            }
        }
        Ok((new, rest))
    }

    /// Cleans, extracts and resolves new documents (workers), unless ingesting alone.
    fn process(&self, new: &NewDocs, process: bool) -> Vec<Processed> {
        if !process {
            return new.docs.iter().map(|_| Ok(None)).collect();
        }
        new.docs.par_iter().map(|raw| catch_panic(|| Some(process_document(raw, self.ctx, self.times)))).collect()
    }

    /// Fails with [`BatchIdTaken`] once anything is new in a taken batch.
    fn check_taken(&self, tracker: &Tracker) -> Result<()> {
        match self.taken {
            Some(id) if tracker.counts.new > 0 => Err(BatchIdTaken(id.to_string()).into()),
            _ => Ok(()),
        }
    }
}

/// A chunk's new documents, with the position of each one's input file.
#[derive(Default)]
struct NewDocs {
    docs: Vec<RawDocument>,
    positions: Vec<u64>,
}

impl NewDocs {
    fn push(&mut self, position: u64, doc: RawDocument) {
        self.docs.push(doc);
        self.positions.push(position);
    }

    fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// What processing made of one document (`None` when ingesting alone).
type Processed = std::result::Result<Option<(CleanDocument, Extraction)>, String>;

/// Writes one processed chunk in input order: marks clean-text duplicates,
/// counts, and appends the rows to the batch's writers.
fn write_processed(
    writers: &mut DocumentWriters,
    mut duplicates: Option<&mut DuplicateIndex>,
    new: NewDocs,
    processed: Vec<Processed>,
) -> Result<RunSummary> {
    let mut written = RunSummary::default();
    for ((raw, position), processed) in new.docs.into_iter().zip(new.positions).zip(processed) {
        let processed =
            processed.map_err(|msg| anyhow!("processing {} (doc_id {}) failed: {msg}", raw.source_path, raw.doc_id))?;
        written.documents += 1;
        if let (Some((mut clean, extraction)), Some(docs), Some(duplicates)) =
            (processed, writers.docs.as_mut(), duplicates.as_deref_mut())
        {
            duplicates.mark(&mut clean);
            if let Some(index) = writers.index.as_mut() {
                index.push(DocEntry::new(position, &raw, &clean));
            }
            written.clean_documents += 1;
            // A copy of an earlier document's text reports nothing new.
            if clean.duplicate_of.is_some() {
                written.duplicate_documents += 1;
            } else {
                written.mentions += extraction.mentions.len();
                written.unresolved_mentions += extraction.mentions.iter().filter(|m| m.region_code.is_none()).count();
                written.doc_facts += extraction.facts.len();
                docs.mentions.extend(extraction.mentions)?;
                docs.facts.extend(extraction.facts)?;
            }
            docs.clean.push(clean)?;
        }
        writers.raw.push(raw)?;
    }
    Ok(written)
}

/// Streams a shard's inputs in chunks into `writers`. Returns the shard's
/// counts. `duplicates` builds the clean-text duplicate index (from the
/// stored documents) when the first document needs it.
pub(super) fn stream(
    s: &Streaming,
    found: ShardInputs,
    tracker: &mut Tracker,
    writers: &mut BatchWriters,
    duplicates: impl FnOnce() -> Result<DuplicateIndex>,
    watch: &mut Stopwatch,
) -> Result<RunSummary> {
    let mut found = found.peekable();
    let bar = s.log.counter("inputs");
    let process = writers.documents.docs.is_some();
    let mut index_of = Some(duplicates);
    let mut duplicates: Option<DuplicateIndex> = None;
    let mut summary = RunSummary::default();
    watch.start("ingest");
    let first = next_chunk(&mut found);
    bar.inc(files_in(&first));
    // Chunk k (read and classified), chunk k + 1 (found), chunk k - 1 (processed).
    let (mut docs, rest) = s.read_chunk(first, tracker, &mut writers.rejects, &mut summary)?;
    // A chunk found while a web archive was half read waits for its end.
    let mut held: Option<Chunk> = None;
    let mut next = rest_first(rest, next_chunk(&mut found), &mut held);
    let mut pending: Option<(NewDocs, Vec<Processed>)> = None;
    s.check_taken(tracker)?;
    while !docs.is_empty() || !next.is_empty() || pending.is_some() {
        if process && pending.is_some() && duplicates.is_none() {
            if let Some(build) = index_of.take() {
                watch.start("duplicate_index");
                duplicates = Some(build()?);
            }
        }
        watch.start("transform");
        // Four things run at once (issue 7): chunk k + 1 is read, decoded
        // and classified against the state, chunk k is cleaned, extracted
        // and resolved, chunk k - 1 is written (Arrow encoding and zstd),
        // and chunk k + 2 is found. Nothing but the workers' steps waits
        // on one core while the other idles. Each table gets its rows in
        // input order, so the output is that of one step at a time.
        let BatchWriters { rejects, documents } = &mut *writers;
        let mut read_summary = RunSummary::default();
        let reading = std::mem::take(&mut next);
        bar.inc(files_in(&reading));
        let waiting = held.take();
        let ((read, processed), (wrote, after_next)) = rayon::join(
            || rayon::join(|| s.read_chunk(reading, tracker, rejects, &mut read_summary), || s.process(&docs, process)),
            || {
                rayon::join(
                    || match pending.take() {
                        Some((new, processed)) => write_processed(documents, duplicates.as_mut(), new, processed),
                        None => Ok(RunSummary::default()),
                    },
                    || waiting.unwrap_or_else(|| next_chunk(&mut found)),
                )
            },
        );
        summary.add(&wrote?);
        summary.add(&read_summary);
        if !docs.is_empty() {
            pending = Some((std::mem::take(&mut docs), processed));
        }
        let (next_docs, rest) = read?;
        docs = next_docs;
        s.check_taken(tracker)?;
        next = rest_first(rest, after_next, &mut held);
        failpoint("run.chunk");
    }
    bar.finish_and_clear();
    log_inputs(s.log, tracker);
    Ok(summary)
}

fn log_inputs(log: &Log, tracker: &Tracker) {
    let c = &tracker.counts;
    log.info("discovered", format!("{} inputs found", c.files_seen), json!({ "inputs": c.files_seen }));
    log.info(
        "inputs_read",
        format!(
            "{} files ({} unchanged, {} read): {} records, {} already seen, {} new documents, {} new rejects",
            c.files_seen,
            c.files_unchanged,
            c.files_read,
            c.records_seen,
            c.already_seen,
            c.documents_new,
            c.rejected_new
        ),
        json!({ "inputs": c }),
    );
}
