//! Stage 5 (`agg_*`): the dashboard aggregates, computed with polars lazy.
//!
//! The stored `awards`, `regions` and `doc_facts` Parquet files are the
//! interface (no in-memory bridge from stage 4): the pipeline hands in lazy
//! scans of them ([`AggregateInputs`]), [`plan`] turns the scans into one lazy
//! query per table, and [`typed`] computes each query as an Arrow batch with
//! exactly the column names, types and nullability declared in
//! [`crate::schema`], which [`crate::io`] writes and checks.
//!
//! Money rule: only per-award amounts (`awards.prize_krw`) are ever summed.
//! Totals stated by an article for several awards (`doc_facts`) never enter a
//! sum; the national ones are reported beside the sums in `agg_prize_by_year`.

mod plan;
mod typed;

use anyhow::Result;
use arrow::record_batch::RecordBatch;
use polars::prelude::LazyFrame;

use crate::schema::{AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Table, TableDef};

pub use plan::{awards_by_category_year, awards_by_province, grade_points, prize_by_year, top_recipients, GRADES};
pub use typed::to_batch;

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

/// The stored tables the aggregates are computed from, as lazy scans.
pub struct AggregateInputs {
    pub awards: LazyFrame,
    pub regions: LazyFrame,
    pub doc_facts: LazyFrame,
}

/// Computes every aggregate table, in pipeline order, each as one batch
/// typed as declared.
pub fn aggregate(inputs: AggregateInputs) -> Result<Vec<(TableDef, RecordBatch)>> {
    let AggregateInputs { awards, regions, doc_facts } = inputs;
    let plans = [
        (AggAwardsByProvince::def(), awards_by_province(awards.clone())),
        (AggPrizeByYear::def(), prize_by_year(awards.clone(), doc_facts)),
        (AggAwardsByCategoryYear::def(), awards_by_category_year(awards.clone())),
        (AggTopRecipients::def(), top_recipients(awards, regions)),
    ];
    plans.into_iter().map(|(def, plan)| Ok((def.clone(), to_batch(plan, &def)?))).collect()
}
