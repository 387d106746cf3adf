//! Stage 4 (`awards` + `regions`): resolves each mention's recipient to an
//! official region code valid on the award date, then merges the mentions of
//! the same award from many documents into one `awards` row.

use crate::regions::{RegionTable, Resolver};
use crate::schema::{Award, AwardMention, CleanDocument, Region};

/// Document metadata the awards table needs (dates and sources).
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    pub doc_id: String,
    pub published_date: Option<chrono::NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub source_path: String,
}

impl DocMeta {
    pub fn of(doc: &CleanDocument) -> Self {
        DocMeta {
            doc_id: doc.doc_id.clone(),
            published_date: doc.published_date,
            outlet: doc.outlet.clone(),
            url: doc.url.clone(),
            source_path: doc.source_path.clone(),
        }
    }
}

/// Fills the resolution columns of one document's mentions.
pub fn resolve_mentions(mentions: &mut [AwardMention], doc: &CleanDocument, resolver: &Resolver) {
    // TODO(resolve): lands with the region codes issue.
    let _ = (mentions, doc, resolver);
}

/// Merges resolved mentions into one row per (eval_year, region_code, category, grade).
pub fn build_awards(mentions: &[AwardMention], docs: &[DocMeta], regions: &RegionTable) -> Vec<Award> {
    // TODO(resolve): lands with the region codes issue.
    let _ = (mentions, docs, regions);
    Vec::new()
}

/// The `regions` dimension table.
pub fn region_dimension(regions: &RegionTable) -> Vec<Region> {
    // TODO(resolve): lands with the region codes issue.
    let _ = regions;
    Vec::new()
}
