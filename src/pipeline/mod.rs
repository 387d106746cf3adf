//! Wires the stages to the tables in one shape, two parts:
//! - the **map** part ([`map`]) is independent per shard of the inputs:
//!   ingest → clean → extract → resolve, streamed in bounded chunks (rayon
//!   inside a chunk), into the shard's file of each batch partition, with
//!   the shard's part of the incremental state;
//! - the **reduce** part ([`reduce`]) needs everything: it gathers the
//!   maps, settles the batch, rebuilds `awards`, `regions`, `agg_*` and the
//!   report ([`derive`]), runs the data tests, and publishes the batch, the
//!   tables, the state and the manifest atomically ([`crate::ops`] holds
//!   the lock, state, publication, manifest and data tests).
//!
//! `run` is both parts on one machine ([`local::run_work`]), and so is every
//! single-stage command: `ingest` is the map without processing, `clean`
//! and `extract` re-run their stage over the stored batches ([`restage`]),
//! `resolve` and `aggregate` are a reduce that rebuilds their tables. The
//! `map` and `reduce` commands are the two parts apart, for a cluster
//! driver ([`cluster`]); the reduce then also decides the duplicates across
//! shards ([`duplicates`]). Every reduce of a run derives again the stored
//! batches an older build derived ([`rederive`], [`versions`]). Either
//! way a run is a [`job`] on the output directory, and its map and reduce
//! start from the incremental state earlier runs left ([`prior`]).

pub mod attempt;
pub mod batch;
mod chunks;
pub mod cluster;
pub mod derive;
pub mod duplicates;
pub mod job;
pub mod local;
pub mod map;
mod prior;
pub mod rederive;
pub mod reduce;
mod restage;
pub mod shard;
mod stream;
pub mod summary;
pub mod versions;

use anyhow::{Context, Result};

use crate::domain::Knowledge;
use crate::regions::{RegionTable, Resolver};

pub use batch::{BatchId, BatchIdTaken};
pub use job::{NightlyOptions, RunOptions, Work};
pub use local::{run, run_nightly, run_work};
pub use reduce::RunOutcome;
pub use summary::RunSummary;

/// Shared, load-once domain data.
pub struct DomainData {
    pub knowledge: Knowledge,
    pub regions: RegionTable,
    pub resolver: Resolver,
}

impl DomainData {
    pub fn load() -> Result<Self> {
        let knowledge = Knowledge::embedded().context("loading data/domain")?;
        let regions = RegionTable::embedded().context("loading data/reference")?;
        let resolver = Resolver::new(&regions, &knowledge.particles)?;
        Ok(DomainData { knowledge, regions, resolver })
    }
}
