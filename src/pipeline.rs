//! Wires the stages to the tables: reads inputs, runs each stage, writes each
//! table. `run` streams documents through ingest → clean → extract → resolve
//! in bounded chunks (rayon inside a chunk), then rebuilds the recomputed
//! tables (`awards`, `regions`, `agg_*`) from everything stored.
//!
//! The single-stage entry points (`clean_stage`, ...) re-run one stage from
//! the previous stage's stored table, batch by batch.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use rayon::prelude::*;

use crate::domain::Knowledge;
use crate::io::input::{self, Found, ReadOutcome};
use crate::io::out_dir::OutDir;
use crate::io::parquet::{read_rows, write_rows, TableWriter};
use crate::regions::{RegionTable, Resolver};
use crate::schema::{Award, AwardMention, CleanDocument, DocFact, RawDocument, Region, Reject, Table, UtcMicros};
use crate::report;
use crate::stages::aggregate;
use crate::stages::clean::{clean_document, DuplicateIndex};
use crate::stages::extract::{extract_document, Extraction};
use crate::stages::ingest::{ingest_input, reject, IngestOptions, Ingested, RejectReason};
use crate::stages::resolve::{build_awards, region_dimension, resolve_mentions, DocMeta};

/// Files handed to the workers at once; bounds memory to one chunk of inputs.
const CHUNK_FILES: usize = 512;

/// Names one run's partition of the per-batch tables, and its start time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchId {
    /// `YYYYMMDDTHHMMSSZ` (UTC).
    pub id: String,
    pub started: UtcMicros,
}

impl BatchId {
    pub const FORMAT: &'static str = "%Y%m%dT%H%M%SZ";

    /// The batch named after the current UTC second.
    pub fn now() -> Self {
        let now = Utc::now();
        let id = now.format(Self::FORMAT).to_string();
        Self::parse(&id).expect("formatted batch id parses")
    }

    /// A batch id given by the user. It must be a UTC timestamp in
    /// `YYYYMMDDTHHMMSSZ` form, because `ingested_at` is derived from it (the
    /// data files hold no other clock value, so reruns are byte-identical).
    pub fn parse(id: &str) -> Result<Self> {
        let t = NaiveDateTime::parse_from_str(id, Self::FORMAT)
            .with_context(|| format!("batch id {id:?} is not a UTC timestamp like 20261123T020000Z"))?;
        let started = UtcMicros::from_datetime(DateTime::<Utc>::from_naive_utc_and_offset(t, Utc));
        Ok(BatchId { id: id.to_string(), started })
    }
}

/// Everything `run` needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<String>,
    pub out: PathBuf,
    pub ingest: IngestOptions,
    pub batch: BatchId,
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    pub inputs_seen: usize,
    pub documents: usize,
    pub rejects_by_reason: BTreeMap<String, usize>,
    pub clean_documents: usize,
    pub duplicate_documents: usize,
    pub mentions: usize,
    pub unresolved_mentions: usize,
    pub doc_facts: usize,
    pub awards: usize,
}

impl RunSummary {
    pub fn rejects(&self) -> usize {
        self.rejects_by_reason.values().sum()
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "inputs: {} records seen, {} documents, {} rejected",
            self.inputs_seen,
            self.documents,
            self.rejects()
        )?;
        for (reason, n) in &self.rejects_by_reason {
            writeln!(f, "  rejected {reason}: {n}")?;
        }
        writeln!(
            f,
            "clean_documents: {} ({} duplicates of an earlier document)",
            self.clean_documents, self.duplicate_documents
        )?;
        writeln!(f, "award_mentions: {} ({} not resolved to a region)", self.mentions, self.unresolved_mentions)?;
        writeln!(f, "doc_facts: {}", self.doc_facts)?;
        write!(f, "awards: {}", self.awards)
    }
}

/// The five per-batch tables of one run, written as they stream.
struct BatchWriters {
    raw: TableWriter<RawDocument>,
    rejects: TableWriter<Reject>,
    clean: TableWriter<CleanDocument>,
    mentions: TableWriter<AwardMention>,
    facts: TableWriter<DocFact>,
}

const PART: &str = "part-00000.parquet";

impl BatchWriters {
    fn create(out: &OutDir, batch: &str) -> Result<Self> {
        Ok(BatchWriters {
            raw: TableWriter::create(&out.batch_dir(RawDocument::NAME, batch), PART)?,
            rejects: TableWriter::create(&out.batch_dir(Reject::NAME, batch), PART)?,
            clean: TableWriter::create(&out.batch_dir(CleanDocument::NAME, batch), PART)?,
            mentions: TableWriter::create(&out.batch_dir(AwardMention::NAME, batch), PART)?,
            facts: TableWriter::create(&out.batch_dir(DocFact::NAME, batch), PART)?,
        })
    }

    fn finish(self) -> Result<()> {
        self.raw.finish()?;
        self.rejects.finish()?;
        self.clean.finish()?;
        self.mentions.finish()?;
        self.facts.finish()?;
        Ok(())
    }
}

/// Shared, load-once domain data.
pub struct DomainData {
    pub knowledge: Knowledge,
    pub regions: RegionTable,
    pub resolver: Resolver,
}

impl DomainData {
    pub fn load() -> Result<Self> {
        let knowledge = Knowledge::embedded().context("loading data/domain")?;
        let regions = RegionTable::embedded().context("loading data/reference")?;
        let resolver = Resolver::new(&regions)?;
        Ok(DomainData { knowledge, regions, resolver })
    }
}

/// Reads one discovered input and ingests it (I/O edge around the pure stage).
fn ingest_found(found: &Found, opts: &IngestOptions, at: UtcMicros) -> Vec<Ingested> {
    let shown = found.path().to_string_lossy();
    match found {
        Found::Unreadable { message, .. } => {
            vec![Ingested::Rejected(reject(&shown, None, RejectReason::Unreadable, message.clone(), None, at))]
        }
        Found::File(path) => match input::read_limited(path, opts.max_bytes) {
            ReadOutcome::Bytes(bytes) => ingest_input(&shown, &bytes, opts, at),
            ReadOutcome::TooLarge { size } => vec![Ingested::Rejected(reject(
                &shown,
                None,
                RejectReason::TooLarge,
                format!("{size} bytes is over the {} byte limit", opts.max_bytes),
                Some(size as i64),
                at,
            ))],
            ReadOutcome::Unreadable { message } => {
                vec![Ingested::Rejected(reject(&shown, None, RejectReason::Unreadable, message, None, at))]
            }
        },
    }
}

/// Cleans, extracts and resolves one document (pure; run on the workers).
fn process_document(raw: &RawDocument, ctx: &DomainData) -> (CleanDocument, Extraction) {
    let clean = clean_document(raw);
    let mut extraction = extract_document(&clean, &ctx.knowledge);
    resolve_mentions(&mut extraction.mentions, &clean, &ctx.resolver);
    (clean, extraction)
}

/// Removes the per-batch tables so a run starts from nothing.
fn clear_batch_tables(out: &OutDir) -> Result<()> {
    for name in [RawDocument::NAME, Reject::NAME, CleanDocument::NAME, AwardMention::NAME, DocFact::NAME] {
        let dir = out.table_dir(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
        }
    }
    Ok(())
}

/// Runs every stage over the inputs into `opts.out`.
pub fn run(opts: &RunOptions, ctx: &DomainData) -> Result<RunSummary> {
    let out = OutDir::new(&opts.out);
    let found = input::discover(&opts.inputs)?;
    clear_batch_tables(&out)?;
    let mut writers = BatchWriters::create(&out, &opts.batch.id)?;
    let mut summary = RunSummary::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut duplicates = DuplicateIndex::default();
    let at = opts.batch.started;

    for chunk in found.chunks(CHUNK_FILES) {
        let ingested: Vec<Vec<Ingested>> = chunk.par_iter().map(|f| ingest_found(f, &opts.ingest, at)).collect();
        let mut docs = Vec::new();
        for item in ingested.into_iter().flatten() {
            summary.inputs_seen += 1;
            match item {
                Ingested::Document(doc) if !seen.insert(doc.doc_id.clone()) => {
                    let message = format!("same content as earlier document {}", doc.doc_id);
                    let line = doc.source_line;
                    let r = reject(&doc.source_path, line, RejectReason::Duplicate, message, Some(doc.byte_len), at);
                    record_reject(&mut summary, &r);
                    writers.rejects.push(r)?;
                }
                Ingested::Document(doc) => docs.push(doc),
                Ingested::Rejected(r) => {
                    record_reject(&mut summary, &r);
                    writers.rejects.push(r)?;
                }
            }
        }
        let processed: Vec<(CleanDocument, Extraction)> =
            docs.par_iter().map(|raw| process_document(raw, ctx)).collect();
        for (raw, (mut clean, extraction)) in docs.into_iter().zip(processed) {
            duplicates.mark(&mut clean);
            summary.documents += 1;
            summary.clean_documents += 1;
            // A copy of an earlier document's text reports nothing new.
            if clean.duplicate_of.is_some() {
                summary.duplicate_documents += 1;
            } else {
                summary.mentions += extraction.mentions.len();
                summary.unresolved_mentions += extraction.mentions.iter().filter(|m| m.region_code.is_none()).count();
                summary.doc_facts += extraction.facts.len();
                writers.mentions.extend(extraction.mentions)?;
                writers.facts.extend(extraction.facts)?;
            }
            writers.raw.push(raw)?;
            writers.clean.push(clean)?;
        }
    }
    writers.finish()?;
    summary.awards = derive_tables(&out, ctx)?;
    Ok(summary)
}

fn record_reject(summary: &mut RunSummary, r: &Reject) {
    *summary.rejects_by_reason.entry(r.reason.clone()).or_default() += 1;
}

/// Rebuilds the recomputed tables (`awards`, `regions`, `agg_*`) from the
/// stored per-batch tables, then the report. Returns the number of awards.
pub fn derive_tables(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    derive_tables_timed(out, ctx, &mut Stopwatch::new())
}

/// [`derive_tables`], timing each step.
fn derive_tables_timed(out: &OutDir, ctx: &DomainData, watch: &mut Stopwatch) -> Result<usize> {
    watch.start("resolve_awards");
    let awards = resolve_stage(out, ctx)?;
    watch.start("aggregate");
    aggregate_stage(out)?;
    Ok(awards)
}

/// Stage 5 alone: rebuilds the `agg_*` tables from the stored `awards`,
/// `regions` and `doc_facts`, then `OUT/report.html` from them.
pub fn aggregate_stage(out: &OutDir) -> Result<aggregate::AggregateSummary> {
    let summary = aggregate::aggregate(out)?;
    report::write_report(out)?;
    Ok(summary)
}

/// Stage 1 alone: ingests inputs into a fresh batch of `raw_documents` and `rejects`.
pub fn ingest_stage(inputs: &[String], out: &OutDir, ingest: &IngestOptions, batch: &BatchId) -> Result<RunSummary> {
    let found = input::discover(inputs)?;
    let mut summary = RunSummary::default();
    let mut seen = HashSet::new();
    let mut raw_rows = Vec::new();
    let mut reject_rows = Vec::new();
    for item in
        found.par_iter().map(|f| ingest_found(f, ingest, batch.started)).collect::<Vec<_>>().into_iter().flatten()
    {
        summary.inputs_seen += 1;
        match item {
            Ingested::Document(doc) if !seen.insert(doc.doc_id.clone()) => {
                let message = format!("same content as earlier document {}", doc.doc_id);
                reject_rows.push(reject(
                    &doc.source_path,
                    doc.source_line,
                    RejectReason::Duplicate,
                    message,
                    Some(doc.byte_len),
                    batch.started,
                ));
            }
            Ingested::Document(doc) => raw_rows.push(doc),
            Ingested::Rejected(r) => reject_rows.push(r),
        }
    }
    summary.documents = raw_rows.len();
    for r in &reject_rows {
        record_reject(&mut summary, r);
    }
    write_rows(&out.batch_dir(RawDocument::NAME, &batch.id), raw_rows)?;
    write_rows(&out.batch_dir(Reject::NAME, &batch.id), reject_rows)?;
    Ok(summary)
}

fn require_batches(out: &OutDir, table: &str) -> Result<Vec<String>> {
    let batches = out.batches(table)?;
    if batches.is_empty() {
        bail!("{} has no batches in {}: run the previous stage first", table, out.root().display());
    }
    Ok(batches)
}

/// Stage 2 alone: re-cleans every batch of `raw_documents`.
pub fn clean_stage(out: &OutDir) -> Result<usize> {
    let mut duplicates = DuplicateIndex::default();
    let mut total = 0;
    for batch in require_batches(out, RawDocument::NAME)? {
        let raw: Vec<RawDocument> = read_rows(&out.batch_dir(RawDocument::NAME, &batch))?;
        let mut cleaned: Vec<CleanDocument> = raw.par_iter().map(clean_document).collect();
        for doc in &mut cleaned {
            duplicates.mark(doc);
        }
        total += write_rows(&out.batch_dir(CleanDocument::NAME, &batch), cleaned)?;
    }
    Ok(total)
}

/// Stage 3 alone: re-extracts (and resolves) every batch of `clean_documents`.
pub fn extract_stage(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    let mut total = 0;
    for batch in require_batches(out, CleanDocument::NAME)? {
        let docs: Vec<CleanDocument> = read_rows(&out.batch_dir(CleanDocument::NAME, &batch))?;
        let extractions: Vec<Extraction> = docs
            .par_iter()
            .map(|doc| {
                if doc.duplicate_of.is_some() {
                    return Extraction::default();
                }
                let mut e = extract_document(doc, &ctx.knowledge);
                resolve_mentions(&mut e.mentions, doc, &ctx.resolver);
                e
            })
            .collect();
        let (mentions, facts): (Vec<_>, Vec<_>) = extractions.into_iter().map(|e| (e.mentions, e.facts)).unzip();
        total += write_rows(&out.batch_dir(AwardMention::NAME, &batch), mentions.into_iter().flatten())?;
        write_rows(&out.batch_dir(DocFact::NAME, &batch), facts.into_iter().flatten())?;
    }
    Ok(total)
}

/// Stage 4 alone: rebuilds `awards` and `regions` from all stored mentions.
pub fn resolve_stage(out: &OutDir, ctx: &DomainData) -> Result<usize> {
    let mentions: Vec<AwardMention> = read_rows(&out.table_dir(AwardMention::NAME))?;
    let docs: Vec<DocMeta> =
        read_rows::<CleanDocument>(&out.table_dir(CleanDocument::NAME))?.iter().map(DocMeta::of).collect();
    let awards = build_awards(&mentions, &docs, &ctx.regions);
    let n = write_rows::<Award>(&out.table_dir(Award::NAME), awards)?;
    write_rows::<Region>(&out.table_dir(Region::NAME), region_dimension(&ctx.regions))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_must_be_utc_timestamps() {
        let b = BatchId::parse("20261123T020000Z").unwrap();
        assert_eq!(b.started.to_datetime().to_rfc3339(), "2026-11-23T02:00:00+00:00");
        assert!(BatchId::parse("nightly").is_err());
        assert!(BatchId::parse(&BatchId::now().id).is_ok());
    }
}
