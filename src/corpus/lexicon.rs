//! The generator's word lists and phrase banks, embedded from `data/corpus/`
//! at build time: `lexicon.toml` (ordinary news), `awards.toml` (award and
//! near-miss articles) and `regions.tsv` (recipients).

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// A news site the pages pretend to come from.
#[derive(Debug, Clone, Deserialize)]
pub struct Outlet {
    pub name: String,
    pub domain: String,
}

/// One topic of ordinary news: headline and sentence templates and the words
/// their slots draw from.
#[derive(Debug, Clone, Deserialize)]
pub struct Topic {
    pub name: String,
    pub section: String,
    pub titles: Vec<String>,
    pub orgs: Vec<String>,
    pub things: Vec<String>,
    pub phrases: Vec<String>,
    pub headlines: Vec<String>,
    pub sentences: Vec<String>,
}

/// `data/corpus/lexicon.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    pub surnames: Vec<String>,
    pub given_syllables: Vec<String>,
    pub places: Vec<String>,
    pub outlets: Vec<Outlet>,
    pub sections: Vec<String>,
    pub menu: Vec<String>,
    pub trending: Vec<String>,
    pub weather_conditions: Vec<String>,
    pub weather_stations: Vec<String>,
    pub php_files: Vec<String>,
    pub php_messages: Vec<String>,
    pub share_lines: Vec<String>,
    pub footer_lines: Vec<String>,
    pub related_headers: Vec<String>,
    pub caption_forms: Vec<String>,
    pub topics: Vec<Topic>,
}

/// A category of the evaluation: canonical name, years, written forms.
#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    pub canonical: String,
    pub from: i32,
    pub to: i32,
    pub written: Vec<String>,
}

/// `data/corpus/awards.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct AwardLexicon {
    pub categories: Vec<Category>,
    pub program_names: Vec<String>,
    pub program_names_implied: Vec<String>,
    pub organizers: Vec<String>,
    pub report_verbs: Vec<String>,
    pub program_background: Vec<String>,
    pub merit_intro: Vec<String>,
    pub merits: Vec<String>,
    pub merit_tails: Vec<String>,
    pub quotes: Vec<String>,
    pub quote_verbs: Vec<String>,
    pub prize_uses: Vec<String>,
    pub other_programs: Vec<String>,
    pub other_grades: Vec<String>,
}

/// A 시도 with the 시군구 the generator may name.
#[derive(Debug, Clone)]
pub struct Province {
    /// Official name, e.g. 대구광역시.
    pub full: String,
    /// Short written forms: the first names the 시도 government itself
    /// (대구시, 경기도), the others only prefix a 시군구 (대구 달서구); may be empty.
    pub short: Vec<String>,
    /// Title of its head (시장, 도지사).
    pub head_title: String,
    pub sigungu: Vec<String>,
}

impl Province {
    /// How the 시도 government itself is written ("대구시", "경기도").
    pub fn own_names(&self) -> Vec<&str> {
        let mut names = vec![self.full.as_str()];
        if let Some(first) = self.short.first() {
            names.push(first);
        }
        names
    }

    /// How the 시도 is written as a prefix of a 시군구 ("대구 달서구").
    pub fn prefix_names(&self) -> Vec<&str> {
        let mut names = vec![self.full.as_str()];
        names.extend(self.short.iter().skip(1).map(String::as_str));
        names
    }
}

/// Everything the generator reads from `data/corpus/`.
#[derive(Debug, Clone)]
pub struct CorpusData {
    pub lexicon: Lexicon,
    pub awards: AwardLexicon,
    pub provinces: Vec<Province>,
}

fn parse_regions(text: &str) -> Result<Vec<Province>> {
    let mut provinces = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            bail!("regions.tsv line {}: expected 4 tab-separated columns, got {}", i + 1, cols.len());
        }
        let list = |s: &str| s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect();
        provinces.push(Province {
            full: cols[0].to_string(),
            short: list(cols[1]),
            head_title: cols[2].to_string(),
            sigungu: list(cols[3]),
        });
    }
    Ok(provinces)
}

impl CorpusData {
    /// The data shipped with the binary.
    pub fn embedded() -> Result<Self> {
        let lexicon: Lexicon = toml::from_str(include_str!("../../data/corpus/lexicon.toml"))
            .context("parsing data/corpus/lexicon.toml")?;
        let awards: AwardLexicon =
            toml::from_str(include_str!("../../data/corpus/awards.toml")).context("parsing data/corpus/awards.toml")?;
        let provinces = parse_regions(include_str!("../../data/corpus/regions.tsv"))?;
        if lexicon.topics.is_empty() || provinces.is_empty() || awards.categories.is_empty() {
            bail!("data/corpus: topics, regions and categories must not be empty");
        }
        Ok(CorpusData { lexicon, awards, provinces })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_loads_and_names_are_unique() {
        let data = CorpusData::embedded().unwrap();
        assert!(data.lexicon.topics.len() >= 8);
        let mut names: Vec<&str> = data.provinces.iter().flat_map(|p| p.sigungu.iter().map(String::as_str)).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a 시군구 name is listed twice");
        for p in &data.provinces {
            // The 시도 government itself is written as a 시 or 도 ("경기도", not "경기").
            for own in p.own_names() {
                assert!(own.ends_with('시') || own.ends_with('도'), "{own} does not name a 시도 government");
            }
        }
        for c in &data.awards.categories {
            assert!(c.from <= c.to && !c.written.is_empty(), "{}", c.canonical);
        }
    }
}
