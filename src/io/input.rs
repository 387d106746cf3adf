//! Finding the input files named on the command line (directories walked
//! recursively, single files, or glob patterns) and reading their bytes.
//!
//! Nothing found here is dropped: a path that cannot be listed or read is
//! returned as [`Found::Unreadable`] so it ends in the rejects table.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// One thing discovered under the input paths.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A regular file to ingest.
    File(PathBuf),
    /// A path that could not be listed or stat'ed (permissions, symlink loop, vanished).
    Unreadable { path: PathBuf, message: String },
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::File(p) => p,
            Found::Unreadable { path, .. } => path,
        }
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expands the `--input` arguments into files, sorted and de-duplicated.
/// A path that does not exist and matches nothing is an error: a typo in a
/// cron line must fail the run, not produce an empty night.
pub fn discover(inputs: &[String]) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.exists() || path.symlink_metadata().is_ok() {
            walk(path, &mut found);
        } else if is_glob(input) {
            let mut any = false;
            for entry in glob::glob(input)? {
                any = true;
                match entry {
                    Ok(p) => walk(&p, &mut found),
                    Err(e) => {
                        found.push(Found::Unreadable { path: e.path().to_path_buf(), message: e.error().to_string() })
                    }
                }
            }
            if !any {
                bail!("input pattern {input:?} matches no file");
            }
        } else {
            bail!("input path {input:?} does not exist");
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found.dedup_by(|a, b| a.path() == b.path());
    Ok(found)
}

fn walk(root: &Path, found: &mut Vec<Found>) {
    for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => found.push(Found::File(e.into_path())),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let message = if e.loop_ancestor().is_some() { format!("symlink loop: {e}") } else { e.to_string() };
                found.push(Found::Unreadable { path, message });
            }
        }
    }
}

/// The outcome of reading one file.
#[derive(Debug)]
pub enum ReadOutcome {
    Bytes(Vec<u8>),
    /// Larger than the limit; not read.
    TooLarge {
        size: u64,
    },
    /// Could not be opened or read.
    Unreadable {
        message: String,
    },
}

/// Reads a whole file unless it is larger than `max_bytes`.
pub fn read_limited(path: &Path, max_bytes: u64) -> ReadOutcome {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > max_bytes => return ReadOutcome::TooLarge { size: meta.len() },
        Ok(_) => {}
        Err(e) => return ReadOutcome::Unreadable { message: e.to_string() },
    }
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() as u64 > max_bytes => ReadOutcome::TooLarge { size: bytes.len() as u64 },
        Ok(bytes) => ReadOutcome::Bytes(bytes),
        Err(e) => ReadOutcome::Unreadable { message: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_sorted_and_rejects_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "a").unwrap();
        let found = discover(&[dir.path().to_string_lossy().into_owned()]).unwrap();
        let names: Vec<_> = found.iter().map(|f| f.path().strip_prefix(dir.path()).unwrap().to_path_buf()).collect();
        assert_eq!(names, vec![PathBuf::from("b.txt"), PathBuf::from("sub/a.txt")]);
        assert!(discover(&["/nonexistent/welfare".into()]).is_err());
    }

    #[test]
    fn globs_expand() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "x").unwrap();
        std::fs::write(dir.path().join("y.jsonl"), "{}").unwrap();
        let pattern = format!("{}/*.txt", dir.path().display());
        assert_eq!(discover(&[pattern]).unwrap().len(), 1);
        assert!(discover(&[format!("{}/*.none", dir.path().display())]).is_err());
    }
}
