//! Wires the stages to the tables: reads inputs, runs each stage, writes each
//! table. `run` streams documents through ingest → clean → extract → resolve
//! in bounded chunks (rayon inside a chunk), then rebuilds the recomputed
//! tables (`awards`, `regions`, `agg_*`) from everything stored.
//!
//! A run is incremental and transactional ([`run_nightly`]): only inputs not
//! stored before become a new batch, everything is written to a staging
//! directory and published by renames, under a lock, with data tests and a
//! manifest ([`crate::ops`] holds those pieces).
//!
//! The single-stage entry points (`clean_stage`, ...) re-run one stage from
//! the previous stage's stored table, batch by batch.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use rayon::prelude::*;
use serde_json::json;

use crate::domain::Knowledge;
use crate::io::atomic::write_atomically;
use crate::io::columns;
use crate::io::computed::{scan_table, write_checked};
use crate::io::input::{self, Found, ReadOutcome};
use crate::io::out_dir::OutDir;
use crate::io::parquet::{for_each_rows, read_rows, write_rows, TableWriter};
use crate::ops::data_tests::{self, AcceptedValues, DataTestsFailed, OnDataTestFailure};
use crate::ops::failpoint;
use crate::ops::lock::RunLock;
use crate::ops::log::Log;
use crate::ops::manifest::{
    round_ms, DataTestSummary, Manifest, Recovery, Stopwatch, TableStats, Tool, MANIFEST_FILE, SUCCESS_FILE,
};
use crate::ops::publish::{self, Op, Plan, Staging};
use crate::ops::state::{state_key, StatKey, State, Tracker, Verdict, STATE_DIR, STATE_FILE};
use crate::regions::{RegionTable, Resolver};
use crate::report::{self, ReportData};
use crate::schema::{
    all_tables, AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, AwardMention,
    CleanDocument, DocFact, Layout, RawDocument, Region, Reject, Table, UtcMicros,
};
use crate::stages::aggregate::{self, AggregateInputs, AggregateSummary};
use crate::stages::clean::{clean_document, DuplicateIndex};
use crate::stages::extract::{extract_document, Extraction};
use crate::stages::ingest::{doc_id_key, ingest_input, reject, IngestOptions, Ingested, RejectReason};
use crate::stages::resolve::{build_awards, region_dimension, resolve_mentions, DocMeta};

/// Files handed to the workers at once; bounds memory to one chunk of inputs.
const CHUNK_FILES: usize = 512;
/// JSONL feeds in one chunk, at most: a feed holds thousands of records (up
/// to the 20 MiB input limit), 512 of them would be gigabytes.
const CHUNK_FEEDS: usize = 8;

/// The next chunk of inputs: [`CHUNK_FILES`] files, or fewer when
/// [`CHUNK_FEEDS`] of them are feeds. Empty at the end.
fn next_chunk(found: &mut impl Iterator<Item = Found>) -> Vec<Found> {
    let mut chunk = Vec::new();
    let mut feeds = 0;
    while chunk.len() < CHUNK_FILES && feeds < CHUNK_FEEDS {
        let Some(next) = found.next() else { break };
        let kind = crate::stages::ingest::kind::classify(&next.path().to_string_lossy());
        feeds += usize::from(kind.is_ok_and(|k| k.format == crate::stages::ingest::kind::Format::Jsonl));
        chunk.push(next);
    }
    chunk
}

/// Names one run's partition of the per-batch tables, and its start time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchId {
    /// `YYYYMMDDTHHMMSSZ` (UTC).
    pub id: String,
    pub started: UtcMicros,
}

impl BatchId {
    pub const FORMAT: &'static str = "%Y%m%dT%H%M%SZ";

    /// The batch named after the current UTC second.
    pub fn now() -> Self {
        let now = Utc::now();
        let id = now.format(Self::FORMAT).to_string();
        Self::parse(&id).expect("formatted batch id parses")
    }

    /// A batch id given by the user. It must be a UTC timestamp in
    /// `YYYYMMDDTHHMMSSZ` form, because `ingested_at` is derived from it (the
    /// data files hold no other clock value, so reruns are byte-identical).
    pub fn parse(id: &str) -> Result<Self> {
        let t = NaiveDateTime::parse_from_str(id, Self::FORMAT)
            .with_context(|| format!("batch id {id:?} is not a UTC timestamp like 20261123T020000Z"))?;
        let started = UtcMicros::from_datetime(DateTime::<Utc>::from_naive_utc_and_offset(t, Utc));
        Ok(BatchId { id: id.to_string(), started })
    }
}

/// Everything `run` needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<String>,
    pub out: PathBuf,
    pub ingest: IngestOptions,
    pub batch: BatchId,
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    /// Input records found (read or known unchanged).
    pub inputs_seen: usize,
    /// Input records an earlier batch already accounts for (no new row).
    pub already_seen: usize,
    /// The batch partition the run added, if anything was new.
    pub batch_id: Option<String>,
    /// New documents (rows added to raw_documents).
    pub documents: usize,
    pub rejects_by_reason: BTreeMap<String, usize>,
    pub clean_documents: usize,
    pub duplicate_documents: usize,
    pub mentions: usize,
    pub unresolved_mentions: usize,
    pub doc_facts: usize,
    pub awards: usize,
}

impl RunSummary {
    pub fn rejects(&self) -> usize {
        self.rejects_by_reason.values().sum()
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "inputs: {} records seen ({} already seen), {} new documents, {} rejected",
            self.inputs_seen,
            self.already_seen,
            self.documents,
            self.rejects()
        )?;
        if let Some(batch) = &self.batch_id {
            writeln!(f, "batch: {batch}")?;
        }
        for (reason, n) in &self.rejects_by_reason {
            writeln!(f, "  rejected {reason}: {n}")?;
        }
        writeln!(
            f,
            "clean_documents: {} ({} duplicates of an earlier document)",
            self.clean_documents, self.duplicate_documents
        )?;
        writeln!(f, "award_mentions: {} ({} not resolved to a region)", self.mentions, self.unresolved_mentions)?;
        writeln!(f, "doc_facts: {}", self.doc_facts)?;
        write!(f, "awards: {}", self.awards)
    }
}

/// The five per-batch tables of one run, written as they stream.
struct BatchWriters {
    rejects: TableWriter<Reject>,
    docs: DocWriters,
}

/// The four tables with rows for the documents a run processed.
struct DocWriters {
    raw: TableWriter<RawDocument>,
    clean: TableWriter<CleanDocument>,
    mentions: TableWriter<AwardMention>,
    facts: TableWriter<DocFact>,
}

const PART: &str = "part-00000.parquet";

impl BatchWriters {
    fn create(out: &OutDir, batch: &str) -> Result<Self> {
        Ok(BatchWriters {
            rejects: TableWriter::create(&out.batch_dir(Reject::NAME, batch), PART)?,
            docs: DocWriters {
                raw: TableWriter::create(&out.batch_dir(RawDocument::NAME, batch), PART)?,
                clean: TableWriter::create(&out.batch_dir(CleanDocument::NAME, batch), PART)?,
                mentions: TableWriter::create(&out.batch_dir(AwardMention::NAME, batch), PART)?,
                facts: TableWriter::create(&out.batch_dir(DocFact::NAME, batch), PART)?,
            },
        })
    }

    /// Completes the five files; returns the rows of each table. The two
    /// text tables compress their last row groups on both cores at once: the
    /// end of a run is otherwise serial (issue 7, thread scaling).
    fn finish(self) -> Result<BTreeMap<&'static str, u64>> {
        let BatchWriters { rejects, docs: DocWriters { raw, clean, mentions, facts } } = self;
        let (raw, (clean, (rejects, mentions, facts))) = rayon::join(
            || raw.finish(),
            || rayon::join(|| clean.finish(), || (rejects.finish(), mentions.finish(), facts.finish())),
        );
        Ok(BTreeMap::from([
            (RawDocument::NAME, raw? as u64),
            (Reject::NAME, rejects? as u64),
            (CleanDocument::NAME, clean? as u64),
            (AwardMention::NAME, mentions? as u64),
            (DocFact::NAME, facts? as u64),
        ]))
    }
}

/// Shared, load-once domain data.
pub struct DomainData {
    pub knowledge: Knowledge,
    pub regions: RegionTable,
    pub resolver: Resolver,
}

impl DomainData {
    pub fn load() -> Result<Self> {
        let knowledge = Knowledge::embedded().context("loading data/domain")?;
        let regions = RegionTable::embedded().context("loading data/reference")?;
        let resolver = Resolver::new(&regions, &knowledge.particles)?;
        Ok(DomainData { knowledge, regions, resolver })
    }
}

/// Reads one discovered input and ingests it (I/O edge around the pure stage).
fn ingest_found(found: &Found, opts: &IngestOptions, at: UtcMicros) -> Vec<Ingested> {
    let shown = found.path().to_string_lossy();
    match found {
        Found::Unreadable { message, .. } => {
            vec![Ingested::Rejected(reject(&shown, None, RejectReason::Unreadable, message.clone(), None, at))]
        }
        Found::File(path) => match input::read_limited(path, opts.max_bytes) {
            ReadOutcome::Bytes(bytes) => ingest_input(&shown, &bytes, opts, at),
            ReadOutcome::TooLarge { size } => vec![Ingested::Rejected(reject(
                &shown,
                None,
                RejectReason::TooLarge,
                format!("{size} bytes is over the {} byte limit", opts.max_bytes),
                Some(size as i64),
                at,
            ))],
            ReadOutcome::Unreadable { message } => {
                vec![Ingested::Rejected(reject(&shown, None, RejectReason::Unreadable, message, None, at))]
            }
        },
    }
}

/// Time spent inside each per-document stage, summed over the workers.
#[derive(Debug, Default)]
struct WorkerTimes {
    ingest: AtomicU64,
    clean: AtomicU64,
    extract: AtomicU64,
    resolve: AtomicU64,
}

impl WorkerTimes {
    fn add(slot: &AtomicU64, since: Instant) {
        slot.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    fn seconds(&self) -> BTreeMap<String, f64> {
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
    Read { key: String, stat: Option<StatKey>, items: Vec<Ingested> },
}

/// Stats an input and reads it unless the state says it is unchanged.
/// Files changed at or after `racy_after_ns` are read but their stat is not
/// kept: a change later in the same clock tick would not show in it.
fn look_at(
    found: &Found,
    tracker: &Tracker,
    ingest: &IngestOptions,
    at: UtcMicros,
    racy_after_ns: i64,
    times: &WorkerTimes,
) -> std::result::Result<Looked, String> {
    let key = state_key(found.path());
    let stat = match found {
        Found::File(path) => std::fs::metadata(path).ok().map(|m| StatKey::of(&m)),
        Found::Unreadable { .. } => None,
    };
    if let Some(records) = stat.as_ref().and_then(|s| tracker.unchanged_records(&key, s)) {
        return Ok(Looked::Unchanged { records });
    }
    let t = Instant::now();
    let items = catch_panic(|| ingest_found(found, ingest, at))?;
    WorkerTimes::add(&times.ingest, t);
    let unreadable =
        items.iter().any(|i| matches!(i, Ingested::Rejected(r) if r.reason == RejectReason::Unreadable.as_str()));
    let stat = stat.filter(|s| !unreadable && !s.is_racy(racy_after_ns));
    Ok(Looked::Read { key, stat, items })
}

/// [`look_at`] for every input of a chunk, on the workers, in input order.
fn look_at_all(
    chunk: &[Found],
    tracker: &Tracker,
    ingest: &IngestOptions,
    at: UtcMicros,
    racy_after_ns: i64,
    times: &WorkerTimes,
) -> Vec<std::result::Result<Looked, String>> {
    chunk.par_iter().map(|f| look_at(f, tracker, ingest, at, racy_after_ns, times)).collect()
}

/// How a run treats what earlier runs stored.
#[derive(Debug, Clone, Default)]
pub struct NightlyOptions {
    /// Rebuild every table from all inputs instead of adding only what is new.
    pub full_refresh: bool,
    /// The batch id was given by the user: if a batch of that name exists and
    /// there is something new, the run fails ([`BatchIdTaken`]) instead of
    /// moving on to the next free second.
    pub batch_id_given: bool,
    /// What a failing data test does to the run.
    pub on_data_test_failure: OnDataTestFailure,
}

/// `--batch-id` names a batch that already exists (a usage error: exit 2).
#[derive(Debug, thiserror::Error)]
#[error("batch {0} already exists in the output; choose another --batch-id, or use --full-refresh to rebuild")]
pub struct BatchIdTaken(pub String);

/// The result of a run: the summary for people and the manifest it published.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    pub summary: RunSummary,
    pub manifest: Manifest,
    pub manifest_path: PathBuf,
}

impl RunOutcome {
    /// The error for the exit code when data tests failed and the run was told to fail.
    pub fn data_test_failure(&self) -> Option<DataTestsFailed> {
        let failed = self.manifest.data_tests.failed_names();
        (self.manifest.status == STATUS_TESTS_FAILED)
            .then(|| DataTestsFailed { failed, manifest: self.manifest_path.display().to_string() })
    }
}

const STATUS_OK: &str = "ok";
const STATUS_TESTS_WARNED: &str = "data_tests_warned";
const STATUS_TESTS_FAILED: &str = "data_tests_failed";

/// Tables by layout, in pipeline order.
fn table_names(layout: Option<Layout>) -> Vec<&'static str> {
    all_tables().into_iter().filter(|t| layout.is_none_or(|l| t.layout == l)).map(|t| t.name).collect()
}

/// Identifies the running program: recomputed tables are rebuilt when it
/// changed (its code or embedded domain data), even on a night with nothing
/// new. Version plus the executable's size and mtime: cheap, and any rebuild
/// or redeploy changes it (a false change only costs one recomputation whose
/// identical bytes are then not published).
fn build_fingerprint() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    let key = exe.map(|m| StatKey::of(&m)).map(|k| format!("{}:{}", k.len, k.mtime_ns)).unwrap_or_default();
    let text = format!("{} {key}", env!("CARGO_PKG_VERSION"));
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

/// Runs the whole pipeline once, incrementally, into `opts.out` (see
/// [`run_nightly`]), quietly, with the default options.
pub fn run(opts: &RunOptions, ctx: &DomainData) -> Result<RunSummary> {
    Ok(run_nightly(opts, &NightlyOptions::default(), ctx, &Log::silent())?.summary)
}

/// One nightly run:
/// 1. take the lock of OUT ([`LockBusy`](crate::ops::lock::LockBusy) if another run holds it) and finish
///    or discard what an interrupted run left ([`publish::recover`]);
/// 2. load the state of earlier runs (rebuilt from the tables if it does not
///    match them);
/// 3. stream the inputs: unchanged files are skipped, records already stored
///    are counted, new documents go through ingest → clean → extract →
///    resolve into a new batch in the staging directory;
/// 4. if anything is new (or the program changed), recompute `awards`,
///    `regions`, `agg_*` from all batches, in staging;
/// 5. run the data tests, write the state and the manifest;
/// 6. commit and publish by renames; tables whose bytes did not change are
///    left alone.
pub fn run_nightly(opts: &RunOptions, nightly: &NightlyOptions, ctx: &DomainData, log: &Log) -> Result<RunOutcome> {
    let started = Utc::now();
    let run_id = format!("{}-{}", started.format("%Y%m%dT%H%M%S%.3fZ"), std::process::id());
    let mut watch = Stopwatch::new();
    watch.start("lock");
    let _lock = RunLock::acquire(&opts.out, &run_id)?;
    let out = OutDir::new(&opts.out);
    let mode = if nightly.full_refresh { "full_refresh" } else { "incremental" };
    log.info(
        "run_started",
        format!("run {run_id} started ({mode}) into {}", opts.out.display()),
        json!({ "run_id": run_id, "mode": mode, "out": opts.out }),
    );

    watch.start("recover");
    let recovered = publish::recover(&opts.out, &table_names(None))?;
    if !recovered.rolled_forward.is_empty() {
        log.warn(
            "recovered",
            format!("finished publishing interrupted run(s) {}", recovered.rolled_forward.join(", ")),
            json!({ "rolled_forward": recovered.rolled_forward }),
        );
    }
    if !recovered.discarded.is_empty() {
        log.warn(
            "recovered",
            format!("discarded the unpublished work of interrupted run(s) {}", recovered.discarded.join(", ")),
            json!({ "discarded": recovered.discarded }),
        );
    }

    watch.start("state");
    let (prior, state_origin) = load_state(&out, nightly.full_refresh, log)?;
    let build = build_fingerprint();
    let prior_derived_by = prior.derived_by.clone();
    let (batch, batch_taken) = choose_batch(&out, &opts.batch, nightly)?;
    let staging = Staging::create(&opts.out, &run_id)?;
    let view = staging.view();

    watch.start("discover");
    // Inputs are listed while they are read (a list of millions of paths
    // would grow with the corpus); a missing --input fails here, before any work.
    let found = input::Discovery::new(&opts.inputs)?;

    let mut night = Night {
        opts,
        ctx,
        log,
        out: &out,
        batch: &batch,
        full_refresh: nightly.full_refresh,
        watch,
        times: WorkerTimes::default(),
        summary: RunSummary { batch_id: None, ..RunSummary::default() },
        racy_after_ns: started.timestamp_nanos_opt().unwrap_or(i64::MAX) - 2_000_000_000,
    };
    let mut tracker = Tracker::new(prior);
    let mut writers = BatchWriters::create(&view, &batch.id)?;
    night.stream(found, &mut tracker, &mut writers, batch_taken)?;

    let per_batch = table_names(Some(Layout::PerBatch));
    let recomputed = table_names(Some(Layout::Recomputed));
    let tables_exist = per_batch.iter().all(|t| out.table_dir(t).is_dir());
    let write_batch = tracker.counts.new > 0 || nightly.full_refresh || !tables_exist;
    let rows_added = if write_batch {
        night.watch.start("write");
        night.summary.batch_id = Some(batch.id.clone());
        Some(writers.finish()?)
    } else {
        // Nothing new: the staged batch must not appear in the staging view.
        drop(writers);
        for &t in &per_batch {
            std::fs::remove_dir_all(view.batch_dir(t, &batch.id))?;
        }
        None
    };
    failpoint("run.batch_staged");

    let recomputed_exist = recomputed.iter().all(|t| out.table_dir(t).is_dir());
    let derive = write_batch || prior_derived_by.as_deref() != Some(build.as_str()) || !recomputed_exist;
    if derive {
        night.watch.start("link_batches");
        if !nightly.full_refresh {
            staging.link_published_batches(&out, &per_batch)?;
        }
        night.summary.awards = derive_tables_timed(&view, ctx, &mut night.watch)?;
        failpoint("run.derived");
    } else {
        night.summary.awards = columns::dir_rows(&out.table_dir(Award::NAME))? as usize;
    }
    let after = if derive { &view } else { &out };

    night.watch.start("data_tests");
    let derived_by = if derive { Some(build.clone()) } else { prior_derived_by };
    let (state, counts) = tracker.finish(write_batch.then_some(batch.id.as_str()), derived_by);
    let accepted = accepted_values(ctx);
    let results = data_tests::run_all(
        after,
        &data_tests::Context { ledger: &state.batches, counts: &counts, accepted: &accepted },
    )?;
    let tests = DataTestSummary::new(nightly.on_data_test_failure.as_str(), results);
    for t in tests.results.iter().filter(|t| t.status == data_tests::Status::Fail) {
        log.warn(
            "data_test_failed",
            format!("data test {} failed: {}", t.name, t.message),
            json!({ "test": t.name, "failures": t.failures, "examples": t.examples }),
        );
    }

    // What to publish, in the order readers should see it: inputs' batches
    // first, then the tables derived from them, then the run's metadata.
    night.watch.start("stage_publish");
    let mut plan = Plan::new(&run_id);
    let mut published: BTreeMap<&str, &str> = BTreeMap::new();
    if write_batch {
        for &t in &per_batch {
            if nightly.full_refresh {
                plan.ops.push(Op::ReplaceDir { from: t.into(), to: t.into() });
                published.insert(t, "replaced");
            } else {
                let rel = format!("{t}/batch={}", batch.id);
                plan.ops.push(Op::Rename { from: rel.clone(), to: rel });
                published.insert(t, "added");
            }
        }
    }
    if derive {
        for &t in &recomputed {
            if !view.table_dir(t).is_dir() {
                bail!("deriving the recomputed tables produced no {t}: nothing was published");
            }
            if publish::same_table_files(&view.table_dir(t), &out.table_dir(t))? {
                published.insert(t, "unchanged");
            } else {
                plan.ops.push(Op::ReplaceDir { from: t.into(), to: t.into() });
                published.insert(t, "replaced");
            }
        }
        // Other derived files at the top of OUT (the HTML report).
        for entry in std::fs::read_dir(staging.root())? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !entry.file_type()?.is_file() || name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            if std::fs::read(entry.path()).ok() != std::fs::read(opts.out.join(&name)).ok() {
                plan.ops.push(Op::Rename { from: name.clone(), to: name });
            }
        }
    }
    // A quiet night leaves the stored state untouched (compared by hash, streaming).
    if !state.is_stored_at(&State::path(&opts.out)) {
        state.write(&State::path(staging.root()))?;
        let rel = format!("{STATE_DIR}/{STATE_FILE}");
        plan.ops.push(Op::Rename { from: rel.clone(), to: rel });
    }

    let failed = tests.failed > 0;
    let status = match (failed, nightly.on_data_test_failure) {
        (false, _) => STATUS_OK,
        (true, OnDataTestFailure::Warn) => STATUS_TESTS_WARNED,
        (true, OnDataTestFailure::Fail) => STATUS_TESTS_FAILED,
    };
    let table_stats = table_stats(after, rows_added.as_ref(), &published)?;
    let finished = Utc::now();
    let Night { watch, times, mut summary, .. } = night;
    summary.inputs_seen = counts.records_seen as usize;
    summary.already_seen = counts.already_seen as usize;
    let manifest = Manifest {
        run_id: run_id.clone(),
        status: status.to_string(),
        mode: mode.to_string(),
        batch_id: write_batch.then(|| batch.id.clone()),
        started_at: started.to_rfc3339_opts(SecondsFormat::Millis, true),
        finished_at: finished.to_rfc3339_opts(SecondsFormat::Millis, true),
        seconds: round_ms((finished - started).num_milliseconds() as f64 / 1000.0),
        tool: Tool { name: env!("CARGO_PKG_NAME").into(), version: env!("CARGO_PKG_VERSION").into(), build },
        state: state_origin.to_string(),
        recovered: Recovery { rolled_forward: recovered.rolled_forward, discarded: recovered.discarded },
        inputs: counts,
        tables: table_stats,
        stages: watch.finish(),
        worker_seconds: times.seconds(),
        data_tests: tests,
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest)?;
    manifest_json.push(b'\n');
    publish::write_atomically(&staging.root().join(MANIFEST_FILE), &manifest_json)?;
    plan.ops.push(Op::Rename { from: MANIFEST_FILE.into(), to: MANIFEST_FILE.into() });
    if status == STATUS_TESTS_FAILED {
        plan.ops.push(Op::Remove { path: SUCCESS_FILE.into() });
    } else {
        publish::write_atomically(&staging.root().join(SUCCESS_FILE), format!("{run_id}\n").as_bytes())?;
        plan.ops.push(Op::Rename { from: SUCCESS_FILE.into(), to: SUCCESS_FILE.into() });
    }
    if plan.changes_tables() {
        // No _SUCCESS while tables are being swapped.
        plan.ops.insert(0, Op::Remove { path: SUCCESS_FILE.into() });
    }
    let publish_started = Instant::now();
    publish::commit(staging, &plan)?;
    let inputs = &manifest.inputs;
    log.info(
        "run_finished",
        format!(
            "run {run_id} {status} in {:.1} s: {} inputs seen, {} new ({} documents, {} rejected), {} already seen; batch {}; {} awards; data tests {} passed, {} failed, {} skipped",
            manifest.seconds,
            inputs.records_seen,
            inputs.new,
            inputs.documents_new,
            inputs.rejected_new,
            inputs.already_seen,
            manifest.batch_id.as_deref().unwrap_or("none (nothing new)"),
            summary.awards,
            manifest.data_tests.passed,
            manifest.data_tests.failed,
            manifest.data_tests.skipped,
        ),
        json!({
            "run_id": run_id,
            "status": status,
            "batch_id": manifest.batch_id,
            "seconds": manifest.seconds,
            "publish_seconds": round_ms(publish_started.elapsed().as_secs_f64()),
            "inputs": manifest.inputs,
            "awards": summary.awards,
            "data_tests_failed": manifest.data_tests.failed,
        }),
    );
    Ok(RunOutcome { summary, manifest, manifest_path: opts.out.join(MANIFEST_FILE) })
}

/// The state of earlier runs: loaded, or rebuilt from the tables when it is
/// missing or does not describe the batches in OUT.
fn load_state(out: &OutDir, full_refresh: bool, log: &Log) -> Result<(State, &'static str)> {
    if full_refresh {
        return Ok((State::default(), "fresh"));
    }
    let stored = State::load(out.root())?;
    if let Some(state) = &stored {
        if state.matches_tables(out)? {
            return Ok((stored.expect("checked"), "loaded"));
        }
    }
    let has_batches = !out.batches(RawDocument::NAME)?.is_empty() || !out.batches(Reject::NAME)?.is_empty();
    if stored.is_none() && !has_batches {
        return Ok((State::default(), "fresh"));
    }
    log.warn(
        "state_rebuilt",
        "the stored state is missing or does not match the batches in the output; rebuilding it from raw_documents and rejects (every input is read once more)",
        json!({}),
    );
    Ok((State::rebuild(out)?, "rebuilt"))
}

/// The batch this run will add. A default (clock) id that is taken moves on
/// to the next free second; a taken id given by the user is reported.
fn choose_batch(out: &OutDir, wanted: &BatchId, nightly: &NightlyOptions) -> Result<(BatchId, bool)> {
    let per_batch = table_names(Some(Layout::PerBatch));
    let taken = |id: &str| per_batch.iter().any(|t| out.batch_dir(t, id).exists());
    if nightly.full_refresh || !taken(&wanted.id) {
        return Ok((wanted.clone(), false));
    }
    if nightly.batch_id_given {
        return Ok((wanted.clone(), true));
    }
    let mut t = wanted.started.to_datetime();
    loop {
        t += chrono::Duration::seconds(1);
        let id = t.format(BatchId::FORMAT).to_string();
        if !taken(&id) {
            return BatchId::parse(&id).map(|b| (b, false));
        }
    }
}

/// Accepted values for the data tests: grades and categories of the domain data.
fn accepted_values(ctx: &DomainData) -> AcceptedValues {
    AcceptedValues::from_knowledge(&ctx.knowledge)
}

/// Rows and files of every table after the run.
fn table_stats(
    after: &OutDir,
    rows_added: Option<&BTreeMap<&'static str, u64>>,
    published: &BTreeMap<&str, &str>,
) -> Result<BTreeMap<String, TableStats>> {
    let mut stats = BTreeMap::new();
    for t in all_tables() {
        let dir = after.table_dir(t.name);
        stats.insert(
            t.name.to_string(),
            TableStats {
                rows: columns::dir_rows(&dir)?,
                rows_added: rows_added.and_then(|r| r.get(t.name).copied()),
                files: columns::dir_files(&dir)?,
                published: published.get(t.name).copied().unwrap_or("unchanged").to_string(),
            },
        );
    }
    Ok(stats)
}

/// The streaming part of a run and what it measures.
struct Night<'a> {
    opts: &'a RunOptions,
    ctx: &'a DomainData,
    log: &'a Log,
    out: &'a OutDir,
    batch: &'a BatchId,
    full_refresh: bool,
    watch: Stopwatch,
    times: WorkerTimes,
    summary: RunSummary,
    racy_after_ns: i64,
}

impl Night<'_> {
    /// Streams the inputs in chunks: stat and read (workers), classify
    /// against the state, then clean → extract → resolve the new documents
    /// (workers) and write them to the staged batch.
    fn stream(
        &mut self,
        mut found: input::Discovery,
        tracker: &mut Tracker,
        writers: &mut BatchWriters,
        batch_taken: bool,
    ) -> Result<()> {
        let bar = self.log.counter("inputs");
        let mut duplicates: Option<DuplicateIndex> = None;
        let (opts, ctx, at, racy, times) = (self.opts, self.ctx, self.batch.started, self.racy_after_ns, &self.times);
        self.watch.start("ingest");
        let first = next_chunk(&mut found);
        let looked = look_at_all(&first, tracker, &opts.ingest, at, racy, times);
        // Chunk k (read and classified), chunk k + 1 (found), chunk k - 1 (processed).
        let by_reason = &mut self.summary.rejects_by_reason;
        let mut docs = classify_chunk(&first, looked, tracker, &mut writers.rejects, by_reason, at)?;
        let mut next = next_chunk(&mut found);
        let mut pending: Option<ProcessedChunk> = None;
        bar.inc(first.len() as u64);
        let batch_id = &self.batch.id;
        let taken = |tracker: &Tracker| {
            if batch_taken && tracker.counts.new > 0 {
                return Err(BatchIdTaken(batch_id.clone()));
            }
            Ok(())
        };
        taken(tracker)?;
        while !docs.is_empty() || !next.is_empty() || pending.is_some() {
            if pending.is_some() && duplicates.is_none() {
                self.watch.start("duplicate_index");
                duplicates = Some(duplicate_index(self.out, self.full_refresh)?);
            }
            self.watch.start("transform");
            // Four things run at once (issue 7): chunk k + 1 is read, decoded
            // and classified against the state, chunk k is cleaned, extracted
            // and resolved, chunk k - 1 is written (Arrow encoding and zstd),
            // and chunk k + 2 is found. Nothing but the workers' steps waits
            // on one core while the other idles. Each table gets its rows in
            // input order, so the output is that of one step at a time.
            let (rejects, doc_writers, found) = (&mut writers.rejects, &mut writers.docs, &mut found);
            let by_reason = &mut self.summary.rejects_by_reason;
            let duplicates = duplicates.as_mut();
            let ((next_docs, processed), (wrote, after_next)) = rayon::join(
                || {
                    rayon::join(
                        || {
                            let looked = look_at_all(&next, tracker, &opts.ingest, at, racy, times);
                            classify_chunk(&next, looked, tracker, rejects, by_reason, at)
                        },
                        || {
                            docs.par_iter()
                                .map(|raw| catch_panic(|| process_document(raw, ctx, times)))
                                .collect::<Vec<_>>()
                        },
                    )
                },
                || {
                    rayon::join(
                        || match (pending.take(), duplicates) {
                            (Some((docs, processed)), Some(duplicates)) => {
                                write_processed(doc_writers, duplicates, docs, processed)
                            }
                            _ => Ok(Written::default()),
                        },
                        || next_chunk(found),
                    )
                },
            );
            wrote?.add_to(&mut self.summary);
            bar.inc(next.len() as u64);
            if !docs.is_empty() {
                pending = Some((std::mem::take(&mut docs), processed));
            }
            docs = next_docs?;
            taken(tracker)?;
            next = after_next;
            failpoint("run.chunk");
        }
        bar.finish_and_clear();
        let c = &tracker.counts;
        self.log.info("discovered", format!("{} inputs found", c.files_seen), json!({ "inputs": c.files_seen }));
        self.log.info(
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
        Ok(())
    }
}

/// Classifies a read chunk against the state, in input order: rejects
/// (and copies of stored documents) are written at once, the new documents
/// returned for processing.
fn classify_chunk(
    chunk: &[Found],
    looked: Vec<std::result::Result<Looked, String>>,
    tracker: &mut Tracker,
    rejects: &mut TableWriter<Reject>,
    by_reason: &mut BTreeMap<String, usize>,
    at: UtcMicros,
) -> Result<Vec<RawDocument>> {
    let mut docs = Vec::new();
    let mut rejected = |r: Reject| {
        record_reject(by_reason, &r);
        rejects.push(r)
    };
    for (found, looked) in chunk.iter().zip(looked) {
        let shown = found.path().to_string_lossy();
        match looked.map_err(|msg| anyhow!("ingesting {shown} failed: {msg}"))? {
            Looked::Unchanged { records } => tracker.skip_unchanged(records),
            Looked::Read { key, stat, items } => {
                tracker.begin_file(&key, stat, items.len());
                for item in items {
                    match item {
                        Ingested::Document(doc) => match tracker.document(doc.source_line, &doc.doc_id) {
                            Verdict::AlreadySeen => {}
                            Verdict::New => docs.push(doc),
                            Verdict::Duplicate => {
                                let message = format!("same content as document {} stored earlier", doc.doc_id);
                                let line = doc.source_line;
                                rejected(reject(
                                    &doc.source_path,
                                    line,
                                    RejectReason::Duplicate,
                                    message,
                                    Some(doc.byte_len),
                                    at,
                                ))?;
                            }
                        },
                        Ingested::Rejected(r) => {
                            if tracker.reject(r.source_line, &r.reason) {
                                rejected(r)?;
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(docs)
}

/// Clean-text duplicates are found across batches: the index starts with
/// every stored clean document, oldest batch first.
fn duplicate_index(out: &OutDir, full_refresh: bool) -> Result<DuplicateIndex> {
    let mut index = DuplicateIndex::default();
    if full_refresh {
        return Ok(index);
    }
    for batch in out.batches(CleanDocument::NAME)? {
        for_each_rows::<CleanDocument>(&out.batch_dir(CleanDocument::NAME, &batch), |docs| {
            for mut doc in docs {
                index.mark(&mut doc);
            }
            Ok(())
        })?;
    }
    Ok(index)
}

/// A chunk's new documents with what processing made of each.
type ProcessedChunk = (Vec<RawDocument>, Vec<std::result::Result<(CleanDocument, Extraction), String>>);

/// What writing one processed chunk adds to the run's counts.
#[derive(Default)]
struct Written {
    documents: usize,
    duplicate_documents: usize,
    mentions: usize,
    unresolved_mentions: usize,
    doc_facts: usize,
}

impl Written {
    fn add_to(&self, summary: &mut RunSummary) {
        summary.documents += self.documents;
        summary.clean_documents += self.documents;
        summary.duplicate_documents += self.duplicate_documents;
        summary.mentions += self.mentions;
        summary.unresolved_mentions += self.unresolved_mentions;
        summary.doc_facts += self.doc_facts;
    }
}

/// Writes one processed chunk in input order: marks clean-text duplicates,
/// counts, and appends the rows to the batch's writers.
fn write_processed(
    writers: &mut DocWriters,
    duplicates: &mut DuplicateIndex,
    docs: Vec<RawDocument>,
    processed: Vec<std::result::Result<(CleanDocument, Extraction), String>>,
) -> Result<Written> {
    let mut written = Written::default();
    for (raw, processed) in docs.into_iter().zip(processed) {
        let (mut clean, extraction) =
            processed.map_err(|msg| anyhow!("processing {} (doc_id {}) failed: {msg}", raw.source_path, raw.doc_id))?;
        duplicates.mark(&mut clean);
        written.documents += 1;
        // A copy of an earlier document's text reports nothing new.
        if clean.duplicate_of.is_some() {
            written.duplicate_documents += 1;
        } else {
            written.mentions += extraction.mentions.len();
            written.unresolved_mentions += extraction.mentions.iter().filter(|m| m.region_code.is_none()).count();
            written.doc_facts += extraction.facts.len();
            writers.mentions.extend(extraction.mentions)?;
            writers.facts.extend(extraction.facts)?;
        }
        writers.raw.push(raw)?;
        writers.clean.push(clean)?;
    }
    Ok(written)
}

fn record_reject(by_reason: &mut BTreeMap<String, usize>, r: &Reject) {
    *by_reason.entry(r.reason.clone()).or_default() += 1;
}

/// Rebuilds the recomputed tables (`awards`, `regions`, `agg_*`) from the
/// stored per-batch tables, then the report. Returns the number of awards.
pub fn derive_tables(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    derive_tables_timed(out, ctx, &mut Stopwatch::new())
}

/// [`derive_tables`], timing each step.
fn derive_tables_timed(out: &OutDir, ctx: &DomainData, watch: &mut Stopwatch) -> Result<usize> {
    watch.start("resolve_awards");
    let awards = resolve_stage(out, ctx)?;
    watch.start("aggregate");
    aggregate_stage(out)?;
    Ok(awards)
}

/// Stage 5 alone: rebuilds the `agg_*` tables from the stored `awards`,
/// `regions` and `doc_facts`, then `OUT/report.html` from them.
pub fn aggregate_stage(out: &OutDir) -> Result<AggregateSummary> {
    let inputs = AggregateInputs {
        awards: scan_table(out, Award::NAME)?,
        regions: scan_table(out, Region::NAME)?,
        doc_facts: scan_table(out, DocFact::NAME)?,
    };
    let mut summary = AggregateSummary::default();
    for (def, batch) in aggregate::aggregate(inputs)? {
        let rows = write_checked(&out.table_dir(def.name), &def, &batch)?;
        summary.tables.push((def.name, rows));
    }
    write_report(out)?;
    Ok(summary)
}

/// Renders `OUT/report.html` from the stored tables.
fn write_report(out: &OutDir) -> Result<()> {
    let data = ReportData {
        awards: read_rows(&out.table_dir(Award::NAME))?,
        by_province: read_rows(&out.table_dir(AggAwardsByProvince::NAME))?,
        prize_by_year: read_rows(&out.table_dir(AggPrizeByYear::NAME))?,
        by_category_year: read_rows(&out.table_dir(AggAwardsByCategoryYear::NAME))?,
        top_recipients: read_rows(&out.table_dir(AggTopRecipients::NAME))?,
    };
    write_atomically(&out.root().join(report::REPORT_FILE), report::render(&data)?.as_bytes())
}

/// Stage 1 alone: ingests inputs into a fresh batch of `raw_documents` and
/// `rejects`, streamed in chunks like a run (never the whole corpus in memory).
pub fn ingest_stage(inputs: &[String], out: &OutDir, ingest: &IngestOptions, batch: &BatchId) -> Result<RunSummary> {
    let mut found = input::Discovery::new(inputs)?;
    let mut summary = RunSummary::default();
    // Doc ids as their 16 bytes: one entry per document of the corpus.
    let mut seen: HashSet<[u8; 16]> = HashSet::new();
    let mut raw_rows = TableWriter::<RawDocument>::create(&out.batch_dir(RawDocument::NAME, &batch.id), PART)?;
    let mut reject_rows = TableWriter::<Reject>::create(&out.batch_dir(Reject::NAME, &batch.id), PART)?;
    loop {
        let chunk = next_chunk(&mut found);
        if chunk.is_empty() {
            break;
        }
        let ingested: Vec<Vec<Ingested>> = chunk.par_iter().map(|f| ingest_found(f, ingest, batch.started)).collect();
        for item in ingested.into_iter().flatten() {
            summary.inputs_seen += 1;
            let r = match item {
                Ingested::Document(doc) if !seen.insert(doc_id_key(&doc.doc_id)) => {
                    let message = format!("same content as earlier document {}", doc.doc_id);
                    let line = doc.source_line;
                    reject(&doc.source_path, line, RejectReason::Duplicate, message, Some(doc.byte_len), batch.started)
                }
                Ingested::Document(doc) => {
                    summary.documents += 1;
                    raw_rows.push(doc)?;
                    continue;
                }
                Ingested::Rejected(r) => r,
            };
            record_reject(&mut summary.rejects_by_reason, &r);
            reject_rows.push(r)?;
        }
    }
    raw_rows.finish()?;
    reject_rows.finish()?;
    Ok(summary)
}

fn require_batches(out: &OutDir, table: &str) -> Result<Vec<String>> {
    let batches = out.batches(table)?;
    if batches.is_empty() {
        bail!("{} has no batches in {}: run the previous stage first", table, out.root().display());
    }
    Ok(batches)
}

/// Stage 2 alone: re-cleans every batch of `raw_documents`.
pub fn clean_stage(out: &OutDir) -> Result<usize> {
    let mut duplicates = DuplicateIndex::default();
    let mut total = 0;
    for batch in require_batches(out, RawDocument::NAME)? {
        let mut writer = TableWriter::<CleanDocument>::create(&out.batch_dir(CleanDocument::NAME, &batch), PART)?;
        for_each_rows::<RawDocument>(&out.batch_dir(RawDocument::NAME, &batch), |raw| {
            let cleaned: Vec<CleanDocument> = raw.par_iter().map(clean_document).collect();
            for mut doc in cleaned {
                duplicates.mark(&mut doc);
                writer.push(doc)?;
            }
            Ok(())
        })?;
        total += writer.finish()?;
    }
    Ok(total)
}

/// Stage 3 alone: re-extracts (and resolves) every batch of `clean_documents`.
pub fn extract_stage(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    let mut total = 0;
    for batch in require_batches(out, CleanDocument::NAME)? {
        let mut mentions = TableWriter::<AwardMention>::create(&out.batch_dir(AwardMention::NAME, &batch), PART)?;
        let mut facts = TableWriter::<DocFact>::create(&out.batch_dir(DocFact::NAME, &batch), PART)?;
        for_each_rows::<CleanDocument>(&out.batch_dir(CleanDocument::NAME, &batch), |docs| {
            let extractions: Vec<Extraction> = docs
                .par_iter()
                .map(|doc| {
                    if doc.duplicate_of.is_some() {
                        return Extraction::default();
                    }
                    let mut e = extract_document(doc, &ctx.knowledge);
                    resolve_mentions(&mut e.mentions, doc, &ctx.resolver);
                    e
                })
                .collect();
            for e in extractions {
                mentions.extend(e.mentions)?;
                facts.extend(e.facts)?;
            }
            Ok(())
        })?;
        total += mentions.finish()?;
        facts.finish()?;
    }
    Ok(total)
}

/// The metadata of the stored clean documents named in `wanted` ([`DocMeta::of`]
/// of each such row), in table order. Read by column projection and one
/// record batch at a time: the texts, most of the bytes, are not needed to
/// build `awards`, only documents with mentions are (a few percent), and
/// this runs every night over the whole archive (issue 7: memory).
fn doc_metas(out: &OutDir, wanted: &HashSet<&str>) -> Result<Vec<DocMeta>> {
    use crate::schema::ColumnValue;
    let dir = out.table_dir(CleanDocument::NAME);
    let columns = ["doc_id", "published_date", "outlet", "url", "source_path"];
    let mut metas = Vec::new();
    columns::for_each_batch(&dir, &columns, |arrays| {
        let doc_ids = <String>::from_array(arrays[0].as_ref())?;
        let keep: Vec<usize> = (0..doc_ids.len()).filter(|&i| wanted.contains(doc_ids[i].as_str())).collect();
        if keep.is_empty() {
            return Ok(());
        }
        let dates = <Option<chrono::NaiveDate>>::from_array(arrays[1].as_ref())?;
        let outlets = <Option<String>>::from_array(arrays[2].as_ref())?;
        let urls = <Option<String>>::from_array(arrays[3].as_ref())?;
        let paths = <String>::from_array(arrays[4].as_ref())?;
        metas.extend(keep.into_iter().map(|i| DocMeta {
            doc_id: doc_ids[i].clone(),
            published_date: dates[i],
            outlet: outlets[i].clone(),
            url: urls[i].clone(),
            source_path: paths[i].clone(),
        }));
        Ok(())
    })?;
    Ok(metas)
}

/// Stage 4 alone: rebuilds `awards` and `regions` from all stored mentions.
pub fn resolve_stage(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    let mentions: Vec<AwardMention> = read_rows(&out.table_dir(AwardMention::NAME))?;
    let mentioned: HashSet<&str> = mentions.iter().map(|m| m.doc_id.as_str()).collect();
    let docs = doc_metas(out, &mentioned)?;
    let awards = build_awards(&mentions, &docs, &ctx.regions);
    let n = write_rows::<Award>(&out.table_dir(Award::NAME), awards)?;
    write_rows::<Region>(&out.table_dir(Region::NAME), region_dimension(&ctx.regions))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_metas_by_projection_equal_doc_meta_of_the_wanted_rows() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        let doc = |i: i64| CleanDocument {
            doc_id: format!("d{i}"),
            source_path: format!("in/{i}.txt"),
            url: (i % 2 == 0).then(|| format!("https://news.example/{i}")),
            title: Some("제목".into()),
            published_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + i as u32),
            outlet: (i % 3 == 0).then(|| "가람일보".to_string()),
            reporter: None,
            section: None,
            clean_text: "본문".repeat(i as usize + 1),
            translation_text: None,
            removed_line_count: i,
            duplicate_of: None,
        };
        let batch1: Vec<CleanDocument> = (0..3).map(doc).collect();
        let batch2: Vec<CleanDocument> = (3..5).map(doc).collect();
        write_rows(&out.batch_dir(CleanDocument::NAME, "b1"), batch1.clone()).unwrap();
        write_rows(&out.batch_dir(CleanDocument::NAME, "b2"), batch2.clone()).unwrap();
        let want: Vec<DocMeta> = batch1.iter().chain(&batch2).map(DocMeta::of).collect();
        let all: HashSet<&str> = want.iter().map(|d| d.doc_id.as_str()).collect();
        assert_eq!(doc_metas(&out, &all).unwrap(), want);
        let some: HashSet<&str> = ["d1", "d4", "not stored"].into();
        assert_eq!(doc_metas(&out, &some).unwrap(), vec![DocMeta::of(&batch1[1]), DocMeta::of(&batch2[1])]);
    }

    #[test]
    fn batch_ids_must_be_utc_timestamps() {
        let b = BatchId::parse("20261123T020000Z").unwrap();
        assert_eq!(b.started.to_datetime().to_rfc3339(), "2026-11-23T02:00:00+00:00");
        assert!(BatchId::parse("nightly").is_err());
        assert!(BatchId::parse(&BatchId::now().id).is_ok());
    }
}
