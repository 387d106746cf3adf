//! The HTML report `OUT/report.html`: what an analyst opens first. One
//! self-contained file (inline CSS and SVG charts, no script, nothing
//! fetched) built from the stored `awards` and `agg_*` tables: awards per
//! province, prize money per year, the grade mix, a category × year heatmap,
//! the top recipients, and every award with its evidence sentence and source.
//!
//! [`render`] is a pure function of the tables ([`ReportData`]); the
//! pipeline reads them and writes the page.

pub mod charts;
pub mod page;

use anyhow::Result;

use crate::schema::{AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award};

/// File name of the report inside the output directory.
pub const REPORT_FILE: &str = "report.html";

/// The tables the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportData {
    pub awards: Vec<Award>,
    pub by_province: Vec<AggAwardsByProvince>,
    pub prize_by_year: Vec<AggPrizeByYear>,
    pub by_category_year: Vec<AggAwardsByCategoryYear>,
    pub top_recipients: Vec<AggTopRecipients>,
}

/// The report page of these tables.
pub fn render(data: &ReportData) -> Result<String> {
    page::render(data)
}
