//! Finding the input files named on the command line (directories walked
//! recursively, single files, or glob patterns) and reading their bytes.
//!
//! Nothing found here is dropped: a path that cannot be listed or read (a
//! dangling symlink, a symlink loop, a permission error, a file that vanished
//! between listing and reading, a named pipe or device) is returned as
//! [`Found::Unreadable`] or [`ReadOutcome::Unreadable`] so it ends in the
//! rejects table. Symlinks are followed. Reads are bounded by the size limit
//! even if a file grows after it was listed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    Ok(Discovery::new(inputs)?.collect())
}

/// One `--input` argument's findings, in path order.
type Source = Box<dyn Iterator<Item = Found> + Send>;

/// [`discover`] as a stream: the files are produced while the directories
/// are walked, so a run over millions of files never holds their list
/// (issue 7: memory must not grow with the corpus). Each argument's walk is
/// already in path order (directories are read sorted by name, depth first,
/// and `glob` yields its matches sorted the same way), so merging the
/// arguments' streams by path and skipping repeats gives exactly the sorted,
/// de-duplicated list.
pub struct Discovery {
    sources: Vec<Source>,
    /// The next finding of each source (`None` once it is exhausted).
    heads: Vec<Option<Found>>,
}

impl Discovery {
    /// Checks every argument names something (else the error of [`discover`])
    /// and starts its walk.
    pub fn new(inputs: &[String]) -> Result<Self> {
        Self::skipping(inputs, None)
    }

    /// [`Discovery::new`] that does not enter `skip` (the run's own output
    /// directory, when it lies inside an input: its staging files and lock
    /// are no articles).
    pub fn skipping(inputs: &[String], skip: Option<&Path>) -> Result<Self> {
        let skip: Option<Arc<PathBuf>> =
            skip.map(|p| Arc::new(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())));
        let mut sources = Vec::new();
        for input in inputs {
            let path = Path::new(input);
            let source: Source = if path.exists() || path.symlink_metadata().is_ok() {
                Box::new(walk(path.to_path_buf(), skip.clone()))
            } else if is_glob(input) {
                let mut matches = glob::glob(input)?.peekable();
                if matches.peek().is_none() {
                    bail!("input pattern {input:?} matches no file");
                }
                let skip = skip.clone();
                Box::new(matches.flat_map(move |entry| -> Box<dyn Iterator<Item = Found> + Send> {
                    match entry {
                        Ok(p) => Box::new(walk(p, skip.clone())),
                        Err(e) => Box::new(std::iter::once(Found::Unreadable {
                            path: e.path().to_path_buf(),
                            message: e.error().to_string(),
                        })),
                    }
                }))
            } else {
                bail!("input path {input:?} does not exist");
            };
            sources.push(source);
        }
        let heads = sources.iter_mut().map(Iterator::next).collect();
        Ok(Discovery { sources, heads })
    }
}

impl Iterator for Discovery {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let first = (self.heads.iter().enumerate())
            .filter_map(|(i, head)| head.as_ref().map(|found| (i, found.path())))
            .min_by(|(_, a), (_, b)| a.cmp(b))?
            .0;
        let found = self.heads[first].take().expect("chosen head exists");
        self.heads[first] = self.sources[first].next();
        // Every source is sorted, so a repeat of this path can only be next in line.
        for (head, source) in self.heads.iter_mut().zip(&mut self.sources) {
            while head.as_ref().is_some_and(|h| h.path() == found.path()) {
                *head = source.next();
            }
        }
        Some(found)
    }
}

/// Every file under `root` (or `root` itself), in path order.
fn walk(root: PathBuf, skip: Option<Arc<PathBuf>>) -> impl Iterator<Item = Found> + Send {
    let walker = walkdir::WalkDir::new(&root).follow_links(true).sort_by_file_name();
    let entered = move |e: &walkdir::DirEntry| {
        let skipped = skip
            .as_deref()
            .is_some_and(|skip| e.file_type().is_dir() && std::fs::canonicalize(e.path()).is_ok_and(|p| p == *skip));
        !skipped
    };
    walker.into_iter().filter_entry(entered).filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_file() => Some(Found::File(e.into_path())),
        Ok(e) if e.file_type().is_dir() => None,
        // Reading a FIFO would block the run; a device is not an article.
        Ok(e) => Some(Found::Unreadable {
            message: format!("not a regular file ({})", special_kind(&e.file_type())),
            path: e.into_path(),
        }),
        Err(e) => {
            let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
            let message = walk_error_message(&e, &path);
            Some(Found::Unreadable { path, message })
        }
    })
}

/// What a non-regular, non-directory entry is, for the reject message.
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        } else if file_type.is_socket() {
            return "a socket";
        } else if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "a special file"
}

/// A walk error as a sentence that names the cause, not walkdir's internals.
fn walk_error_message(e: &walkdir::Error, path: &Path) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symlink loop: leads back to {}", ancestor.display());
    }
    let Some(io) = e.io_error() else { return e.to_string() };
    let is_symlink = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
    if is_symlink && io.kind() == std::io::ErrorKind::NotFound {
        let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        return format!("dangling symlink: its target {target:?} does not exist");
    }
    if is_symlink && io.raw_os_error() == Some(ELOOP) {
        return format!("symlink loop: {io}");
    }
    format!("cannot read: {io}")
}

/// errno "Too many levels of symbolic links" (ELOOP: 40 on Linux, 62 on the BSDs and macOS).
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

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

/// Reads a whole file unless it is larger than `max_bytes`. The size is
/// taken from the opened file, and the read stops one byte past the limit,
/// so a file that grows meanwhile cannot exhaust memory.
pub fn read_limited(path: &Path, max_bytes: u64) -> ReadOutcome {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return ReadOutcome::Unreadable { message: format!("vanished before it could be read: {e}") }
        }
        Err(e) => return ReadOutcome::Unreadable { message: format!("cannot open: {e}") },
    };
    let size = match file.metadata() {
        Ok(meta) if !meta.is_file() => return ReadOutcome::Unreadable { message: "not a regular file".into() },
        Ok(meta) if meta.len() > max_bytes => return ReadOutcome::TooLarge { size: meta.len() },
        Ok(meta) => meta.len(),
        Err(e) => return ReadOutcome::Unreadable { message: format!("cannot stat: {e}") },
    };
    let mut bytes = Vec::with_capacity(size as usize);
    match file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > max_bytes => ReadOutcome::TooLarge { size: bytes.len() as u64 },
        Ok(_) => ReadOutcome::Bytes(bytes),
        Err(e) => ReadOutcome::Unreadable { message: format!("cannot read: {e}") },
    }
}

/// Opens a file to be read as a stream (a web archive, record by record):
/// no size limit applies to the file, only to each record.
pub fn open_stream(path: &Path) -> Result<std::io::BufReader<std::fs::File>, String> {
    match std::fs::File::open(path) {
        Ok(file) => match file.metadata() {
            Ok(meta) if !meta.is_file() => Err("not a regular file".into()),
            Ok(_) => Ok(std::io::BufReader::with_capacity(1 << 16, file)),
            Err(e) => Err(format!("cannot stat: {e}")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!("vanished before it could be read: {e}")),
        Err(e) => Err(format!("cannot open: {e}")),
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
    fn the_output_directory_inside_an_input_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("out/awards")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("out/_lock"), "").unwrap();
        std::fs::write(dir.path().join("out/awards/p.parquet"), "").unwrap();
        let inputs = [dir.path().to_string_lossy().into_owned()];
        // Named through another spelling of the same directory.
        let out = dir.path().join("out/../out");
        let found: Vec<PathBuf> =
            Discovery::skipping(&inputs, Some(&out)).unwrap().map(|f| f.path().to_path_buf()).collect();
        assert_eq!(found, vec![dir.path().join("a.txt")]);
        assert_eq!(Discovery::new(&inputs).unwrap().count(), 3);
    }

    #[test]
    fn overlapping_inputs_stream_in_path_order_once_each() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["a", "a/x", "a-b", "z"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in ["a.txt", "a/x/1.txt", "a/x.txt", "a/b.txt", "a-b/c.txt", "a0.txt", "z/y.txt", "Z.txt"] {
            std::fs::write(root.join(f), f).unwrap();
        }
        let p = |rel: &str| root.join(rel).to_string_lossy().into_owned();
        // Given out of order, overlapping: a directory, a glob inside it, one
        // of its files again, another directory and the root itself.
        let inputs = vec![p("z"), format!("{}/a*", root.display()), p("a/x/1.txt"), p("a"), p("")];
        let streamed: Vec<PathBuf> = Discovery::new(&inputs).unwrap().map(|f| f.path().to_path_buf()).collect();
        // The definition: every file of every input, sorted, repeats removed.
        let mut expected: Vec<PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        expected.sort();
        let normalized: Vec<PathBuf> = streamed.iter().map(|p| p.components().collect()).collect();
        assert_eq!(normalized, expected);
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

    #[cfg(unix)]
    #[test]
    fn broken_links_loops_and_pipes_are_found_unreadable() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.txt"), "ok").unwrap();
        symlink(dir.path().join("nowhere.txt"), dir.path().join("dangling.txt")).unwrap();
        symlink(dir.path().join("self.txt"), dir.path().join("self.txt")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        symlink(dir.path(), dir.path().join("sub/up")).unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());

        let found = discover(&[dir.path().to_string_lossy().into_owned()]).unwrap();
        let message = |name: &str| {
            found.iter().find_map(|f| match f {
                Found::Unreadable { path, message } if path.ends_with(name) => Some(message.clone()),
                _ => None,
            })
        };
        assert!(found.contains(&Found::File(dir.path().join("ok.txt"))));
        assert!(message("dangling.txt").unwrap().contains("dangling symlink"), "{found:?}");
        assert!(message("self.txt").unwrap().contains("symlink loop"), "{found:?}");
        assert!(message("sub/up").unwrap().contains("symlink loop"), "{found:?}");
        if made {
            assert!(message("pipe.txt").unwrap().contains("named pipe"), "{found:?}");
        }
    }

    #[test]
    fn reads_are_bounded_and_vanished_files_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert!(matches!(read_limited(&path, 10), ReadOutcome::Bytes(b) if b == b"0123456789"));
        assert!(matches!(read_limited(&path, 9), ReadOutcome::TooLarge { size: 10 }));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(read_limited(&path, 10), ReadOutcome::Unreadable { message } if message.contains("vanished")));
    }
}
