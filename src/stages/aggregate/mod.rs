//! Stage 5 (`agg_*`): the dashboard aggregates, computed with polars lazy.
//!
//! The stored `awards`, `regions` and `doc_facts` Parquet files are the
//! interface (no in-memory bridge from stage 4): each is scanned with
//! `scan_parquet`, [`plan`] turns the scans into one lazy query per table, and
//! [`sink`] computes each query and writes `OUT/agg_<name>/part-00000.parquet`
//! with exactly the column names, types and nullability declared in
//! [`crate::schema`], checked by reading the file back before it is published.
//!
//! Money rule: only per-award amounts (`awards.prize_krw`) are ever summed.
//! Totals stated by an article for several awards (`doc_facts`) never enter a
//! sum; the national ones are reported beside the sums in `agg_prize_by_year`.

mod plan;
mod sink;

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use polars::prelude::{concat, HiveOptions, LazyFrame, PlRefPath, ScanArgsParquet, UnionArgs};

use crate::io::out_dir::OutDir;
use crate::io::parquet::table_files;
use crate::schema::{
    AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, DocFact, Region, Table,
};

pub use plan::{awards_by_category_year, awards_by_province, grade_points, prize_by_year, top_recipients, GRADES};
pub use sink::{check_file_schema, write_table};

/// Rows written per aggregate table, in pipeline order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AggregateSummary {
    pub tables: Vec<(&'static str, usize)>,
}

impl std::fmt::Display for AggregateSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.tables.iter().map(|(t, n)| format!("{t}: {n}")).collect();
        write!(f, "{}", parts.join(", "))
    }
}

/// A lazy scan of every Parquet file of a stored table (all `batch=`
/// partitions of a per-batch table). The files are listed with
/// [`table_files`], so a half-written `.*.tmp` file is never read.
fn scan_table(out: &OutDir, table: &str) -> Result<LazyFrame> {
    let dir = out.table_dir(table);
    let files: Vec<PathBuf> = table_files(&dir)?;
    if files.is_empty() {
        bail!("{table} has no Parquet files in {}: run the earlier stages first", dir.display());
    }
    let scans = files
        .iter()
        .map(|path| {
            let path = PlRefPath::try_from_path(path)?;
            // The files are listed already; a `batch=<id>` directory must not
            // become a column (polars would also try to parse the id as a date).
            let args = ScanArgsParquet { hive_options: HiveOptions::new_disabled(), ..Default::default() };
            LazyFrame::scan_parquet(path, args)
        })
        .collect::<polars::prelude::PolarsResult<Vec<_>>>()
        .with_context(|| format!("scanning {}", dir.display()))?;
    Ok(concat(scans, UnionArgs::default())?)
}

/// Computes every aggregate table of an output directory from its stored
/// `awards`, `regions` and `doc_facts`.
pub fn aggregate(out: &OutDir) -> Result<AggregateSummary> {
    let awards = scan_table(out, Award::NAME)?;
    let regions = scan_table(out, Region::NAME)?;
    let facts = scan_table(out, DocFact::NAME)?;

    let plans = [
        (AggAwardsByProvince::def(), awards_by_province(awards.clone())),
        (AggPrizeByYear::def(), prize_by_year(awards.clone(), facts)),
        (AggAwardsByCategoryYear::def(), awards_by_category_year(awards.clone())),
        (AggTopRecipients::def(), top_recipients(awards, regions)),
    ];
    let mut summary = AggregateSummary::default();
    for (def, plan) in plans {
        let rows = write_table(plan, &def, &out.table_dir(def.name))?;
        summary.tables.push((def.name, rows));
    }
    Ok(summary)
}
