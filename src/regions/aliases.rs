//! Other ways articles write region names, beyond the official names in the
//! table: short 시도 forms (대구, 대구시, 경남, 전남도), 일반구 without their
//! city (영통구), 특례시 forms (수원특례시), older names used after a rename.
//!
//! Two files under `data/reference/`, same columns
//! (`alias,sido,sigungu,valid_from,kind,note`):
//! - `region_aliases.generated.csv`, written by the importer from the table
//!   ([`generate`]); never edited by hand;
//! - `region_aliases.curated.csv`, written by hand (facts a table cannot give).
//!
//! An alias names its target by 시도 and 시군구 name, never by code: the
//! resolver picks the code valid on the award date. A target with an empty
//! `sigungu` is the 시도 itself; `sido` stands for its whole family (강원도
//! and 강원특별자치도 are one family, 강원). `valid_from`, when given, is the
//! first day the alias may mean its target (여주군 → 여주시 from 2013-09-23).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;

use super::table::{Level, RegionTable};

pub const GENERATED_CSV: &str = include_str!("../../data/reference/region_aliases.generated.csv");
pub const CURATED_CSV: &str = include_str!("../../data/reference/region_aliases.curated.csv");

pub const HEADER: [&str; 6] = ["alias", "sido", "sigungu", "valid_from", "kind", "note"];

/// One alias row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alias {
    /// The form as written in articles.
    pub alias: String,
    /// 시도 name of the target (any name of its family).
    pub sido: String,
    /// 시군구 name of the target as in the table (`수원시 영통구` for a 일반구); `None` for the 시도 itself.
    pub sigungu: Option<String>,
    /// First day the alias may mean the target, if limited.
    pub valid_from: Option<NaiveDate>,
    /// sido_short | gu_short | gu_joined (generated); special_city | older_name | ... (curated).
    pub kind: String,
    pub note: String,
}

/// The family key of a 시도 name: the two-syllable short form
/// (서울특별시 → 서울, 충청북도 → 충북, 강원특별자치도 → 강원, 부산직할시 → 부산).
pub fn sido_stem(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let split_province = chars.len() == 4 && chars[3] == '도' && matches!(chars[1], '청' | '라' | '상');
    if split_province {
        [chars[0], chars[2]].iter().collect()
    } else {
        chars.iter().take(2).collect()
    }
}

/// Generates the aliases that follow from the table itself.
pub fn generate(table: &RegionTable) -> Vec<Alias> {
    let sido_names: BTreeSet<&str> = table.records().iter().map(|r| r.sido_name.as_str()).collect();
    let mut out: BTreeSet<Alias> = BTreeSet::new();
    let mut add = |alias: String, sido: &str, sigungu: Option<&str>, kind: &str, note: String| {
        out.insert(Alias {
            alias,
            sido: sido.to_string(),
            sigungu: sigungu.map(str::to_string),
            valid_from: None,
            kind: kind.to_string(),
            note,
        });
    };
    // Short 시도 forms, named after the newest 시도 of each family.
    let mut newest_sido: BTreeMap<String, (Option<NaiveDate>, &str)> = BTreeMap::new();
    for r in table.records().iter().filter(|r| r.level == Level::Sido) {
        let entry = newest_sido.entry(sido_stem(&r.sido_name)).or_insert((r.valid_from, &r.sido_name));
        if r.valid_from >= entry.0 {
            *entry = (r.valid_from, &r.sido_name);
        }
    }
    for (stem, (_, name)) in &newest_sido {
        let note = format!("short form of {name}");
        let suffixed = if name.ends_with('시') { format!("{stem}시") } else { format!("{stem}도") };
        for alias in [stem.clone(), suffixed] {
            // Official names of the family (강원도, 제주도, 전라북도) are matched as names already.
            if !sido_names.contains(alias.as_str()) {
                add(alias, name, None, "sido_short", note.clone());
            }
        }
    }
    // 일반구 without their city, and in the source's joined spelling.
    for r in table.records().iter().filter(|r| r.level == Level::Gu) {
        let Some(name) = r.sigungu_name.as_deref() else { continue };
        let Some((city, gu)) = name.split_once(' ') else { continue };
        let sido = newest_sido.get(&sido_stem(&r.sido_name)).map(|&(_, n)| n).unwrap_or(&r.sido_name);
        add(gu.to_string(), sido, Some(name), "gu_short", format!("{gu} of {city}"));
        add(format!("{city}{gu}"), sido, Some(name), "gu_joined", "spelling of the 국토교통부 file".into());
    }
    out.into_iter().collect()
}

/// Alias rows as CSV text (sorted, LF line ends).
pub fn to_csv(rows: &[Alias]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(HEADER).expect("in-memory write");
    for a in rows {
        let from = a.valid_from.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([&a.alias, &a.sido, a.sigungu.as_deref().unwrap_or(""), &from, &a.kind, &a.note])
            .expect("in-memory write");
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("UTF-8 in, UTF-8 out")
}

/// Parses an alias file.
pub fn parse_csv(text: &str) -> Result<Vec<Alias>> {
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    if header != HEADER {
        bail!("unexpected header {header:?}, expected {HEADER:?}");
    }
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row?;
        let get = |k: usize| row.get(k).unwrap_or("").trim().to_string();
        let line = i + 2;
        let valid_from = match get(3) {
            s if s.is_empty() => None,
            s => Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").with_context(|| format!("line {line}: valid_from"))?),
        };
        let a = Alias {
            alias: get(0),
            sido: get(1),
            sigungu: Some(get(2)).filter(|s| !s.is_empty()),
            valid_from,
            kind: get(4),
            note: get(5),
        };
        if a.alias.is_empty() || a.sido.is_empty() {
            bail!("line {line}: alias and sido are required");
        }
        out.push(a);
    }
    Ok(out)
}

/// Both alias files shipped with the binary.
pub fn embedded() -> Result<Vec<Alias>> {
    let mut all = parse_csv(GENERATED_CSV).context("data/reference/region_aliases.generated.csv")?;
    all.extend(parse_csv(CURATED_CSV).context("data/reference/region_aliases.curated.csv")?);
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_group_old_and_new_names() {
        for (name, stem) in [
            ("서울특별시", "서울"),
            ("충청북도", "충북"),
            ("전라남도", "전남"),
            ("경상남도", "경남"),
            ("강원도", "강원"),
            ("강원특별자치도", "강원"),
            ("전북특별자치도", "전북"),
            ("전라북도", "전북"),
            ("제주도", "제주"),
            ("세종특별자치시", "세종"),
            ("부산직할시", "부산"),
            ("경기도", "경기"),
        ] {
            assert_eq!(sido_stem(name), stem, "{name}");
        }
    }

    #[test]
    fn generated_file_is_what_the_table_gives() {
        let table = RegionTable::embedded().unwrap();
        assert_eq!(to_csv(&generate(&table)), GENERATED_CSV, "rerun `welfare-awards reference import-regions`");
    }

    #[test]
    fn generated_aliases_cover_the_short_forms() {
        let all = embedded().unwrap();
        let has = |alias: &str, sido: &str, sigungu: Option<&str>| {
            all.iter()
                .any(|a| a.alias == alias && sido_stem(&a.sido) == sido_stem(sido) && a.sigungu.as_deref() == sigungu)
        };
        for (alias, sido) in [
            ("대구", "대구광역시"),
            ("대구시", "대구광역시"),
            ("서울", "서울특별시"),
            ("경남", "경상남도"),
            ("경남도", "경상남도"),
            ("전남도", "전라남도"),
            ("충남", "충청남도"),
            ("강원", "강원특별자치도"),
            ("전북", "전북특별자치도"),
            ("세종시", "세종특별자치시"),
            ("세종", "세종특별자치시"),
            ("제주", "제주특별자치도"),
        ] {
            assert!(has(alias, sido, None), "{alias}");
        }
        assert!(has("영통구", "경기도", Some("수원시 영통구")));
        assert!(has("수원시영통구", "경기도", Some("수원시 영통구")));
        assert!(has("수원특례시", "경기도", Some("수원시")));
        assert!(has("여주군", "경기도", Some("여주시")));
    }

    #[test]
    fn bad_alias_rows_are_errors() {
        assert!(parse_csv("a,b\n").is_err());
        assert!(parse_csv("alias,sido,sigungu,valid_from,kind,note\n,경기도,,,x,\n").is_err());
        assert!(parse_csv("alias,sido,sigungu,valid_from,kind,note\n여주군,경기도,여주시,2013-99-01,x,\n").is_err());
    }
}
