//! Hand labels in the dev-set format (`../shared/devset/README.md`): one JSON
//! object a line, `{"id", "awards": [{"eval_year", "recipient_full",
//! "category", "grade", "prize_krw", ...}], "doc_prize_total_krw", ...}`,
//! read with the file and line of every mistake; and the key a label is
//! judged by, its recipient turned into the region code valid in its year.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use serde::Deserialize;

use super::key::Key;
use crate::regions::RegionTable;

/// One labelled award, as written in the gold file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldAward {
    /// The round; a label without one cannot be keyed.
    pub eval_year: Option<i32>,
    /// Official `시도 [시군구]` name at the time of the award (`??…` when the labeller could not tell).
    pub recipient_full: Option<String>,
    pub category: Option<String>,
    pub grade: String,
    pub prize_krw: Option<i64>,
}

/// The labels of one page (one input file, matched by its file name stem).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldPage {
    pub id: String,
    #[serde(default)]
    pub awards: Vec<GoldAward>,
    /// A total the page states for this evaluation's awards.
    #[serde(default)]
    pub doc_prize_total_krw: Option<i64>,
}

/// Parses gold JSONL text; `name` names it in errors (`name:LINE: ...`).
/// Blank lines are skipped; an id given twice is an error.
pub fn parse(text: &str, name: &str) -> Result<Vec<GoldPage>> {
    let mut pages = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let page: GoldPage = serde_json::from_str(line).with_context(|| format!("{name}:{n}: not a gold line"))?;
        if page.id.is_empty() {
            bail!("{name}:{n}: empty id");
        }
        if let Some(first) = seen.insert(page.id.clone(), n) {
            bail!("{name}:{n}: id {:?} already given on line {first}", page.id);
        }
        pages.push(page);
    }
    Ok(pages)
}

/// Reads and parses gold files in order; an id in two files is an error.
pub fn read_files(paths: &[impl AsRef<Path>]) -> Result<Vec<GoldPage>> {
    let mut pages = Vec::new();
    let mut file_of: HashMap<String, String> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).with_context(|| format!("reading gold file {name}"))?;
        for page in parse(&text, &name)? {
            if let Some(other) = file_of.insert(page.id.clone(), name.clone()) {
                bail!("{name}: id {:?} is also labelled in {other}", page.id);
            }
            pages.push(page);
        }
    }
    Ok(pages)
}

/// Turns labelled recipients into 5-digit region codes: the code of the
/// region whose official name (`시도` or `시도 시군구`) is the label's and
/// that was valid at some time in the award year (the latest code when two
/// were).
pub struct Keyer {
    /// Full name → (valid_from, valid_to, 5-digit code), in code order.
    by_name: HashMap<String, Vec<(Option<NaiveDate>, Option<NaiveDate>, String)>>,
}

impl Keyer {
    pub fn new(table: &RegionTable) -> Self {
        let mut by_name: HashMap<String, Vec<_>> = HashMap::new();
        for r in table.records() {
            let code5 = r.code10.get(..5).unwrap_or(&r.code10).to_string();
            by_name.entry(r.full_name()).or_default().push((r.valid_from, r.valid_to, code5));
        }
        Keyer { by_name }
    }

    /// The code of `name` in `year`, or `None` (unknown name, `??`, no year).
    pub fn code_of(&self, name: &str, year: i32) -> Option<String> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
        self.by_name
            .get(name)?
            .iter()
            .filter(|(from, to, _)| from.is_none_or(|f| f <= last) && to.is_none_or(|t| t > first))
            .map(|(_, _, code)| code.clone())
            .next_back()
    }

    /// The key of a label, or `None` when it cannot be built.
    pub fn key_of(&self, a: &GoldAward) -> Option<Key> {
        let year = a.eval_year?;
        let name = a.recipient_full.as_deref().filter(|n| !n.starts_with("??"))?;
        Some(Key {
            eval_year: year,
            region: Some(self.code_of(name, year)?),
            category: a.category.clone(),
            grade: a.grade.clone(),
        })
    }
}

/// A page's labels as the scorer sees them.
#[derive(Debug, Clone, Default)]
pub struct KeyedPage {
    /// Distinct keys, each with its first label.
    pub keys: BTreeMap<Key, GoldAward>,
    /// Labels whose key cannot be built (no year, an unknown name).
    pub unkeyable: Vec<GoldAward>,
}

/// Keys a page's labels, leaving out those of rounds before `min_year`.
pub fn key_page(page: &GoldPage, keyer: &Keyer, min_year: Option<i32>) -> KeyedPage {
    let mut keyed = KeyedPage::default();
    for a in &page.awards {
        if a.eval_year.zip(min_year).is_some_and(|(y, min)| y < min) {
            continue;
        }
        match keyer.key_of(a) {
            Some(key) => {
                keyed.keys.entry(key).or_insert_with(|| a.clone());
            }
            None => keyed.unkeyable.push(a.clone()),
        }
    }
    keyed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn award(year: Option<i32>, name: &str) -> GoldAward {
        GoldAward {
            eval_year: year,
            recipient_full: Some(name.into()),
            category: None,
            grade: "대상".into(),
            prize_krw: None,
        }
    }

    #[test]
    fn names_get_the_code_valid_in_their_year() {
        let keyer = Keyer::new(&RegionTable::embedded().unwrap());
        assert_eq!(keyer.code_of("대구광역시 달서구", 2022).as_deref(), Some("27290"));
        // Renamed on 2018-07-01: both names are valid in 2018, neither before or after.
        assert_eq!(keyer.code_of("인천광역시 남구", 2018).as_deref(), Some("28170"));
        assert_eq!(keyer.code_of("인천광역시 남구", 2019), None);
        assert_eq!(keyer.code_of("인천광역시 미추홀구", 2017), None);
        assert!(keyer.code_of("인천광역시 미추홀구", 2019).is_some());
        assert_eq!(keyer.code_of("강원도", 2024), None);
        assert_eq!(keyer.code_of("강원특별자치도", 2024).as_deref(), Some("51000"));
        assert_eq!(keyer.code_of("달서구", 2022), None, "the official full name only");
    }

    #[test]
    fn labels_without_year_or_known_name_are_unkeyable_and_old_rounds_dropped() {
        let keyer = Keyer::new(&RegionTable::embedded().unwrap());
        let page = GoldPage {
            id: "p".into(),
            awards: vec![
                award(Some(2022), "대구광역시"),
                award(Some(2022), "대구광역시"),
                award(None, "대구광역시"),
                award(Some(2022), "??구"),
                award(Some(2009), "대구광역시"),
            ],
            doc_prize_total_krw: None,
        };
        let keyed = key_page(&page, &keyer, Some(2010));
        assert_eq!(keyed.keys.len(), 1);
        assert_eq!(keyed.unkeyable.len(), 2);
        assert_eq!(key_page(&page, &keyer, None).keys.len(), 2);
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line() {
        let ok = r#"{"id": "a", "awards": [{"eval_year": 2020, "recipient_full": "경기도", "category": null, "grade": "우수", "prize_krw": null}]}"#;
        let pages = parse(&format!("{ok}\n\n{{\"id\": \"b\"}}\n"), "g.jsonl").unwrap();
        assert_eq!((pages.len(), pages[0].awards.len(), pages[1].awards.len()), (2, 1, 0));
        let err = parse(&format!("{ok}\n{{\"id\": \"c\", \"awards\": [{{}}]}}\n"), "g.jsonl").unwrap_err();
        assert!(format!("{err:#}").starts_with("g.jsonl:2: "), "{err:#}");
        let err = parse(&format!("{ok}\nnot json\n"), "g.jsonl").unwrap_err();
        assert!(format!("{err:#}").starts_with("g.jsonl:2: "), "{err:#}");
        let err = parse(&format!("{ok}\n{ok}\n"), "g.jsonl").unwrap_err();
        assert!(format!("{err:#}").contains("g.jsonl:2: id \"a\" already given on line 1"), "{err:#}");
    }
}
