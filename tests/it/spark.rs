//! The pipeline as an Apache Spark job (pipelines/spark/job.py) in local
//! mode: four shards give the rows of one `welfare-awards run` over the same
//! inputs, pages copied across shards included; the same batch id gives the
//! same bytes again; a shard whose process dies mid-write is retried by
//! Spark and the job still gives the same tables.
//!
//! Needs Java and pyspark (`make spark-deps`): skipped with a printed
//! reason without them, required under CI (`WELFARE_REQUIRE_SPARK=1`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cluster::{assert_same_as_run, inputs_with_copies};
use crate::common;
use crate::ops::{manifest, snapshot};

const BATCH: &str = "20261123T020000Z";

/// The Python with pyspark (`WELFARE_SPARK_PYTHON`, set by `make test`), when
/// it and a Java runtime work; else `None` with the reason printed.
fn spark_python() -> Option<PathBuf> {
    let python = std::env::var_os("WELFARE_SPARK_PYTHON").map(PathBuf::from);
    let pyspark = python
        .as_ref()
        .is_some_and(|py| Command::new(py).args(["-c", "import pyspark"]).status().is_ok_and(|s| s.success()));
    let java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if pyspark && java {
        return python;
    }
    let why = if !java { "no java on PATH" } else { "no WELFARE_SPARK_PYTHON with pyspark (make spark-deps)" };
    if std::env::var_os("WELFARE_REQUIRE_SPARK").is_some_and(|v| !v.is_empty() && v != "0") {
        panic!("the Spark tests are required (WELFARE_REQUIRE_SPARK) but cannot run: {why}");
    }
    eprintln!("SKIP: the Spark job tests need Java and pyspark: {why}");
    None
}

/// A small generated corpus with pages copied across shards, and the
/// sample web archives (a `.warc.gz` and a `.warc.wet.gz`).
fn corpus(dir: &Path) -> PathBuf {
    let gen = common::run_bin(["gen-corpus", "--size", "1500kB", "--seed", "7", "--out", dir.to_str().unwrap()]);
    assert!(gen.status.success(), "{}", String::from_utf8_lossy(&gen.stderr));
    let input = dir.join("input");
    inputs_with_copies(&input.join("zz-extra"));
    let web = input.join("web");
    std::fs::create_dir_all(&web).unwrap();
    for name in ["crawl-2026-03.warc.gz", "crawl-2026-03.warc.wet.gz"] {
        std::fs::copy(common::repo_dir().join("data/sample/web").join(name), web.join(name)).unwrap();
    }
    input
}

/// Runs the job; returns its timings report.
fn spark_job(python: &Path, input: &Path, out: &Path, env: &[(&str, &str)]) -> serde_json::Value {
    let report = out.with_extension("report.json");
    let mut cmd = Command::new(python);
    cmd.arg(common::repo_dir().join("pipelines/spark/job.py"))
        .args(["--master", "local[2]", "--shards", "4", "--batch-id", BATCH])
        .arg("--input")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--bin")
        .arg(common::bin())
        .arg("--report")
        .arg(&report)
        .env_remove(welfare_awards::ops::FAILPOINT_ENV);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().expect("spawning the Spark job");
    assert!(o.status.success(), "the Spark job failed:\n{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap()
}

fn run(input: &Path, out: &Path) {
    let o = common::run_bin([
        "run",
        "--quiet",
        "--batch-id",
        BATCH,
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A corpus and one `run` over it.
fn corpus_and_run() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(&tmp.path().join("corpus"));
    let whole = tmp.path().join("run");
    run(&input, &whole);
    (tmp, input, whole)
}

#[test]
fn the_spark_job_gives_the_rows_of_one_run_and_reruns_byte_identical() {
    let Some(python) = spark_python() else { return };
    let (tmp, input, whole) = corpus_and_run();
    let spark = tmp.path().join("spark");
    let report = spark_job(&python, &input, &spark, &[]);
    assert_eq!(report["shards"], 4);
    assert_same_as_run(&spark, &whole);
    assert_eq!(manifest(&spark)["inputs"]["warc_records"]["conversion"], 11, "the WET file is read");
    let parts = snapshot(&spark).into_keys().filter(|k| k.starts_with("clean_documents/")).count();
    assert_eq!(parts, 4, "one file per shard");
    assert!(!spark.join(format!(".map-{BATCH}")).exists());

    // The same batch id again: the same bytes, into a new output or the same one.
    let again = tmp.path().join("again");
    spark_job(&python, &input, &again, &[]);
    assert_eq!(snapshot(&again), snapshot(&spark));
    let before = snapshot(&spark);
    spark_job(&python, &input, &spark, &[]);
    assert_eq!(snapshot(&spark), before);
    assert_eq!(manifest(&spark)["inputs"]["already_seen"], manifest(&whole)["inputs"]["records_seen"]);
}

#[test]
fn a_shard_killed_mid_write_is_retried_and_the_job_gives_the_same_tables() {
    let Some(python) = spark_python() else { return };
    let (tmp, input, whole) = corpus_and_run();
    let spark = tmp.path().join("spark");
    // Shard 1's first attempt aborts (like kill -9) after its first chunk,
    // with its files half written.
    let report = spark_job(&python, &input, &spark, &[("WELFARE_SPARK_TEST_FAIL", "1:run.chunk:1")]);
    assert_eq!(report["attempts_tried"], serde_json::json!([1, 2, 1, 1]), "{report:#}");
    assert_same_as_run(&spark, &whole);
    let leftovers: Vec<_> = walkdir::WalkDir::new(&spark)
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.starts_with(".map-") || n.starts_with(".staging-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
