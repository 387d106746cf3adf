//! Staging and atomic publication of a run's outputs.
//!
//! A run writes everything it will change under `OUT/.staging-<run>/` (inside
//! OUT, so every rename stays on one file system), laid out like OUT itself.
//! When staging is complete it writes a [`Plan`] (`_PLAN.json`, atomically);
//! from that moment the run is committed and publishing is a list of renames,
//! each of which can be repeated safely. A reader globbing
//! `OUT/<table>/**/*.parquet` therefore sees either the old or the new version
//! of each file or directory, never a half-written one.
//!
//! If the process dies before the plan exists, the next run deletes the
//! staging directory (nothing was published). If it dies after, the next run
//! finishes the plan (roll forward) before doing anything else.
//!
//! Whole table directories are replaced with an atomic exchange
//! (`renameat2(RENAME_EXCHANGE)` on Linux) so that readers never find a table
//! missing; elsewhere the old directory is first renamed aside.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::io::atomic::sync_dir;
pub use crate::io::atomic::write_atomically;
use crate::io::out_dir::OutDir;

/// Prefix of staging directories inside OUT (hidden from readers' globs).
pub const STAGING_PREFIX: &str = ".staging-";
/// The commit record inside a staging directory.
pub const PLAN_FILE: &str = "_PLAN.json";

/// A run's private directory inside OUT. Dropped without a commit (an error
/// or a panic), it deletes itself; after a crash the next run deletes it.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    run_id: String,
    /// Set once the plan is written: from then on only publishing may remove it.
    committed: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.root);
        }
    }
}

impl Staging {
    /// Creates `OUT/.staging-<run_id>/` (empty).
    pub fn create(out: &Path, run_id: &str) -> Result<Self> {
        let root = out.join(format!("{STAGING_PREFIX}{run_id}"));
        if root.exists() {
            fs::remove_dir_all(&root).with_context(|| format!("removing {}", root.display()))?;
        }
        fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
        Ok(Staging { root, run_id: run_id.to_string(), committed: false })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The staging directory as an output directory (same layout as OUT).
    pub fn view(&self) -> OutDir {
        OutDir::new(&self.root)
    }

    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// Makes the published batch partitions of `tables` visible in staging
    /// too (hard links; a copy where the file system has none), so stages that
    /// read "all batches" can run against the staging view unchanged.
    pub fn link_published_batches(&self, out: &OutDir, tables: &[&str]) -> Result<usize> {
        let mut linked = 0;
        for &table in tables {
            for batch in out.batches(table)? {
                let from_dir = out.batch_dir(table, &batch);
                let to_dir = self.view().batch_dir(table, &batch);
                if to_dir.exists() {
                    continue; // this run's own batch
                }
                linked += link_tree(&from_dir, &to_dir)?;
            }
        }
        Ok(linked)
    }

    /// Makes the published `tables` visible in staging whole (hard links, or
    /// copies), unless staging has its own version of a table.
    pub fn link_published_tables(&self, out: &OutDir, tables: &[&str]) -> Result<usize> {
        let mut linked = 0;
        for &table in tables {
            let to_dir = self.view().table_dir(table);
            if !to_dir.exists() {
                linked += link_tree(&out.table_dir(table), &to_dir)?;
            }
        }
        Ok(linked)
    }

    /// Drops the staging directory without publishing anything.
    pub fn discard(mut self) -> Result<()> {
        self.committed = true; // removed here, with errors reported
        remove_dir_if_exists(&self.root)
    }
}

/// Hard-links (or copies, where the file system has no hard links) every
/// visible file under `from` to the same place under `to`. Returns the count.
pub fn link_tree(from: &Path, to: &Path) -> Result<usize> {
    let mut linked = 0;
    for (rel, path) in visible_files(from)? {
        let target = to.join(rel);
        create_parent(&target)?;
        if fs::hard_link(&path, &target).is_err() {
            fs::copy(&path, &target).with_context(|| format!("copying {}", path.display()))?;
        }
        linked += 1;
    }
    Ok(linked)
}

/// One publication step. Paths are relative: `from` to the staging
/// directory, `to` to OUT. Every step may be executed again after a crash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Move a new file or directory into place (a file replaces the old one atomically).
    Rename { from: String, to: String },
    /// Swap a whole directory with the published one (the old one ends in staging).
    ReplaceDir { from: String, to: String },
    /// Delete a file of OUT if present.
    Remove { path: String },
}

/// The commit record: what publishing a run consists of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub run_id: String,
    pub ops: Vec<Op>,
}

impl Plan {
    pub fn new(run_id: &str) -> Self {
        Plan { run_id: run_id.to_string(), ops: Vec::new() }
    }

    /// Whether the plan changes any table (not just the run metadata).
    pub fn changes_tables(&self) -> bool {
        self.ops.iter().any(|op| match op {
            Op::Rename { to, .. } | Op::ReplaceDir { to, .. } => !to.starts_with('_'),
            Op::Remove { .. } => false,
        })
    }

    fn marker(&self) -> String {
        format!(".published-{}", self.run_id)
    }
}

/// Commits the staged run and publishes it. Returns when OUT holds the new
/// outputs and the staging directory is gone.
pub fn commit(mut staging: Staging, plan: &Plan) -> Result<()> {
    // Markers let a repeated ReplaceDir tell that its exchange already happened.
    for op in &plan.ops {
        if let Op::ReplaceDir { from, .. } = op {
            let dir = staging.root.join(from);
            fs::create_dir_all(&dir)?;
            fs::write(dir.join(plan.marker()), b"")?;
        }
    }
    // Directory entries of what will be published must be durable before the commit.
    sync_dir(&staging.root);
    for op in &plan.ops {
        if let Op::Rename { from, .. } | Op::ReplaceDir { from, .. } = op {
            sync_tree_dirs(&staging.root.join(from));
        }
    }
    let text = serde_json::to_vec_pretty(plan)?;
    write_atomically(&staging.root.join(PLAN_FILE), &text)?;
    staging.committed = true;
    super::failpoint("publish.committed");
    let out = staging.root.parent().context("staging directory has a parent")?.to_path_buf();
    execute(&out, &staging.root, plan)
}

/// Runs every step of a committed plan, then removes the staging directory.
fn execute(out: &Path, staging: &Path, plan: &Plan) -> Result<()> {
    let marker = plan.marker();
    for (i, op) in plan.ops.iter().enumerate() {
        super::failpoint("publish.op");
        match op {
            Op::Remove { path } => {
                // Replayed after a crash, a removal must not undo a later step
                // that already put a new file there (its source is gone).
                let replaced_later = plan.ops[i + 1..].iter().any(|later| {
                    matches!(later, Op::Rename { from, to } if to == path && staging.join(from).symlink_metadata().is_err())
                });
                if replaced_later {
                    continue;
                }
                match fs::remove_file(out.join(path)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => {}
                    Err(e) => return Err(e).with_context(|| format!("removing {}", out.join(path).display())),
                }
            }
            Op::Rename { from, to } => {
                let (src, dst) = (staging.join(from), out.join(to));
                if src.symlink_metadata().is_ok() {
                    create_parent(&dst)?;
                    fs::rename(&src, &dst)
                        .with_context(|| format!("publishing {} as {}", src.display(), dst.display()))?;
                } else if dst.symlink_metadata().is_err() {
                    bail!("publish step lost: neither {} nor {} exists", src.display(), dst.display());
                }
            }
            Op::ReplaceDir { from, to } => {
                let (src, dst) = (staging.join(from), out.join(to));
                if dst.join(&marker).exists() {
                    continue; // already swapped
                }
                if !src.join(&marker).exists() {
                    bail!("publish step lost: {} has no marker and {} is not published", src.display(), to);
                }
                if dst.symlink_metadata().is_err() {
                    create_parent(&dst)?;
                    fs::rename(&src, &dst).with_context(|| format!("publishing {}", dst.display()))?;
                } else {
                    exchange(&src, &dst, &staging.join(".replaced").join(to))
                        .with_context(|| format!("replacing {}", dst.display()))?;
                }
            }
        }
    }
    super::failpoint("publish.renamed");
    // Make the renames durable before forgetting the plan.
    let mut dirs: Vec<PathBuf> = vec![out.to_path_buf()];
    for op in &plan.ops {
        if let Op::Rename { to, .. } | Op::ReplaceDir { to, .. } = op {
            if let Some(parent) = out.join(to).parent() {
                dirs.push(parent.to_path_buf());
            }
        }
    }
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        sync_dir(&dir);
    }
    for op in &plan.ops {
        if let Op::ReplaceDir { to, .. } = op {
            match fs::remove_file(out.join(to).join(&marker)) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    remove_dir_if_exists(staging)
}

/// Swaps two directories atomically (Linux), else moves `dst` aside to
/// `aside` and `src` into place (a reader may find the table missing for an
/// instant; repeated after a crash, it completes).
fn exchange(src: &Path, dst: &Path, aside: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, src, CWD, dst, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // Older kernels or file systems without RENAME_EXCHANGE: fall through.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(std::io::Error::from(e).into()),
        }
    }
    create_parent(aside)?;
    if dst.exists() {
        fs::rename(dst, aside)?;
    }
    fs::rename(src, dst)?;
    Ok(())
}

/// What [`recover`] found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Runs that had committed and were finished now.
    pub rolled_forward: Vec<String>,
    /// Runs that died before committing; their staging was deleted.
    pub discarded: Vec<String>,
    /// Temporary files of interrupted single-file writes that were deleted.
    pub temp_files: usize,
}

/// Finishes or discards what interrupted runs left in OUT. Call with the lock held.
pub fn recover(out: &Path, table_names: &[&str]) -> Result<Recovered> {
    let mut found = Recovered::default();
    if !out.exists() {
        return Ok(found);
    }
    let mut stagings: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(STAGING_PREFIX) {
            stagings.push(entry.path());
        }
    }
    stagings.sort();
    for dir in stagings {
        let name = dir.file_name().unwrap().to_string_lossy().trim_start_matches(STAGING_PREFIX).to_string();
        let plan_path = dir.join(PLAN_FILE);
        let plan: Option<Plan> = match fs::read(&plan_path) {
            Ok(bytes) => Some(
                serde_json::from_slice(&bytes)
                    .with_context(|| format!("reading the commit record {}", plan_path.display()))?,
            ),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("reading {}", plan_path.display())),
        };
        match plan {
            Some(plan) => {
                execute(out, &dir, &plan)?;
                found.rolled_forward.push(name);
            }
            None => {
                remove_dir_if_exists(&dir)?;
                found.discarded.push(name);
            }
        }
    }
    // Interrupted TableWriter files (`.<name>.tmp`) of single-stage commands.
    for table in table_names {
        let dir = out.join(table);
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).into_iter().filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && name.starts_with('.') && name.ends_with(".tmp") {
                fs::remove_file(entry.path())?;
                found.temp_files += 1;
            }
        }
    }
    Ok(found)
}

/// Whether two table directories hold the same files with the same bytes
/// (hidden files ignored). Used to leave unchanged tables untouched.
pub fn same_table_files(a: &Path, b: &Path) -> Result<bool> {
    let fa = visible_files(a)?;
    let fb = visible_files(b)?;
    if fa.len() != fb.len() {
        return Ok(false);
    }
    for ((ra, pa), (rb, pb)) in fa.iter().zip(&fb) {
        let (ma, mb) = (fs::metadata(pa)?, fs::metadata(pb)?);
        if ra != rb || ma.len() != mb.len() {
            return Ok(false);
        }
        if same_inode(&ma, &mb) {
            continue; // a file linked into staging, unchanged
        }
        if blake3::hash(&fs::read(pa)?) != blake3::hash(&fs::read(pb)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether two paths are links to one file (never, where that cannot be told).
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Visible files under `dir` as (relative path, path), sorted.
fn visible_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = entry?;
        if entry.file_type().is_file() {
            files.push((entry.path().strip_prefix(dir)?.to_path_buf(), entry.path().to_path_buf()));
        }
    }
    Ok(files)
}

fn create_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    Ok(())
}

/// Removes a directory and all it holds, if it exists.
pub fn remove_dir_if_exists(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("removing {}", dir.display())),
    }
}

fn sync_tree_dirs(root: &Path) {
    for entry in walkdir::WalkDir::new(root).into_iter().filter_map(|e| e.ok()) {
        if entry.file_type().is_dir() {
            sync_dir(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(root: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(root).sort_by_file_name().into_iter().map(|e| e.unwrap()) {
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read_to_string(e.path()).unwrap()));
            }
        }
        out
    }

    fn staged(out: &Path) -> (Staging, Plan) {
        let s = Staging::create(out, "r1").unwrap();
        fs::create_dir_all(s.root().join("t/batch=2")).unwrap();
        fs::write(s.root().join("t/batch=2/part.parquet"), "new batch").unwrap();
        fs::create_dir_all(s.root().join("agg")).unwrap();
        fs::write(s.root().join("agg/part.parquet"), "new agg").unwrap();
        fs::write(s.root().join("_manifest.json"), "m2").unwrap();
        fs::write(s.root().join("_SUCCESS"), "r1").unwrap();
        let mut plan = Plan::new("r1");
        plan.ops.push(Op::Remove { path: "_SUCCESS".into() });
        plan.ops.push(Op::Rename { from: "t/batch=2".into(), to: "t/batch=2".into() });
        plan.ops.push(Op::ReplaceDir { from: "agg".into(), to: "agg".into() });
        plan.ops.push(Op::Rename { from: "_manifest.json".into(), to: "_manifest.json".into() });
        plan.ops.push(Op::Rename { from: "_SUCCESS".into(), to: "_SUCCESS".into() });
        (s, plan)
    }

    fn published_before(out: &Path) {
        fs::create_dir_all(out.join("t/batch=1")).unwrap();
        fs::write(out.join("t/batch=1/part.parquet"), "old batch").unwrap();
        fs::create_dir_all(out.join("agg")).unwrap();
        fs::write(out.join("agg/part.parquet"), "old agg").unwrap();
        fs::write(out.join("_SUCCESS"), "").unwrap();
    }

    fn expected_after() -> Vec<(String, String)> {
        vec![
            ("_SUCCESS".into(), "r1".into()),
            ("_manifest.json".into(), "m2".into()),
            ("agg/part.parquet".into(), "new agg".into()),
            ("t/batch=1/part.parquet".into(), "old batch".into()),
            ("t/batch=2/part.parquet".into(), "new batch".into()),
        ]
    }

    #[test]
    fn commit_publishes_and_removes_staging() {
        let out = tempfile::tempdir().unwrap();
        published_before(out.path());
        let (s, plan) = staged(out.path());
        commit(s, &plan).unwrap();
        assert_eq!(tree(out.path()), expected_after());
    }

    #[test]
    fn every_prefix_of_a_plan_rolls_forward_to_the_same_result() {
        for done in 0..=5 {
            let out = tempfile::tempdir().unwrap();
            published_before(out.path());
            let (s, plan) = staged(out.path());
            let root = s.root().to_path_buf();
            fs::write(root.join(PLAN_FILE), serde_json::to_vec(&plan).unwrap()).unwrap();
            fs::write(root.join("agg").join(plan.marker()), "").unwrap();
            // Simulate a crash after `done` steps.
            let partial = Plan { run_id: plan.run_id.clone(), ops: plan.ops[..done].to_vec() };
            for op in &partial.ops {
                match op {
                    Op::Remove { path } => {
                        let _ = fs::remove_file(out.path().join(path));
                    }
                    Op::Rename { from, to } => fs::rename(root.join(from), out.path().join(to)).unwrap(),
                    Op::ReplaceDir { from, to } => {
                        exchange(&root.join(from), &out.path().join(to), &root.join(".replaced").join(to)).unwrap()
                    }
                }
            }
            std::mem::forget(s); // a crash: no cleanup
            let r = recover(out.path(), &["t", "agg"]).unwrap();
            assert_eq!(r.rolled_forward, vec!["r1".to_string()]);
            assert_eq!(tree(out.path()), expected_after(), "crash after {done} steps");
        }
    }

    #[test]
    fn uncommitted_staging_is_discarded() {
        let out = tempfile::tempdir().unwrap();
        published_before(out.path());
        let (s, _plan) = staged(out.path());
        std::mem::forget(s); // a crash before the commit
        fs::write(out.path().join("agg/.part.parquet.tmp"), "half").unwrap();
        let r = recover(out.path(), &["t", "agg"]).unwrap();
        assert_eq!(r.discarded, vec!["r1".to_string()]);
        assert_eq!(r.temp_files, 1);
        let before = tempfile::tempdir().unwrap();
        published_before(before.path());
        assert_eq!(tree(out.path()), tree(before.path()));
    }

    #[test]
    fn identical_tables_compare_equal() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        fs::write(a.path().join("p.parquet"), "x").unwrap();
        fs::write(b.path().join("p.parquet"), "x").unwrap();
        fs::write(b.path().join(".hidden"), "ignored").unwrap();
        assert!(same_table_files(a.path(), b.path()).unwrap());
        fs::write(b.path().join("p.parquet"), "y").unwrap();
        assert!(!same_table_files(a.path(), b.path()).unwrap());
    }
}
