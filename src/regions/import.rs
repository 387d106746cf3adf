//! The importer behind `welfare-awards reference import-regions`: builds the
//! temporal region table (`data/reference/regions.csv`) and the generated
//! alias list from the official 법정동 files, so the table can be refreshed
//! from a newer download.
//!
//! Inputs, recognised by their header (file order does not matter):
//! - 국토교통부 "전국 법정동" CSV editions (`법정동코드,시도명,시군구명,…`;
//!   UTF-8 with or without BOM, or CP949; comma or TAB). The edition is the
//!   8-digit date in the file name (else the newest date in the file).
//! - code.go.kr "법정동코드 전체자료" (`법정동코드<TAB>법정동명<TAB>폐지여부`),
//!   optional, used as a cross-check of abolished codes.
//! - `sido_iso3166_2.csv` (시도 code → ISO 3166-2), required.
//!
//! What it does, in order (each step is reported):
//! 1. keeps 시도 rows (`SS00000000`) and 시군구-level rows (`SSGGG00000`);
//! 2. merges editions per code: the newest edition wins for names and dates,
//!    a blank 생성일자 is filled from an older edition, 과거법정동코드 comes from
//!    whichever edition has it;
//! 3. applies the curated overrides of `data/reference/region_overrides.csv`
//!    (the source's wrong 1988 dates for 청원군 and 연기군, successors the
//!    source does not record);
//! 4. drops rows that were never valid (생성일자 = 삭제일자: abolished before
//!    the code system started) and 출장소 (branch office) rows;
//! 5. marks 일반구 (`수원시영통구` → level gu, name `수원시 영통구`);
//! 6. links predecessor → successor from 과거법정동코드 and from same-name
//!    codes created when the old one ended (강원 42→51, 전북 45→52, 군위
//!    47720→27720, 여주군→여주시, …), and closes the one-day gap of the
//!    "deleted the day before" convention (당진군 2011-12-31 → 2012-01-01).
//!
//! Nothing is invented: changes newer than the newest edition (those
//! effective 2026-07-01) are not in the output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::{Days, NaiveDate};

use super::aliases;
use super::table::{Level, RegionRecord, RegionTable};

/// Curated corrections, embedded so the importer runs from any directory.
pub const OVERRIDES_CSV: &str = include_str!("../../data/reference/region_overrides.csv");

/// File names the importer writes into the output directory.
pub const REGIONS_FILE: &str = "regions.csv";
pub const ALIASES_FILE: &str = "region_aliases.generated.csv";

/// One input file, as bytes (the caller reads it).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A 시도/시군구-level row of one MOLIT edition.
#[derive(Debug, Clone)]
struct MolitRow {
    sido_name: String,
    sigungu_name: String,
    created: Option<NaiveDate>,
    deleted: Option<NaiveDate>,
    predecessor: Option<String>,
}

#[derive(Debug, Clone)]
struct MolitEdition {
    name: String,
    edition: String,
    rows: BTreeMap<String, MolitRow>,
}

/// What the importer did, for the terminal and the tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Editions used, newest first (`20260609`, ...).
    pub editions: Vec<String>,
    /// Output rows per level.
    pub rows_by_level: BTreeMap<String, usize>,
    /// Codes dropped because they were never valid (created = deleted).
    pub dropped_never_valid: Vec<String>,
    /// Codes dropped as 출장소 (branch office) rows.
    pub dropped_branch_offices: Vec<String>,
    /// Blank 생성일자 filled from an older edition.
    pub created_filled: Vec<String>,
    /// Overrides applied, as `code field old -> new`.
    pub overrides_applied: Vec<String>,
    /// `valid_to` moved one day to meet the successor (day-before convention).
    pub day_before_closed: Vec<String>,
    /// Predecessor → successor links.
    pub links: usize,
    /// Aliases generated.
    pub aliases: usize,
    /// Things a maintainer should look at (never fatal).
    pub warnings: Vec<String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "editions (newest first): {}", self.editions.join(", "))?;
        let levels: Vec<String> = self.rows_by_level.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(f, "rows: {}", levels.join(", "))?;
        writeln!(
            f,
            "dropped: {} never valid, {} 출장소",
            self.dropped_never_valid.len(),
            self.dropped_branch_offices.len()
        )?;
        writeln!(f, "blank 생성일자 filled from an older edition: {}", self.created_filled.len())?;
        for o in &self.overrides_applied {
            writeln!(f, "override: {o}")?;
        }
        for c in &self.day_before_closed {
            writeln!(f, "day-before deletion closed: {c}")?;
        }
        writeln!(f, "predecessor/successor links: {}", self.links)?;
        writeln!(f, "generated aliases: {}", self.aliases)?;
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

/// The importer's result: the table, its CSV text, the generated aliases.
#[derive(Debug, Clone)]
pub struct ImportOutput {
    pub table: RegionTable,
    pub regions_csv: String,
    pub aliases_csv: String,
    pub report: ImportReport,
}

/// Decodes a file: UTF-8 (BOM removed) or else CP949/EUC-KR; CRLF → LF.
fn decode(file: &SourceFile) -> Result<String> {
    let bytes = file.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&file.bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::EUC_KR.decode(bytes);
            if had_errors {
                bail!("{}: neither UTF-8 nor CP949/EUC-KR text", file.name);
            }
            text.into_owned()
        }
    };
    Ok(text.replace("\r\n", "\n"))
}

fn parse_date(s: &str, file: &str, line: usize) -> Result<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).with_context(|| format!("{file} line {line}: date {s:?}"))
}

/// The 8-digit edition date in a file name, e.g. `…_20260609.csv`.
fn edition_in_name(name: &str) -> Option<String> {
    let file = Path::new(name).file_name()?.to_string_lossy().to_string();
    let digits: Vec<char> = file.chars().collect();
    (0..digits.len().saturating_sub(7)).rev().find_map(|i| {
        let run: String = digits[i..i + 8].iter().collect();
        let bounded =
            (i == 0 || !digits[i - 1].is_ascii_digit()) && digits.get(i + 8).is_none_or(|c| !c.is_ascii_digit());
        (bounded && run.chars().all(|c| c.is_ascii_digit()) && NaiveDate::parse_from_str(&run, "%Y%m%d").is_ok())
            .then_some(run)
    })
}

fn is_kept_level(code: &str) -> bool {
    code.len() == 10 && code.bytes().all(|b| b.is_ascii_digit()) && code.ends_with("00000")
}

fn parse_molit(file: &SourceFile, text: &str) -> Result<MolitEdition> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let sep = if header.contains('\t') { '\t' } else { ',' };
    let cols: Vec<&str> = header.split(sep).map(str::trim).collect();
    let col = |name: &str| cols.iter().position(|c| *c == name);
    let need = |name: &str| col(name).with_context(|| format!("{}: no column {name}", file.name));
    let (c_code, c_sido, c_sgg) = (need("법정동코드")?, need("시도명")?, need("시군구명")?);
    let (c_created, c_deleted) = (need("생성일자")?, need("삭제일자")?);
    let c_pred = col("과거법정동코드");
    let mut rows = BTreeMap::new();
    let mut newest: Option<NaiveDate> = None;
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(sep).collect();
        let get = |k: usize| f.get(k).map(|s| s.trim()).unwrap_or("");
        let code = get(c_code);
        let created = parse_date(get(c_created), &file.name, line_no)?;
        let deleted = parse_date(get(c_deleted), &file.name, line_no)?;
        newest = newest.max(created).max(deleted);
        if !is_kept_level(code) {
            continue;
        }
        let predecessor = c_pred.map(get).filter(|p| !p.is_empty() && *p != "0").map(str::to_string);
        let row = MolitRow {
            sido_name: get(c_sido).to_string(),
            sigungu_name: get(c_sgg).to_string(),
            created,
            deleted,
            predecessor,
        };
        if rows.insert(code.to_string(), row).is_some() {
            bail!("{} line {line_no}: code {code} appears twice", file.name);
        }
    }
    let edition = edition_in_name(&file.name)
        .or_else(|| newest.map(|d| d.format("%Y%m%d").to_string()))
        .with_context(|| format!("{}: no edition date in the file name and no dates in the file", file.name))?;
    Ok(MolitEdition { name: file.name.clone(), edition, rows })
}

/// code.go.kr: code → (name, abolished).
fn parse_codegokr(file: &SourceFile, text: &str) -> Result<BTreeMap<String, (String, bool)>> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            bail!("{} line {}: expected 3 TAB-separated fields", file.name, i + 1);
        }
        let code = f[0].trim();
        if is_kept_level(code) {
            let abolished = match f[2].trim() {
                "폐지" => true,
                "존재" => false,
                other => bail!("{} line {}: status {other:?} is neither 존재 nor 폐지", file.name, i + 1),
            };
            out.insert(code.to_string(), (f[1].trim().to_string(), abolished));
        }
    }
    Ok(out)
}

/// sido_iso3166_2.csv: 2-digit code → ISO code (blank for codes without one).
fn parse_iso(file: &SourceFile, text: &str) -> Result<BTreeMap<String, Option<String>>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader.headers()?.clone();
    let pos = |n: &str| header.iter().position(|h| h == n).with_context(|| format!("{}: no column {n}", file.name));
    let (c_code, c_iso) = (pos("sido_code")?, pos("iso3166_2")?);
    let mut out = BTreeMap::new();
    for row in reader.records() {
        let row = row.with_context(|| file.name.clone())?;
        let code = row.get(c_code).unwrap_or("").trim().to_string();
        let iso = row.get(c_iso).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if code.len() != 2 {
            bail!("{}: sido_code {code:?} is not 2 digits", file.name);
        }
        out.insert(code, iso);
    }
    Ok(out)
}

/// One curated correction.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub code10: String,
    pub field: String,
    pub value: String,
    pub reason: String,
}

/// Parses `region_overrides.csv` (`code10,field,value,reason`).
pub fn parse_overrides(text: &str) -> Result<Vec<Override>> {
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row?;
        let get = |k: usize| row.get(k).unwrap_or("").trim().to_string();
        let o = Override { code10: get(0), field: get(1), value: get(2), reason: get(3) };
        if !matches!(o.field.as_str(), "valid_from" | "valid_to" | "successor_code") {
            bail!("override {}: unknown field {:?}", o.code10, o.field);
        }
        out.push(o);
    }
    Ok(out)
}

/// A row being assembled.
#[derive(Debug, Clone)]
struct Draft {
    code: String,
    sido_name: String,
    sigungu_name: String,
    created: Option<NaiveDate>,
    deleted: Option<NaiveDate>,
    predecessor_field: Option<String>,
}

fn one_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).expect("dates in range")
}

/// Splits a MOLIT 일반구 name (`수원시영통구`) into city and 구, when the city
/// is itself a 시 of the same 시도.
fn split_gu(name: &str, cities: &BTreeSet<(String, String)>, sido_code: &str) -> Option<(String, String)> {
    if !name.ends_with('구') {
        return None;
    }
    name.char_indices().filter(|&(i, c)| c == '시' && i > 0).find_map(|(i, c)| {
        let (city, gu) = name.split_at(i + c.len_utf8());
        let plausible = gu.chars().count() >= 2 && cities.contains(&(sido_code.to_string(), city.to_string()));
        plausible.then(|| (city.to_string(), gu.to_string()))
    })
}

/// Runs the import on in-memory files.
pub fn import(files: &[SourceFile]) -> Result<ImportOutput> {
    let mut editions = Vec::new();
    let mut codegokr = None;
    let mut iso = None;
    for file in files {
        let text = decode(file)?;
        let header = text.lines().next().unwrap_or_default();
        if header.starts_with("법정동코드\t법정동명\t폐지여부") {
            codegokr = Some(parse_codegokr(file, &text)?);
        } else if header.contains("법정동코드") && header.contains("시군구명") && header.contains("삭제일자")
        {
            editions.push(parse_molit(file, &text)?);
        } else if header.starts_with("sido_code,") && header.contains("iso3166_2") {
            iso = Some(parse_iso(file, &text)?);
        } else {
            bail!(
                "{}: not a recognised file (expected a 국토교통부 법정동 CSV, the code.go.kr 법정동코드 전체자료, or sido_iso3166_2.csv)",
                file.name
            );
        }
    }
    if editions.is_empty() {
        bail!("no 국토교통부 전국 법정동 edition among the inputs");
    }
    let iso = iso.context("sido_iso3166_2.csv is required (the ISO 3166-2 numbers differ from the 시도 codes)")?;
    editions.sort_by(|a, b| b.edition.cmp(&a.edition));
    for pair in editions.windows(2) {
        if pair[0].edition == pair[1].edition {
            bail!("{} and {} are the same edition {}", pair[0].name, pair[1].name, pair[0].edition);
        }
    }
    let mut report =
        ImportReport { editions: editions.iter().map(|e| e.edition.clone()).collect(), ..Default::default() };

    // 2. Merge editions, newest first.
    let codes: BTreeSet<&String> = editions.iter().flat_map(|e| e.rows.keys()).collect();
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    for code in codes {
        let mut present = editions.iter().filter_map(|e| e.rows.get(code));
        let newest = present.next().expect("code comes from an edition");
        let mut d = Draft {
            code: code.clone(),
            sido_name: newest.sido_name.clone(),
            sigungu_name: newest.sigungu_name.clone(),
            created: newest.created,
            deleted: newest.deleted,
            predecessor_field: newest.predecessor.clone(),
        };
        for older in present {
            if d.created.is_none() && older.created.is_some() {
                d.created = older.created;
                report.created_filled.push(code.clone());
            }
            if d.predecessor_field.is_none() {
                d.predecessor_field = older.predecessor.clone();
            }
        }
        drafts.insert(code.clone(), d);
    }

    // 3. Curated overrides of dates (successors are applied after linking).
    let overrides = parse_overrides(OVERRIDES_CSV).context("data/reference/region_overrides.csv")?;
    for o in overrides.iter().filter(|o| o.field != "successor_code") {
        let Some(d) = drafts.get_mut(&o.code10) else {
            report.warnings.push(format!("override for {} ignored: the code is not in the inputs", o.code10));
            continue;
        };
        let value = NaiveDate::parse_from_str(&o.value, "%Y-%m-%d")
            .with_context(|| format!("override {} {}: date {:?}", o.code10, o.field, o.value))?;
        let slot = if o.field == "valid_from" { &mut d.created } else { &mut d.deleted };
        if *slot == Some(value) {
            report.warnings.push(format!("override {} {} = {} is no longer needed", o.code10, o.field, o.value));
        } else {
            let old = slot.map(|d| d.to_string()).unwrap_or_else(|| "blank".into());
            report.overrides_applied.push(format!("{} {} {old} -> {} ({})", o.code10, o.field, o.value, o.reason));
            *slot = Some(value);
        }
    }

    // 4. Drop rows never valid and branch offices.
    drafts.retain(|code, d| {
        if d.created.is_some() && d.created == d.deleted {
            report.dropped_never_valid.push(code.clone());
            return false;
        }
        let is_sido = code.ends_with("00000000");
        let proper = if is_sido {
            d.sido_name.ends_with('시') || d.sido_name.ends_with('도')
        } else {
            ['시', '군', '구'].iter().any(|&c| d.sigungu_name.ends_with(c))
        };
        if !proper {
            report.dropped_branch_offices.push(code.clone());
        }
        proper
    });

    // 5. Levels and names.
    let cities: BTreeSet<(String, String)> = drafts
        .values()
        .filter(|d| !d.code.ends_with("00000000") && d.sigungu_name.ends_with('시'))
        .map(|d| (d.code[..2].to_string(), d.sigungu_name.clone()))
        .collect();
    let mut records: BTreeMap<String, RegionRecord> = BTreeMap::new();
    for d in drafts.values() {
        let sido_code = d.code[..2].to_string();
        let (level, sigungu_code, sigungu_name) = if d.code.ends_with("00000000") {
            (Level::Sido, None, None)
        } else if let Some((city, gu)) = split_gu(&d.sigungu_name, &cities, &sido_code) {
            (Level::Gu, Some(d.code[..5].to_string()), Some(format!("{city} {gu}")))
        } else {
            (Level::Sigungu, Some(d.code[..5].to_string()), Some(d.sigungu_name.clone()))
        };
        let iso_3166_2 = match iso.get(&sido_code) {
            Some(v) => v.clone(),
            None => {
                report.warnings.push(format!("{}: 시도 code {sido_code} is not in sido_iso3166_2.csv", d.code));
                None
            }
        };
        records.insert(
            d.code.clone(),
            RegionRecord {
                code10: d.code.clone(),
                level,
                sido_code,
                sigungu_code,
                sido_name: d.sido_name.clone(),
                sigungu_name,
                valid_from: d.created,
                valid_to: d.deleted,
                predecessor_code: None,
                successor_code: None,
                iso_3166_2,
            },
        );
    }

    // 6. Links.
    let links = derive_links(&records, &drafts, &overrides, &mut report)?;
    let mut incoming: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in &links {
        incoming.entry(to.clone()).or_default().insert(from.clone());
    }
    for (from, to) in &links {
        let to_from = records[to].valid_from;
        let r = records.get_mut(from).expect("linked codes exist");
        r.successor_code = Some(to.clone());
        // Day-before convention: the old code ends the day before the new one
        // starts. Close the gap so a date always has exactly one valid code.
        if let (Some(end), Some(start)) = (r.valid_to, to_from) {
            if one_day(end) == start {
                r.valid_to = Some(start);
                report.day_before_closed.push(format!("{from} valid_to {end} -> {start} (successor {to})"));
            }
        }
    }
    for (to, froms) in &incoming {
        if froms.len() == 1 {
            records.get_mut(to).expect("linked codes exist").predecessor_code = froms.iter().next().cloned();
        }
    }
    report.links = links.len();

    // Cross-check with code.go.kr.
    if let Some(cg) = &codegokr {
        for r in records.values() {
            match cg.get(&r.code10) {
                None if r.valid_to.is_none() => report.warnings.push(format!(
                    "{} {} is current here but absent from code.go.kr",
                    r.code10,
                    r.full_name()
                )),
                Some((_, true)) if r.valid_to.is_none() => report.warnings.push(format!(
                    "{} {} is 폐지 in code.go.kr but has no end date here",
                    r.code10,
                    r.full_name()
                )),
                _ => {}
            }
        }
    }
    let newest = NaiveDate::parse_from_str(&editions[0].edition, "%Y%m%d").expect("edition is a date");
    report.warnings.push(format!(
        "the newest edition is {newest}: changes registered after it (such as those effective 2026-07-01) are not in the table"
    ));

    let table = RegionTable::from_records(records.into_values().collect())?;
    table.validate()?;
    for r in table.records() {
        *report.rows_by_level.entry(r.level.as_str().to_string()).or_default() += 1;
    }
    let alias_rows = aliases::generate(&table);
    report.aliases = alias_rows.len();
    let aliases_csv = aliases::to_csv(&alias_rows);
    let regions_csv = table.to_csv();
    Ok(ImportOutput { table, regions_csv, aliases_csv, report })
}

/// The 시도 family of a record's 시도 name (강원도 and 강원특별자치도 → 강원).
fn family(r: &RegionRecord) -> String {
    aliases::sido_stem(&r.sido_name)
}

/// A 시군구 name without its 시/군 suffix (여주군 and 여주시 → 여주).
fn name_stem(r: &RegionRecord) -> Option<String> {
    let name = r.sigungu_name.as_deref()?;
    Some(name.strip_suffix('시').or_else(|| name.strip_suffix('군')).unwrap_or(name).to_string())
}

/// Predecessor → successor links: from 과거법정동코드, from same-name codes
/// created when a code ended, and from the curated overrides.
fn derive_links(
    records: &BTreeMap<String, RegionRecord>,
    drafts: &BTreeMap<String, Draft>,
    overrides: &[Override],
    report: &mut ImportReport,
) -> Result<BTreeMap<String, String>> {
    let mut by_start: HashMap<NaiveDate, Vec<&RegionRecord>> = HashMap::new();
    for r in records.values() {
        if let Some(from) = r.valid_from {
            by_start.entry(from).or_default().push(r);
        }
    }
    let meets = |old: &RegionRecord, new: &RegionRecord| match (old.valid_to, new.valid_from) {
        (Some(end), Some(start)) => start == end || start == one_day(end),
        _ => false,
    };
    let mut out: BTreeMap<String, String> = BTreeMap::new();

    // From the recorded predecessor (10-digit codes only; 8-digit values are pre-1988 codes).
    for r in records.values() {
        let Some(p) = drafts.get(&r.code10).and_then(|d| d.predecessor_field.clone()) else { continue };
        if p.len() != 10 {
            continue;
        }
        let parent = if p.ends_with("00000000") { p.clone() } else { format!("{}00000", &p[..5]) };
        if parent == r.code10 {
            continue;
        }
        if let Some(old) = records.get(&parent) {
            if meets(old, r) && old.level == r.level {
                out.insert(parent, r.code10.clone());
            }
        }
    }

    // Same name, created when the old code ended (±1 day).
    for old in records.values() {
        let Some(end) = old.valid_to else { continue };
        let starts = [end, one_day(end)];
        let same: Vec<&RegionRecord> = starts
            .iter()
            .flat_map(|d| by_start.get(d).into_iter().flatten())
            .copied()
            .filter(|new| new.code10 != old.code10 && (new.level == Level::Sido) == (old.level == Level::Sido))
            .filter(|new| match old.level {
                Level::Sido => family(new) == family(old),
                _ => name_stem(new) == name_stem(old),
            })
            .collect();
        let same_family: Vec<&RegionRecord> = same.iter().copied().filter(|n| family(n) == family(old)).collect();
        let chosen = match (same.len(), same_family.len()) {
            (1, _) => Some(same[0]),
            (_, 1) => Some(same_family[0]),
            _ => None,
        };
        if let Some(new) = chosen {
            match out.get(&old.code10) {
                Some(prev) if prev != &new.code10 => report.warnings.push(format!(
                    "{}: 과거법정동코드 says successor {prev}, the same-name rule says {}; kept {prev}",
                    old.code10, new.code10
                )),
                _ => {
                    out.insert(old.code10.clone(), new.code10.clone());
                }
            }
        }
    }

    // Curated successors win.
    for o in overrides.iter().filter(|o| o.field == "successor_code") {
        if !records.contains_key(&o.code10) || !records.contains_key(&o.value) {
            report.warnings.push(format!("override {} -> {} ignored: a code is not in the table", o.code10, o.value));
            continue;
        }
        if out.get(&o.code10) == Some(&o.value) {
            report.warnings.push(format!("override {} successor {} is no longer needed", o.code10, o.value));
            continue;
        }
        report.overrides_applied.push(format!("{} successor_code -> {} ({})", o.code10, o.value, o.reason));
        out.insert(o.code10.clone(), o.value.clone());
    }
    Ok(out)
}

/// Reads the files, imports them and writes `regions.csv` and the generated
/// aliases into `out_dir` (the I/O edge of the `reference import-regions` command).
pub fn import_files(paths: &[PathBuf], out_dir: &Path) -> Result<ImportReport> {
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        files.push(SourceFile { name: p.to_string_lossy().into_owned(), bytes });
    }
    let out = import(&files)?;
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    for (name, text) in [(REGIONS_FILE, &out.regions_csv), (ALIASES_FILE, &out.aliases_csv)] {
        let path = out_dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(out.report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISO: &str = "sido_code,sido_name,created,deleted,iso3166_2,iso_name,iso_type,note\n\
        42,강원도,,,KR-42,,,\n51,강원특별자치도,,,KR-42,,,\n44,충청남도,,,KR-44,,,\n";

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    fn molit(rows: &str) -> String {
        format!("\u{feff}법정동코드,시도명,시군구명,읍면동명,리명,순위,생성일자,삭제일자,과거법정동코드\n{rows}")
    }

    #[test]
    fn editions_merge_newest_first_and_fill_blank_dates() {
        let old = molit("4400000000,충청남도,,,,44,1988-04-23,,\n4427000000,충청남도,당진시,,,1,,,4483000000\n4483000000,충청남도,당진군,,,0,1988-04-23,2011-12-31,\n");
        let new = molit("4400000000,충청남도,,,,44,,,\n4427000000,충청남도,당진시,,,1,2012-01-01,,\n4483000000,충청남도,당진군,,,0,1988-04-23,2011-12-31,\n4427010100,충청남도,당진시,당진동,,1,2012-01-01,,\n");
        let out = import(&[file("a_20250807.csv", &old), file("b_20260609.csv", &new), file("iso.csv", ISO)]).unwrap();
        assert_eq!(out.report.editions, ["20260609", "20250807"]);
        let t = &out.table;
        assert_eq!(t.len(), 3, "읍면동 rows are not kept");
        assert_eq!(out.report.created_filled, ["4400000000"]);
        assert_eq!(t.get("4400000000").unwrap().valid_from, NaiveDate::from_ymd_opt(1988, 4, 23));
        let sijin = t.get("4427000000").unwrap();
        assert_eq!(sijin.valid_from, NaiveDate::from_ymd_opt(2012, 1, 1));
        assert_eq!(sijin.predecessor_code.as_deref(), Some("4483000000"));
        let gun = t.get("4483000000").unwrap();
        assert_eq!(gun.successor_code.as_deref(), Some("4427000000"));
        assert_eq!(gun.valid_to, NaiveDate::from_ymd_opt(2012, 1, 1), "day-before deletion closed");
        assert_eq!(gun.iso_3166_2.as_deref(), Some("KR-44"));
    }

    #[test]
    fn same_name_codes_link_across_a_province_change() {
        let ed = molit("4200000000,강원도,,,,42,1988-04-23,2023-06-09,\n4282000000,강원도,고성군,,,1,1988-04-23,2023-06-09,\n5100000000,강원특별자치도,,,,51,2023-06-09,,\n5182000000,강원특별자치도,고성군,,,1,2023-06-09,,\n");
        let out = import(&[file("x_20260609.csv", &ed), file("iso.csv", ISO)]).unwrap();
        let t = &out.table;
        assert_eq!(t.get("4200000000").unwrap().successor_code.as_deref(), Some("5100000000"));
        assert_eq!(t.get("5182000000").unwrap().predecessor_code.as_deref(), Some("4282000000"));
        assert_eq!(t.get("5182000000").unwrap().iso_3166_2.as_deref(), Some("KR-42"));
    }

    #[test]
    fn bad_inputs_are_clear_errors() {
        assert!(import(&[file("iso.csv", ISO)]).is_err(), "no edition");
        let ed = molit("4200000000,강원도,,,,42,1988-04-23,,\n");
        assert!(import(&[file("x_20260609.csv", &ed)]).is_err(), "no ISO file");
        let bad = molit("4200000000,강원도,,,,42,1988-99-23,,\n");
        let e = import(&[file("x_20260609.csv", &bad), file("iso.csv", ISO)]).unwrap_err();
        assert!(format!("{e:#}").contains("line 2"), "{e:#}");
        assert!(import(&[file("notes.txt", "hello\n"), file("iso.csv", ISO)]).is_err());
    }

    #[test]
    fn cp949_tab_editions_are_read() {
        let text = "법정동코드\t시도명\t시군구명\t읍면동명\t리명\t순위\t생성일자\t삭제일자\t과거법정동코드\r\n4200000000\t강원도\t\t\t\t42\t1988-04-23\t\t\r\n";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(text);
        let src = SourceFile { name: "molit_20250807.txt".into(), bytes: bytes.into_owned() };
        let out = import(&[src, file("iso.csv", ISO)]).unwrap();
        assert_eq!(out.table.get("4200000000").unwrap().sido_name, "강원도");
    }

    #[test]
    fn edition_dates_come_from_file_names() {
        assert_eq!(edition_in_name("../x/국토교통부_전국 법정동_20260609.csv").as_deref(), Some("20260609"));
        assert_eq!(edition_in_name("molit.csv"), None);
        assert_eq!(edition_in_name("a_123456789.csv"), None);
    }

    #[test]
    fn overrides_parse() {
        let o = parse_overrides(OVERRIDES_CSV).unwrap();
        assert!(o.iter().any(|o| o.code10 == "4371000000" && o.field == "valid_to" && o.value == "2014-07-01"));
        assert!(o.iter().any(|o| o.code10 == "4473000000" && o.field == "valid_to" && o.value == "2012-07-01"));
        assert!(parse_overrides("code10,field,value,reason\n1,color,red,x\n").is_err());
    }
}
