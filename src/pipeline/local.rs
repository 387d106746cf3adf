//! `run` and every single-stage command on one machine ([`run_work`]): both
//! parts of a run in one process. The `map` and `reduce` commands are the
//! same two parts apart ([`super::cluster`]).

use anyhow::Result;

use super::job::{Job, NightlyOptions, RunOptions, Work};
use super::map::{self, MapTask};
use super::reduce::{self, RunOutcome};
use super::restage;
use super::shard::Shard;
use super::summary::RunSummary;
use super::DomainData;
use crate::ops::log::Log;

/// Runs the whole pipeline once, incrementally, into `opts.out` (see
/// [`run_nightly`]), quietly, with the default options.
pub fn run(opts: &RunOptions, ctx: &DomainData) -> Result<RunSummary> {
    Ok(run_nightly(opts, &NightlyOptions::default(), ctx, &Log::silent())?.summary)
}

/// One nightly run: [`run_work`] of [`Work::Run`].
pub fn run_nightly(opts: &RunOptions, nightly: &NightlyOptions, ctx: &DomainData, log: &Log) -> Result<RunOutcome> {
    run_work(Work::Run, opts, nightly, ctx, log)
}

/// `run` or one stage alone on this machine: a [`Job`], its map part into
/// the staging directory (all the inputs as one shard, [`map::map`], or a
/// stored table, [`restage`]), then the reduce ([`reduce::reduce`]).
/// `opts.inputs` are read by `run` and `ingest` only.
pub fn run_work(
    work: Work,
    opts: &RunOptions,
    nightly: &NightlyOptions,
    ctx: &DomainData,
    log: &Log,
) -> Result<RunOutcome> {
    let job = Job::begin(work, &opts.out, &opts.batch, nightly, log)?;
    let view = job.staging.view();
    let maps = match work {
        Work::Run | Work::Ingest => {
            let task = MapTask {
                out: &job.out,
                target: &view,
                shard: Shard::WHOLE,
                inputs: &opts.inputs,
                ingest: &opts.ingest,
                batch: &job.batch,
                batch_taken: job.batch_taken,
                full_refresh: nightly.full_refresh,
                process: work == Work::Run,
                index_docs: false,
                racy_after_ns: job.racy_after_ns(),
            };
            vec![map::map(&task, ctx, log)?]
        }
        Work::Clean => vec![restage::reclean(&job.out, &view)?],
        Work::Extract => vec![restage::reextract(&job.out, &view, ctx)?],
        Work::Resolve | Work::Aggregate => Vec::new(),
    };
    reduce::reduce(job, maps, ctx, log)
}
