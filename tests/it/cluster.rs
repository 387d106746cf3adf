//! `map` and `reduce` run apart, as a cluster driver runs them: the shards'
//! maps, each in an attempt directory of its own, then the reduce, give the
//! rows of one `run` over the same inputs — pages copied across shards
//! included — and a shard that died mid-write is simply tried again.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use welfare_awards::io::parquet::read_rows;
use welfare_awards::schema::Table;

use crate::common;
use crate::ops::{article, manifest, snapshot, table_files, write_articles, TABLES};

pub const BATCH: &str = "20261123T020000Z";
const FAILPOINT: &str = welfare_awards::ops::FAILPOINT_ENV;

fn bin(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(common::bin());
    cmd.args(args).arg("--quiet").env_remove(FAILPOINT);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("spawning welfare-awards")
}

pub fn ok(o: Output, what: &str) -> Output {
    assert!(o.status.success(), "{what} failed:\n{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Inputs with copies across shards: a page stored twice (a `duplicate`
/// reject), and two pages whose clean text repeats another's.
pub fn inputs_with_copies(dir: &Path) {
    write_articles(dir, 0..40);
    fs::copy(dir.join("a-000001.txt"), dir.join("z-copy-of-1.txt")).unwrap();
    fs::write(dir.join("y-spaced-2.txt"), article(2).replace('\n', "\n\n")).unwrap();
    fs::write(dir.join("a-000006b.txt"), article(3).replace('\n', "\n\n\n")).unwrap();
}

/// One `run` over `input` into `out`, with the maps' batch id.
pub fn run(input: &Path, out: &Path) -> Output {
    bin(&["run", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--batch-id", BATCH], &[])
}

pub fn map(input: &Path, out: &Path, shard: u32, shards: u32, attempt: &str, env: &[(&str, &str)]) -> Output {
    let (shard, shards) = (shard.to_string(), shards.to_string());
    let args = ["map", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--batch-id", BATCH];
    let mut args = args.to_vec();
    args.extend(["--shard", &shard, "--shards", &shards, "--attempt", attempt, "--threads", "1"]);
    bin(&args, env)
}

pub fn reduce(out: &Path, shards: u32, extra: &[&str]) -> Output {
    let shards = shards.to_string();
    let mut args = vec!["reduce", "--out", out.to_str().unwrap(), "--batch-id", BATCH, "--shards", &shards];
    args.extend(extra);
    bin(&args, &[])
}

/// Every table's rows, each as text, sorted: the same rows whatever file holds them.
pub fn sorted_rows(out: &Path) -> Vec<(&'static str, Vec<String>)> {
    fn rows<T: Table + std::fmt::Debug>(out: &Path) -> (&'static str, Vec<String>) {
        let mut rows: Vec<String> =
            read_rows::<T>(&out.join(T::NAME)).unwrap().iter().map(|r| format!("{r:?}")).collect();
        rows.sort();
        (T::NAME, rows)
    }
    crate::every_table!(rows, out).to_vec()
}

/// Asserts that `out` holds the rows of `whole` (one run over the same
/// inputs) and its recomputed tables byte for byte, having counted the same
/// inputs, one of them a copy across shards.
pub fn assert_same_as_run(out: &Path, whole: &Path) {
    assert_eq!(sorted_rows(out), sorted_rows(whole));
    assert_eq!(recomputed_files(out), recomputed_files(whole));
    let (m, w) = (manifest(out), manifest(whole));
    assert_eq!(m["inputs"], w["inputs"]);
    assert_eq!(m["inputs"]["rejected_by_reason"]["duplicate"], 1, "{m:#}");
    assert_eq!(m["data_tests"]["failed"], 0);
}

/// The recomputed tables, byte for byte (the per-batch ones are split by shard).
pub fn recomputed_files(out: &Path) -> Vec<super::ops::Snapshot> {
    let all = snapshot(out);
    TABLES[5..].iter().map(|t| table_files(&all, t)).collect()
}

fn attempts_dir(out: &Path) -> PathBuf {
    out.join(format!(".map-{BATCH}"))
}

#[test]
fn shards_mapped_apart_and_reduced_equal_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    inputs_with_copies(&input);
    let whole = tmp.path().join("run");
    ok(run(&input, &whole), "run");

    let sharded = tmp.path().join("sharded");
    // Shard 1's first attempt dies after its first chunk, its files half written.
    let died = map(&input, &sharded, 1, 3, "0", &[(FAILPOINT, "run.chunk:1")]);
    assert!(!died.status.success());
    let dead = attempts_dir(&sharded).join("shard=00001/attempt=0");
    assert!(dead.is_dir() && !dead.join("_DONE.json").exists());
    for (shard, attempt) in [(0, "0"), (1, "1"), (2, "0")] {
        let o = ok(map(&input, &sharded, shard, 3, attempt, &[]), "map");
        let done: serde_json::Value = serde_json::from_slice(&o.stdout).expect("map prints JSON");
        assert_eq!((done["shard"]["index"].as_u64(), done["attempt"].as_str()), (Some(shard as u64), Some(attempt)));
    }
    // The driver names the winners; the dead attempt is never read.
    ok(reduce(&sharded, 3, &["--attempts", "0,1,0"]), "reduce");
    assert_same_as_run(&sharded, &whole);
    let whole_seen = manifest(&whole)["inputs"]["records_seen"].clone();
    assert!(!attempts_dir(&sharded).exists(), "the attempts go once the run is published");
    let parts: Vec<String> = snapshot(&sharded).into_keys().filter(|k| k.starts_with("raw_documents/")).collect();
    assert_eq!(parts.len(), 3, "one file per shard: {parts:?}");

    // Nothing new the next time: no batch, no data file changes.
    let before = snapshot(&sharded);
    let next = "20261124T020000Z";
    for shard in 0..3 {
        let s = shard.to_string();
        let args = ["map", "--input", input.to_str().unwrap(), "--out", sharded.to_str().unwrap(), "--batch-id", next];
        let mut args = args.to_vec();
        args.extend(["--shard", &s, "--shards", "3"]);
        ok(bin(&args, &[]), "second map");
    }
    ok(bin(&["reduce", "--out", sharded.to_str().unwrap(), "--batch-id", next, "--shards", "3"], &[]), "second reduce");
    assert_eq!(snapshot(&sharded), before);
    assert_eq!(manifest(&sharded)["inputs"]["already_seen"], whole_seen);
}

#[test]
fn a_reduce_refuses_maps_that_read_another_version_of_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_articles(&input, 0..6);
    let out = tmp.path().join("out");
    for shard in 0..2 {
        ok(map(&input, &out, shard, 2, "0", &[]), "map");
    }
    let other = tmp.path().join("other");
    write_articles(&other, 100..102);
    let run = ["run", "--input", other.to_str().unwrap(), "--out", out.to_str().unwrap()];
    ok(bin(&run, &[]), "a run in between");
    let before = snapshot(&out);
    let o = reduce(&out, 2, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("another version"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&out), before);
    // A missing shard is named.
    let fresh = tmp.path().join("fresh");
    ok(map(&input, &fresh, 0, 2, "0", &[]), "map");
    let o = reduce(&fresh, 2, &[]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("shard 1 of batch"), "{}", String::from_utf8_lossy(&o.stderr));
}
