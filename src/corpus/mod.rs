//! The benchmark corpus generator behind `welfare-awards gen-corpus`: a
//! deterministic, realistic crawl of Korean news pages. About 97% are
//! ordinary pages on varied topics, 0.6% near misses (other programs' awards,
//! or the program named without an award) and 3% award articles of the
//! 지역복지사업 평가 whose awards are known exactly and written to
//! `gold.jsonl` in the format of `shared/devset/gold.jsonl`. Every page
//! carries the page noise real crawls have; some files are CP949 and some
//! gzip.
//!
//! The same seed gives a byte-identical corpus: each document is generated
//! from its own random stream (seed, index), so generation runs in parallel
//! and the output does not depend on the thread count.
//!
//! Layout of `OUT/`: `input/` (the pages: give this to `run --input`),
//! `gold.jsonl`, and `corpus.json` (counts; written last, so its presence
//! means the corpus is complete).

mod archive;
mod award;
pub mod html;
mod korean;
mod lexicon;
mod page;
mod rng;
pub mod warc;
mod write;

use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::{NaiveDate, NaiveDateTime};
use clap::ValueEnum;

pub use award::{Gold, GoldAward};
pub use lexicon::CorpusData;
pub use write::{write_corpus, CorpusSummary};

use rng::Rng;

/// Bump when the generator's output for a seed changes (bench caches key on it).
pub const GENERATOR_VERSION: u32 = 2;

/// Share of award articles and of near misses among all documents.
const AWARD_SHARE: f64 = 0.03;
const NEAR_MISS_SHARE: f64 = 0.006;
/// Share of pages in the old-site style that are written in CP949.
const LEGACY_SHARE: f64 = 0.05;

/// How the pages are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One `.txt` file per page (some `.txt.gz`, some CP949).
    Txt,
    /// Pages as records of `.jsonl` files (some `.jsonl.gz`); CP949 pages as `.txt` files beside them.
    Jsonl,
    /// A crawl: `.warc.gz` files of request, HTML response (CP949 pages declared only in `<meta>`)
    /// and metadata records, with some images, redirects, 404s and revisits; `--size` counts the
    /// compressed files.
    Warc,
    /// Common Crawl's extracted text: `.warc.wet.gz` files of conversion records; `--size` counts
    /// the compressed files.
    Wet,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
            Format::Wet => "wet",
        }
    }
}

/// What `gen-corpus` is asked for.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Stop once the stored pages reach this many bytes (before gzip).
    pub size_bytes: u64,
    pub seed: u64,
    pub format: Format,
    pub out: PathBuf,
}

/// Parses "100MB", "1GB", "1.5GB", "64MiB", "500kB" or a plain byte count.
/// KB/MB/GB are decimal (10^3, 10^6, 10^9); KiB/MiB/GiB binary.
pub fn parse_size(text: &str) -> Result<u64> {
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = match num.parse() {
        Ok(v) if num.chars().next().is_some_and(|c| c.is_ascii_digit()) => v,
        _ => bail!("size {text:?} is not a number with an optional unit like 100MB or 1GB"),
    };
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => bail!("size {text:?}: unknown unit {other:?} (use B, KB, MB, GB, KiB, MiB, GiB)"),
    };
    let bytes = (value * factor).round();
    if bytes < 1.0 {
        bail!("size {text:?} must be at least one byte");
    }
    Ok(bytes as u64)
}

/// What a document is, for the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ordinary,
    NearMiss,
    Award,
}

/// One generated page, before it is encoded and stored.
#[derive(Debug, Clone)]
pub struct Document {
    pub index: u64,
    pub kind: Kind,
    /// The whole page as UTF-8 text.
    pub text: String,
    pub title: String,
    pub outlet: String,
    pub url: String,
    /// The article's own date-time (null when the page shows none).
    pub published: Option<NaiveDateTime>,
    /// Old-site style: stored as CP949 in `txt` files.
    pub legacy: bool,
    /// Labels for award and near-miss pages.
    pub gold: Option<Gold>,
}

/// Generates document `index` of the corpus for `seed` (pure).
pub fn document(data: &CorpusData, seed: u64, index: u64) -> Result<Document> {
    let mut rng = Rng::derive(seed, 1, index);
    let roll = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let kind = if roll < AWARD_SHARE {
        Kind::Award
    } else if roll < AWARD_SHARE + NEAR_MISS_SHARE {
        Kind::NearMiss
    } else {
        Kind::Ordinary
    };
    let legacy = rng.chance(LEGACY_SHARE);
    let outlet = rng.below(data.lexicon.outlets.len());
    let (article, gold) = match kind {
        Kind::Award => {
            let l = award::award_article(&mut rng, data)?;
            (l.article, Some(l.gold))
        }
        Kind::NearMiss => {
            let l = award::near_miss_article(&mut rng, data)?;
            (l.article, Some(l.gold))
        }
        Kind::Ordinary => {
            let date = rng.chance(0.85).then(|| {
                let from = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
                let to = NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
                page::date_between(&mut rng, from, to)
            });
            (page::ordinary_article(&mut rng, data, date)?, None)
        }
    };
    let text = page::render_page(&mut rng, data, seed, outlet, &article, legacy)?;
    let o = &data.lexicon.outlets[outlet];
    Ok(Document {
        index,
        kind,
        text,
        title: article.title,
        outlet: o.name.clone(),
        url: format!("https://{}/news/articleView.html?idxno={}", o.domain, 100_000 + index),
        published: article.published,
        legacy,
        gold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("100MB").unwrap(), 100_000_000);
        assert_eq!(parse_size("1GB").unwrap(), 1_000_000_000);
        assert_eq!(parse_size("1.5gb").unwrap(), 1_500_000_000);
        assert_eq!(parse_size("64MiB").unwrap(), 64 * 1024 * 1024);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert!(parse_size("MB").is_err());
        assert!(parse_size("10 parsecs").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn documents_are_deterministic_and_well_formed() {
        let data = CorpusData::embedded().unwrap();
        let mut kinds = [0usize; 3];
        for i in 0..3000 {
            let a = document(&data, 7, i).unwrap();
            let b = document(&data, 7, i).unwrap();
            assert_eq!(a.text, b.text);
            assert!(!a.text.contains('{') && !a.text.contains('}'), "unfilled slot in {}", a.text);
            kinds[a.kind as usize] += 1;
            if a.kind == Kind::Award {
                let gold = a.gold.as_ref().unwrap();
                assert!(!gold.awards.is_empty());
                for award in &gold.awards {
                    let last = award.recipient_full.split(' ').next_back().unwrap();
                    assert!(a.text.contains(last) || award.level == "sido", "{last} not in text");
                    if let Some(cat) = &award.category {
                        assert!(!cat.is_empty());
                    }
                }
            }
        }
        // About 97% ordinary, 3% awards.
        assert!(kinds[Kind::Award as usize] > 50 && kinds[Kind::Award as usize] < 140, "{kinds:?}");
        assert!(kinds[Kind::NearMiss as usize] > 5, "{kinds:?}");
    }
}
