//! `map` and `reduce` as commands of their own, for a driver that runs the
//! maps elsewhere: `pipelines/spark/job.py`, a Kubernetes Indexed Job, or a
//! shell loop. Each `map` writes one shard into an attempt directory of its
//! own and takes no lock (it only reads the published outputs); `reduce`
//! takes the lock, commits one finished attempt per shard ([`attempt`]) and
//! reduces them exactly as `run` reduces its one map.

use anyhow::{bail, Result};
use chrono::Utc;

use super::attempt::{self, Done};
use super::batch::choose_batch;
use super::job::{Job, NightlyOptions, RunOptions, Work};
use super::map::{self, MapTask};
use super::reduce::{self, RunOutcome};
use super::shard::Shard;
use super::versions;
use super::DomainData;
use crate::io::out_dir::OutDir;
use crate::ops::failpoint;
use crate::ops::log::Log;

/// `welfare-awards map`: one shard of the inputs into its attempt directory.
pub fn map_shard(
    opts: &RunOptions,
    nightly: &NightlyOptions,
    shard: Shard,
    attempt: &str,
    ctx: &DomainData,
    log: &Log,
) -> Result<Done> {
    let out = OutDir::new(&opts.out);
    // What the map reads is identified first: a publication after this is seen by the reduce.
    let base = attempt::base_of(&out)?;
    let dir = attempt::attempt_dir(&out, &opts.batch.id, shard, attempt);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?; // an earlier try under the same attempt name
    }
    let (batch, batch_taken) = choose_batch(&out, &opts.batch, true, nightly.full_refresh)?;
    let racy_after_ns = Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX) - 2_000_000_000;
    let target = OutDir::new(&dir);
    let task = MapTask {
        out: &out,
        target: &target,
        shard,
        inputs: &opts.inputs,
        ingest: &opts.ingest,
        batch: &batch,
        batch_taken,
        full_refresh: nightly.full_refresh,
        process: true,
        index_docs: true,
        racy_after_ns,
    };
    let output = map::map(&task, ctx, log)?;
    failpoint("map.written");
    let done = Done {
        version: env!("CARGO_PKG_VERSION").into(),
        batch_id: batch.id.clone(),
        shard,
        attempt: attempt.to_string(),
        full_refresh: nightly.full_refresh,
        base,
        stage_versions: versions::current(),
        record: output.record.clone(),
    };
    attempt::finish(&dir, output, done)
}

/// `welfare-awards reduce`: the shards' finished attempts (those named in
/// `chosen`, one per shard, or else the first finished of each) reduced and
/// published like a `run`; the attempt directories go once it is published.
pub fn reduce_shards(
    out: &std::path::Path,
    batch: &super::BatchId,
    shards: u32,
    chosen: Option<&[String]>,
    nightly: &NightlyOptions,
    ctx: &DomainData,
    log: &Log,
) -> Result<RunOutcome> {
    let nightly = NightlyOptions { batch_id_given: true, ..nightly.clone() };
    let job = Job::begin(Work::Run, out, batch, &nightly, log)?;
    let base = attempt::base_of(&job.out)?;
    let mut maps = Vec::new();
    for (dir, done) in attempt::winners(&job.out, &job.batch.id, shards, chosen)? {
        if done.base != base {
            bail!(
                "{}: the map read another version of {} than the one there now (a run published in between): run the maps again",
                dir.display(),
                out.display()
            );
        }
        if done.full_refresh != nightly.full_refresh || done.shard.count != shards {
            bail!("{}: the map ran with other options (--full-refresh, --shards) than this reduce", dir.display());
        }
        if done.stage_versions != versions::current() {
            bail!(
                "{}: the map ran another build of welfare-awards than this reduce: run the maps with this one",
                dir.display()
            );
        }
        maps.push(attempt::commit(&dir, done, &job.staging)?);
    }
    let attempts = attempt::map_dir(&job.out, &job.batch.id);
    let outcome = reduce::reduce(job, maps, ctx, log)?;
    match std::fs::remove_dir_all(&attempts) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    Ok(outcome)
}
