//! The official region code table (법정동코드, 시도 and 시군구 levels, with
//! validity dates) and the resolver that maps a recipient as written to the
//! code valid on a date.

use anyhow::Result;

/// The temporal region table (`data/reference/regions.csv`).
#[derive(Debug, Clone, Default)]
pub struct RegionTable {}

impl RegionTable {
    /// The table shipped with the binary (embedded at build time).
    pub fn embedded() -> Result<Self> {
        // TODO(regions): loads data/reference/regions.csv.
        Ok(RegionTable {})
    }
}

/// Maps recipients to region codes using a [`RegionTable`] and aliases.
#[derive(Debug, Clone)]
pub struct Resolver {}

impl Resolver {
    pub fn new(table: &RegionTable) -> Result<Self> {
        let _ = table;
        Ok(Resolver {})
    }
}
