//! The HTML report `OUT/report.html`: what an analyst opens first. One
//! self-contained file (inline CSS and SVG charts, no script, nothing
//! fetched) built from the stored `awards` and `agg_*` tables: awards per
//! province, prize money per year, the grade mix, a category × year heatmap,
//! the top recipients, and every award with its evidence sentence and source.
//!
//! [`load`] reads the tables (the I/O edge), [`page::render`] is a pure
//! function of them, and [`write_report`] publishes the file atomically.

pub mod charts;
pub mod page;

use std::path::PathBuf;

use anyhow::Result;

use crate::io::atomic::write_atomically;
use crate::io::out_dir::OutDir;
use crate::io::parquet::read_rows;
use crate::schema::{AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, Table};

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

/// Reads the report's tables from an output directory.
pub fn load(out: &OutDir) -> Result<ReportData> {
    Ok(ReportData {
        awards: read_rows(&out.table_dir(Award::NAME))?,
        by_province: read_rows(&out.table_dir(AggAwardsByProvince::NAME))?,
        prize_by_year: read_rows(&out.table_dir(AggPrizeByYear::NAME))?,
        by_category_year: read_rows(&out.table_dir(AggAwardsByCategoryYear::NAME))?,
        top_recipients: read_rows(&out.table_dir(AggTopRecipients::NAME))?,
    })
}

/// Renders `OUT/report.html` from the stored tables (written under a
/// temporary name and renamed, so a browser never sees half a page).
pub fn write_report(out: &OutDir) -> Result<PathBuf> {
    let html = page::render(&load(out)?)?;
    let path = out.root().join(REPORT_FILE);
    write_atomically(&path, html.as_bytes())?;
    Ok(path)
}
