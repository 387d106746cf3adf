//! Outputs an older build derived, reached by the upgraded one: a run
//! derives again the stored batches whose clean or extract version differs
//! from its own (or is unknown, as in a state file from before versions
//! were recorded), so the output equals a fresh run's; atomically, under the
//! same crash guarantees; the manifest says which batches and why; and the
//! map/reduce path does the same as `run`.
//!
//! The older build is simulated: its tables are this build's, rewritten as
//! an older cleaner and extractor would have left them (noise kept, awards
//! missed, other prizes), its recomputed tables rebuilt from those by the
//! `resolve` and `aggregate` commands, and its ledger saying so.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use welfare_awards::io::parquet::{read_rows, write_rows};
use welfare_awards::ops::state::{StageVersions, State};
use welfare_awards::pipeline::versions;
use welfare_awards::schema::{AwardMention, CleanDocument, DocFact, Table};

use crate::cluster::{self, recomputed_files, sorted_rows};
use crate::common;
use crate::ops::{
    article, batch_id, copy_tree, each_table_old_or_new, manifest, read_all_tables, run_command, run_ok, snapshot,
    stagings, table_files, write_articles, Snapshot, FAILPOINT, TABLES,
};

/// The extract version the older build recorded.
const OLD_EXTRACT: &str = "0ld0e0ld0e01";

/// Night `night`'s pages: 30 articles, and from the second night on a page
/// whose clean text repeats the previous night's first article.
fn write_night(input: &Path, night: u64) {
    let dir = input.join(format!("n{night}"));
    write_articles(&dir, night * 30..night * 30 + 30);
    if night > 0 {
        fs::write(dir.join("z-spaced.txt"), article((night - 1) * 30).replace('\n', "\n\n")).unwrap();
    }
}

/// Nights `0..nights` run by this build into `tmp/fresh` (one run a
/// night, `--input tmp/in`); returns the input root and the output.
fn fresh_nights(tmp: &Path, nights: u64) -> (PathBuf, PathBuf) {
    let (input, fresh) = (tmp.join("in"), tmp.join("fresh"));
    for night in 0..nights {
        write_night(&input, night);
        run_ok(&[&input], &fresh, &["--quiet", "--batch-id", &batch_id(night)]);
    }
    (input, fresh)
}

/// `fresh` (three nights) as an older build would have left it, in `old`:
/// night 1 extracted by an older extractor; night 2 cleaned and extracted
/// by an older build whose state file recorded no versions; night 0 as now.
fn as_an_older_build_left_it(fresh: &Path, old: &Path) {
    copy_tree(fresh, old);
    let batch = |table: &str, night: u64| old.join(table).join(format!("batch={}", batch_id(night)));
    let mentions: Vec<AwardMention> = read_rows(&batch(AwardMention::NAME, 1)).unwrap();
    assert!(mentions.len() >= 10, "the fixture states awards: {}", mentions.len());
    let missed_half = mentions.into_iter().step_by(2).map(|m| AwardMention { prize_krw: Some(1_230_000), ..m });
    write_rows(&batch(AwardMention::NAME, 1), missed_half).unwrap();
    let fact = DocFact {
        doc_id: read_rows::<CleanDocument>(&batch(CleanDocument::NAME, 1)).unwrap()[0].doc_id.clone(),
        fact: "award_count".into(),
        value: 3,
        eval_year: Some(2020),
        evidence: "세 곳이 상을 받았다.".into(),
        evidence_start: 0,
        evidence_end: 11,
    };
    write_rows(&batch(DocFact::NAME, 1), [fact]).unwrap();
    let mut docs: Vec<CleanDocument> = read_rows(&batch(CleanDocument::NAME, 2)).unwrap();
    docs.iter_mut().for_each(|d| d.clean_text.push_str("\n많이 본 뉴스 1 시장 선거 2 축제 개막"));
    write_rows(&batch(CleanDocument::NAME, 2), docs).unwrap();
    write_rows::<AwardMention>(&batch(AwardMention::NAME, 2), Vec::new()).unwrap();
    write_rows::<DocFact>(&batch(DocFact::NAME, 2), Vec::new()).unwrap();
    for command in ["resolve", "aggregate"] {
        let o = common::run_bin([command, "--out", old.to_str().unwrap(), "--quiet"]);
        assert!(o.status.success(), "{command}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let mut state = State::load(old).unwrap().expect("a state");
    state.batches[1].derived.extract = Some(OLD_EXTRACT.into());
    state.batches[2].derived = StageVersions::default();
    state.write(&State::path(old)).unwrap();
}

/// Three fresh nights in `tmp/fresh` and, in `tmp/<name>`, the output an
/// older build left of them; returns the input root and both outputs.
fn an_older_output(tmp: &Path, name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let (input, fresh) = fresh_nights(tmp, 3);
    let old = tmp.join(name);
    as_an_older_build_left_it(&fresh, &old);
    (input, fresh, old)
}

/// Asserts two snapshots hold the same files, naming the tables that differ (not their bytes).
fn assert_same_tables(got: &Snapshot, want: &Snapshot, context: &str) {
    let differ: Vec<&str> = TABLES.iter().copied().filter(|t| table_files(got, t) != table_files(want, t)).collect();
    assert!(differ.is_empty() && got == want, "{context}: tables {differ:?} differ");
}

/// The data files of OUT (not run metadata) with their inode and mtime.
fn data_files(out: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "parquet" || x == "html"))
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned(), (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

/// The manifest's `rederived` list this fixture expects of an upgrade.
fn expected_rederived() -> Value {
    let current = versions::current();
    let (clean, extract) = (current.clean.unwrap(), current.extract.unwrap());
    json!([
        {
            "batch": batch_id(1),
            "tables": ["award_mentions", "doc_facts"],
            "reason": format!("extract version {OLD_EXTRACT} → {extract}"),
        },
        {
            "batch": batch_id(2),
            "tables": ["clean_documents", "award_mentions", "doc_facts"],
            "reason": format!("clean version unknown → {clean}; extract version unknown → {extract}"),
        },
    ])
}

/// An output an older build wrote, upgraded: `--no-rederive` keeps it as
/// it is; a plain run derives the older batches again and gives the tables
/// of a fresh run byte for byte, says so in the manifest and the log, and
/// the next run derives nothing again and touches no data file.
#[test]
fn an_upgraded_build_derives_the_older_batches_again_and_equals_a_fresh_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, fresh, old) = an_older_output(tmp.path(), "old");
    let (fresh_files, old_files) = (snapshot(&fresh), snapshot(&old));
    for t in ["clean_documents", "award_mentions", "doc_facts", "awards", "agg_prize_by_year"] {
        assert!(table_files(&old_files, t) != table_files(&fresh_files, t), "{t}: the older build left no trace");
    }

    let o = run_ok(&[&input], &old, &["--no-rederive", "--log-format", "json"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("\"event\":\"rederive_skipped\""));
    assert_eq!(manifest(&old)["rederived"], json!([]));
    assert_same_tables(&snapshot(&old), &old_files, "--no-rederive");

    let o = run_ok(&[&input], &old, &["--log-format", "json"]);
    let m = manifest(&old);
    assert_same_tables(&snapshot(&old), &fresh_files, "the upgraded output and a fresh run's");
    assert_eq!(fs::read(old.join("report.html")).unwrap(), fs::read(fresh.join("report.html")).unwrap());
    assert_eq!(m["rederived"], expected_rederived(), "{m:#}");
    assert_eq!(m["batch_id"], Value::Null, "nothing new");
    assert_eq!(m["data_tests"]["failed"], 0, "{m:#}");
    let published = |t: &str| m["tables"][t]["published"].as_str().unwrap().to_string();
    assert_eq!(
        ["raw_documents", "clean_documents", "award_mentions", "doc_facts", "awards"].map(published),
        ["unchanged", "replaced", "replaced", "replaced", "replaced"]
    );
    let log = String::from_utf8_lossy(&o.stderr);
    let line = log.lines().find(|l| l.contains("\"event\":\"rederived\"")).expect("a rederived log line");
    assert!(line.contains(&batch_id(1)) && line.contains(&batch_id(2)), "{line}");
    let ledger = State::load(&old).unwrap().unwrap().batches;
    assert!(ledger.iter().all(|b| b.derived == versions::current()), "{ledger:?}");

    let before = data_files(&old);
    run_ok(&[&input], &old, &["--quiet"]);
    assert_eq!(manifest(&old)["rederived"], json!([]));
    assert_eq!(data_files(&old), before, "a second run derived something again");
}

/// kill -9 at each step of an upgrade that also adds a night: before the
/// commit nothing changes, after it each table is its old or its new
/// version, and the next run ends where an uninterrupted one does, which is
/// where four fresh nights end.
#[test]
fn a_crash_while_deriving_again_leaves_the_old_or_the_new_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, fresh, base) = an_older_output(tmp.path(), "base");
    write_night(&input, 3);
    let night = ["--quiet", "--batch-id", &batch_id(3)];
    let want_dir = tmp.path().join("want");
    copy_tree(&base, &want_dir);
    run_ok(&[&input], &want_dir, &night);
    run_ok(&[&input], &fresh, &night);
    let (before, want) = (snapshot(&base), snapshot(&want_dir));
    assert_same_tables(&want, &snapshot(&fresh), "an upgrade night and a fresh night");
    assert_eq!(manifest(&want_dir)["rederived"].as_array().unwrap().len(), 3, "the new night is cleaned again too");

    let mut points: Vec<String> = ["rederive.cleaned", "rederive.extracted", "rederive.extracted:3", "run.derived"]
        .into_iter()
        .chain(["publish.committed", "publish.renamed"])
        .map(String::from)
        .collect();
    points.extend((1..=40).map(|n| format!("publish.op:{n}")));
    for point in points {
        let out = tmp.path().join(format!("crash-{}", point.replace([':', '.'], "-")));
        copy_tree(&base, &out);
        let crashed = run_command(&[&input], &out, &night).env(FAILPOINT, &point).output().unwrap();
        if crashed.status.success() {
            assert!(point.starts_with("publish.op:"), "{point} was never reached");
            assert_same_tables(&snapshot(&out), &want, &point);
            break;
        }
        assert_eq!(crashed.status.code(), None, "{point}: {}", String::from_utf8_lossy(&crashed.stderr));
        let after = snapshot(&out);
        read_all_tables(&out);
        if point.starts_with("publish.") {
            each_table_old_or_new(&after, &before, &want, &point);
        } else {
            assert_same_tables(&after, &before, &format!("{point}, a crash before the commit"));
        }
        run_ok(&[&input], &out, &night);
        assert_same_tables(&snapshot(&out), &want, &format!("{point}, then the next run"));
        assert!(stagings(&out).is_empty());
    }
}

/// The reduce of maps run apart derives the older batches again as `run`
/// does: the same rows, the same recomputed files, the same manifest list.
#[test]
fn a_reduce_derives_the_older_batches_again_as_a_run_does() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, _, by_run) = an_older_output(tmp.path(), "run");
    let by_reduce = tmp.path().join("reduce");
    copy_tree(&by_run, &by_reduce);
    write_night(&input, 3);
    cluster::ok(cluster::run(&input, &by_run), "run");
    for shard in 0..2 {
        cluster::ok(cluster::map(&input, &by_reduce, shard, 2, "0", &[]), "map");
    }
    cluster::ok(cluster::reduce(&by_reduce, 2, &[]), "reduce");
    assert_eq!(sorted_rows(&by_reduce), sorted_rows(&by_run));
    assert_eq!(recomputed_files(&by_reduce), recomputed_files(&by_run));
    let (r, m) = (manifest(&by_reduce), manifest(&by_run));
    assert_eq!(r["rederived"], m["rederived"]);
    assert_eq!(r["rederived"].as_array().map(Vec::len), Some(3), "{r:#}");
}
