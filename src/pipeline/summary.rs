//! The counts a run reports to people at its end (the manifest holds the
//! full record).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::schema::Reject;

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Input records found (read or known unchanged).
    pub inputs_seen: usize,
    /// Input records an earlier batch already accounts for (no new row).
    pub already_seen: usize,
    /// The batch partition the run added, if anything was new.
    pub batch_id: Option<String>,
    /// New documents (rows added to raw_documents).
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

    /// Counts one reject row.
    pub fn add_reject(&mut self, r: &Reject) {
        *self.rejects_by_reason.entry(r.reason.clone()).or_default() += 1;
    }

    /// Adds the counts of another shard of the same run.
    pub fn add(&mut self, other: &RunSummary) {
        self.inputs_seen += other.inputs_seen;
        self.already_seen += other.already_seen;
        self.documents += other.documents;
        for (reason, n) in &other.rejects_by_reason {
            *self.rejects_by_reason.entry(reason.clone()).or_default() += n;
        }
        self.clean_documents += other.clean_documents;
        self.duplicate_documents += other.duplicate_documents;
        self.mentions += other.mentions;
        self.unresolved_mentions += other.unresolved_mentions;
        self.doc_facts += other.doc_facts;
        self.awards += other.awards;
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "inputs: {} records seen ({} already seen), {} new documents, {} rejected",
            self.inputs_seen,
            self.already_seen,
            self.documents,
            self.rejects()
        )?;
        if let Some(batch) = &self.batch_id {
            writeln!(f, "batch: {batch}")?;
        }
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
