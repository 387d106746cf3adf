//! Helpers shared by the integration tests: the `../shared` test material
//! (skipped with a printed reason when absent, fatal under CI), the built
//! binary, and the interop Python.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn required(var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| !v.is_empty() && v != "0")
}

/// `../shared` beside the checkout, or `None` (with the reason printed) when
/// it is absent. Under CI (`WELFARE_REQUIRE_SHARED=1`) its absence fails the test.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo_dir().join("../shared");
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if required("WELFARE_REQUIRE_SHARED") {
        panic!("../shared is missing beside the checkout, and WELFARE_REQUIRE_SHARED is set");
    }
    eprintln!("SKIP: ../shared is not beside this checkout; tests on the seeds and dev set are skipped");
    None
}

/// The `*.txt` files of a directory, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The seed pages `../shared/seeds/*.txt`, sorted.
pub fn seed_files(shared: &Path) -> Vec<PathBuf> {
    txt_files(&shared.join("seeds"))
}

/// The dev-set pages `../shared/devset/articles/*.txt`, sorted.
pub fn devset_files(shared: &Path) -> Vec<PathBuf> {
    txt_files(&shared.join("devset/articles"))
}

/// The built `welfare-awards` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_welfare-awards"))
}

/// Runs the binary with arguments, from the repository root.
pub fn run_bin<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(bin()).args(args).current_dir(repo_dir()).output().expect("spawning welfare-awards")
}

/// The Python with duckdb, pandas, pyarrow and polars (`WELFARE_PYTHON`, set
/// by `make test`), or `None` with the reason printed. Fatal when
/// `WELFARE_REQUIRE_PYTHON` is set.
pub fn python() -> Option<PathBuf> {
    let candidate = std::env::var_os("WELFARE_PYTHON").map(PathBuf::from);
    if let Some(py) = candidate {
        let ok = Command::new(&py)
            .args(["-c", "import duckdb, pandas, pyarrow, polars"])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(py);
        }
    }
    if required("WELFARE_REQUIRE_PYTHON") {
        panic!("WELFARE_PYTHON with duckdb, pandas, pyarrow and polars is required (run `make test`)");
    }
    eprintln!("SKIP: no WELFARE_PYTHON with duckdb/pandas/pyarrow/polars; run `make test` for the interop tests");
    None
}

/// `[f::<RawDocument>(out), f::<Reject>(out), …]`: `f` of every table, in pipeline order.
#[macro_export]
macro_rules! every_table {
    ($f:ident, $out:expr) => {{
        use welfare_awards::schema::*;
        [
            $f::<RawDocument>($out),
            $f::<Reject>($out),
            $f::<CleanDocument>($out),
            $f::<AwardMention>($out),
            $f::<DocFact>($out),
            $f::<Award>($out),
            $f::<Region>($out),
            $f::<AggAwardsByProvince>($out),
            $f::<AggPrizeByYear>($out),
            $f::<AggAwardsByCategoryYear>($out),
            $f::<AggTopRecipients>($out),
        ]
    }};
}
