//! How articles write years (`data/domain/years.toml`): the unit after a
//! year, years relative to the round, spans, and the words around a year
//! that make it a reference point, an amount or a continued record. The
//! regexes keep their shapes here and take their words from the file,
//! compiled once.

use anyhow::{Context, Result};
use regex::{Captures, Match, Regex};
use serde::Deserialize;

use super::particles::Particles;
use super::wordlist::{alternation, is_one_of, one_char_each, starts_with_any};

pub(crate) const YEARS_TOML: &str = include_str!("../../data/domain/years.toml");

#[derive(Deserialize)]
struct YearsFile {
    #[serde(default)]
    streak_marks: Vec<String>,
    unit: String,
    unit_suffix: String,
    month_unit: String,
    span_from: String,
    span_until: String,
    this_year: String,
    relative: Vec<Relative>,
    words: Words,
}

#[derive(Deserialize)]
struct Relative {
    offset: i32,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Words {
    same_year: Vec<String>,
    time_words: Vec<String>,
    not_a_round_after: Vec<String>,
    amount_after: Vec<String>,
    amount_before: Vec<String>,
    continued_after: Vec<String>,
    #[serde(default)]
    before_program: Vec<String>,
    past_before: Vec<String>,
    #[serde(default)]
    execution_verbs: Vec<String>,
}

/// The year words, loaded once, with the regexes built from them.
#[derive(Debug, Clone)]
pub struct YearWords {
    unit: String,
    span_from: String,
    span_until: String,
    /// Each relative word without spaces, and its offset.
    offsets: Vec<(String, i32)>,
    time_words: Vec<String>,
    not_a_round_after: Vec<String>,
    amount_after: Vec<char>,
    amount_before: Vec<char>,
    continued_after: Vec<String>,
    before_program: Vec<String>,
    past_before: Vec<String>,
    execution_verbs: Vec<String>,
    absolute: Regex,
    span_end: Regex,
    to_this_round: Regex,
    streak_from: Regex,
    same_year: Regex,
    relative: Regex,
    month_after: Regex,
    /// All relative words as they are listed, for tests of the data.
    pub relative_words: Vec<String>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl YearWords {
    /// The year words shipped with the binary.
    pub fn embedded() -> Result<Self> {
        Self::from_toml(YEARS_TOML, &Particles::embedded()?)
    }

    /// Parses `data/domain/years.toml`'s contents and builds the regexes
    /// ("2013년과 2014년" joins two years with a joining particle).
    pub fn from_toml(text: &str, particles: &Particles) -> Result<Self> {
        let f: YearsFile = toml::from_str(text)?;
        let w = &f.words;
        let (u, d) = (regex::escape(&f.unit), regex::escape(&f.unit_suffix));
        let (from, until) = (regex::escape(&f.span_from), regex::escape(&f.span_until));
        let join = alternation(particles.joining(), " ");
        let relative_words: Vec<String> = f.relative.iter().flat_map(|r| r.words.iter().cloned()).collect();
        let re = |name: &str, pattern: String| Regex::new(&pattern).with_context(|| format!("years.toml: {name}"));
        Ok(YearWords {
            absolute: re("unit", format!(r"(?:19|20)\d{{2}}(?:\s*{u}{d}|\s*{u})?|['’‘`]\d{{2}}\s*{u}(?:{d})?"))?,
            span_end: re(
                "span",
                format!(
                    r"^(?:\s*[~∼\-]\s*|{u}?\s*{from}\s*|{u}?\s*{join}\s*|{u}?\s*,\s*)((?:19|20)\d{{2}})\s*{u}?(?:{d})?(?:\s*{until})?"
                ),
            )?,
            to_this_round: re(
                "this_year",
                format!(r"^\s*(?:{u}{d}?)?\s*{from}\s*{}\s*{until}", regex::escape(&f.this_year)),
            )?,
            streak_from: re(
                "streak_marks",
                format!(
                    r"((?:19|20)\d{{2}})\s*{u}(?:{d})?\s*{from}\s*(\d{{1,2}})\s*{u}\s*(?:{})",
                    alternation(&f.streak_marks, "")
                ),
            )?,
            same_year: re("same_year", alternation(&w.same_year, " ?"))?,
            relative: re("relative", format!("({})", alternation(&relative_words, r"\s?")))?,
            month_after: re("month_unit", format!(r"^\s*\d{{1,2}}\s*{}", regex::escape(&f.month_unit)))?,
            offsets: f.relative.iter().flat_map(|r| r.words.iter().map(|w| (squeeze(w), r.offset))).collect(),
            time_words: w.time_words.clone(),
            not_a_round_after: w.not_a_round_after.clone(),
            amount_after: one_char_each("amount_after", &w.amount_after)?,
            amount_before: one_char_each("amount_before", &w.amount_before)?,
            continued_after: w.continued_after.clone(),
            before_program: w.before_program.clone(),
            past_before: w.past_before.clone(),
            execution_verbs: w.execution_verbs.clone(),
            unit: f.unit,
            span_from: f.span_from,
            span_until: f.span_until,
            relative_words,
        })
    }

    /// Years written with digits: "2021", "2023년도", "’15년".
    pub fn absolute<'t>(&self, text: &'t str) -> impl Iterator<Item = Match<'t>> + use<'_, 't> {
        self.absolute.find_iter(text)
    }

    /// Does the text count years ("3년 연속", "13 년째")?
    pub fn counts_years(&self, text: &str) -> bool {
        text.char_indices().any(|(i, c)| {
            let rest = &text[i + c.len_utf8()..];
            c.is_ascii_digit() && rest.trim_start().starts_with(self.unit.as_str())
        })
    }

    /// Is the year written with its unit ("2023년", not "2023")?
    pub fn has_unit(&self, written: &str) -> bool {
        written.contains(self.unit.as_str())
    }

    /// The second year of a span right after a year ("~2018년", "년부터
    /// 2023년까지", "년과 2014년"): the whole match, the year in group 1.
    pub fn span_end<'t>(&self, rest: &'t str) -> Option<Captures<'t>> {
        self.span_end.captures(rest)
    }

    /// Is a span's text a range written with a dash or tilde ("~2018년"),
    /// not a list ("과 2014년", ", 2019년")?
    pub fn is_range_mark(&self, span: &str) -> bool {
        span.trim_start().starts_with(['~', '∼', '-'])
    }

    /// Does a span's text start from a year ("부터") and run to one ("까지")?
    pub fn span_from_until(&self, span: &str) -> (bool, bool) {
        (span.contains(self.span_from.as_str()), span.ends_with(self.span_until.as_str()))
    }

    /// "부터 올해까지" right after a year: the length in bytes of a span
    /// that runs to this round.
    pub fn to_this_round(&self, rest: &str) -> Option<usize> {
        self.to_this_round.find(rest).map(|m| m.end())
    }

    /// The last year of a streak counted from a year: "2016년부터 6년 연속"
    /// ends in 2021; every such streak in `text`.
    pub fn streak_ends<'t>(&self, text: &'t str) -> impl Iterator<Item = i32> + use<'_, 't> {
        self.streak_from.captures_iter(text).filter_map(|c| {
            let (from, years): (i32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?);
            (years >= 2).then_some(from + years - 1)
        })
    }

    /// "같은 해", "동년": the year written before.
    pub fn same_year<'t>(&self, text: &'t str) -> impl Iterator<Item = Match<'t>> + use<'_, 't> {
        self.same_year.find_iter(text)
    }

    /// Years relative to the round: "올해", "지난해", "재작년".
    pub fn relative<'t>(&self, text: &'t str) -> impl Iterator<Item = Match<'t>> + use<'_, 't> {
        self.relative.find_iter(text)
    }

    /// The offset of a relative year as matched ("지난 해" → -1); 0 for a
    /// word not listed.
    pub fn relative_offset(&self, written: &str) -> i32 {
        let w = squeeze(written);
        self.offsets.iter().find(|(x, _)| *x == w).map_or(0, |&(_, o)| o)
    }

    /// Does a month follow ("2012년 7월")? Then the year is part of a date.
    pub fn month_follows(&self, rest: &str) -> bool {
        self.month_after.is_match(rest)
    }

    /// Is `word` a word of time that starts a clause ("올해", "지난해")?
    pub fn is_time_word(&self, word: &str) -> bool {
        is_one_of(word, &self.time_words)
    }

    /// Does the text after a year (spaces trimmed) make it a point of
    /// reference ("부터", "이후", "시작")?
    pub fn is_reference_point(&self, rest_trimmed: &str) -> bool {
        starts_with_any(rest_trimmed, &self.not_a_round_after)
    }

    /// Is a character right after four digits a unit of an amount or a
    /// count ("만", "원", "명")?
    pub fn is_amount_unit_after(&self, c: char) -> bool {
        self.amount_after.contains(&c)
    }

    /// Is a character right before four digits part of an amount ("억")?
    pub fn is_amount_unit_before(&self, c: char) -> bool {
        self.amount_before.contains(&c)
    }

    /// "…에 이어" right after a year: the record goes on.
    pub fn continues(&self, rest: &str) -> bool {
        starts_with_any(rest, &self.continued_after)
    }

    /// Does `before` (the text up to a year) end in a word that puts the
    /// year in the past ("지난 2021년")?
    pub fn past_before(&self, before: &str) -> bool {
        let before = before.trim_end();
        self.past_before
            .iter()
            .any(|w| before.strip_suffix(w.as_str()).is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric())))
    }

    /// Does `after` (the text right after a relative year) open with a verb
    /// of carrying something out ("벌인", "추진한")?
    pub fn execution_verb_after(&self, after: &str) -> bool {
        starts_with_any(after.trim_start(), &self.execution_verbs)
    }

    /// The length in characters of a word that may stand between a year
    /// and the program's name ("2012 전국 지방자치단체 복지정책 평가"), at
    /// the start of `text`.
    pub fn before_program_at_start(&self, text: &str) -> Option<usize> {
        self.before_program.iter().find(|w| text.starts_with(w.as_str())).map(|w| w.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wordlist::assert_not_empty;

    fn y() -> YearWords {
        YearWords::embedded().expect("data/domain/years.toml loads")
    }

    #[test]
    fn every_list_loads_and_is_not_empty() {
        let f: YearsFile = toml::from_str(YEARS_TOML).unwrap();
        let w = &f.words;
        assert_not_empty(
            "years.toml",
            &[
                ("same_year", &w.same_year[..]),
                ("time_words", &w.time_words[..]),
                ("not_a_round_after", &w.not_a_round_after[..]),
                ("amount_after", &w.amount_after[..]),
                ("amount_before", &w.amount_before[..]),
                ("continued_after", &w.continued_after[..]),
                ("before_program", &w.before_program[..]),
                ("past_before", &w.past_before[..]),
                ("execution_verbs", &w.execution_verbs[..]),
                ("streak_marks", &f.streak_marks[..]),
            ],
        );
        assert!(f.relative.iter().all(|r| !r.words.is_empty()));
        assert!(!f.unit.is_empty() && !f.span_from.is_empty() && !f.span_until.is_empty() && !f.this_year.is_empty());
        y();
    }

    #[test]
    fn relative_years_have_their_offsets_whatever_the_spacing() {
        let y = y();
        let found: Vec<(String, i32)> = y
            .relative("재작년과 지난 해, 작년, 올 한해")
            .map(|m| (m.as_str().to_string(), y.relative_offset(m.as_str())))
            .collect();
        let want = [("재작년", -2), ("지난 해", -1), ("작년", -1), ("올 한해", 0)];
        assert_eq!(found, want.map(|(w, o)| (w.to_string(), o)));
        assert_eq!(y.relative("전년도").next().unwrap().as_str(), "전년도");
    }

    #[test]
    fn the_words_around_a_year() {
        let y = y();
        assert!(y.has_unit("2023년") && !y.has_unit("2023"));
        assert_eq!(y.absolute("2023년도, ’21년").map(|m| m.as_str()).collect::<Vec<_>>(), ["2023년도", "’21년"]);
        assert_eq!(&y.span_end("년부터 2023년까지").unwrap()[1], "2023");
        assert_eq!(y.span_from_until("년부터 2023년까지"), (true, true));
        assert_eq!(y.to_this_round("년부터 올해까지 연속"), Some("년부터 올해까지".len()));
        assert!(y.month_follows(" 7월") && !y.month_follows(" 7개"));
        assert!(y.is_time_word("지난해") && !y.is_time_word("노인"));
        assert!(y.is_reference_point("이후 처음") && !y.is_reference_point("평가"));
        assert!(y.is_amount_unit_after('원') && !y.is_amount_unit_after('년'));
        assert!(y.is_amount_unit_before('억') && !y.is_amount_unit_before('년'));
        assert!(y.continues("에 이어 2년 연속") && !y.continues("에 대상"));
        assert_eq!(y.same_year("같은해 동년").count(), 2);
    }
}
