//! Scoring: a page's extracted awards against its labels on the key the
//! project is judged by, (eval_year, 5-digit region code, category, grade;
//! see [`super::key`]), with every error given its kind (see
//! [`super::kinds`]), and the prizes of the awards found right and the page
//! totals checked on the side.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::gold::{key_page, GoldAward, GoldPage, Keyer};
use super::key::{Found, Key, Labelled};
use super::kinds::{classify, ErrorKind, ScoredError};
use crate::schema::{AwardMention, DocFact};

/// What the pipeline read from one page: its mentions and the prize totals
/// it found stated (see [`is_prize_total`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageOutput {
    pub mentions: Vec<Found>,
    pub totals: Vec<i64>,
}

/// A fact stating a total of the page's awards (prize_total_krw, or the
/// round's national_prize_total_krw).
pub fn is_prize_total(f: &DocFact) -> bool {
    matches!(f.fact.as_str(), "prize_total_krw" | "national_prize_total_krw")
}

impl PageOutput {
    /// The page of one document's mentions and facts.
    pub fn of(mentions: &[AwardMention], facts: &[DocFact]) -> Self {
        PageOutput {
            mentions: mentions.iter().map(Found::of).collect(),
            totals: facts.iter().filter(|f| is_prize_total(f)).map(|f| f.value).collect(),
        }
    }
}

/// The extracted side of a scoring: pages by id, and why a page that is
/// not among them was not read (its reject reason), when known.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub pages: BTreeMap<String, PageOutput>,
    pub rejected: BTreeMap<String, String>,
}

/// A label whose key cannot be built (no year, an unknown or `??` name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unkeyable {
    pub page: String,
    pub eval_year: Option<i32>,
    pub recipient_full: Option<String>,
    pub category: Option<String>,
    pub grade: String,
}

/// An award found right whose prize differs from the label's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrizeError {
    pub page: String,
    pub key: Key,
    pub gold: Option<i64>,
    pub found: Vec<Option<i64>>,
}

/// A page whose stated total was not found (or was found where none is).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalError {
    pub page: String,
    pub gold: Option<i64>,
    pub found: Vec<i64>,
}

/// A labelled page with no document in the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingPage {
    pub page: String,
    /// The reject reason of its file, when it was rejected.
    pub rejected: Option<String>,
}

/// Awards found and found right by one extraction rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleCount {
    pub found: usize,
    pub right: usize,
}

/// The result of a scoring.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub pages: usize,
    pub pages_with_awards: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub unkeyable: usize,
    pub prizes_right: usize,
    pub totals_right: usize,
    pub errors: Vec<ScoredError>,
    pub unkeyable_labels: Vec<Unkeyable>,
    pub prize_errors: Vec<PrizeError>,
    pub total_errors: Vec<TotalError>,
    pub missing_pages: Vec<MissingPage>,
    pub by_rule: BTreeMap<String, RuleCount>,
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

impl Score {
    /// Right among the distinct keys found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Found among the keyable labels.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Found among all labels, the unkeyable counted as missed.
    pub fn strict_recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_ + self.unkeyable)
    }

    pub fn strict_f1(&self) -> f64 {
        f1(self.precision(), self.strict_recall())
    }

    /// Errors of one kind.
    pub fn count(&self, kind: ErrorKind) -> usize {
        self.errors.iter().filter(|e| e.kind == kind).count()
    }
}

/// Scores the extracted pages against the gold pages. Labels of rounds
/// before `min_year` are left out. Pages the gold does not label are not
/// scored.
pub fn score(gold: &[GoldPage], extracted: &Extracted, keyer: &Keyer, min_year: Option<i32>) -> Score {
    let mut s = Score::default();
    let none = PageOutput::default();
    for page in gold {
        s.pages += 1;
        s.pages_with_awards += usize::from(!page.awards.is_empty());
        let output = extracted.pages.get(&page.id).unwrap_or_else(|| {
            s.missing_pages
                .push(MissingPage { page: page.id.clone(), rejected: extracted.rejected.get(&page.id).cloned() });
            &none
        });
        score_page(&mut s, page, output, keyer, min_year);
    }
    s
}

fn labelled(key: &Key, a: &GoldAward) -> Labelled {
    Labelled { key: key.clone(), recipient_full: a.recipient_full.clone().unwrap_or_default(), prize_krw: a.prize_krw }
}

fn score_page(s: &mut Score, page: &GoldPage, output: &PageOutput, keyer: &Keyer, min_year: Option<i32>) {
    let keyed = key_page(page, keyer, min_year);
    s.unkeyable += keyed.unkeyable.len();
    s.unkeyable_labels.extend(keyed.unkeyable.iter().map(|a| Unkeyable {
        page: page.id.clone(),
        eval_year: a.eval_year,
        recipient_full: a.recipient_full.clone(),
        category: a.category.clone(),
        grade: a.grade.clone(),
    }));
    // Each distinct key found once, with its first mention.
    let mut found: BTreeMap<&Key, &Found> = BTreeMap::new();
    for m in &output.mentions {
        found.entry(&m.key).or_insert(m);
    }
    let mut spurious = Vec::new();
    for (key, m) in &found {
        let rule = s.by_rule.entry(m.rule.clone()).or_default();
        rule.found += 1;
        match keyed.keys.get(*key) {
            Some(a) => {
                s.tp += 1;
                rule.right += 1;
                check_prize(s, page, key, a, &output.mentions);
            }
            None => spurious.push((*m).clone()),
        }
    }
    let missed: Vec<Labelled> =
        keyed.keys.iter().filter(|(k, _)| !found.contains_key(k)).map(|(k, a)| labelled(k, a)).collect();
    s.fp += spurious.len();
    s.fn_ += missed.len();
    s.errors.extend(classify(&page.id, missed, spurious));
    check_total(s, page, output);
}

/// Every mention of a key found right must state the label's prize.
fn check_prize(s: &mut Score, page: &GoldPage, key: &Key, a: &GoldAward, mentions: &[Found]) {
    let stated: Vec<Option<i64>> = mentions.iter().filter(|m| &m.key == key).map(|m| m.prize_krw).collect();
    if stated.iter().all(|p| *p == a.prize_krw) {
        s.prizes_right += 1;
    } else {
        s.prize_errors.push(PrizeError { page: page.id.clone(), key: key.clone(), gold: a.prize_krw, found: stated });
    }
}

/// A labelled total must be among the totals found; no label, none found.
fn check_total(s: &mut Score, page: &GoldPage, output: &PageOutput) {
    let ok = match page.doc_prize_total_krw {
        Some(t) => output.totals.contains(&t),
        None => output.totals.is_empty(),
    };
    if ok {
        s.totals_right += 1;
    } else {
        let found: BTreeSet<i64> = output.totals.iter().copied().collect();
        s.total_errors.push(TotalError {
            page: page.id.clone(),
            gold: page.doc_prize_total_krw,
            found: found.into_iter().collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::RegionTable;

    fn found(year: i32, region: Option<&str>, grade: &str, prize: Option<i64>) -> Found {
        Found {
            key: Key {
                eval_year: year,
                region: region.map(str::to_string),
                category: Some("희망복지지원단 운영".into()),
                grade: grade.into(),
            },
            recipient_text: "달서구".into(),
            prize_krw: prize,
            rule: "r".into(),
            resolve_status: if region.is_some() { "resolved" } else { "unknown" }.into(),
            evidence: "달서구가 상을 받았다.".into(),
        }
    }

    fn gold_line(id: &str, awards: &[(i32, &str, &str, Option<i64>)], total: Option<i64>) -> GoldPage {
        GoldPage {
            id: id.into(),
            awards: awards
                .iter()
                .map(|(y, name, grade, prize)| GoldAward {
                    eval_year: Some(*y),
                    recipient_full: Some(name.to_string()),
                    category: Some("희망복지지원단 운영".into()),
                    grade: grade.to_string(),
                    prize_krw: *prize,
                })
                .collect(),
            doc_prize_total_krw: total,
        }
    }

    #[test]
    fn counts_keys_once_and_checks_prizes_totals_and_missing_pages() {
        let keyer = Keyer::new(&RegionTable::embedded().unwrap());
        let gold = vec![
            gold_line(
                "a",
                &[(2022, "대구광역시 달서구", "대상", Some(5)), (2022, "대구광역시 수성구", "우수", None)],
                Some(9),
            ),
            gold_line("b", &[(2021, "대구광역시 달서구", "대상", None)], None),
            gold_line("c", &[], None),
        ];
        let mut extracted = Extracted::default();
        extracted.pages.insert(
            "a".into(),
            PageOutput {
                // The same award twice (one prize wrong), an unresolved one.
                mentions: vec![
                    found(2022, Some("27290"), "대상", Some(5)),
                    found(2022, Some("27290"), "대상", None),
                    found(2022, None, "장려", None),
                ],
                totals: vec![9, 3],
            },
        );
        extracted.pages.insert("c".into(), PageOutput { mentions: vec![], totals: vec![1] });
        extracted.rejected.insert("b".into(), "too_short".into());
        let s = score(&gold, &extracted, &keyer, None);
        assert_eq!((s.pages, s.pages_with_awards, s.tp, s.fp, s.fn_, s.unkeyable), (3, 2, 1, 1, 2, 0));
        assert_eq!((s.prizes_right, s.prize_errors.len()), (0, 1));
        assert_eq!(s.prize_errors[0].found, vec![Some(5), None]);
        assert_eq!(s.totals_right, 2, "a states 9 among its totals; b none");
        assert_eq!(s.total_errors, vec![TotalError { page: "c".into(), gold: None, found: vec![1] }]);
        assert_eq!(s.missing_pages, vec![MissingPage { page: "b".into(), rejected: Some("too_short".into()) }]);
        assert_eq!(s.by_rule["r"], RuleCount { found: 2, right: 1 });
        assert!((s.precision() - 0.5).abs() < 1e-9 && (s.recall() - 1.0 / 3.0).abs() < 1e-9);
        // 수성구 우수 missed, the unresolved 장려 spurious: two components differ, no pair.
        let kinds: Vec<_> = s.errors.iter().map(|e| (e.page.as_str(), e.kind)).collect();
        assert_eq!(kinds, vec![("a", ErrorKind::Missed), ("a", ErrorKind::Spurious), ("b", ErrorKind::Missed)]);
    }
}
