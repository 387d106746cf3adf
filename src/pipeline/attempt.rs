//! The files of a map run apart from its reduce (another process or
//! machine). Each attempt of a shard writes into a directory of its own
//! inside OUT, `OUT/.map-<batch>/shard=<i>/attempt=<a>/`: the shard's
//! tables laid out like OUT, its part of the state (`_state/state.bin`), the
//! index of its documents (`_docs.bin`) and, last, `_DONE.json` (its counts):
//! a directory without `_DONE.json` is an attempt that did not finish. A
//! retried or speculative task writes another attempt; the reduce commits
//! one finished attempt per shard and ignores the others (the idea of the
//! Hadoop and Spark output committers).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::duplicates::{read_index, write_index};
use super::map::{MapOutput, MapRecord, ShardState};
use super::shard::Shard;
use crate::io::atomic::write_atomically;
use crate::io::out_dir::OutDir;
use crate::ops::manifest::MANIFEST_FILE;
use crate::ops::publish::{link_tree, Staging};
use crate::ops::state::{StageVersions, State};
use crate::schema::{all_tables, Layout};

/// Prefix of the directory of a batch's map attempts inside OUT.
pub const MAP_PREFIX: &str = ".map-";
const DONE_FILE: &str = "_DONE.json";
const DOCS_FILE: &str = "_docs.bin";

/// `OUT/.map-<batch>/`.
pub fn map_dir(out: &OutDir, batch: &str) -> PathBuf {
    out.root().join(format!("{MAP_PREFIX}{batch}"))
}

/// `OUT/.map-<batch>/shard=<i>/`.
fn shard_dir(out: &OutDir, batch: &str, shard: Shard) -> PathBuf {
    map_dir(out, batch).join(format!("shard={:05}", shard.index))
}

/// `OUT/.map-<batch>/shard=<i>/attempt=<a>/`.
pub fn attempt_dir(out: &OutDir, batch: &str, shard: Shard, attempt: &str) -> PathBuf {
    shard_dir(out, batch, shard).join(format!("attempt={attempt}"))
}

/// What a finished attempt did (`_DONE.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Done {
    pub version: String,
    pub batch_id: String,
    pub shard: Shard,
    pub attempt: String,
    pub full_refresh: bool,
    /// The published outputs the map read ([`base_of`]).
    pub base: String,
    /// The stage versions of the build that ran the map (its batch is recorded as theirs).
    #[serde(default)]
    pub stage_versions: StageVersions,
    #[serde(flatten)]
    pub record: MapRecord,
}

/// Identifies the published outputs a map reads (their last publication):
/// the reduce refuses maps that read another version of OUT.
pub fn base_of(out: &OutDir) -> Result<String> {
    let path = out.root().join(MANIFEST_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(blake3::hash(&bytes).to_hex()[..16].to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok("none".into()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Writes a finished map's state part, document index and, last, `_DONE.json`.
pub fn finish(dir: &Path, output: MapOutput, done: Done) -> Result<Done> {
    let state = match output.state {
        ShardState::Whole(state) => state.files_of(&output.read),
        ShardState::Files(state) => state,
    };
    state.write(&State::path(dir))?;
    write_index(&dir.join(DOCS_FILE), &output.docs)?;
    let mut json = serde_json::to_vec_pretty(&done)?;
    json.push(b'\n');
    write_atomically(&dir.join(DONE_FILE), &json)?;
    Ok(done)
}

/// What a finished attempt recorded, or `None` for one that did not finish.
fn read_done(dir: &Path) -> Result<Option<Done>> {
    match std::fs::read(dir.join(DONE_FILE)) {
        Ok(bytes) => Ok(Some(
            serde_json::from_slice(&bytes).with_context(|| format!("reading {}", dir.join(DONE_FILE).display()))?,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", dir.display())),
    }
}

/// The attempt to commit for each of `shards`: the one the driver names, or
/// else the first finished one (any finished attempt holds the same rows).
pub fn winners(out: &OutDir, batch: &str, shards: u32, chosen: Option<&[String]>) -> Result<Vec<(PathBuf, Done)>> {
    if let Some(chosen) = chosen.filter(|c| c.len() != shards as usize) {
        bail!("{} attempts named for {shards} shards", chosen.len());
    }
    let mut found = Vec::new();
    for index in 0..shards {
        let shard = Shard::new(index, shards)?;
        let candidates = match chosen {
            Some(chosen) => vec![attempt_dir(out, batch, shard, &chosen[index as usize])],
            None => finished_attempts(&shard_dir(out, batch, shard))?,
        };
        let winner = candidates.into_iter().find_map(|dir| read_done(&dir).transpose().map(|d| (dir, d)));
        match winner {
            Some((dir, done)) => found.push((dir, done?)),
            None => bail!("shard {index} of batch {batch} has no finished map attempt in {}", out.root().display()),
        }
    }
    Ok(found)
}

/// The attempt directories of a shard, by name.
fn finished_attempts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            dirs.push(entry?.path());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Links a finished attempt's files into the staging directory's batch
/// partitions (the attempt keeps its own until the run is published) and
/// reads back what the map did.
pub fn commit(dir: &Path, done: Done, staging: &Staging) -> Result<MapOutput> {
    let (attempt, view) = (OutDir::new(dir), staging.view());
    for table in all_tables().iter().filter(|t| t.layout == Layout::PerBatch) {
        link_tree(&attempt.batch_dir(table.name, &done.batch_id), &view.batch_dir(table.name, &done.batch_id))?;
    }
    let state = State::read(&State::path(dir))?
        .with_context(|| format!("{}: the shard's state is missing or unreadable", dir.display()))?;
    Ok(MapOutput {
        shard: done.shard,
        record: done.record,
        state: ShardState::Files(state),
        read: Vec::new(),
        docs: read_index(&dir.join(DOCS_FILE))?,
    })
}
