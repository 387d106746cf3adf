//! The map part of a single-stage command that re-runs a stage over what is
//! stored: `clean` re-cleans every batch of `raw_documents`, `extract`
//! re-extracts (and resolves) every batch of `clean_documents`, each batch
//! into the same partition of the staging directory, a record batch at a
//! time. A run re-derives the batches an older build derived with the same
//! per-batch steps ([`super::rederive`]).

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
use crate::ops::publish::remove_dir_if_exists;
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
        clean_batch(out, target, &batch, &mut duplicates, &mut summary)?;
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
        extract_batch(out, target, &batch, ctx, &mut summary)?;
    }
    let rows = BTreeMap::from([
        (AwardMention::NAME.to_string(), summary.mentions as u64),
        (DocFact::NAME.to_string(), summary.doc_facts as u64),
    ]);
    Ok(restaged(summary, rows, watch))
}

/// Cleans one batch of `source`'s `raw_documents` into `target`'s
/// `clean_documents` (replacing what `target` holds of that batch), a record
/// batch at a time; `duplicates` holds the clean texts before it and gains its own.
pub(super) fn clean_batch(
    source: &OutDir,
    target: &OutDir,
    batch: &str,
    duplicates: &mut DuplicateIndex,
    summary: &mut RunSummary,
) -> Result<()> {
    let dir = target.batch_dir(CleanDocument::NAME, batch);
    remove_dir_if_exists(&dir)?;
    let mut writer = TableWriter::<CleanDocument>::create(&dir, PART)?;
    for_each_rows::<RawDocument>(&source.batch_dir(RawDocument::NAME, batch), |raw| {
        let cleaned: Vec<CleanDocument> = raw.par_iter().map(clean_document).collect();
        for mut doc in cleaned {
            duplicates.mark(&mut doc);
            summary.duplicate_documents += usize::from(doc.duplicate_of.is_some());
            writer.push(doc)?;
        }
        Ok(())
    })?;
    summary.clean_documents += writer.finish()?;
    Ok(())
}

/// Extracts and resolves one batch of `source`'s `clean_documents` into
/// `target`'s `award_mentions` and `doc_facts` (replacing what `target`
/// holds of that batch), a record batch at a time.
pub(super) fn extract_batch(
    source: &OutDir,
    target: &OutDir,
    batch: &str,
    ctx: &DomainData,
    summary: &mut RunSummary,
) -> Result<()> {
    let (mentions_dir, facts_dir) =
        (target.batch_dir(AwardMention::NAME, batch), target.batch_dir(DocFact::NAME, batch));
    remove_dir_if_exists(&mentions_dir)?;
    remove_dir_if_exists(&facts_dir)?;
    let mut mentions = TableWriter::<AwardMention>::create(&mentions_dir, PART)?;
    let mut facts = TableWriter::<DocFact>::create(&facts_dir, PART)?;
    for_each_rows::<CleanDocument>(&source.batch_dir(CleanDocument::NAME, batch), |docs| {
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
    Ok(())
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
