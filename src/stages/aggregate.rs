//! Stage 5 (`agg_*`): dashboard aggregates computed with polars lazy from the
//! `awards`, `regions` and `doc_facts` Parquet files.

use anyhow::Result;

use crate::io::out_dir::OutDir;
use crate::io::parquet::write_rows;
use crate::schema::{AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Table};

/// Computes every aggregate table of an output directory.
pub fn aggregate(out: &OutDir) -> Result<()> {
    // TODO(aggregate): lands with the aggregates issue; until then the tables exist, empty.
    write_rows::<AggAwardsByProvince>(&out.table_dir(AggAwardsByProvince::NAME), Vec::new())?;
    write_rows::<AggPrizeByYear>(&out.table_dir(AggPrizeByYear::NAME), Vec::new())?;
    write_rows::<AggAwardsByCategoryYear>(&out.table_dir(AggAwardsByCategoryYear::NAME), Vec::new())?;
    write_rows::<AggTopRecipients>(&out.table_dir(AggTopRecipients::NAME), Vec::new())?;
    Ok(())
}
