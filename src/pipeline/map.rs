//! The map part of a run: one shard of the inputs through ingest → clean →
//! extract → resolve into the shard's file of each batch partition, with
//! the shard's part of the incremental state. Independent of every other
//! shard: it reads the published outputs (the state and the stored
//! documents) and writes only its own files.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::batch::BatchId;
use super::duplicates::DocEntry;
use super::prior::load_state;
use super::shard::{Shard, ShardInputs};
use super::stream::{self, BatchWriters, Streaming, WorkerTimes};
use super::summary::RunSummary;
use super::DomainData;
use crate::io::columns::for_each_batch;
use crate::io::input::Discovery;
use crate::io::out_dir::OutDir;
use crate::ops::log::Log;
use crate::ops::manifest::{StageTime, Stopwatch};
use crate::ops::state::{FileKey, InputCounts, State, Tracked, Tracker};
use crate::schema::{CleanDocument, ColumnValue, Table};
use crate::stages::clean::DuplicateIndex;
use crate::stages::ingest::IngestOptions;

/// One map's work.
pub struct MapTask<'a> {
    /// The published outputs: earlier runs' state and documents are read there.
    pub out: &'a OutDir,
    /// Where the shard's tables are written (laid out like OUT).
    pub target: &'a OutDir,
    pub shard: Shard,
    pub inputs: &'a [String],
    pub ingest: &'a IngestOptions,
    pub batch: &'a BatchId,
    /// The batch exists already: fail once anything is new.
    pub batch_taken: bool,
    /// Read everything as new (no earlier state, no stored documents).
    pub full_refresh: bool,
    /// Clean, extract and resolve (false: ingest alone).
    pub process: bool,
    /// Keep the index of the documents for the reduce (a map among several).
    pub index_docs: bool,
    /// Files changed at or after this time (ns) are read again next time.
    pub racy_after_ns: i64,
}

/// The shard's part of the state after the run.
#[derive(Debug)]
pub enum ShardState {
    /// The prior state with the shard's files (a map run in its reduce's process).
    Whole(State),
    /// The shard's files alone (a map run elsewhere).
    Files(State),
}

/// What one map counted and timed (a map run apart reports it in `_DONE.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MapRecord {
    pub summary: RunSummary,
    pub counts: InputCounts,
    /// Rows written per table.
    pub rows: BTreeMap<String, u64>,
    pub stages: Vec<StageTime>,
    pub worker_seconds: BTreeMap<String, f64>,
    /// How the prior state was obtained: loaded | rebuilt | fresh.
    pub state_origin: String,
}

/// What one map did, for its reduce.
#[derive(Debug)]
pub struct MapOutput {
    pub shard: Shard,
    pub record: MapRecord,
    pub state: ShardState,
    /// The files the shard read (their entries are its part of the state).
    pub read: Vec<FileKey>,
    /// The documents written, in order (for a map among several).
    pub docs: Vec<DocEntry>,
}

/// Runs one map: state, inputs, streaming, files.
pub fn map(task: &MapTask, ctx: &DomainData, log: &Log) -> Result<MapOutput> {
    let mut watch = Stopwatch::new();
    watch.start("state");
    let (prior, origin) = load_state(task.out, task.full_refresh, log)?;
    watch.start("discover");
    // Inputs are listed while they are read (a list of millions of paths
    // would grow with the corpus); a missing --input fails here, before any work.
    let found = ShardInputs::new(Discovery::skipping(task.inputs, Some(task.out.root()))?, task.shard);
    let mut tracker = Tracker::new(prior);
    let part = task.shard.part_name();
    let mut writers = BatchWriters::create(task.target, &task.batch.id, &part, task.process, task.index_docs)?;
    let times = WorkerTimes::default();
    let streaming = Streaming {
        ctx,
        ingest: task.ingest,
        at: task.batch.started,
        racy_after_ns: task.racy_after_ns,
        taken: task.batch_taken.then_some(task.batch.id.as_str()),
        times: &times,
        log,
    };
    let duplicates = || duplicate_index(task.out, task.full_refresh);
    let summary = stream::stream(&streaming, found, &mut tracker, &mut writers, duplicates, &mut watch)?;
    watch.start("write");
    let (rows, docs) = writers.finish()?;
    let Tracked { state, counts, read } = tracker.finish_files();
    let record = MapRecord {
        summary,
        counts,
        rows,
        stages: watch.finish(),
        worker_seconds: times.seconds(),
        state_origin: origin.to_string(),
    };
    Ok(MapOutput { shard: task.shard, record, state: ShardState::Whole(state), read, docs })
}

/// Clean-text duplicates are found across batches: the index starts with
/// every stored clean document, oldest batch first.
fn duplicate_index(out: &OutDir, full_refresh: bool) -> Result<DuplicateIndex> {
    if full_refresh {
        return Ok(DuplicateIndex::default());
    }
    stored_duplicate_index(out, &out.batches(CleanDocument::NAME)?)
}

/// The clean texts of the stored `batches` of `out`, oldest first, to mark
/// later copies as duplicates (only the doc ids and texts are read).
pub(super) fn stored_duplicate_index(out: &OutDir, batches: &[String]) -> Result<DuplicateIndex> {
    let mut index = DuplicateIndex::default();
    for batch in batches {
        for_each_batch(&out.batch_dir(CleanDocument::NAME, batch), &["doc_id", "clean_text"], |columns| {
            let ids = String::from_array(columns[0].as_ref())?;
            let texts = String::from_array(columns[1].as_ref())?;
            for (id, text) in ids.into_iter().zip(texts) {
                let mut doc = CleanDocument::from_text(&id, "");
                doc.clean_text = text;
                index.mark(&mut doc);
            }
            Ok(())
        })?;
    }
    Ok(index)
}
