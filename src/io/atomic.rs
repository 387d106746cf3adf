//! Writing a file so that no reader ever sees it half-written: the bytes go
//! to a hidden temporary name beside it (`.<name>.tmp`, which no reader
//! globs), are synced, and the file is renamed into place. Every file the
//! pipeline writes (tables, report, state, manifest, commit record) goes
//! through [`TempFile`].

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A file being written under its temporary name. Dropped without
/// [`persist`](Self::persist) (an error on the way), it removes itself.
#[derive(Debug)]
pub struct TempFile {
    tmp: PathBuf,
    path: PathBuf,
    persisted: bool,
}

impl TempFile {
    /// Creates `.<name>.tmp` beside `path` (and the directory), returning the
    /// open file to write to.
    pub fn create(path: &Path) -> Result<(File, TempFile)> {
        let dir = path.parent().context("a file path has a directory")?;
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let name = path.file_name().context("a file path has a name")?.to_string_lossy().into_owned();
        let tmp = dir.join(format!(".{name}.tmp"));
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        Ok((file, TempFile { tmp, path: path.to_path_buf(), persisted: false }))
    }

    /// Where the bytes are until [`persist`](Self::persist).
    pub fn tmp_path(&self) -> &Path {
        &self.tmp
    }

    /// Syncs `file` (the one [`create`](Self::create) returned), renames it
    /// into place and syncs its directory, so the rename survives a crash.
    pub fn persist(mut self, file: File) -> Result<()> {
        file.sync_all().with_context(|| format!("syncing {}", self.tmp.display()))?;
        drop(file);
        fs::rename(&self.tmp, &self.path).with_context(|| format!("publishing {}", self.path.display()))?;
        self.persisted = true;
        if let Some(dir) = self.path.parent() {
            sync_dir(dir);
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` as `path` through a [`TempFile`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let (mut file, temp) = TempFile::create(path)?;
    file.write_all(bytes).with_context(|| format!("writing {}", temp.tmp_path().display()))?;
    temp.persist(file)
}

/// fsyncs a directory so renames in it survive a power loss (best effort:
/// not every platform can open a directory).
pub fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_file_appears_only_when_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/report.html");
        let (mut file, temp) = TempFile::create(&path).unwrap();
        file.write_all(b"<html>").unwrap();
        assert_eq!(names(&dir.path().join("sub")), [".report.html.tmp"]);
        assert!(!path.exists());
        temp.persist(file).unwrap();
        assert_eq!(names(&dir.path().join("sub")), ["report.html"]);
        assert_eq!(fs::read(&path).unwrap(), b"<html>");
    }

    #[test]
    fn an_abandoned_file_leaves_nothing_and_the_old_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.bin");
        write_atomically(&path, b"old").unwrap();
        let (mut file, temp) = TempFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
        drop(temp);
        assert_eq!(names(dir.path()), ["state.bin"]);
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }
}
