//! The map part of a single-stage command that re-runs a stage over what is
//! stored: `clean` re-cleans every batch of `raw_documents`, `extract`
//! re-extracts (and resolves) every batch of `clean_documents`, each batch
//! into the same partition of the staging directory, a record batch at a time.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use rayon::prelude::*;

use super::map::{MapOutput, MapRecord, ShardState};
use super::shard::Shard;
use super::summary::RunSummary;
use super::DomainData;
use crate::io::out_dir::OutDir;
use crate::io::parquet::{for_each_rows, TableWriter};
use crate::ops::manifest::Stopwatch;
use crate::ops::state::State;
use crate::schema::{AwardMention, CleanDocument, DocFact, RawDocument, Table};
use crate::stages::clean::{clean_document, DuplicateIndex};
use crate::stages::extract::{extract_document, Extraction};
use crate::stages::resolve::resolve_mentions;

/// The batches of a stored table, which must have some.
fn stored_batches(out: &OutDir, table: &str) -> Result<Vec<String>> {
    let batches = out.batches(table)?;
    if batches.is_empty() {
        bail!("{} has no batches in {}: run the previous stage first", table, out.root().display());
    }
    Ok(batches)
}

/// A map's output that changes no input state.
fn restaged(summary: RunSummary, rows: BTreeMap<String, u64>, watch: Stopwatch) -> MapOutput {
    MapOutput {
        shard: Shard::WHOLE,
        record: MapRecord {
            summary,
            rows,
            stages: watch.finish(),
            state_origin: "loaded".into(),
            ..MapRecord::default()
        },
        state: ShardState::Files(State::default()),
        read: Vec::new(),
        docs: Vec::new(),
    }
}

/// Stage 2 again: every stored batch of `raw_documents` cleaned into
/// `target`, clean-text duplicates marked across batches, oldest first.
pub fn reclean(out: &OutDir, target: &OutDir) -> Result<MapOutput> {
    let mut watch = Stopwatch::new();
    watch.start("clean");
    let mut duplicates = DuplicateIndex::default();
    let mut summary = RunSummary::default();
    for batch in stored_batches(out, RawDocument::NAME)? {
        let mut writer = TableWriter::<CleanDocument>::create(&target.batch_dir(CleanDocument::NAME, &batch), PART)?;
        for_each_rows::<RawDocument>(&out.batch_dir(RawDocument::NAME, &batch), |raw| {
            let cleaned: Vec<CleanDocument> = raw.par_iter().map(clean_document).collect();
            for mut doc in cleaned {
                duplicates.mark(&mut doc);
                summary.duplicate_documents += usize::from(doc.duplicate_of.is_some());
                writer.push(doc)?;
            }
            Ok(())
        })?;
        summary.clean_documents += writer.finish()?;
    }
    let rows = BTreeMap::from([(CleanDocument::NAME.to_string(), summary.clean_documents as u64)]);
    Ok(restaged(summary, rows, watch))
}

/// Stage 3 again: every stored batch of `clean_documents` extracted and
/// resolved into `target` (copies of an earlier text report nothing).
pub fn reextract(out: &OutDir, target: &OutDir, ctx: &DomainData) -> Result<MapOutput> {
    let mut watch = Stopwatch::new();
    watch.start("extract");
    let mut summary = RunSummary::default();
    for batch in stored_batches(out, CleanDocument::NAME)? {
        let mut mentions = TableWriter::<AwardMention>::create(&target.batch_dir(AwardMention::NAME, &batch), PART)?;
        let mut facts = TableWriter::<DocFact>::create(&target.batch_dir(DocFact::NAME, &batch), PART)?;
        for_each_rows::<CleanDocument>(&out.batch_dir(CleanDocument::NAME, &batch), |docs| {
            let extractions: Vec<Extraction> = docs.par_iter().map(|doc| extract(doc, ctx)).collect();
            for e in extractions {
                summary.unresolved_mentions += e.mentions.iter().filter(|m| m.region_code.is_none()).count();
                mentions.extend(e.mentions)?;
                facts.extend(e.facts)?;
            }
            Ok(())
        })?;
        summary.mentions += mentions.finish()?;
        summary.doc_facts += facts.finish()?;
    }
    let rows = BTreeMap::from([
        (AwardMention::NAME.to_string(), summary.mentions as u64),
        (DocFact::NAME.to_string(), summary.doc_facts as u64),
    ]);
    Ok(restaged(summary, rows, watch))
}

/// The file every restaged batch partition holds.
const PART: &str = "part-00000.parquet";

fn extract(doc: &CleanDocument, ctx: &DomainData) -> Extraction {
    if doc.duplicate_of.is_some() {
        return Extraction::default();
    }
    let mut e = extract_document(doc, &ctx.knowledge);
    resolve_mentions(&mut e.mentions, doc, &ctx.resolver);
    e
}
