//! The official 시·군·구 names of every era, for telling a name from a word
//! that merely ends in 시/군/구 ("시군구", "세종컨벤션센터", "가구"), and the
//! shortened ways articles write them after a 시·도: the name without its
//! suffix ("경기 양평", "경북 성주·칠곡") and the one-syllable 구 ("부산 남",
//! "대전 서·유성구").
//!
//! Read from the region table (`data/reference/regions.csv`) and the curated
//! aliases (`region_aliases.curated.csv`: 특례시 forms and older names), both
//! embedded at build time. The regions module owns codes and validity; this
//! only knows which words are names.

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Context, Result};

pub(crate) const REGIONS_CSV: &str = include_str!("../../data/reference/regions.csv");
pub(crate) const CURATED_ALIASES_CSV: &str = include_str!("../../data/reference/region_aliases.curated.csv");
/// Units created by law that no official code edition holds yet: names to
/// read, never codes.
pub(crate) const ANNOUNCED_UNITS_CSV: &str = include_str!("../../data/reference/announced_units.csv");

/// Names that ended before this day are not read: the program's first
/// rounds were in 2010, and an older name ("광주군", until 2001) would make a
/// stem ambiguous for nothing.
const OLDEST_RELEVANT: &str = "2008-01-01";

/// Every 시·군·구 name, with the 시·도 (official names) it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Name → the official names of the 시·도 it has belonged to.
    names: HashMap<String, HashSet<String>>,
    /// The suffixes of a 시·군·구 name (시, 군, 구: `places.toml`).
    suffixes: Vec<char>,
}

impl Gazetteer {
    /// The embedded region table and curated aliases; `suffixes` end a
    /// 시·군·구 name.
    pub fn embedded(suffixes: &[char]) -> Result<Self> {
        let mut g = Self::from_csv(REGIONS_CSV, CURATED_ALIASES_CSV, suffixes)?;
        g.add_announced(ANNOUNCED_UNITS_CSV)?;
        Ok(g)
    }

    /// Adds the names of `announced_units.csv` (`name,sido,effective,note`):
    /// a winner written with one is read, and stays without a code.
    fn add_announced(&mut self, csv: &str) -> Result<()> {
        for cols in name_rows(csv, "announced_units.csv: expected name,sido,effective")? {
            self.add(cols[0], cols[1]);
        }
        Ok(())
    }

    /// Reads the region table (`code10,level,sido_code,sigungu_code,
    /// sido_name,sigungu_name,…`) and the curated alias file
    /// (`alias,sido,sigungu,…`, `#` lines are comments).
    pub fn from_csv(regions: &str, curated: &str, suffixes: &[char]) -> Result<Self> {
        let mut g = Gazetteer { suffixes: suffixes.to_vec(), ..Gazetteer::default() };
        for (i, line) in regions.lines().enumerate().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() < 6 {
                bail!("regions.csv line {}: expected at least 6 columns", i + 1);
            }
            let (level, sido, sigungu) = (cols[1], cols[4], cols[5]);
            let ended = cols.get(7).is_some_and(|to| !to.is_empty() && *to < OLDEST_RELEVANT);
            if level == "sido" || sigungu.is_empty() || ended {
                continue;
            }
            // An 일반구 is written "수원시 장안구"; articles write "장안구".
            let name = sigungu.split_whitespace().last().context("empty sigungu name")?;
            g.add(name, sido);
        }
        for cols in name_rows(curated, "region_aliases.curated.csv: expected alias,sido,sigungu")? {
            if cols[0].ends_with(suffixes) {
                g.add(cols[0], cols[1]);
            }
        }
        Ok(g)
    }

    fn add(&mut self, name: &str, sido: &str) {
        self.names.entry(name.to_string()).or_default().insert(sido.to_string());
    }

    /// Is `name` (with its suffix) a 시·군·구 of some era?
    pub fn is_name(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The official 시·도 names `name` has belonged to.
    pub fn sidos_of(&self, name: &str) -> impl Iterator<Item = &str> {
        self.names.get(name).into_iter().flatten().map(String::as_str)
    }

    /// The names written `stem` without their suffix in one of `sido_names`
    /// (the official names of one 시·도 across eras): "양평" in 경기도 is
    /// 양평군, "남" in 부산광역시 is 남구. Several when the stem is shared
    /// (none are chosen then).
    pub fn from_stem(&self, stem: &str, sido_names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = self
            .suffixes
            .iter()
            .map(|s| format!("{stem}{s}"))
            .filter(|n| self.sidos_of(n).any(|s| sido_names.iter().any(|x| x == s)))
            .collect();
        out.sort();
        out
    }
}

/// The rows of a hand-written name file (a header, then `name,sido,…`;
/// `#` lines and blank lines skipped), each with at least three columns;
/// `expected` names the file and its columns for the error.
fn name_rows<'a>(csv: &'a str, expected: &str) -> Result<Vec<Vec<&'a str>>> {
    let lines = csv.lines().skip(1).filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    lines
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() < 3 {
                bail!("{expected} in {line:?}");
            }
            Ok(cols)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUFFIXES: [char; 3] = ['시', '군', '구'];

    #[test]
    fn official_names_of_every_era_are_names_and_lookalike_words_are_not() {
        let g = Gazetteer::embedded(&SUFFIXES).unwrap();
        for name in ["달서구", "양평군", "서귀포시", "미추홀구", "장안구", "수원특례시", "여주군", "청원군", "중구"]
        {
            assert!(g.is_name(name), "{name}");
        }
        for word in ["시군구", "자치구", "가구", "세종컨벤션센터", "도시", "광역시"] {
            assert!(!g.is_name(word), "{word}");
        }
    }

    #[test]
    fn a_stem_names_the_place_of_its_province() {
        let g = Gazetteer::embedded(&SUFFIXES).unwrap();
        let gyeonggi = vec!["경기도".to_string()];
        assert_eq!(g.from_stem("양평", &gyeonggi), vec!["양평군"]);
        assert_eq!(g.from_stem("광주", &gyeonggi), vec!["광주시"]);
        let busan = vec!["부산광역시".to_string()];
        assert_eq!(g.from_stem("남", &busan), vec!["남구"]);
        assert!(g.from_stem("양평", &busan).is_empty());
        let gyeongnam = vec!["경상남도".to_string()];
        assert_eq!(g.from_stem("고성", &gyeongnam), vec!["고성군"]);
    }
}
