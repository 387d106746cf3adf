//! Fingerprints the files that decide what the derived per-batch stages
//! write, so that a run can tell which stored batches an older build
//! derived (`src/pipeline/versions.rs` turns them into stage versions).
//! Keep each list to what the stage's output depends on: its code and the
//! data files it embeds; a file added under a listed directory counts.

use std::fs;
use std::path::{Path, PathBuf};

/// `clean_documents` from `raw_documents`: the clean stage, its word lists,
/// and the one Hangul test it shares with the extractor.
const CLEAN_INPUTS: &[&str] = &["src/stages/clean", "data/clean", "src/domain/hangul.rs"];

/// `award_mentions` and `doc_facts` from `clean_documents`: extraction, the
/// resolution of each mention's region, and the domain knowledge both read.
const EXTRACT_INPUTS: &[&str] = &[
    "src/stages/extract",
    "src/stages/resolve.rs",
    "src/domain",
    "src/regions",
    "src/money.rs",
    "data/domain",
    "data/reference",
];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    for (var, inputs) in [("WELFARE_CLEAN_INPUTS", CLEAN_INPUTS), ("WELFARE_EXTRACT_INPUTS", EXTRACT_INPUTS)] {
        let mut files = Vec::new();
        for input in inputs {
            println!("cargo:rerun-if-changed={input}");
            collect_files(&root.join(input), &mut files);
        }
        files.sort();
        println!("cargo:rustc-env={var}={:016x}", fingerprint(&root, &files));
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// The files under `path` (itself, if a file), prose (`.md`) left out.
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("reading a listed directory") {
            collect_files(&entry.expect("reading a listed directory").path(), files);
        }
    } else if path.extension().is_none_or(|e| e != "md") {
        files.push(path.to_path_buf());
    }
}

/// FNV-1a (64 bits) of each file's path below `root` and its bytes, in order:
/// any change to a file's content, name, or the set of files changes it.
fn fingerprint(root: &Path, files: &[PathBuf]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in files {
        let rel = file.strip_prefix(root).expect("below the crate");
        feed(rel.to_string_lossy().as_bytes());
        let bytes = fs::read(file).expect("reading a listed file");
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(&bytes);
    }
    hash
}
