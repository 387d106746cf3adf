//! The recomputed tables, rebuilt from the stored per-batch tables: `awards`
//! and `regions` (stage 4), then the `agg_*` tables (stage 5) and
//! `OUT/report.html` from them.

use std::collections::HashSet;

use anyhow::Result;

use super::DomainData;
use crate::io::atomic::write_atomically;
use crate::io::columns;
use crate::io::computed::{scan_table, write_checked};
use crate::io::out_dir::OutDir;
use crate::io::parquet::{read_rows, write_rows};
use crate::ops::manifest::Stopwatch;
use crate::report::{self, ReportData};
use crate::schema::{
    AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, AwardMention, CleanDocument,
    ColumnValue, DocFact, Region, Table,
};
use crate::stages::aggregate::{self, AggregateInputs, AggregateSummary};
use crate::stages::resolve::{build_awards, region_dimension, DocMeta};

/// Which recomputed tables to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derive {
    /// `awards` and `regions`.
    pub awards: bool,
    /// The `agg_*` tables and the report.
    pub aggregates: bool,
}

impl Derive {
    pub const ALL: Derive = Derive { awards: true, aggregates: true };
    pub const NONE: Derive = Derive { awards: false, aggregates: false };

    pub fn any(self) -> bool {
        self.awards || self.aggregates
    }
}

/// The tables `what` rebuilds.
pub fn tables(what: Derive) -> Vec<&'static str> {
    let mut tables = Vec::new();
    if what.awards {
        tables.extend([Award::NAME, Region::NAME]);
    }
    if what.aggregates {
        tables.extend([
            AggAwardsByProvince::NAME,
            AggPrizeByYear::NAME,
            AggAwardsByCategoryYear::NAME,
            AggTopRecipients::NAME,
        ]);
    }
    tables
}

/// Rebuilds the recomputed tables `what` names in `out`, timing each step.
/// Returns the number of awards, when rebuilt.
pub fn derive(out: &OutDir, what: Derive, ctx: &DomainData, watch: &mut Stopwatch) -> Result<Option<usize>> {
    let mut awards = None;
    if what.awards {
        watch.start("resolve_awards");
        awards = Some(awards_and_regions(out, ctx)?);
    }
    if what.aggregates {
        watch.start("aggregate");
        aggregates(out)?;
    }
    Ok(awards)
}

/// Stage 4: rebuilds `awards` and `regions` from all stored mentions.
pub fn awards_and_regions(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    let mentions: Vec<AwardMention> = read_rows(&out.table_dir(AwardMention::NAME))?;
    let mentioned: HashSet<&str> = mentions.iter().map(|m| m.doc_id.as_str()).collect();
    let docs = doc_metas(out, &mentioned)?;
    let awards = build_awards(&mentions, &docs, &ctx.regions);
    let n = write_rows::<Award>(&out.table_dir(Award::NAME), awards)?;
    write_rows::<Region>(&out.table_dir(Region::NAME), region_dimension(&ctx.regions))?;
    Ok(n)
}

/// The metadata of the stored clean documents named in `wanted` ([`DocMeta::of`]
/// of each such row), in table order. Read by column projection and one
/// record batch at a time: the texts, most of the bytes, are not needed to
/// build `awards`, only documents with mentions are (a few percent), and
/// this runs every night over the whole archive (issue 7: memory).
fn doc_metas(out: &OutDir, wanted: &HashSet<&str>) -> Result<Vec<DocMeta>> {
    let dir = out.table_dir(CleanDocument::NAME);
    let columns = ["doc_id", "published_date", "outlet", "url", "source_path"];
    let mut metas = Vec::new();
    columns::for_each_batch(&dir, &columns, |arrays| {
        let doc_ids = <String>::from_array(arrays[0].as_ref())?;
        let keep: Vec<usize> = (0..doc_ids.len()).filter(|&i| wanted.contains(doc_ids[i].as_str())).collect();
        if keep.is_empty() {
            return Ok(());
        }
        let dates = <Option<chrono::NaiveDate>>::from_array(arrays[1].as_ref())?;
        let outlets = <Option<String>>::from_array(arrays[2].as_ref())?;
        let urls = <Option<String>>::from_array(arrays[3].as_ref())?;
        let paths = <String>::from_array(arrays[4].as_ref())?;
        metas.extend(keep.into_iter().map(|i| DocMeta {
            doc_id: doc_ids[i].clone(),
            published_date: dates[i],
            outlet: outlets[i].clone(),
            url: urls[i].clone(),
            source_path: paths[i].clone(),
        }));
        Ok(())
    })?;
    Ok(metas)
}

/// Stage 5: rebuilds the `agg_*` tables from the stored `awards`, `regions`
/// and `doc_facts`, then `OUT/report.html` from them.
pub fn aggregates(out: &OutDir) -> Result<AggregateSummary> {
    let inputs = AggregateInputs {
        awards: scan_table(out, Award::NAME)?,
        regions: scan_table(out, Region::NAME)?,
        doc_facts: scan_table(out, DocFact::NAME)?,
    };
    let mut summary = AggregateSummary::default();
    for (def, batch) in aggregate::aggregate(inputs)? {
        let rows = write_checked(&out.table_dir(def.name), &def, &batch)?;
        summary.tables.push((def.name, rows));
    }
    write_report(out)?;
    Ok(summary)
}

/// Renders `OUT/report.html` from the stored tables.
fn write_report(out: &OutDir) -> Result<()> {
    let data = ReportData {
        awards: read_rows(&out.table_dir(Award::NAME))?,
        by_province: read_rows(&out.table_dir(AggAwardsByProvince::NAME))?,
        prize_by_year: read_rows(&out.table_dir(AggPrizeByYear::NAME))?,
        by_category_year: read_rows(&out.table_dir(AggAwardsByCategoryYear::NAME))?,
        top_recipients: read_rows(&out.table_dir(AggTopRecipients::NAME))?,
    };
    write_atomically(&out.root().join(report::REPORT_FILE), report::render(&data)?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_metas_by_projection_equal_doc_meta_of_the_wanted_rows() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        let doc = |i: i64| CleanDocument {
            doc_id: format!("d{i}"),
            source_path: format!("in/{i}.txt"),
            url: (i % 2 == 0).then(|| format!("https://news.example/{i}")),
            title: Some("제목".into()),
            published_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + i as u32),
            published_month: Some("2024-01".into()),
            outlet: (i % 3 == 0).then(|| "가람일보".to_string()),
            reporter: None,
            section: None,
            clean_text: "본문".repeat(i as usize + 1),
            translation_text: None,
            removed_line_count: i,
            duplicate_of: None,
        };
        let batch1: Vec<CleanDocument> = (0..3).map(doc).collect();
        let batch2: Vec<CleanDocument> = (3..5).map(doc).collect();
        write_rows(&out.batch_dir(CleanDocument::NAME, "b1"), batch1.clone()).unwrap();
        write_rows(&out.batch_dir(CleanDocument::NAME, "b2"), batch2.clone()).unwrap();
        let want: Vec<DocMeta> = batch1.iter().chain(&batch2).map(DocMeta::of).collect();
        let all: HashSet<&str> = want.iter().map(|d| d.doc_id.as_str()).collect();
        assert_eq!(doc_metas(&out, &all).unwrap(), want);
        let some: HashSet<&str> = ["d1", "d4", "not stored"].into();
        assert_eq!(doc_metas(&out, &some).unwrap(), vec![DocMeta::of(&batch1[1]), DocMeta::of(&batch2[1])]);
    }
}
