//! Stored batches derived again when an older build derived them. The
//! state's ledger records, per batch, the versions of the stages that
//! wrote its tables ([`super::versions`]); a run compares them with its own
//! and derives the batches that differ again, from the stored table before
//! them, into its staging directory, where they are published with the
//! night's batch (atomically, under the same crash guarantees) and the
//! recomputed tables are rebuilt from them:
//! - a batch whose clean version differs (or is unknown) gets its
//!   `clean_documents` again from its `raw_documents`, and so does every
//!   later batch (a document is a duplicate of an earlier batch's clean
//!   text, so its mark depends on the texts before it); then extraction;
//! - a batch whose extract version differs gets its `award_mentions` and
//!   `doc_facts` again from its `clean_documents`.

use std::collections::BTreeMap;

use anyhow::Result;

use super::map::stored_duplicate_index;
use super::restage::{clean_batch, extract_batch};
use super::summary::RunSummary;
use super::DomainData;
use crate::io::out_dir::OutDir;
use crate::ops::failpoint;
use crate::ops::manifest::Rederived;
use crate::ops::state::{BatchLedger, StageVersions};
use crate::schema::{AwardMention, CleanDocument, DocFact, Table};
use crate::stages::clean::DuplicateIndex;

/// A stored batch to derive again, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub batch: String,
    /// Its `clean_documents` too (else only what extraction writes).
    pub reclean: bool,
    /// The versions that differ, for people.
    pub reason: String,
}

impl Stale {
    /// The batch's tables it writes again, in pipeline order.
    pub fn tables(&self) -> Vec<&'static str> {
        let clean = self.reclean.then_some(CleanDocument::NAME);
        clean.into_iter().chain([AwardMention::NAME, DocFact::NAME]).collect()
    }

    /// The manifest's record of it.
    pub fn record(&self) -> Rederived {
        Rederived {
            batch: self.batch.clone(),
            tables: self.tables().into_iter().map(String::from).collect(),
            reason: self.reason.clone(),
        }
    }
}

/// The batches of `ledger` (in id order) whose tables `current` would
/// derive otherwise than the versions that derived them.
pub fn stale_batches(ledger: &[BatchLedger], current: &StageVersions) -> Vec<Stale> {
    let mut recleaning = false;
    let mut stale = Vec::new();
    for b in ledger {
        let mut reasons = Vec::new();
        if b.derived.clean != current.clean {
            reasons.push(change("clean", &b.derived.clean, &current.clean));
            recleaning = true;
        } else if recleaning {
            reasons.push("an earlier batch is cleaned again (duplicates are marked across batches)".to_string());
        }
        if b.derived.extract != current.extract {
            reasons.push(change("extract", &b.derived.extract, &current.extract));
        }
        if !reasons.is_empty() {
            stale.push(Stale { batch: b.id.clone(), reclean: recleaning, reason: reasons.join("; ") });
        }
    }
    stale
}

fn change(stage: &str, from: &Option<String>, to: &Option<String>) -> String {
    let name = |v: &Option<String>| v.clone().unwrap_or_else(|| "unknown".into());
    format!("{stage} version {} → {}", name(from), name(to))
}

/// Derives the `stale` batches of `view` (OUT as it will be published)
/// again, in place, oldest first. Returns each batch's new counts.
pub fn rederive(view: &OutDir, stale: &[Stale], ctx: &DomainData) -> Result<BTreeMap<String, RunSummary>> {
    let mut duplicates = match stale.iter().find(|s| s.reclean) {
        Some(first) => {
            let before: Vec<String> =
                view.batches(CleanDocument::NAME)?.into_iter().filter(|b| *b < first.batch).collect();
            stored_duplicate_index(view, &before)?
        }
        None => DuplicateIndex::default(),
    };
    let mut counts = BTreeMap::new();
    for s in stale {
        let mut summary = RunSummary::default();
        if s.reclean {
            clean_batch(view, view, &s.batch, &mut duplicates, &mut summary)?;
            failpoint("rederive.cleaned");
        }
        extract_batch(view, view, &s.batch, ctx, &mut summary)?;
        failpoint("rederive.extracted");
        counts.insert(s.batch.clone(), summary);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger(versions: &[(Option<&str>, Option<&str>)]) -> Vec<BatchLedger> {
        let id = |i: usize| format!("2026010{}T000000Z", i + 1);
        let owned = |v: Option<&str>| v.map(String::from);
        let batch = |(i, (clean, extract)): (usize, &(Option<&str>, Option<&str>))| BatchLedger {
            id: id(i),
            derived: StageVersions { clean: owned(*clean), extract: owned(*extract) },
            ..BatchLedger::default()
        };
        versions.iter().enumerate().map(batch).collect()
    }

    fn current() -> StageVersions {
        StageVersions { clean: Some("c2".into()), extract: Some("e2".into()) }
    }

    #[test]
    fn batches_of_the_running_versions_are_not_stale() {
        assert_eq!(stale_batches(&ledger(&[(Some("c2"), Some("e2")); 3]), &current()), Vec::new());
        assert_eq!(stale_batches(&[], &current()), Vec::new());
    }

    #[test]
    fn an_older_extractor_re_extracts_that_batch_alone() {
        let stale = stale_batches(&ledger(&[(Some("c2"), Some("e2")), (Some("c2"), Some("e1"))]), &current());
        assert_eq!(
            stale,
            [Stale { batch: "20260102T000000Z".into(), reclean: false, reason: "extract version e1 → e2".into() }]
        );
        assert_eq!(stale[0].tables(), [AwardMention::NAME, DocFact::NAME]);
    }

    #[test]
    fn an_older_or_unknown_cleaner_re_cleans_that_batch_and_every_later_one() {
        let batches = [(Some("c2"), Some("e1")), (None, None), (Some("c2"), Some("e2")), (Some("c1"), Some("e2"))];
        let stale = stale_batches(&ledger(&batches), &current());
        let got: Vec<(&str, bool, &str)> =
            stale.iter().map(|s| (&s.batch[..8], s.reclean, s.reason.as_str())).collect();
        assert_eq!(
            got,
            [
                ("20260101", false, "extract version e1 → e2"),
                ("20260102", true, "clean version unknown → c2; extract version unknown → e2"),
                ("20260103", true, "an earlier batch is cleaned again (duplicates are marked across batches)"),
                ("20260104", true, "clean version c1 → c2"),
            ]
        );
        assert_eq!(stale[1].tables(), [CleanDocument::NAME, AwardMention::NAME, DocFact::NAME]);
        assert_eq!(stale[1].record().tables, ["clean_documents", "award_mentions", "doc_facts"]);
    }
}
