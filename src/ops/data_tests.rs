//! Data tests run after every run, dbt style: each checks one property of the
//! stored tables and reports how many rows break it, with a few examples.
//! Results go into the manifest; failures also decide the exit code
//! (`--on-data-test-failure fail|warn`).
//!
//! The checks read only what they need: small tables whole, large ones by
//! projected columns, and row counts from Parquet footers.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Display;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::state::{BatchLedger, InputCounts};
use crate::domain::Knowledge;
use crate::io::columns::{dir_rows, for_each_batch, read_column};
use crate::io::out_dir::OutDir;
use crate::io::parquet::read_rows;
use crate::schema::ids::doc_id_key;
use crate::schema::{Award, AwardMention, CleanDocument, ColumnValue, RawDocument, Region, Reject, Table};

/// Examples kept per failing test.
const EXAMPLES: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Could not be checked (say why in the message).
    Skip,
}

/// The outcome of one data test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataTest {
    pub name: String,
    pub status: Status,
    /// Offending rows (or groups).
    pub failures: u64,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// What a failing data test does to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnDataTestFailure {
    /// The manifest says `data_tests_failed`, no `_SUCCESS` is written, exit code 4.
    #[default]
    Fail,
    /// The failures are logged and recorded in the manifest; the run succeeds.
    Warn,
}

impl OnDataTestFailure {
    pub fn as_str(self) -> &'static str {
        match self {
            OnDataTestFailure::Fail => "fail",
            OnDataTestFailure::Warn => "warn",
        }
    }
}

/// Data tests failed and the run was told to fail on that (exit code 4).
#[derive(Debug, thiserror::Error)]
#[error("{} data test(s) failed: {} (details in {manifest})", failed.len(), failed.join(", "))]
pub struct DataTestsFailed {
    pub failed: Vec<String>,
    pub manifest: String,
}

/// Accepted values that come from the domain, when known.
#[derive(Debug, Clone, Default)]
pub struct AcceptedValues {
    /// Grades with their rank (1 = highest).
    pub grades: Vec<(String, i32)>,
    /// The categories of the domain data (the guide's canonical names and
    /// the fields of other rounds); `None` when the domain data lists none.
    pub categories: Option<BTreeSet<String>>,
}

impl AcceptedValues {
    /// The grades and categories of the domain data (`data/domain/`).
    pub fn from_knowledge(knowledge: &Knowledge) -> Self {
        let mut accepted = Self::from_contract();
        if !knowledge.grades.is_empty() {
            accepted.grades = knowledge.grades.iter().map(|g| (g.name.clone(), g.rank)).collect();
        }
        if !knowledge.categories.is_empty() {
            // A field outside the guide's table may keep an own name.
            let own_names = knowledge.aliases.iter().filter(|a| a.own_name).map(|a| a.text.clone());
            accepted.categories = Some(knowledge.categories.iter().map(|c| c.name.clone()).chain(own_names).collect());
        }
        accepted
    }

    /// Grades as the table contract documents them (`awards.grade`:
    /// "대상 | 최우수 | 우수 | 장려 | 선정", ranked 1 to 5 in that order).
    pub fn from_contract() -> Self {
        let grades = Award::def()
            .columns
            .iter()
            .find(|c| c.name == "grade")
            .map(|c| {
                c.doc.trim().trim_end_matches('.').split('|').zip(1..).map(|(g, r)| (g.trim().to_string(), r)).collect()
            })
            .unwrap_or_default();
        AcceptedValues { grades, categories: None }
    }
}

/// What the checks need besides the tables.
pub struct Context<'a> {
    /// The batches OUT will hold after the run, with their accounting.
    pub ledger: &'a [BatchLedger],
    /// This run's input counts.
    pub counts: &'a InputCounts,
    pub accepted: &'a AcceptedValues,
    /// A batch this run ingested without cleaning it (`ingest` alone): it has
    /// no clean_documents yet.
    pub uncleaned_batch: Option<&'a str>,
}

fn outcome<T: Display>(name: &str, checked: &str, bad: Vec<T>) -> DataTest {
    let failures = bad.len() as u64;
    DataTest {
        name: name.to_string(),
        status: if bad.is_empty() { Status::Pass } else { Status::Fail },
        failures,
        message: if bad.is_empty() { checked.to_string() } else { format!("{failures} failing: {checked}") },
        examples: bad.iter().take(EXAMPLES).map(|b| b.to_string()).collect(),
    }
}

fn skipped(name: &str, why: &str) -> DataTest {
    DataTest { name: name.into(), status: Status::Skip, failures: 0, message: why.into(), examples: Vec::new() }
}

/// Values that occur more than once.
fn repeated<T: std::hash::Hash + Eq + Clone>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    let mut twice = Vec::new();
    for v in values {
        if !seen.insert(v.clone()) {
            twice.push(v);
        }
    }
    twice
}

/// Runs every data test against the tables in `view`.
pub fn run_all(view: &OutDir, ctx: &Context) -> Result<Vec<DataTest>> {
    let mut results = Vec::new();
    let awards: Vec<Award> = read_rows(&view.table_dir(Award::NAME))?;
    let regions: Vec<Region> = read_rows(&view.table_dir(Region::NAME))?;
    let mentions_dir = view.table_dir(AwardMention::NAME);

    // Uniqueness.
    results.push(outcome(
        "unique_award_key",
        "awards has one row per (eval_year, region_code, category, grade)",
        repeated(awards.iter().map(|a| (a.eval_year, a.region_code.clone(), a.category.clone(), a.grade.clone())))
            .into_iter()
            .map(|k| format!("{k:?}"))
            .collect(),
    ));
    results.push(outcome("unique_award_id", "awards.award_id is unique", repeated(awards.iter().map(|a| &a.award_id))));
    // raw_documents is the one table with a row per input: its ids are
    // streamed into 16-byte keys, never held as strings (issue 7: memory).
    let raw_dir = view.table_dir(RawDocument::NAME);
    let mut raw_keys: HashSet<[u8; 16]> = HashSet::with_capacity(dir_rows(&raw_dir)? as usize);
    let (mut raw_repeats, mut raw_empty) = (Vec::new(), 0usize);
    for_each_batch(&raw_dir, &["doc_id"], |arrays| {
        for id in String::from_array(arrays[0].as_ref())? {
            raw_empty += usize::from(id.trim().is_empty());
            if !raw_keys.insert(doc_id_key(&id)) {
                raw_repeats.push(id);
            }
        }
        Ok(())
    })?;
    drop(raw_keys);
    results.push(outcome("unique_raw_doc_id", "raw_documents.doc_id is unique across all batches", raw_repeats));
    let mention_ids: Vec<String> = read_column(&mentions_dir, "mention_id")?;
    results.push(outcome(
        "unique_mention_id",
        "award_mentions.mention_id is unique across all batches",
        repeated(mention_ids.iter()),
    ));

    // Not null (strings: not empty either) on key columns.
    let mut empty = Vec::new();
    for a in &awards {
        for (col, v) in [
            ("award_id", &a.award_id),
            ("region_code", &a.region_code),
            ("sido_code", &a.sido_code),
            ("grade", &a.grade),
            ("level", &a.level),
            ("evidence_doc_id", &a.evidence_doc_id),
        ] {
            if v.trim().is_empty() {
                empty.push(format!("awards.{col} of award {}", a.award_id));
            }
        }
    }
    empty.extend(std::iter::repeat_n("raw_documents.doc_id".to_string(), raw_empty));
    empty.extend(mention_ids.iter().filter(|v| v.trim().is_empty()).map(|_| "award_mentions.mention_id".to_string()));
    let mention_docs: Vec<String> = read_column(&mentions_dir, "doc_id")?;
    empty.extend(mention_docs.iter().filter(|v| v.trim().is_empty()).map(|_| "award_mentions.doc_id".to_string()));
    empty.extend(regions.iter().filter(|r| r.region_code.trim().is_empty()).map(|_| "regions.region_code".to_string()));
    results.push(outcome(
        "not_null_keys",
        "key columns of awards, raw_documents, award_mentions and regions are set",
        empty,
    ));

    // Accepted values.
    let grades = &ctx.accepted.grades;
    if grades.is_empty() {
        results.push(skipped("accepted_grade", "no grade list in the table contract"));
    } else {
        let rank_of = |g: &str| grades.iter().find(|(name, _)| name == g).map(|(_, rank)| *rank);
        let mut bad: Vec<String> = awards
            .iter()
            .filter(|a| rank_of(&a.grade) != Some(a.grade_rank))
            .map(|a| format!("awards {}: grade {:?} rank {}", a.award_id, a.grade, a.grade_rank))
            .collect();
        let mention_grades: Vec<String> = read_column(&mentions_dir, "grade")?;
        let mention_ranks: Vec<i32> = read_column(&mentions_dir, "grade_rank")?;
        bad.extend(
            mention_ids
                .iter()
                .zip(mention_grades.iter().zip(&mention_ranks))
                .filter(|(_, (g, r))| rank_of(g) != Some(**r))
                .map(|(id, (g, r))| format!("award_mentions {id}: grade {g:?} rank {r}")),
        );
        results.push(outcome(
            "accepted_grade",
            &format!(
                "grade is one of {} with its rank, in awards and award_mentions",
                grades.iter().map(|(g, _)| g.as_str()).collect::<Vec<_>>().join("/")
            ),
            bad,
        ));
    }
    match &ctx.accepted.categories {
        None => results.push(skipped("accepted_category", "the domain data lists no canonical categories")),
        Some(known) => {
            // A field outside the list is kept as the article wrote it
            // (category = category_text): accepted, in mentions and in the
            // awards made of them.
            let mention_categories: Vec<Option<String>> = read_column(&mentions_dir, "category")?;
            let mention_texts: Vec<Option<String>> = read_column(&mentions_dir, "category_text")?;
            let as_written: HashSet<&String> = mention_categories
                .iter()
                .zip(&mention_texts)
                .filter_map(|(c, t)| c.as_ref().filter(|c| Some(*c) == t.as_ref()))
                .collect();
            let accepted = |c: &String| known.contains(c) || as_written.contains(c);
            let mut bad: Vec<String> = awards
                .iter()
                .filter_map(|a| a.category.as_ref())
                .filter(|c| !accepted(c))
                .map(|c| format!("awards: {c}"))
                .collect();
            bad.extend(
                mention_categories.iter().flatten().filter(|c| !accepted(c)).map(|c| format!("award_mentions: {c}")),
            );
            results.push(outcome(
                "accepted_category",
                "category is null, a field listed in data/domain/categories.toml, or a field outside it as the article wrote it (its category_text)",
                bad,
            ));
        }
    }

    // Relationships.
    let by_code: HashMap<&str, Vec<&Region>> = regions.iter().fold(HashMap::new(), |mut m, r| {
        m.entry(r.region_code.as_str()).or_default().push(r);
        m
    });
    let mut bad = Vec::new();
    for a in &awards {
        match by_code.get(a.region_code.as_str()) {
            None => bad.push(format!("award {}: {} is not in regions", a.award_id, a.region_code)),
            Some(rows) if !rows.iter().any(|r| valid_around(r, a.eval_year)) => bad.push(format!(
                "award {}: {} is not valid in {} or the announcement year after it",
                a.award_id, a.region_code, a.eval_year
            )),
            Some(_) => {}
        }
    }
    results.push(outcome(
        "relationship_award_region",
        "every awards.region_code is in regions and valid between Jan 1 of eval_year and Dec 31 of the next year",
        bad,
    ));
    let bad: Vec<String> = awards
        .iter()
        .filter(|a| {
            !a.region_code.starts_with(&a.sido_code)
                || a.sigungu_code.as_ref().is_some_and(|s| !a.region_code.starts_with(s.as_str()))
        })
        .map(|a| format!("award {}: {} vs {} / {:?}", a.award_id, a.region_code, a.sido_code, a.sigungu_code))
        .collect();
    results.push(outcome(
        "award_codes_consistent",
        "awards.sido_code and sigungu_code are prefixes of region_code",
        bad,
    ));
    // Mentions are few, documents many: strike the mentioned ids off while
    // streaming the documents' ids.
    let mut bad: BTreeSet<&String> = mention_docs.iter().collect();
    if !bad.is_empty() {
        for_each_batch(&view.table_dir(CleanDocument::NAME), &["doc_id"], |arrays| {
            for id in String::from_array(arrays[0].as_ref())? {
                bad.remove(&id);
            }
            Ok(())
        })?;
    }
    results.push(outcome(
        "relationship_mention_document",
        "every award_mentions.doc_id is in clean_documents",
        bad.into_iter().collect(),
    ));

    // Every input accounted for.
    let mut bad = Vec::new();
    let stored: Vec<String> = view.batches(RawDocument::NAME)?;
    let ledger_ids: Vec<String> = ctx.ledger.iter().map(|b| b.id.clone()).collect();
    if stored != ledger_ids {
        bad.push(format!("batches in raw_documents {stored:?} differ from the ledger {ledger_ids:?}"));
    }
    for b in ctx.ledger {
        let raw = dir_rows(&view.batch_dir(RawDocument::NAME, &b.id))?;
        let rejects = dir_rows(&view.batch_dir(Reject::NAME, &b.id))?;
        if raw + rejects != b.inputs || raw != b.documents {
            bad.push(format!(
                "batch {}: raw {raw} + rejects {rejects} != {} inputs ({} documents)",
                b.id, b.inputs, b.documents
            ));
        }
        let clean = dir_rows(&view.batch_dir(CleanDocument::NAME, &b.id))?;
        if clean != raw && ctx.uncleaned_batch != Some(b.id.as_str()) {
            bad.push(format!("batch {}: {clean} clean_documents for {raw} raw_documents", b.id));
        }
    }
    let c = ctx.counts;
    if c.records_seen != c.already_seen + c.new || c.new != c.documents_new + c.rejected_new {
        bad.push(format!(
            "this run: {} seen != {} already seen + {} new ({} documents + {} rejected)",
            c.records_seen, c.already_seen, c.new, c.documents_new, c.rejected_new
        ));
    }
    results.push(outcome(
        "inputs_accounted",
        "raw_documents + rejects = new inputs in every batch; seen = already seen + new in this run",
        bad,
    ));
    Ok(results)
}

/// Whether a region code is valid on some day between Jan 1 of `year` and
/// Dec 31 of the year after (results are announced in the year or early the next).
fn valid_around(r: &Region, year: i32) -> bool {
    let (Some(start), Some(end)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year + 1, 12, 31))
    else {
        return false;
    };
    r.valid_from.is_none_or(|from| from <= end) && r.valid_to.is_none_or(|to| to > start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parquet::write_rows;

    fn region(code: &str, from: Option<&str>, to: Option<&str>) -> Region {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Region {
            region_code: code.into(),
            level: "sigungu".into(),
            sido_code: code[..2].into(),
            sigungu_code: Some(code[..5].into()),
            sido_name: "시도".into(),
            sigungu_name: Some("군".into()),
            valid_from: from.map(d),
            valid_to: to.map(d),
            predecessor_code: None,
            successor_code: None,
            iso_3166_2: None,
        }
    }

    fn award(id: &str, year: i32, code: &str, grade: &str, rank: i32) -> Award {
        Award {
            award_id: id.into(),
            eval_year: year,
            region_code: code.into(),
            sido_code: code[..2].into(),
            sigungu_code: Some(code[..5].into()),
            sido_name: "시도".into(),
            sigungu_name: Some("군".into()),
            iso_3166_2: None,
            level: "sigungu".into(),
            category: None,
            grade: grade.into(),
            grade_rank: rank,
            prize_krw: None,
            prize_conflict: false,
            prize_candidates: vec![],
            grade_conflict: false,
            grade_alternatives: vec![],
            mention_count: 1,
            doc_ids: vec!["d".into()],
            first_published: None,
            evidence: "e".into(),
            evidence_doc_id: "d".into(),
            source: None,
        }
    }

    fn status(results: &[DataTest], name: &str) -> Status {
        results.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no test {name}")).status
    }

    #[test]
    fn grades_agree_between_the_contract_and_the_domain_data() {
        let contract = AcceptedValues::from_contract();
        let names: Vec<&str> = contract.grades.iter().map(|(g, _)| g.as_str()).collect();
        assert_eq!(names, ["대상", "최우수", "우수", "장려", "선정"]);
        let domain = AcceptedValues::from_knowledge(&Knowledge::embedded().unwrap());
        let mut grades = domain.grades.clone();
        grades.sort_by_key(|(_, r)| *r);
        assert_eq!(grades, contract.grades);
        assert!(domain.categories.is_some_and(|c| c.contains("희망복지지원단 운영")));
    }

    #[test]
    fn bad_awards_fail_the_right_tests() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        write_rows(
            &out.table_dir(Region::NAME),
            vec![region("4772000000", None, Some("2023-07-01")), region("1111000000", None, None)],
        )
        .unwrap();
        write_rows(
            &out.table_dir(Award::NAME),
            vec![
                award("a1", 2022, "4772000000", "대상", 1), // valid: the code ends mid-2023
                award("a2", 2022, "4772000000", "대상", 1), // same key as a1
                award("a3", 2024, "4772000000", "우수", 3), // code gone by 2024
                award("a4", 2024, "9999900000", "금상", 1), // unknown code and grade
            ],
        )
        .unwrap();
        let counts = InputCounts::default();
        let accepted = AcceptedValues::from_contract();
        let results =
            run_all(&out, &Context { ledger: &[], counts: &counts, accepted: &accepted, uncleaned_batch: None })
                .unwrap();
        assert_eq!(status(&results, "unique_award_key"), Status::Fail);
        assert_eq!(status(&results, "unique_award_id"), Status::Pass);
        assert_eq!(status(&results, "accepted_grade"), Status::Fail);
        assert_eq!(status(&results, "accepted_category"), Status::Skip);
        let with_categories = AcceptedValues { categories: Some(BTreeSet::from(["가".to_string()])), ..accepted };
        let results =
            run_all(&out, &Context { ledger: &[], counts: &counts, accepted: &with_categories, uncleaned_batch: None })
                .unwrap();
        assert_eq!(status(&results, "accepted_category"), Status::Pass); // every category is null
        let rel = results.iter().find(|t| t.name == "relationship_award_region").unwrap();
        assert_eq!(rel.failures, 2, "{rel:?}");
        assert_eq!(status(&results, "inputs_accounted"), Status::Pass);
    }

    #[test]
    fn document_ids_are_checked_from_streamed_compact_keys() {
        let hex = "00ff00ff00ff00ff00ff00ff00ff00ff";
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        let raw = |id: &str| RawDocument::from_text(id, "본문");
        // Batches are separate files: a repeat across them is still found;
        // the same id in upper case is another id.
        let upper = hex.to_uppercase();
        write_rows(&out.batch_dir(RawDocument::NAME, "b1"), vec![raw(hex), raw("d1"), raw(" "), raw(&upper)]).unwrap();
        write_rows(&out.batch_dir(RawDocument::NAME, "b2"), vec![raw("d2"), raw(hex)]).unwrap();
        let counts = InputCounts::default();
        let accepted = AcceptedValues::from_contract();
        let results =
            run_all(&out, &Context { ledger: &[], counts: &counts, accepted: &accepted, uncleaned_batch: None })
                .unwrap();
        let unique = results.iter().find(|t| t.name == "unique_raw_doc_id").unwrap();
        assert_eq!((unique.status, unique.examples.clone()), (Status::Fail, vec![hex.to_string()]));
        let not_null = results.iter().find(|t| t.name == "not_null_keys").unwrap();
        assert_eq!((not_null.failures, not_null.examples.clone()), (1, vec!["raw_documents.doc_id".to_string()]));
    }

    #[test]
    fn a_batch_that_lost_rows_fails_inputs_accounted() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        write_rows::<RawDocument>(&out.batch_dir(RawDocument::NAME, "b1"), vec![]).unwrap();
        write_rows::<Reject>(&out.batch_dir(Reject::NAME, "b1"), vec![]).unwrap();
        write_rows::<CleanDocument>(&out.batch_dir(CleanDocument::NAME, "b1"), vec![]).unwrap();
        let ledger = [BatchLedger { id: "b1".into(), inputs: 2, documents: 0, rejects: 2, ..BatchLedger::default() }];
        let counts = InputCounts::default();
        let accepted = AcceptedValues::from_contract();
        let results =
            run_all(&out, &Context { ledger: &ledger, counts: &counts, accepted: &accepted, uncleaned_batch: None })
                .unwrap();
        assert_eq!(status(&results, "inputs_accounted"), Status::Fail);
    }
}
