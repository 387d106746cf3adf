//! The reduce part of a run: everything that needs all the shards. It
//! gathers the maps' counts and state, settles the batch, rebuilds the
//! recomputed tables, runs the data tests, and publishes the batch, the
//! tables, the state and the manifest atomically from the staging directory,
//! and tells the run's outcome ([`RunOutcome`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use chrono::{SecondsFormat, Utc};
use serde_json::json;

use super::batch::BatchIdTaken;
use super::derive::{self, Derive};
use super::duplicates::{self, DocEntry};
use super::job::{Job, Work};
use super::map::{MapOutput, ShardState};
use super::prior::load_state;
use super::rederive::{self, Stale};
use super::shard::Shard;
use super::summary::RunSummary;
use super::versions;
use super::DomainData;
use crate::io::atomic::write_atomically;
use crate::io::columns;
use crate::io::out_dir::OutDir;
use crate::ops::data_tests::{self, AcceptedValues, DataTestsFailed, OnDataTestFailure};
use crate::ops::failpoint;
use crate::ops::log::Log;
use crate::ops::manifest::{
    round_ms, DataTestSummary, Manifest, Recovery, TableStats, Tool, MANIFEST_FILE, SUCCESS_FILE,
};
use crate::ops::publish::{self, Op, Plan};
use crate::ops::state::{InputCounts, StageVersions, StatKey, State, STATE_DIR, STATE_FILE};
use crate::schema::{all_tables, Award, AwardMention, CleanDocument, DocFact, Layout, Table};

const STATUS_OK: &str = "ok";
const STATUS_TESTS_WARNED: &str = "data_tests_warned";
const STATUS_TESTS_FAILED: &str = "data_tests_failed";

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

/// Tables by layout, in pipeline order.
fn table_names(layout: Layout) -> Vec<&'static str> {
    all_tables().into_iter().filter(|t| t.layout == layout).map(|t| t.name).collect()
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

/// A reduce in progress.
struct Reduce {
    job: Job,
    /// The staging directory, laid out like OUT.
    view: OutDir,
    summary: RunSummary,
    counts: InputCounts,
    /// Rows the maps wrote per table (the batch's, if it is added).
    rows: BTreeMap<String, u64>,
    worker_seconds: BTreeMap<String, f64>,
    /// The state with every shard's files; the ledger is updated on the way.
    state: State,
    state_origin: String,
    build: String,
    /// Whether the run adds its batch.
    write_batch: bool,
    /// Stored batches an older build derived, derived again.
    stale: Vec<Stale>,
    /// Which recomputed tables are rebuilt.
    derive: Derive,
    /// Data tests, once run.
    tests: Option<DataTestSummary>,
    /// How each table is published.
    published: BTreeMap<&'static str, &'static str>,
    /// Each map's shard and documents, for the duplicates across shards.
    shard_docs: Vec<(Shard, Vec<DocEntry>)>,
}

/// Reduces the maps of a job and publishes the run:
/// 1. gather the maps' counts and state, and decide duplicates across shards;
/// 2. keep the batch if anything is new (or the tables are missing, or a
///    full refresh replaces them);
/// 3. derive again the stored batches an older build derived ([`rederive`]);
/// 4. if anything is new (or the program changed), recompute `awards`,
///    `regions`, `agg_*` and the report from all batches, in staging;
/// 5. run the data tests;
/// 6. write the state and the manifest, commit and publish by renames;
///    tables whose bytes did not change are left alone.
pub fn reduce(job: Job, maps: Vec<MapOutput>, ctx: &DomainData, log: &Log) -> Result<RunOutcome> {
    let mut r = Reduce::gather(job, maps, log)?;
    r.fix_duplicates()?;
    r.settle_batch()?;
    r.find_stale(log);
    r.complete_view()?;
    r.rederive(ctx, log)?;
    r.derive(ctx)?;
    r.test(ctx, log)?;
    r.publish(log)
}

impl Reduce {
    /// Sums the maps' counts and merges their parts of the state.
    fn gather(mut job: Job, maps: Vec<MapOutput>, log: &Log) -> Result<Reduce> {
        let (mut summary, mut counts) = (RunSummary::default(), InputCounts::default());
        let (mut rows, mut worker_seconds) = (BTreeMap::new(), BTreeMap::new());
        for m in &maps {
            summary.add(&m.record.summary);
            counts.add(&m.record.counts);
            for (table, n) in &m.record.rows {
                *rows.entry(table.clone()).or_default() += n;
            }
            for (stage, s) in &m.record.worker_seconds {
                *worker_seconds.entry(stage.clone()).or_default() += s;
            }
            job.watch.add_stages(&m.record.stages);
        }
        summary.inputs_seen = counts.records_seen as usize;
        summary.already_seen = counts.already_seen as usize;
        let mut maps = maps;
        let shard_docs = maps.iter_mut().map(|m| (m.shard, std::mem::take(&mut m.docs))).collect();
        let (state, state_origin) = merged_state(&job, maps, log)?;
        let view = job.staging.view();
        let build = build_fingerprint();
        Ok(Reduce {
            job,
            view,
            summary,
            counts,
            rows,
            worker_seconds,
            state,
            state_origin,
            build,
            write_batch: false,
            stale: Vec::new(),
            derive: Derive::NONE,
            tests: None,
            published: BTreeMap::new(),
            shard_docs,
        })
    }

    /// Corrects the shards' files so that duplicates across shards are
    /// decided as one run over all the inputs would ([`duplicates`]).
    fn fix_duplicates(&mut self) -> Result<()> {
        if self.shard_docs.len() < 2 {
            return Ok(());
        }
        self.job.watch.start("global_duplicates");
        let (shards, docs): (Vec<Shard>, Vec<Vec<DocEntry>>) = std::mem::take(&mut self.shard_docs).into_iter().unzip();
        for (shard, fixes) in shards.into_iter().zip(duplicates::decide(&docs)) {
            if fixes.is_empty() {
                continue;
            }
            let batch = &self.job.batch;
            let correction = duplicates::apply(&self.view, &batch.id, shard, &fixes, batch.started)?;
            correction.adjust(&mut self.summary, &mut self.counts);
            for (table, change) in correction.rows() {
                let rows = self.rows.entry(table.to_string()).or_default();
                *rows = rows.saturating_add_signed(change);
            }
        }
        Ok(())
    }

    /// Keeps the staged batch when the run adds one and anything is new (or
    /// its tables are missing, or a full refresh replaces them), else removes it.
    fn settle_batch(&mut self) -> Result<()> {
        let (batch, tables) = (&self.job.batch.id, self.job.work.batch_tables());
        if tables.is_empty() {
            return Ok(());
        }
        if self.job.batch_taken && self.counts.new > 0 {
            return Err(BatchIdTaken(batch.clone()).into());
        }
        let tables_exist = tables.iter().all(|t| self.job.out.table_dir(t).is_dir());
        self.write_batch = self.counts.new > 0 || self.job.options.full_refresh || !tables_exist;
        if self.write_batch {
            self.summary.batch_id = Some(batch.clone());
            // Stage 1 alone derives nothing: the batch is cleaned and extracted by the next run.
            let derived = if self.job.work == Work::Run { versions::current() } else { StageVersions::default() };
            self.state.record_batch(batch, &self.counts, derived);
        } else {
            // Nothing new: the staged batch must not appear in the staging view.
            for t in tables {
                let dir = self.view.batch_dir(t, batch);
                if dir.exists() {
                    std::fs::remove_dir_all(dir)?;
                }
            }
        }
        failpoint("run.batch_staged");
        Ok(())
    }

    /// Finds the stored batches an older build derived (a run derives them
    /// again unless told `--no-rederive`), and records the versions of the
    /// stage a single-stage command re-runs over every batch.
    fn find_stale(&mut self, log: &Log) {
        let current = versions::current();
        match self.job.work {
            Work::Run => {
                let stale = rederive::stale_batches(&self.state.batches, &current);
                if self.job.options.no_rederive && !stale.is_empty() {
                    let batches: Vec<&str> = stale.iter().map(|s| s.batch.as_str()).collect();
                    log.warn(
                        "rederive_skipped",
                        format!("kept {} batch(es) an older build derived, as told (--no-rederive)", stale.len()),
                        json!({ "batches": batches }),
                    );
                } else {
                    self.stale = stale;
                }
            }
            // The mentions were extracted from the clean_documents replaced: the next run extracts again.
            Work::Clean => self.state.batches.iter_mut().for_each(|b| {
                b.derived = StageVersions { clean: current.clean.clone(), extract: None };
            }),
            Work::Extract => self.state.batches.iter_mut().for_each(|b| b.derived.extract = current.extract.clone()),
            Work::Ingest | Work::Resolve | Work::Aggregate => {}
        }
    }

    /// The per-batch tables published whole: those a stage command
    /// rebuilds, and those with batches derived again (so that no reader
    /// sees a table derived by two builds), in pipeline order.
    fn whole_tables(&self) -> Vec<&'static str> {
        let restaged = self.job.work.restaged_tables();
        let rederived: Vec<&str> = self.stale.iter().flat_map(Stale::tables).collect();
        let whole = |t: &&str| restaged.contains(t) || rederived.contains(t);
        table_names(Layout::PerBatch).into_iter().filter(whole).collect()
    }

    /// The per-batch tables this run replaces whole.
    fn replaced_tables(&self) -> Vec<&'static str> {
        let work = self.job.work;
        let mut tables = work.restaged_tables().to_vec();
        if self.write_batch && self.job.options.full_refresh {
            tables.extend(work.batch_tables());
        }
        tables
    }

    /// Which recomputed tables to rebuild: those of a single-stage command,
    /// or for `run` all of them when anything is new, the program changed,
    /// or they are missing.
    fn decide_derive(&self) -> Derive {
        if self.job.work != Work::Run {
            return self.job.work.derives();
        }
        let exist = table_names(Layout::Recomputed).iter().all(|t| self.job.out.table_dir(t).is_dir());
        let same_build = self.state.derived_by.as_deref() == Some(self.build.as_str());
        if self.write_batch || !same_build || !exist || !self.stale.is_empty() {
            Derive::ALL
        } else {
            Derive::NONE
        }
    }

    /// Completes the staging view into OUT as it will be after publication:
    /// the published batches beside this run's, and the recomputed tables it
    /// does not rebuild (hard links).
    fn complete_view(&mut self) -> Result<()> {
        self.job.watch.start("link_batches");
        let replaced = self.replaced_tables();
        let kept: Vec<&str> = table_names(Layout::PerBatch).into_iter().filter(|t| !replaced.contains(t)).collect();
        self.job.staging.link_published_batches(&self.job.out, &kept)?;
        self.derive = self.decide_derive();
        let derived = derive::tables(self.derive);
        let kept: Vec<&str> = table_names(Layout::Recomputed).into_iter().filter(|t| !derived.contains(t)).collect();
        self.job.staging.link_published_tables(&self.job.out, &kept)?;
        Ok(())
    }

    /// Derives the stale batches again in staging (their published files
    /// were linked there), and records the running versions for them.
    fn rederive(&mut self, ctx: &DomainData, log: &Log) -> Result<()> {
        if self.stale.is_empty() {
            return Ok(());
        }
        self.job.watch.start("rederive");
        let counts = rederive::rederive(&self.view, &self.stale, ctx)?;
        let current = versions::current();
        for b in self.state.batches.iter_mut().filter(|b| counts.contains_key(&b.id)) {
            b.derived = current.clone();
        }
        if let Some(again) = counts.get(&self.job.batch.id).filter(|_| self.write_batch) {
            self.recount_batch(again);
        }
        log_rederived(log, &self.stale);
        Ok(())
    }

    /// This run's counts of its own batch after it was derived again
    /// (which it is when an earlier batch is cleaned again).
    fn recount_batch(&mut self, again: &RunSummary) {
        let s = &mut self.summary;
        (s.clean_documents, s.duplicate_documents) = (again.clean_documents, again.duplicate_documents);
        (s.mentions, s.unresolved_mentions, s.doc_facts) = (again.mentions, again.unresolved_mentions, again.doc_facts);
        for (table, n) in [
            (CleanDocument::NAME, again.clean_documents),
            (AwardMention::NAME, again.mentions),
            (DocFact::NAME, again.doc_facts),
        ] {
            self.rows.insert(table.to_string(), n as u64);
        }
    }

    /// Rebuilds the recomputed tables chosen in staging.
    fn derive(&mut self, ctx: &DomainData) -> Result<()> {
        let awards = derive::derive(&self.view, self.derive, ctx, &mut self.job.watch)?;
        self.summary.awards = match awards {
            Some(n) => n,
            None => columns::dir_rows(&self.view.table_dir(Award::NAME))? as usize,
        };
        // A stage run alone leaves the recomputed tables to be rebuilt by the next run.
        self.state.derived_by = match (self.job.work, self.derive) {
            (Work::Run, Derive::ALL) => Some(self.build.clone()),
            (Work::Run, _) => self.state.derived_by.take(),
            _ => None,
        };
        if self.derive.any() {
            failpoint("run.derived");
        }
        Ok(())
    }

    /// OUT as it will be after publication.
    fn after(&self) -> &OutDir {
        &self.view
    }

    /// Runs the data tests on the tables as they will be published.
    fn test(&mut self, ctx: &DomainData, log: &Log) -> Result<()> {
        self.job.watch.start("data_tests");
        let accepted = AcceptedValues::from_knowledge(&ctx.knowledge);
        let uncleaned = (self.job.work == Work::Ingest && self.write_batch).then_some(self.job.batch.id.as_str());
        let context = data_tests::Context {
            ledger: &self.state.batches,
            counts: &self.counts,
            accepted: &accepted,
            uncleaned_batch: uncleaned,
        };
        let results = data_tests::run_all(self.after(), &context)?;
        let tests = DataTestSummary::new(self.job.options.on_data_test_failure.as_str(), results);
        for t in tests.results.iter().filter(|t| t.status == data_tests::Status::Fail) {
            log.warn(
                "data_test_failed",
                format!("data test {} failed: {}", t.name, t.message),
                json!({ "test": t.name, "failures": t.failures, "examples": t.examples }),
            );
        }
        self.tests = Some(tests);
        Ok(())
    }

    fn status(&self) -> &'static str {
        let failed = self.tests.as_ref().is_some_and(|t| t.failed > 0);
        match (failed, self.job.options.on_data_test_failure) {
            (false, _) => STATUS_OK,
            (true, OnDataTestFailure::Warn) => STATUS_TESTS_WARNED,
            (true, OnDataTestFailure::Fail) => STATUS_TESTS_FAILED,
        }
    }

    /// What to publish, in the order readers should see it: inputs' batches
    /// first, then the tables derived from them, then the state.
    fn plan_tables(&mut self) -> Result<Plan> {
        let mut plan = Plan::new(&self.job.run_id);
        let (out, staging_root) = (&self.job.out, self.job.staging.root());
        let whole = self.whole_tables();
        if self.write_batch {
            for &t in self.job.work.batch_tables() {
                if self.job.options.full_refresh {
                    plan.ops.push(Op::ReplaceDir { from: t.into(), to: t.into() });
                    self.published.insert(t, "replaced");
                } else if whole.contains(&t) {
                    continue; // published whole below, the new batch with it
                } else {
                    let rel = format!("{t}/batch={}", self.job.batch.id);
                    plan.ops.push(Op::Rename { from: rel.clone(), to: rel });
                    self.published.insert(t, "added");
                }
            }
        }
        let rebuilt = whole.into_iter().chain(derive::tables(self.derive));
        for t in rebuilt {
            if !self.view.table_dir(t).is_dir() {
                bail!("rebuilding {t} produced no files: nothing was published");
            }
            if publish::same_table_files(&self.view.table_dir(t), &out.table_dir(t))? {
                self.published.insert(t, "unchanged");
            } else {
                plan.ops.push(Op::ReplaceDir { from: t.into(), to: t.into() });
                self.published.insert(t, "replaced");
            }
        }
        if self.derive.aggregates {
            // Other derived files at the top of OUT (the HTML report).
            for entry in std::fs::read_dir(staging_root)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if !entry.file_type()?.is_file() || name.starts_with('.') || name.starts_with('_') {
                    continue;
                }
                if std::fs::read(entry.path()).ok() != std::fs::read(out.root().join(&name)).ok() {
                    plan.ops.push(Op::Rename { from: name.clone(), to: name });
                }
            }
        }
        // A quiet night leaves the stored state untouched (compared by hash, streaming).
        if !self.state.is_stored_at(&State::path(out.root())) {
            self.state.write(&State::path(staging_root))?;
            let rel = format!("{STATE_DIR}/{STATE_FILE}");
            plan.ops.push(Op::Rename { from: rel.clone(), to: rel });
        }
        Ok(plan)
    }

    /// Rows and files of every table after the run.
    fn table_stats(&self) -> Result<BTreeMap<String, TableStats>> {
        let mut stats = BTreeMap::new();
        for t in all_tables() {
            let dir = self.after().table_dir(t.name);
            let added = self.write_batch && t.layout == Layout::PerBatch;
            stats.insert(
                t.name.to_string(),
                TableStats {
                    rows: columns::dir_rows(&dir)?,
                    rows_added: added.then(|| self.rows.get(t.name).copied().unwrap_or(0)),
                    files: columns::dir_files(&dir)?,
                    published: self.published.get(t.name).copied().unwrap_or("unchanged").to_string(),
                },
            );
        }
        Ok(stats)
    }

    /// Plans the publication, writes the manifest, commits and publishes.
    fn publish(mut self, log: &Log) -> Result<RunOutcome> {
        self.job.watch.start("stage_publish");
        let mut plan = self.plan_tables()?;
        let status = self.status();
        let manifest = self.manifest(status)?;
        let Reduce { job, summary, .. } = self;
        let root = job.staging.root().to_path_buf();
        let mut manifest_json = serde_json::to_vec_pretty(&manifest)?;
        manifest_json.push(b'\n');
        write_atomically(&root.join(MANIFEST_FILE), &manifest_json)?;
        plan.ops.push(Op::Rename { from: MANIFEST_FILE.into(), to: MANIFEST_FILE.into() });
        if status == STATUS_TESTS_FAILED {
            plan.ops.push(Op::Remove { path: SUCCESS_FILE.into() });
        } else {
            write_atomically(&root.join(SUCCESS_FILE), format!("{}\n", job.run_id).as_bytes())?;
            plan.ops.push(Op::Rename { from: SUCCESS_FILE.into(), to: SUCCESS_FILE.into() });
        }
        if plan.changes_tables() {
            // No _SUCCESS while tables are being swapped.
            plan.ops.insert(0, Op::Remove { path: SUCCESS_FILE.into() });
        }
        let publish_started = Instant::now();
        let manifest_path = job.out.root().join(MANIFEST_FILE);
        publish::commit(job.staging, &plan)?;
        log_finished(log, &manifest, &summary, publish_started);
        Ok(RunOutcome { summary, manifest, manifest_path })
    }

    fn manifest(&mut self, status: &str) -> Result<Manifest> {
        let table_stats = self.table_stats()?;
        let finished = Utc::now();
        let job = &mut self.job;
        let watch = std::mem::take(&mut job.watch);
        Ok(Manifest {
            run_id: job.run_id.clone(),
            status: status.to_string(),
            mode: job.mode().to_string(),
            batch_id: self.write_batch.then(|| job.batch.id.clone()),
            started_at: job.started.to_rfc3339_opts(SecondsFormat::Millis, true),
            finished_at: finished.to_rfc3339_opts(SecondsFormat::Millis, true),
            seconds: round_ms((finished - job.started).num_milliseconds() as f64 / 1000.0),
            tool: Tool {
                name: env!("CARGO_PKG_NAME").into(),
                version: env!("CARGO_PKG_VERSION").into(),
                build: self.build.clone(),
                stages: versions::current(),
            },
            state: self.state_origin.clone(),
            recovered: Recovery {
                rolled_forward: job.recovered.rolled_forward.clone(),
                discarded: job.recovered.discarded.clone(),
            },
            rederived: self.stale.iter().map(Stale::record).collect(),
            inputs: self.counts.clone(),
            tables: table_stats,
            stages: watch.finish(),
            worker_seconds: self.worker_seconds.iter().map(|(k, v)| (k.clone(), round_ms(*v))).collect(),
            data_tests: self.tests.take().expect("data tests ran before publishing"),
        })
    }
}

/// The state after the maps: the one in-process map's, or the prior state
/// with every shard's files.
fn merged_state(job: &Job, maps: Vec<MapOutput>, log: &Log) -> Result<(State, String)> {
    let origin = maps.first().map(|m| m.record.state_origin.clone()).unwrap_or_else(|| "fresh".into());
    let mut maps = maps;
    if let [only] = maps.as_mut_slice() {
        if let ShardState::Whole(state) = &mut only.state {
            return Ok((std::mem::take(state), origin));
        }
    }
    let (mut state, origin) = load_state(&job.out, job.options.full_refresh, log)?;
    for m in maps {
        let delta = match m.state {
            ShardState::Whole(state) => state.files_of(&m.read),
            ShardState::Files(state) => state,
        };
        state.apply(delta);
    }
    Ok((state, origin.to_string()))
}

/// One line for the batches derived again: how many, which, and the
/// distinct reasons (the JSON and the manifest list every batch).
fn log_rederived(log: &Log, stale: &[Stale]) {
    let (Some(first), Some(last)) = (stale.first(), stale.last()) else { return };
    let mut reasons: Vec<&str> = stale.iter().map(|s| s.reason.as_str()).collect();
    reasons.sort_unstable();
    reasons.dedup();
    let records: Vec<_> = stale.iter().map(Stale::record).collect();
    log.info(
        "rederived",
        format!(
            "derived {} stored batch(es) again ({} to {}): an older build had derived them ({})",
            stale.len(),
            first.batch,
            last.batch,
            reasons.join("; ")
        ),
        json!({ "rederived": records }),
    );
}

fn log_finished(log: &Log, manifest: &Manifest, summary: &RunSummary, publish_started: Instant) {
    let inputs = &manifest.inputs;
    log.info(
        "run_finished",
        format!(
            "run {} {} in {:.1} s: {} inputs seen, {} new ({} documents, {} rejected), {} already seen; batch {}; {} awards; data tests {} passed, {} failed, {} skipped",
            manifest.run_id,
            manifest.status,
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
            "run_id": manifest.run_id,
            "status": manifest.status,
            "batch_id": manifest.batch_id,
            "seconds": manifest.seconds,
            "publish_seconds": round_ms(publish_started.elapsed().as_secs_f64()),
            "inputs": manifest.inputs,
            "awards": summary.awards,
            "data_tests_failed": manifest.data_tests.failed,
        }),
    );
}
