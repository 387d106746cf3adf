//! The frame of a run on the output directory: the lock, recovery of what
//! interrupted runs left, the batch the run adds and its staging directory.
//! `run` is a [`Job`] with one map over all the inputs, then the reduce
//! ([`super::local`]).

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde_json::json;

use super::batch::{choose_batch, BatchId};
use super::derive::Derive;
use crate::io::out_dir::OutDir;
use crate::ops::data_tests::OnDataTestFailure;
use crate::ops::lock::RunLock;
use crate::ops::log::Log;
use crate::ops::manifest::Stopwatch;
use crate::ops::publish::{self, Recovered, Staging};
use crate::schema::{all_tables, AwardMention, CleanDocument, DocFact, RawDocument, Reject, Table};
use crate::stages::ingest::IngestOptions;

/// What a command asks of the pipeline: `run`, or one stage alone. Each
/// is a map part (inputs, or a stored table, into staging) and a reduce
/// part (which tables it rebuilds and publishes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Every stage: the inputs' new records into a batch, then everything recomputed.
    Run,
    /// Stage 1 alone: the inputs' new records into a batch of `raw_documents` and `rejects`.
    Ingest,
    /// Stage 2 again over every stored batch (`clean_documents`).
    Clean,
    /// Stage 3 again over every stored batch (`award_mentions`, `doc_facts`).
    Extract,
    /// Stage 4 again: `awards` and `regions`.
    Resolve,
    /// Stage 5 again: the `agg_*` tables and the report.
    Aggregate,
}

impl Work {
    pub fn name(self) -> &'static str {
        match self {
            Work::Run => "run",
            Work::Ingest => "ingest",
            Work::Clean => "clean",
            Work::Extract => "extract",
            Work::Resolve => "resolve",
            Work::Aggregate => "aggregate",
        }
    }

    /// The per-batch tables of a batch the work adds (none: it adds no batch).
    pub fn batch_tables(self) -> &'static [&'static str] {
        match self {
            Work::Run => &[RawDocument::NAME, Reject::NAME, CleanDocument::NAME, AwardMention::NAME, DocFact::NAME],
            Work::Ingest => &[RawDocument::NAME, Reject::NAME],
            _ => &[],
        }
    }

    /// The per-batch tables it rewrites whole, every batch.
    pub fn restaged_tables(self) -> &'static [&'static str] {
        match self {
            Work::Clean => &[CleanDocument::NAME],
            Work::Extract => &[AwardMention::NAME, DocFact::NAME],
            _ => &[],
        }
    }

    /// The recomputed tables it rebuilds whatever happened (`run` decides by itself).
    pub fn derives(self) -> Derive {
        match self {
            Work::Resolve => Derive { awards: true, aggregates: false },
            Work::Aggregate => Derive { awards: false, aggregates: true },
            _ => Derive::NONE,
        }
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

/// How a run treats what earlier runs stored.
#[derive(Debug, Clone, Default)]
pub struct NightlyOptions {
    /// Rebuild every table from all inputs instead of adding only what is new.
    pub full_refresh: bool,
    /// The batch id was given by the user: if a batch of that name exists and
    /// there is something new, the run fails ([`BatchIdTaken`](super::BatchIdTaken)) instead of
    /// moving on to the next free second.
    pub batch_id_given: bool,
    /// What a failing data test does to the run.
    pub on_data_test_failure: OnDataTestFailure,
    /// Keep the stored batches an older build derived as they are, instead
    /// of deriving them again ([`rederive`](super::rederive)).
    pub no_rederive: bool,
}

/// A run holding the lock of OUT, with its staging directory.
pub struct Job {
    pub work: Work,
    pub run_id: String,
    pub started: DateTime<Utc>,
    pub out: OutDir,
    pub options: NightlyOptions,
    /// The batch the run adds, and whether a batch of that name exists.
    pub batch: BatchId,
    pub batch_taken: bool,
    pub staging: Staging,
    pub recovered: Recovered,
    /// The phases so far (lock, recover).
    pub watch: Stopwatch,
    _lock: RunLock,
}

impl Job {
    /// Takes the lock of `out` ([`LockBusy`](crate::ops::lock::LockBusy) if
    /// another run holds it), finishes or discards what an interrupted run
    /// left ([`publish::recover`]), chooses the batch and creates the
    /// staging directory.
    pub fn begin(work: Work, out: &Path, wanted: &BatchId, options: &NightlyOptions, log: &Log) -> Result<Job> {
        let started = Utc::now();
        let run_id = format!("{}-{}", started.format("%Y%m%dT%H%M%S%.3fZ"), std::process::id());
        let mut watch = Stopwatch::new();
        watch.start("lock");
        let lock = RunLock::acquire(out, &run_id)?;
        let mode = mode(work, options.full_refresh);
        log.info(
            "run_started",
            format!("run {run_id} started ({mode}) into {}", out.display()),
            json!({ "run_id": run_id, "mode": mode, "out": out }),
        );
        watch.start("recover");
        let names: Vec<&str> = all_tables().iter().map(|t| t.name).collect();
        let recovered = publish::recover(out, &names)?;
        log_recovered(&recovered, log);
        let dir = OutDir::new(out);
        let (batch, batch_taken) = choose_batch(&dir, wanted, options.batch_id_given, options.full_refresh)?;
        let staging = Staging::create(out, &run_id)?;
        watch.stop();
        Ok(Job {
            work,
            run_id,
            started,
            out: dir,
            options: options.clone(),
            batch,
            batch_taken,
            staging,
            recovered,
            watch,
            _lock: lock,
        })
    }

    /// Files changed in the two seconds before the run started cannot be
    /// trusted to show a later change in their mtime: they are read again.
    pub fn racy_after_ns(&self) -> i64 {
        self.started.timestamp_nanos_opt().unwrap_or(i64::MAX) - 2_000_000_000
    }

    pub fn mode(&self) -> &'static str {
        mode(self.work, self.options.full_refresh)
    }
}

/// The manifest's `mode`: incremental | full_refresh, or the stage a
/// single-stage command ran.
fn mode(work: Work, full_refresh: bool) -> &'static str {
    match (work, full_refresh) {
        (Work::Run, true) => "full_refresh",
        (Work::Run, false) => "incremental",
        _ => work.name(),
    }
}

fn log_recovered(recovered: &Recovered, log: &Log) {
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
}
