//! Stage 3 (award extraction) measured on the real pages: the five seeds
//! must give exactly their 13 gold awards (year, region, category, grade,
//! prize), and the 40 dev-set articles must reach award-level precision
//! 0.97 and recall 0.93. The documents go through the real ingest, clean,
//! extract and resolve stages, and are scored by the scorer of
//! `welfare-awards eval` ([`welfare_awards::eval`]) on its key (eval_year,
//! 5-digit region code, category, grade). The numbers, and every error by
//! kind, are printed.

use std::path::{Path, PathBuf};

use welfare_awards::domain::Knowledge;
use welfare_awards::eval::{self, render, Extracted, GoldPage, Keyer, PageOutput, Score};
use welfare_awards::pipeline::DomainData;
use welfare_awards::schema::{AwardMention, CleanDocument, UtcMicros};
use welfare_awards::stages::clean::clean_document;
use welfare_awards::stages::extract::{extract_document, Extraction};
use welfare_awards::stages::ingest::{ingest_input, IngestOptions, Ingested};
use welfare_awards::stages::resolve::resolve_mentions;

use crate::common::{seed_files, shared_dir};

/// Ingests and cleans one file through the real stages.
fn clean(path: &Path) -> CleanDocument {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    let docs: Vec<_> = ingest_input(&name, &bytes, &IngestOptions::default(), UtcMicros(0))
        .into_iter()
        .map(|i| match i {
            Ingested::Document(d) => d,
            Ingested::Rejected(r) => panic!("{name} was rejected: {} {}", r.reason, r.message),
        })
        .collect();
    assert_eq!(docs.len(), 1, "{name}");
    clean_document(&docs[0])
}

fn describe(m: &AwardMention) -> String {
    format!(
        "{} {} {:?} {} prize={:?} [{} {:.2}] «{}»",
        m.eval_year, m.recipient_text, m.category, m.grade, m.prize_krw, m.rule, m.confidence, m.evidence
    )
}

/// Checks the evidence contract of every mention and fact.
fn check_offsets(doc: &CleanDocument, e: &Extraction) {
    let span = |s: i64, t: i64| doc.clean_text.chars().skip(s as usize).take((t - s) as usize).collect::<String>();
    for m in &e.mentions {
        assert_eq!(span(m.evidence_start, m.evidence_end), m.evidence, "{}", m.mention_id);
        assert!(m.mention_id.starts_with(&doc.doc_id));
        assert_eq!(m.resolve_status, "pending");
        assert!(m.region_code.is_none() && m.region_candidates.is_empty());
        assert!((0.0..=1.0).contains(&m.confidence));
    }
    for f in &e.facts {
        assert_eq!(span(f.evidence_start, f.evidence_end), f.evidence);
    }
}

/// Every file through ingest, clean, extract (evidence checked) and
/// resolve, as the page named by its file stem.
fn extract_pages(files: &[PathBuf], ctx: &DomainData) -> Extracted {
    let mut extracted = Extracted::default();
    for path in files {
        let doc = clean(path);
        let mut e = extract_document(&doc, &ctx.knowledge);
        check_offsets(&doc, &e);
        resolve_mentions(&mut e.mentions, &doc, &ctx.resolver);
        extracted
            .pages
            .insert(eval::output::page_id(&path.display().to_string()), PageOutput::of(&e.mentions, &e.facts));
    }
    extracted
}

/// Scores the pages against a gold file; returns the score and its report
/// (also printed).
fn score(name: &str, files: &[PathBuf], gold: &Path) -> (Vec<GoldPage>, Score, String) {
    let ctx = DomainData::load().unwrap();
    let gold = eval::gold::read_files(&[gold]).unwrap();
    let s = eval::score(&gold, &extract_pages(files, &ctx), &Keyer::new(&ctx.regions), None);
    let report = format!("{name}: {}", render::text(&s, render::TextOptions::default()));
    println!("{report}");
    (gold, s, report)
}

#[test]
fn seeds_give_exactly_their_thirteen_awards() {
    let Some(shared) = shared_dir() else { return };
    let (gold, s, report) = score("seeds", &seed_files(&shared), &shared.join("gold/seeds.jsonl"));
    assert_eq!(gold.iter().map(|g| g.awards.len()).sum::<usize>(), 13);
    assert_eq!((s.tp, s.fp, s.fn_, s.unkeyable), (13, 0, 0, 0), "seed awards differ from gold\n{report}");
    assert!(s.prize_errors.is_empty(), "seed prizes differ from gold\n{report}");
}

#[test]
fn devset_precision_and_recall_meet_the_bar() {
    let Some(shared) = shared_dir() else { return };
    let files = crate::common::devset_files(&shared);
    let (_, s, report) = score("devset", &files, &shared.join("devset/gold.jsonl"));
    assert!(s.missing_pages.is_empty(), "{report}");
    let (p, r) = (s.precision(), s.recall());
    assert!(p >= 0.97, "precision {p:.3} < 0.97\n{report}");
    assert!(r >= 0.93, "recall {r:.3} < 0.93\n{report}");
}

/// Prints every mention and fact of the dev-set articles named in
/// `EXTRACT_DUMP` (comma-separated ids, e.g. `EXTRACT_DUMP=001,033`), for
/// reading the extractor's output while working on it.
#[test]
#[ignore = "prints the extractor's output for EXTRACT_DUMP ids"]
fn dump_devset_extractions() {
    let Some(shared) = shared_dir() else { return };
    let k = Knowledge::embedded().unwrap();
    let ids = std::env::var("EXTRACT_DUMP").unwrap_or_default();
    for id in ids.split(',').filter(|s| !s.is_empty()) {
        let doc = clean(&shared.join(format!("devset/articles/{id}.txt")));
        let e = extract_document(&doc, &k);
        println!("== {id} published={:?} title={:?}", doc.published_date, doc.title);
        for m in &e.mentions {
            println!(
                "  {} ctx={:?} level={:?} places={:?}",
                describe(m),
                m.sido_context,
                m.recipient_level_hint,
                m.doc_places
            );
        }
        for f in &e.facts {
            println!("  FACT {} {} «{}»", f.fact, f.value, f.evidence);
        }
    }
}
