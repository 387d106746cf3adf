//! One run at a time per output directory: an advisory lock on
//! `OUT/.welfare-awards.lock` taken with `File::try_lock`. The operating
//! system releases it when the process ends, however it ends, so a lock left
//! by a crashed or killed run never blocks the next night.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Another run holds the lock (exit code 3).
#[derive(Debug, thiserror::Error)]
#[error("another run is working on {}: {} is locked{}; this run exits without touching anything", out.display(), lock.display(), holder_text(holder))]
pub struct LockBusy {
    pub out: PathBuf,
    pub lock: PathBuf,
    /// What the holder wrote into the lock file (pid, run id, start), if readable.
    pub holder: Option<String>,
}

fn holder_text(holder: &Option<String>) -> String {
    match holder {
        Some(h) if !h.trim().is_empty() => format!(" by {}", h.trim()),
        _ => String::new(),
    }
}

/// Held for the whole run; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
    path: PathBuf,
}

impl RunLock {
    pub const FILE_NAME: &'static str = ".welfare-awards.lock";

    /// Takes the lock of `out` (created if missing) or fails at once with [`LockBusy`].
    pub fn acquire(out: &Path, run_id: &str) -> Result<RunLock> {
        std::fs::create_dir_all(out).with_context(|| format!("creating output directory {}", out.display()))?;
        let path = out.join(Self::FILE_NAME);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("opening lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let holder = file.read_to_string(&mut holder).ok().map(|_| holder);
                return Err(LockBusy { out: out.to_path_buf(), lock: path, holder }.into());
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", path.display()));
            }
        }
        // Who holds it, for the message the next contender prints.
        let who = format!("pid {} (run {run_id})\n", std::process::id());
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(who.as_bytes())?;
        Ok(RunLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_until_the_first_drops() {
        let dir = tempfile::tempdir().unwrap();
        let first = RunLock::acquire(dir.path(), "a").unwrap();
        let err = RunLock::acquire(dir.path(), "b").unwrap_err();
        let busy = err.downcast_ref::<LockBusy>().expect("LockBusy");
        assert!(busy.holder.as_deref().unwrap_or("").contains("run a"), "{busy}");
        drop(first);
        RunLock::acquire(dir.path(), "c").unwrap();
    }

    #[test]
    fn a_leftover_lock_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(RunLock::FILE_NAME), "pid 1 (run dead)\n").unwrap();
        RunLock::acquire(dir.path(), "next").unwrap();
    }
}
