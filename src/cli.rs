//! The command line: `run` for the whole pipeline, one subcommand per stage,
//! `schema` for the table reference.
//!
//! Exit codes: 0 success (rejected inputs are counted in the summary, not
//! failures), 1 failure, 2 usage error, 3 another run holds the output's
//! lock, 4 data tests failed (`run --on-data-test-failure fail`, the default).

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FileConfig;
use crate::ops::data_tests::{DataTestsFailed, OnDataTestFailure};
use crate::ops::lock::LockBusy;
use crate::ops::log::{Log, LogFormat};
use crate::pipeline::shard::Shard;
use crate::pipeline::{self, cluster, BatchId, BatchIdTaken, DomainData, NightlyOptions, RunOptions, Work};
use crate::schema;
use crate::stages::ingest::IngestOptions;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
/// Another run holds the lock of the output directory; nothing was changed.
pub const EXIT_LOCKED: i32 = 3;
/// The run published its outputs but data tests failed (see OUT/_manifest.json).
pub const EXIT_DATA_TESTS: i32 = 4;

const EXAMPLES: &str = "\
Examples:
  welfare-awards run --input data/sample --out out
  welfare-awards run --config pipelines/sample.toml
  welfare-awards run --input '/archive/**/*.txt' --input /archive/feeds --out /data/welfare
  welfare-awards run --input /archive/news --out /data/welfare --log-format json  # cron
  welfare-awards run --input /archive/news --out /data/welfare --full-refresh     # rebuild all
  welfare-awards clean --out out          # re-run one stage from the stored tables
  welfare-awards map --input in --out out --batch-id 20261123T020000Z --shard 0 --shards 2   # and --shard 1,
  welfare-awards reduce --out out --batch-id 20261123T020000Z --shards 2                     # then the reduce
  welfare-awards schema --format markdown # the table reference

Exit codes: 0 success (rejected inputs are counted, not failures), 1 failure, 2 usage error,
3 another run holds the output's lock, 4 data tests failed (details in OUT/_manifest.json).";

#[derive(Debug, Parser)]
#[command(name = "welfare-awards", version, about = "Scraped Korean news pages → Parquet tables of the 지역복지사업 평가 awards", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Log lines as text (progress bars on a terminal) or as JSON objects, on stderr.
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub log_format: LogFormat,
    /// Only warnings and errors; no progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every stage in order: ingest, clean, extract, resolve, aggregate.
    #[command(after_help = EXAMPLES)]
    Run(RunCommandArgs),
    /// Stage 1: decode inputs into raw_documents and rejects.
    Ingest(RunArgs),
    /// Stage 2: clean raw_documents into clean_documents.
    Clean(StageArgs),
    /// Stage 3: extract award_mentions and doc_facts from clean_documents.
    Extract(StageArgs),
    /// Stage 4: build awards and regions from award_mentions.
    Resolve(StageArgs),
    /// Stage 5: compute the agg_* tables from awards, regions and doc_facts.
    Aggregate(StageArgs),
    /// The map part of a run, apart: one shard of the inputs into
    /// OUT/.map-<batch>/shard=<i>/attempt=<a>/ (for a cluster driver such as
    /// pipelines/spark/job.py). Takes no lock; prints what it did as JSON.
    Map(MapArgs),
    /// The reduce part of a run, apart: commits one finished map attempt per
    /// shard and publishes the run as `run` does.
    Reduce(ReduceArgs),
    /// Print every table with its columns, types and meanings.
    Schema(SchemaArgs),
    /// Maintain the reference data under data/reference/ (region codes).
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// Score an output against hand labels (dev-set format): precision, recall, F1 and the errors by kind.
    Eval(crate::eval::EvalArgs),
    /// Write a deterministic benchmark corpus with gold labels (used by `make bench`).
    GenCorpus(GenCorpusArgs),
}

/// Inputs, output and limits of a run.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Input directory (walked recursively), file or glob; repeatable.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub input: Vec<String>,
    /// Output directory; each table becomes OUT/<table>/.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A TOML run configuration (see pipelines/); command-line flags win.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Reject inputs larger than this many bytes [default: 20971520].
    #[arg(long, value_name = "BYTES")]
    pub max_file_bytes: Option<u64>,
    /// Reject texts with fewer non-space characters [default: 20].
    #[arg(long, value_name = "N")]
    pub min_text_chars: Option<usize>,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Name of this run's batch partition, a UTC timestamp like 20261123T020000Z [default: now].
    #[arg(long, value_name = "ID")]
    pub batch_id: Option<String>,
}

/// `run`: a run's inputs and limits, and how it treats earlier runs.
#[derive(Debug, Clone, Args)]
pub struct RunCommandArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub publish: PublishArgs,
}

/// How `run` and `reduce` treat what is stored and what fails.
#[derive(Debug, Clone, Args)]
pub struct PublishArgs {
    /// Rebuild every table from all inputs, replacing every batch, instead of
    /// adding only documents not seen before.
    #[arg(long)]
    pub full_refresh: bool,
    /// What a failing data test does: fail (exit code 4, no _SUCCESS) or warn.
    #[arg(long, value_enum, value_name = "WHAT", default_value = "fail")]
    pub on_data_test_failure: OnDataTestFailure,
    /// Keep the stored batches an older build derived as they are, instead of
    /// deriving their clean_documents, award_mentions and doc_facts again.
    #[arg(long)]
    pub no_rederive: bool,
}

impl PublishArgs {
    /// The options of a nightly run or a reduce.
    pub fn nightly(&self, batch_id_given: bool) -> NightlyOptions {
        NightlyOptions {
            full_refresh: self.full_refresh,
            batch_id_given,
            on_data_test_failure: self.on_data_test_failure,
            no_rederive: self.no_rederive,
        }
    }
}

/// `map`: a run's inputs and limits, and the shard.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// This shard, 0 to --shards - 1: the inputs whose position in the
    /// sorted walk of --input, modulo --shards, is this number.
    #[arg(long, value_name = "I")]
    pub shard: u32,
    /// Number of shards the inputs are split into (the same for every map and the reduce).
    #[arg(long, value_name = "N")]
    pub shards: u32,
    /// Name of this try of the shard; a retried task must use another
    /// (letters, digits, '-', '_').
    #[arg(long, value_name = "NAME", default_value = "0")]
    pub attempt: String,
    /// Read everything as new (the reduce must say --full-refresh too).
    #[arg(long)]
    pub full_refresh: bool,
}

/// `reduce`: where the maps wrote and which attempts to commit.
#[derive(Debug, Clone, Args)]
pub struct ReduceArgs {
    /// Output directory the maps wrote into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The batch the maps wrote (their --batch-id).
    #[arg(long, value_name = "ID")]
    pub batch_id: String,
    /// Number of shards.
    #[arg(long, value_name = "N")]
    pub shards: u32,
    /// The attempt to commit for each shard, in shard order, comma-separated
    /// [default: the first finished attempt of each shard].
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    pub attempts: Option<Vec<String>>,
    #[command(flatten)]
    pub publish: PublishArgs,
}

/// Where the stored tables are.
#[derive(Debug, Clone, Args)]
pub struct StageArgs {
    /// Output directory holding the previous stage's table.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// What a failing data test does: warn (recorded in the manifest) or fail (exit code 4).
    #[arg(long, value_enum, value_name = "WHAT", default_value = "warn")]
    pub on_data_test_failure: OnDataTestFailure,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaFormat {
    Text,
    Markdown,
    /// Machine-readable, for the interop tests and tools.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: SchemaFormat,
}

/// Size, seed, format and destination of a generated benchmark corpus.
#[derive(Debug, Clone, Args)]
pub struct GenCorpusArgs {
    /// Stop once the pages reach this size before gzip: 100MB, 1GB, 64MiB, ...
    #[arg(long, value_name = "SIZE", value_parser = crate::corpus::parse_size)]
    pub size: u64,
    /// Same seed, same size and format: byte-identical corpus.
    #[arg(long, value_name = "N", default_value_t = 42)]
    pub seed: u64,
    #[arg(long, value_enum, default_value = "txt")]
    pub format: crate::corpus::Format,
    /// New directory: pages go to DIR/input/, labels to DIR/gold.jsonl.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Worker threads [default: one per core]; the output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `welfare-awards reference ...`
#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Build data/reference/regions.csv and the generated region aliases from the official
    /// 법정동 files (국토교통부 전국 법정동 editions, code.go.kr 법정동코드 전체자료, sido_iso3166_2.csv).
    ImportRegions(ImportRegionsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ImportRegionsArgs {
    /// The official files, in any order.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where regions.csv and region_aliases.generated.csv are written.
    #[arg(long, value_name = "DIR", default_value = "data/reference")]
    pub out_dir: PathBuf,
}

/// A usage problem found after parsing (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Settings of a run after merging the config file and the flags.
fn resolve_run_options(args: &RunArgs) -> Result<(RunOptions, Option<usize>)> {
    let file = match &args.config {
        Some(path) => FileConfig::load(path)?,
        None => FileConfig::default(),
    };
    let inputs = if args.input.is_empty() { file.input.clone().unwrap_or_default() } else { args.input.clone() };
    if inputs.is_empty() {
        return Err(UsageError("no input: give --input PATH or a --config with `input`".into()).into());
    }
    let out = args
        .out
        .clone()
        .or(file.out.clone())
        .ok_or_else(|| UsageError("no output directory: give --out DIR or a --config with `out`".into()))?;
    let defaults = IngestOptions::default();
    let ingest = IngestOptions {
        max_bytes: args.max_file_bytes.or(file.max_file_bytes).unwrap_or(defaults.max_bytes),
        min_chars: args.min_text_chars.or(file.min_text_chars).unwrap_or(defaults.min_chars),
    };
    let batch = match &args.batch_id {
        Some(id) => BatchId::parse(id).map_err(|e| UsageError(format!("{e:#}")))?,
        None => BatchId::now(),
    };
    let threads = args.threads.or(file.threads).filter(|&n| n > 0);
    Ok((RunOptions { inputs, out, ingest, batch }, threads))
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        // Fails only if the pool was already built, in which case it is kept.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
}

fn execute(command: Command, log: &Log) -> Result<()> {
    match command {
        Command::Run(args) => {
            let (opts, threads) = resolve_run_options(&args.run)?;
            set_threads(threads);
            let ctx = DomainData::load()?;
            let nightly = args.publish.nightly(args.run.batch_id.is_some());
            let outcome = pipeline::run_nightly(&opts, &nightly, &ctx, log)?;
            log.text_block(&format!("{}\nwrote {}", outcome.summary, opts.out.display()));
            if let Some(failed) = outcome.data_test_failure() {
                return Err(failed.into());
            }
        }
        Command::Ingest(args) => {
            let (opts, threads) = resolve_run_options(&args)?;
            set_threads(threads);
            // Stage 1 alone leaves the later tables behind: its data tests warn.
            let nightly = NightlyOptions {
                batch_id_given: args.batch_id.is_some(),
                on_data_test_failure: OnDataTestFailure::Warn,
                ..NightlyOptions::default()
            };
            let outcome = pipeline::run_work(Work::Ingest, &opts, &nightly, &DomainData::load()?, log)?;
            log.text_block(&format!("{}\nwrote {}", outcome.summary, opts.out.display()));
            if let Some(failed) = outcome.data_test_failure() {
                return Err(failed.into());
            }
        }
        Command::Clean(args) => run_stage(Work::Clean, &args, log)?,
        Command::Extract(args) => run_stage(Work::Extract, &args, log)?,
        Command::Resolve(args) => run_stage(Work::Resolve, &args, log)?,
        Command::Aggregate(args) => {
            run_stage(Work::Aggregate, &args, log)?;
            log.text_block(&format!("wrote {}", args.out.join(crate::report::REPORT_FILE).display()));
        }
        Command::Eval(args) => eval_command(&args)?,
        Command::Map(args) => map_command(&args, log)?,
        Command::Reduce(args) => reduce_command(&args, log)?,
        Command::GenCorpus(args) => {
            set_threads(args.threads);
            let data = crate::corpus::CorpusData::embedded()?;
            let opts = crate::corpus::GenOptions {
                size_bytes: args.size,
                seed: args.seed,
                format: args.format,
                out: args.out.clone(),
            };
            let s = crate::corpus::write_corpus(&opts, &data)?;
            eprintln!(
                "gen-corpus: {} documents ({} award, {} near-miss; {} gold awards) in {} files, {} bytes on disk -> {}",
                s.documents,
                s.award_documents,
                s.near_miss_documents,
                s.gold_awards,
                s.files,
                s.bytes_on_disk,
                args.out.display()
            );
        }
        Command::Reference(ReferenceCommand::ImportRegions(args)) => {
            let report = crate::regions::import::import_files(&args.files, &args.out_dir)?;
            eprint!("{report}");
            eprintln!("wrote {}", args.out_dir.display());
        }
        Command::Schema(args) => match args.format {
            SchemaFormat::Text => print!("{}", schema::text_reference()),
            SchemaFormat::Markdown => print!("{}", schema::markdown_reference()),
            SchemaFormat::Json => println!("{}", schema::json_reference()),
        },
    }
    Ok(())
}

/// `eval`: the score on stdout (exit code 0 whatever the numbers; bad input fails).
fn eval_command(args: &crate::eval::EvalArgs) -> Result<()> {
    print!("{}", crate::eval::run(args)?);
    Ok(())
}

/// `map`: one shard into its attempt directory; prints `_DONE.json` on stdout.
fn map_command(args: &MapArgs, log: &Log) -> Result<()> {
    let (opts, threads) = resolve_run_options(&args.run)?;
    if args.run.batch_id.is_none() {
        return Err(UsageError("map needs --batch-id: every shard and the reduce name the same batch".into()).into());
    }
    if args.attempt.is_empty() || !args.attempt.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(UsageError(format!("--attempt {:?}: use letters, digits, '-' and '_'", args.attempt)).into());
    }
    let shard = Shard::new(args.shard, args.shards).map_err(|e| UsageError(format!("{e:#}")))?;
    set_threads(threads);
    let nightly = NightlyOptions { full_refresh: args.full_refresh, ..NightlyOptions::default() };
    let done = cluster::map_shard(&opts, &nightly, shard, &args.attempt, &DomainData::load()?, log)?;
    println!("{}", serde_json::to_string(&done)?);
    Ok(())
}

/// `reduce`: the shards' attempts committed and published as a run.
fn reduce_command(args: &ReduceArgs, log: &Log) -> Result<()> {
    let batch = BatchId::parse(&args.batch_id).map_err(|e| UsageError(format!("{e:#}")))?;
    let nightly = args.publish.nightly(true);
    let chosen = args.attempts.as_deref();
    let ctx = DomainData::load()?;
    let outcome = cluster::reduce_shards(&args.out, &batch, args.shards, chosen, &nightly, &ctx, log)?;
    log.text_block(&format!("{}\nwrote {}", outcome.summary, args.out.display()));
    match outcome.data_test_failure() {
        Some(failed) => Err(failed.into()),
        None => Ok(()),
    }
}

/// One stage again over what `args.out` stores (see [`Work`]); prints the
/// rows of the tables it rebuilt.
fn run_stage(work: Work, args: &StageArgs, log: &Log) -> Result<()> {
    let opts = RunOptions {
        inputs: Vec::new(),
        out: args.out.clone(),
        ingest: IngestOptions::default(),
        batch: BatchId::now(),
    };
    let nightly = NightlyOptions { on_data_test_failure: args.on_data_test_failure, ..NightlyOptions::default() };
    let outcome = pipeline::run_work(work, &opts, &nightly, &DomainData::load()?, log)?;
    let tables = work.restaged_tables().iter().copied().chain(pipeline::derive::tables(work.derives()));
    let rows: Vec<String> =
        tables.map(|t| format!("{t}: {}", outcome.manifest.tables.get(t).map_or(0, |s| s.rows))).collect();
    log.text_block(&rows.join("\n"));
    match outcome.data_test_failure() {
        Some(failed) => Err(failed.into()),
        None => Ok(()),
    }
}

/// Parses the command line, runs it and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let log = Log::new(cli.log_format, cli.quiet);
    match execute(cli.command, &log) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let code = exit_code(&e);
            log.error("error", format!("error: {e:#}"), serde_json::json!({ "exit_code": code }));
            code
        }
    }
}

/// The exit code of a failed command (documented at the top of this module).
fn exit_code(e: &anyhow::Error) -> i32 {
    if e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<BatchIdTaken>().is_some() {
        EXIT_USAGE
    } else if e.downcast_ref::<LockBusy>().is_some() {
        EXIT_LOCKED
    } else if e.downcast_ref::<DataTestsFailed>().is_some() {
        EXIT_DATA_TESTS
    } else {
        EXIT_FAILURE
    }
}
