//! Maps a recipient as written (달서구는, 관악구(청장 박준희), 광주 남구,
//! 수원특례시, 강원도) to the region code valid on the award date, using the
//! article around it when the name alone is ambiguous.
//!
//! Steps, in order; each context step only narrows the candidates and is
//! skipped when it would leave none:
//! 1. the name: table names and aliases (particles, 청, titles in brackets
//!    and trailing words such as 희망복지지원단 are stripped), with a 시도
//!    written in the recipient or right before it (`광주 남구`);
//! 2. the date: each candidate is replaced by the code of its lineage valid
//!    on the award date (인천 남구 in 2019 → 미추홀구; 강원도 in 2024 → 51);
//! 3. the level hint (시·도 부문 vs 시·군·구 부문);
//! 4. the 시도 of the article's other recipients, then the 시도 the article
//!    is about (its title, else the only 시도 its text names);
//! 5. the nearest 시도 mention in the same paragraph;
//! 6. the section line, then the outlet name.
//!
//! Still more than one candidate: `ambiguous`, with the candidates. Never a guess.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::aliases::{self, sido_stem, Alias};
use super::table::{Level, RegionRecord, RegionTable};
use crate::domain::hangul::is_syllable_or_jamo;
use crate::domain::Particles;

/// Outcome of a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResolveStatus {
    Resolved,
    Ambiguous,
    Unknown,
}

impl ResolveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResolveStatus::Resolved => "resolved",
            ResolveStatus::Ambiguous => "ambiguous",
            ResolveStatus::Unknown => "unknown",
        }
    }
}

impl fmt::Display for ResolveStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resolution: the code (when resolved), the candidates (when ambiguous)
/// and the step that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub status: ResolveStatus,
    pub code: Option<String>,
    /// Candidate codes valid on the date, sorted; set when ambiguous.
    pub candidates: Vec<String>,
    /// Which step decided: name, level_hint, other_recipients, article, nearest, section, outlet.
    pub rule: &'static str,
}

impl Resolution {
    fn unknown() -> Self {
        Resolution { status: ResolveStatus::Unknown, code: None, candidates: Vec::new(), rule: "name" }
    }
}

/// Everything known about one recipient. Only `recipient` and `date` are
/// required; the rest is context from the article (see [`DocumentContext`]).
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// The recipient as written.
    pub recipient: &'a str,
    /// The date the code must be valid on.
    pub date: Option<NaiveDate>,
    /// `sido` or `sigungu`, when the text says which.
    pub level_hint: Option<&'a str>,
    /// A 시도 written right before the recipient (광주 in 광주 남구).
    pub sido_context: Option<&'a str>,
    /// 시도 families of the article's other recipients.
    pub other_recipients: BTreeSet<String>,
    /// 시도 families the article is about (title, else the text).
    pub article: BTreeSet<String>,
    /// 시도 families of the nearest 시도 mention(s).
    pub nearest: BTreeSet<String>,
    /// 시도 families named by the section line.
    pub section: BTreeSet<String>,
    /// 시도 family named by the outlet.
    pub outlet: BTreeSet<String>,
}

/// A 시도 named in a text, by character position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidoMention {
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Family key (대구, 강원, 전북, ...).
    pub family: String,
}

/// What a surface form can mean.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// A 시도 family (every code it ever had).
    Sido(String),
    /// One code, optionally only from a date on (older-name aliases).
    Unit { index: usize, from: Option<NaiveDate> },
}

/// Bare short forms that are also common words (경기 = match/economy, 세종 =
/// the king) and are therefore not read as a 시도 when scanning running text.
const COMMON_WORD_FORMS: &[&str] = &["경기", "세종"];

/// One parsed word of a recipient.
#[derive(Debug, Clone)]
struct Piece {
    name: String,
    targets: Vec<Target>,
}

/// Maps recipients to region codes using a [`RegionTable`] and the aliases.
#[derive(Debug, Clone)]
pub struct Resolver {
    table: RegionTable,
    /// Surface form → meanings.
    names: HashMap<String, Vec<Target>>,
    /// Family → its 시도 record indices.
    families: BTreeMap<String, Vec<usize>>,
    /// 시도 forms for scanning running text, and their families.
    scanner: AhoCorasick,
    scan_forms: Vec<(String, String)>,
    /// Endings stripped after a name (수성구가, 달서구는), after an optional 청/청장.
    name_particles: HashSet<String>,
    /// Syllables that may follow a bare two-syllable 시도 form in running
    /// text (대구의, 광주 남구): anything else means a longer word (부산진구, 경북대).
    form_followers: Vec<char>,
}

impl Resolver {
    /// A resolver over `table` with the aliases shipped in `data/reference/`
    /// and the particles of `data/domain/` ([`Knowledge::particles`](crate::domain::Knowledge)).
    pub fn new(table: &RegionTable, particles: &Particles) -> Result<Self> {
        Self::with_aliases(table, &aliases::embedded()?, particles)
    }

    /// A resolver over `table` with the given aliases.
    pub fn with_aliases(table: &RegionTable, alias_rows: &[Alias], particles: &Particles) -> Result<Self> {
        let records = table.records();
        let mut families: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in records.iter().enumerate().filter(|(_, r)| r.level == Level::Sido) {
            families.entry(sido_stem(&r.sido_name)).or_default().push(i);
        }
        let mut names: HashMap<String, Vec<Target>> = HashMap::new();
        fn add(names: &mut HashMap<String, Vec<Target>>, form: &str, t: Target) {
            let v = names.entry(form.to_string()).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        }
        for r in records.iter().filter(|r| r.level == Level::Sido) {
            add(&mut names, &r.sido_name, Target::Sido(sido_stem(&r.sido_name)));
        }
        for a in alias_rows.iter().filter(|a| a.sigungu.is_none()) {
            let family = sido_stem(&a.sido);
            if !families.contains_key(&family) {
                bail!("alias {}: no 시도 {} in the table", a.alias, a.sido);
            }
            add(&mut names, &a.alias, Target::Sido(family));
        }
        let sido_forms: BTreeMap<String, String> = names
            .iter()
            .filter_map(|(form, ts)| match ts.first() {
                Some(Target::Sido(f)) => Some((form.clone(), f.clone())),
                _ => None,
            })
            .collect();
        for (i, r) in records.iter().enumerate() {
            let Some(name) = r.sigungu_name.as_deref() else { continue };
            // 세종's technical 시군구-level row is named like the 시도 itself (세종시): the 시도 wins.
            if sido_forms.get(name).is_some_and(|f| *f == sido_stem(&r.sido_name)) {
                continue;
            }
            add(&mut names, name, Target::Unit { index: i, from: None });
        }
        for a in alias_rows {
            let Some(sigungu) = a.sigungu.as_deref() else { continue };
            let family = sido_stem(&a.sido);
            let targets: Vec<usize> = records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.sigungu_name.as_deref() == Some(sigungu) && sido_stem(&r.sido_name) == family)
                .map(|(i, _)| i)
                .collect();
            if targets.is_empty() {
                bail!("alias {}: no {} {} in the table", a.alias, a.sido, sigungu);
            }
            for index in targets {
                add(&mut names, &a.alias, Target::Unit { index, from: a.valid_from });
            }
        }
        for ts in names.values_mut() {
            ts.sort();
        }
        // Forms for running text: 시도 only, not also a 시군구 name (광주시), not a common word.
        let scan_forms: Vec<(String, String)> = sido_forms
            .iter()
            .filter(|(form, _)| {
                names.get(*form).is_some_and(|ts| ts.iter().all(|t| matches!(t, Target::Sido(_))))
                    && !COMMON_WORD_FORMS.contains(&form.as_str())
            })
            .map(|(form, f)| (form.clone(), f.clone()))
            .collect();
        let scanner = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(scan_forms.iter().map(|(f, _)| f.as_str()))
            .context("building the 시도 scanner")?;
        Ok(Resolver {
            table: table.clone(),
            names,
            families,
            scanner,
            scan_forms,
            name_particles: particles.recipient_name.clone(),
            form_followers: particles.sido_followers.clone(),
        })
    }

    /// The table this resolver reads.
    pub fn table(&self) -> &RegionTable {
        &self.table
    }

    /// The family key of a record (its 시도's short form).
    pub fn family_of(&self, r: &RegionRecord) -> String {
        sido_stem(&r.sido_name)
    }

    /// The 시도 family a written 시도 name stands for (대구시 → 대구), if any.
    pub fn sido_family(&self, written: &str) -> Option<String> {
        let cleaned = clean(written);
        let pieces = self.pieces(&cleaned);
        pieces.iter().find_map(|p| {
            p.targets.iter().find_map(|t| match t {
                Target::Sido(f) => Some(f.clone()),
                Target::Unit { .. } => None,
            })
        })
    }

    /// Every 시도 mentioned in running text (boundaries respected: 부산진구,
    /// 경북대 and 김경남 are not mentions).
    pub fn scan_sidos(&self, text: &str) -> Vec<SidoMention> {
        let mut out = Vec::new();
        // Byte offset → char offset, computed incrementally.
        let mut char_at = 0usize;
        let mut byte_at = 0usize;
        for m in self.scanner.find_iter(text) {
            char_at += text[byte_at..m.start()].chars().count();
            byte_at = m.start();
            let form = &self.scan_forms[m.pattern().as_usize()];
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let bare = form.0.chars().count() == 2;
            let starts_word = before.is_none_or(|c| !is_syllable_or_jamo(c));
            let ends_word = !bare || after.is_none_or(|c| !is_syllable_or_jamo(c) || self.form_followers.contains(&c));
            if starts_word && ends_word {
                let len = form.0.chars().count();
                out.push(SidoMention { start: char_at, end: char_at + len, family: form.1.clone() });
            }
        }
        out
    }

    /// The 시도 families named in a section line such as `대구•경북` or `사회 > 경남`.
    pub fn section_families(&self, section: &str) -> BTreeSet<String> {
        section
            .split(|c: char| !is_syllable_or_jamo(c))
            .filter_map(|w| match self.names.get(w)?.first()? {
                Target::Sido(f) if self.names[w].iter().all(|t| matches!(t, Target::Sido(_))) => Some(f.clone()),
                _ => None,
            })
            .collect()
    }

    /// The 시도 family an outlet's name starts with (대구일보 → 대구, 경남신문 → 경남).
    pub fn outlet_families(&self, outlet: &str) -> BTreeSet<String> {
        let outlet = outlet.trim();
        let mut best: Option<(&str, &String)> = None;
        for (form, targets) in &self.names {
            if let Some(Target::Sido(f)) = targets.first() {
                let only_sido = targets.iter().all(|t| matches!(t, Target::Sido(_)));
                if only_sido && outlet.starts_with(form.as_str()) && best.is_none_or(|(b, _)| form.len() > b.len()) {
                    best = Some((form, f));
                }
            }
        }
        best.map(|(_, f)| f.clone()).into_iter().collect()
    }

    /// Resolves a name on a date with no article context.
    pub fn resolve_name(&self, recipient: &str, date: NaiveDate) -> Resolution {
        self.resolve(&Query { recipient, date: Some(date), ..Default::default() })
    }

    /// Resolves one recipient.
    pub fn resolve(&self, q: &Query) -> Resolution {
        let cleaned = clean(q.recipient);
        let pieces = self.pieces(&cleaned);
        let Some(last) = pieces.last() else { return Resolution::unknown() };

        // Step 1: the name, and a 시도 written with it.
        let (unit_piece, written) = self.split_written_sido(&pieces);
        let mut written_family = written;
        if written_family.is_none() {
            written_family = q.sido_context.and_then(|s| self.sido_family(s));
        }
        let mut cands: Vec<(usize, Option<NaiveDate>)> = Vec::new();
        for t in &unit_piece.as_ref().unwrap_or(last).targets {
            match t {
                Target::Sido(f) => cands.extend(self.families[f].iter().map(|&i| (i, None))),
                Target::Unit { index, from } => cands.push((*index, *from)),
            }
        }
        if let Some(f) = &written_family {
            let records = self.table.records();
            let narrowed: Vec<_> =
                cands.iter().copied().filter(|(i, _)| sido_stem(&records[*i].sido_name) == *f).collect();
            if !narrowed.is_empty() {
                cands = narrowed;
            }
        }

        // Step 2: the code of each candidate's lineage valid on the date.
        let mut valid: BTreeSet<usize> = match q.date {
            Some(d) => self.valid_on(&cands, d, false),
            None => cands.iter().map(|(i, _)| *i).collect(),
        };
        if valid.is_empty() {
            if let Some(d) = q.date {
                valid = self.valid_on(&cands, d, true);
            }
        }
        if valid.is_empty() {
            return Resolution::unknown();
        }
        // Following a chain can leave the written 시도 (경북 군위군 is 대구's since 2023-06-30):
        // codes still in it are preferred, if any remain.
        if let Some(f) = &written_family {
            self.narrow(&mut valid, &BTreeSet::from([f.clone()]));
        }
        if valid.len() == 1 {
            return self.resolved(valid, "name");
        }

        // Steps 3-6: context, in order.
        if let Some(hint) = q.level_hint {
            let records = self.table.records();
            let keep: BTreeSet<usize> =
                valid.iter().copied().filter(|&i| (records[i].level == Level::Sido) == (hint == "sido")).collect();
            if !keep.is_empty() {
                valid = keep;
            }
            if valid.len() == 1 {
                return self.resolved(valid, "level_hint");
            }
        }
        let steps: [(&'static str, &BTreeSet<String>, bool); 5] = [
            ("other_recipients", &q.other_recipients, true),
            ("article", &q.article, true),
            ("nearest", &q.nearest, true),
            ("section", &q.section, false),
            ("outlet", &q.outlet, false),
        ];
        for (rule, families, must_be_one) in steps {
            if families.is_empty() || (must_be_one && families.len() != 1) {
                continue;
            }
            self.narrow(&mut valid, families);
            if valid.len() == 1 {
                return self.resolved(valid, rule);
            }
        }
        let records = self.table.records();
        Resolution {
            status: ResolveStatus::Ambiguous,
            code: None,
            candidates: valid.iter().map(|&i| records[i].code10.clone()).collect(),
            rule: "ambiguous",
        }
    }

    fn resolved(&self, valid: BTreeSet<usize>, rule: &'static str) -> Resolution {
        let i = *valid.iter().next().expect("one candidate");
        let code = self.table.records()[i].code10.clone();
        Resolution { status: ResolveStatus::Resolved, code: Some(code), candidates: Vec::new(), rule }
    }

    /// Keeps the candidates of the given families, unless that keeps none.
    fn narrow(&self, valid: &mut BTreeSet<usize>, families: &BTreeSet<String>) {
        let records = self.table.records();
        let keep: BTreeSet<usize> =
            valid.iter().copied().filter(|&i| families.contains(&sido_stem(&records[i].sido_name))).collect();
        if !keep.is_empty() {
            *valid = keep;
        }
    }

    fn valid_on(&self, cands: &[(usize, Option<NaiveDate>)], d: NaiveDate, tolerant: bool) -> BTreeSet<usize> {
        let records = self.table.records();
        cands
            .iter()
            .filter(|(_, from)| from.is_none_or(|f| d >= f))
            .filter_map(|(i, _)| {
                let code = &records[*i].code10;
                let r = if tolerant { self.table.at_date_tolerant(code, d) } else { self.table.at_date(code, d) }?;
                self.table.index_of(&r.code10)
            })
            .collect()
    }

    /// Splits the pieces into the recipient itself and the 시도 written before it.
    fn split_written_sido(&self, pieces: &[Piece]) -> (Option<Piece>, Option<String>) {
        let n = pieces.len();
        let sido_of = |p: &Piece| {
            p.targets.iter().find_map(|t| match t {
                Target::Sido(f) => Some(f.clone()),
                Target::Unit { .. } => None,
            })
        };
        if n >= 2 {
            // 수원시 영통구, 포항시 남구: a city and its 일반구.
            let joined = format!("{} {}", pieces[n - 2].name, pieces[n - 1].name);
            if let Some(targets) = self.names.get(&joined) {
                let piece = Piece { name: joined, targets: targets.clone() };
                let written = pieces[..n - 2].iter().find_map(sido_of);
                return (Some(piece), written);
            }
            let written = pieces[..n - 1].iter().find_map(sido_of);
            let mut last = pieces[n - 1].clone();
            if let Some(f) = &written {
                // 경기 광주시: the written 시도 rules out 광주광역시.
                let units: Vec<Target> =
                    last.targets.iter().filter(|t| !matches!(t, Target::Sido(g) if g != f)).cloned().collect();
                if !units.is_empty() {
                    last.targets = units;
                }
            }
            return (Some(last), written);
        }
        (None, None)
    }

    /// The words of a cleaned recipient that name places, in order. Leading
    /// words that are not names are skipped; the first such word after a
    /// name ends the recipient (고양시 희망복지지원단 → 고양시).
    fn pieces(&self, cleaned: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        for word in cleaned.split_whitespace() {
            match self.match_word(word) {
                Some(mut ps) => out.append(&mut ps),
                None if out.is_empty() => continue,
                None => break,
            }
        }
        out
    }

    /// A word as one name (with a particle or 청 after it), or as a 시도 and a
    /// name written together (대구남구).
    fn match_word(&self, word: &str) -> Option<Vec<Piece>> {
        if let Some(p) = self.match_name(word) {
            return Some(vec![p]);
        }
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(2).collect();
        for &b in &bounds {
            let (head, tail) = word.split_at(b);
            let is_sido = self.names.get(head).is_some_and(|ts| ts.iter().any(|t| matches!(t, Target::Sido(_))));
            if is_sido {
                if let Some(rest) = self.match_name(tail) {
                    let head = Piece { name: head.to_string(), targets: self.names[head].clone() };
                    return Some(vec![head, rest]);
                }
            }
        }
        None
    }

    /// A known name, possibly followed by 청 and/or a particle.
    fn match_name(&self, word: &str) -> Option<Piece> {
        if let Some(ts) = self.names.get(word) {
            return Some(Piece { name: word.to_string(), targets: ts.clone() });
        }
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(2).collect();
        for &b in bounds.iter().rev() {
            let (head, rest) = word.split_at(b);
            let rest = rest.strip_prefix("청장").or_else(|| rest.strip_prefix('청')).unwrap_or(rest);
            if (rest.is_empty() || self.name_particles.contains(rest)) && self.names.contains_key(head) {
                return Some(Piece { name: head.to_string(), targets: self.names[head].clone() });
            }
        }
        None
    }
}

/// NFC, bracketed asides removed (관악구(청장 박준희) → 관악구), separators to spaces.
fn clean(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut depth = 0usize;
    for c in nfc.chars() {
        match c {
            '(' | '[' | '（' | '［' | '〈' | '<' => depth += 1,
            ')' | ']' | '）' | '］' | '〉' | '>' => {
                depth = depth.saturating_sub(1);
                out.push(' ');
            }
            _ if depth > 0 => {}
            '·' | '•' | '‧' | ',' | '/' | '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' => {
                out.push(' ')
            }
            c => out.push(c),
        }
    }
    out
}

/// Builds the context of each mention of one article (steps 4-6).
#[derive(Debug, Clone, Default)]
pub struct DocumentContext {
    /// 시도 mentions in the article text, by character position.
    pub mentions: Vec<SidoMention>,
    /// Character offsets where lines start.
    line_starts: Vec<usize>,
    /// Families named in the title.
    pub title: BTreeSet<String>,
    /// Families named anywhere in the text (and in doc_places).
    pub text: BTreeSet<String>,
    pub section: BTreeSet<String>,
    pub outlet: BTreeSet<String>,
}

impl DocumentContext {
    pub fn new(
        resolver: &Resolver,
        text: &str,
        title: Option<&str>,
        section: Option<&str>,
        outlet: Option<&str>,
        places: &[String],
    ) -> Self {
        let mentions = resolver.scan_sidos(text);
        let mut line_starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        let mut text_families: BTreeSet<String> = mentions.iter().map(|m| m.family.clone()).collect();
        for p in places {
            text_families.extend(resolver.scan_sidos(p).into_iter().map(|m| m.family));
        }
        DocumentContext {
            mentions,
            line_starts,
            title: title.map(|t| resolver.scan_sidos(t).into_iter().map(|m| m.family).collect()).unwrap_or_default(),
            text: text_families,
            section: section.map(|s| resolver.section_families(s)).unwrap_or_default(),
            outlet: outlet.map(|o| resolver.outlet_families(o)).unwrap_or_default(),
        }
    }

    /// The 시도 families the article is about: the title's when it names
    /// exactly one, else the text's when the text names exactly one.
    pub fn article_families(&self) -> BTreeSet<String> {
        if self.title.len() == 1 {
            return self.title.clone();
        }
        if self.title.is_empty() && self.text.len() == 1 {
            return self.text.clone();
        }
        BTreeSet::new()
    }

    /// The family of the 시도 mention nearest to the span `[start, end)` (in
    /// characters), in the same line; empty when none or when two different
    /// families are equally near. A mention inside the span itself is the
    /// recipient's own 시도 and counts as nearest.
    pub fn nearest_families(&self, start: usize, end: usize) -> BTreeSet<String> {
        let line = self.line_starts.partition_point(|&s| s <= start).saturating_sub(1);
        let (lo, hi) = (self.line_starts[line], self.line_starts.get(line + 1).copied().unwrap_or(usize::MAX));
        let mut best: Option<(usize, BTreeSet<String>)> = None;
        for m in self.mentions.iter().filter(|m| m.start >= lo && m.end <= hi) {
            let distance = if m.end <= start {
                start - m.end
            } else if m.start >= end {
                m.start - end
            } else {
                0
            };
            match &mut best {
                Some((d, fams)) if *d == distance => {
                    fams.insert(m.family.clone());
                }
                Some((d, _)) if *d < distance => {}
                _ => best = Some((distance, BTreeSet::from([m.family.clone()]))),
            }
        }
        best.map(|(_, f)| f).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn resolver() -> Resolver {
        Resolver::new(&RegionTable::embedded().unwrap(), &Particles::embedded().unwrap()).unwrap()
    }

    #[test]
    fn cleaning_removes_asides_and_separators() {
        assert_eq!(clean("관악구(청장 박준희)").trim(), "관악구");
        assert_eq!(clean("대구·경북").split_whitespace().collect::<Vec<_>>(), ["대구", "경북"]);
    }

    #[test]
    fn particles_and_offices_are_stripped() {
        let r = resolver();
        let on = d("2021-12-31");
        for (text, code) in [
            ("수성구가", "2726000000"),
            ("달서구는", "2729000000"),
            ("성북구청", "1129000000"),
            ("성북구청장", "1129000000"),
            ("관악구(청장 박준희)", "1162000000"),
            ("고양시 희망복지지원단", "4128000000"),
            ("대구시청", "2700000000"),
            ("수성구에서는", "2726000000"),
            ("달서구와는", "2729000000"),
            ("성북구청에서는", "1129000000"),
        ] {
            assert_eq!(r.resolve_name(text, on).code.as_deref(), Some(code), "{text}");
        }
        assert_eq!(r.resolve_name("희망복지지원단", on).status, ResolveStatus::Unknown);
        assert_eq!(r.resolve_name("보건복지부", on).status, ResolveStatus::Unknown);
    }

    #[test]
    fn scanning_respects_word_boundaries() {
        let r = resolver();
        let fams = |t: &str| r.scan_sidos(t).into_iter().map(|m| m.family).collect::<Vec<_>>();
        assert_eq!(fams("대구시와 관내 구·군이 상을 받았다"), ["대구"]);
        assert_eq!(fams("광주 남구는"), ["광주"]);
        assert!(fams("부산진구, 경북대, 김경남 씨").is_empty());
        assert!(fams("경기 침체 속 세종대왕").is_empty());
        assert_eq!(fams("경기도와 전남도, 충남의"), ["경기", "전남", "충남"]);
        let m = &r.scan_sidos("올해 대구 남구")[0];
        assert_eq!((m.start, m.end), (3, 5), "character offsets");
    }

    #[test]
    fn section_and_outlet_name_provinces() {
        let r = resolver();
        assert_eq!(r.section_families("대구•경북"), BTreeSet::from(["대구".to_string(), "경북".to_string()]));
        assert_eq!(r.outlet_families("경남신문"), BTreeSet::from(["경남".to_string()]));
        assert_eq!(r.outlet_families("대구일보"), BTreeSet::from(["대구".to_string()]));
        assert!(r.outlet_families("한국일보").is_empty());
    }

    #[test]
    fn nearest_mention_is_on_the_same_line() {
        let r = resolver();
        let text = "대구 달서구가 대상\n광주 서구와 남구가 우수";
        let ctx = DocumentContext::new(&r, text, None, None, None, &[]);
        let pos = text.chars().collect::<String>().find("남구").unwrap();
        let start = text[..pos].chars().count();
        assert_eq!(ctx.nearest_families(start, start + 2), BTreeSet::from(["광주".to_string()]));
        assert!(ctx.article_families().is_empty(), "two 시도 in the text");
    }
}
