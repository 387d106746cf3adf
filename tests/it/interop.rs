//! The tables as analysts open them: real DuckDB, pandas (pyarrow) and polars
//! (from `WELFARE_PYTHON`, set by `make test`) read every table with the
//! documented names and types, every aggregate equals an independent DuckDB
//! SQL recomputation, `pipelines/duckdb/views.sql` works, and the README's
//! table reference is the one `welfare-awards schema` prints.

use std::path::Path;
use std::process::Command;

use welfare_awards::io::out_dir::OutDir;
use welfare_awards::io::parquet::{read_rows, write_rows};
use welfare_awards::schema::{self, AggPrizeByYear, AwardMention, CleanDocument, RawDocument, Reject, Table};

use crate::aggregate::{write_fixture, BATCHES};
use crate::common::{bin, python, repo_dir, run_bin};

/// Runs one of `tests/python/*.py` on an output directory; returns (success, output).
fn run_python(py: &Path, script: &str, out: &Path, extra: &[&str]) -> (bool, String) {
    let output = Command::new(py)
        .arg(repo_dir().join("tests/python").join(script))
        .arg("--bin")
        .arg(bin())
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("running python");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// The synthetic fixture with every table present (the per-batch tables of
/// stages 1–3 empty), aggregated by the real binary.
fn synthetic_output() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_fixture(tmp.path());
    let out = OutDir::new(tmp.path());
    write_rows::<RawDocument>(&out.batch_dir(RawDocument::NAME, BATCHES[1]), Vec::new()).unwrap();
    write_rows::<Reject>(&out.batch_dir(Reject::NAME, BATCHES[1]), Vec::new()).unwrap();
    write_rows::<CleanDocument>(&out.batch_dir(CleanDocument::NAME, BATCHES[1]), Vec::new()).unwrap();
    write_rows::<AwardMention>(&out.batch_dir(AwardMention::NAME, BATCHES[1]), Vec::new()).unwrap();
    let result = run_bin([Path::new("aggregate"), Path::new("--out"), tmp.path()]);
    assert!(result.status.success(), "aggregate failed: {}", String::from_utf8_lossy(&result.stderr));
    tmp
}

#[test]
fn synthetic_tables_open_everywhere_and_aggregates_equal_duckdb_sql() {
    let Some(py) = python() else { return };
    let tmp = synthetic_output();
    let (ok, text) = run_python(&py, "check_tables.py", tmp.path(), &[]);
    println!("{text}");
    assert!(ok, "interop check failed:\n{text}");
    assert!(text.contains("ok agg_top_recipients: 9 rows equal the DuckDB recomputation"), "{text}");
}

#[test]
fn the_interop_check_catches_a_wrong_aggregate() {
    let Some(py) = python() else { return };
    let tmp = synthetic_output();
    let dir = OutDir::new(tmp.path()).table_dir(AggPrizeByYear::NAME);
    let mut rows: Vec<AggPrizeByYear> = read_rows(&dir).unwrap();
    // What double counting would look like: a document total added to the sums.
    rows[1].prize_krw_known_sum += 300_000_000;
    write_rows(&dir, rows).unwrap();
    let (ok, text) = run_python(&py, "check_tables.py", tmp.path(), &[]);
    assert!(!ok, "a tampered aggregate passed:\n{text}");
    assert!(text.contains("agg_prize_by_year row 1"), "{text}");
}

#[test]
fn sample_run_tables_open_everywhere() {
    let Some(py) = python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let result = run_bin([
        Path::new("run"),
        Path::new("--input"),
        Path::new("data/sample"),
        Path::new("--out"),
        tmp.path(),
        Path::new("--batch-id"),
        Path::new("20261123T020000Z"),
    ]);
    assert!(result.status.success(), "run failed: {}", String::from_utf8_lossy(&result.stderr));
    assert!(tmp.path().join("report.html").is_file(), "the run wrote no report");
    let (ok, text) = run_python(&py, "check_tables.py", tmp.path(), &[]);
    println!("{text}");
    assert!(ok, "interop check failed:\n{text}");
}

#[test]
fn duckdb_views_cover_every_table() {
    let Some(py) = python() else { return };
    let tmp = synthetic_output();
    let views = repo_dir().join("pipelines/duckdb/views.sql");
    let (ok, text) = run_python(&py, "check_views.py", tmp.path(), &["--views", views.to_str().unwrap()]);
    println!("{text}");
    assert!(ok, "views check failed:\n{text}");
    assert!(text.contains("ok view agg_prize_by_year: 4 rows"), "{text}");
    assert!(text.contains("ok view doc_facts: 11 rows"), "{text}");
}

/// The README text between the table reference markers.
fn readme_tables(readme: &str) -> Option<&str> {
    let begin = "<!-- tables:begin -->\n";
    let start = readme.find(begin)? + begin.len();
    let end = readme[start..].find("<!-- tables:end -->")? + start;
    Some(&readme[start..end])
}

#[test]
fn readme_table_reference_matches_the_schema() {
    let readme = std::fs::read_to_string(repo_dir().join("README.md")).unwrap();
    let section = readme_tables(&readme).expect("README has the <!-- tables:begin/end --> markers");
    let printed = run_bin(["schema", "--format", "markdown"]);
    assert!(printed.status.success());
    let expected = String::from_utf8(printed.stdout).unwrap();
    assert_eq!(expected, schema::markdown_reference());
    assert!(section == expected, "README's table reference is out of date: run `make schema-doc`");
}

#[test]
fn schema_json_lists_every_table_and_column() {
    let printed = run_bin(["schema", "--format", "json"]);
    assert!(printed.status.success());
    let json: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    let tables = json["tables"].as_array().unwrap();
    let defs = schema::all_tables();
    assert_eq!(tables.len(), defs.len());
    for (t, d) in tables.iter().zip(&defs) {
        assert_eq!(t["name"], d.name);
        let columns: Vec<(String, String, bool)> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap().into(),
                    c["type"].as_str().unwrap().into(),
                    c["nullable"].as_bool().unwrap(),
                )
            })
            .collect();
        let declared: Vec<(String, String, bool)> =
            d.columns.iter().map(|c| (c.name.to_string(), schema::type_name(&c.data_type), c.nullable)).collect();
        assert_eq!(columns, declared, "{}", d.name);
    }
    let agg: Vec<&str> = tables.iter().filter_map(|t| t["name"].as_str()).filter(|n| n.starts_with("agg_")).collect();
    assert_eq!(agg.len(), 4);
}
