//! Years: the year expressions of a sentence ("2021 지역복지사업 평가",
//! "2023년도", "지난해", "올해") and the round year of a whole document,
//! stated in the text or inferred from the publication date (never from a
//! crawl date: the clean stage leaves `published_date` null then). The
//! words of years are in `data/domain/years.toml` (`Knowledge::years`).

use chrono::{Datelike, NaiveDate};

use crate::domain::hangul::is_syllable;
use crate::domain::Knowledge;

/// A year as written: absolute, or relative to the article's round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearValue {
    /// "2021", "2023년도".
    Absolute(i32),
    /// "올해" (0), "지난해" / "작년" (-1), "재작년" (-2).
    Relative(i32),
}

/// How a year expression relates to the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRole {
    /// Any other year written in a sentence.
    Plain,
    /// Written with the program's name: "2021 지역복지사업 평가".
    Program,
    /// The 시행 year inside a field label: "'2023년 지역사회보장계획
    /// 시행결과' 부문". Not the round.
    FieldLabel,
    /// A start, end or reference point, not a round: "2013년부터",
    /// "2019년 이후", dates written with dots.
    NotARound,
    /// "지난해에 이어 2년 연속 대상": the next grade was won in that year
    /// too (as well as in this round).
    Continued,
}

/// One year expression, in characters of the sentence it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearExpr {
    pub start: usize,
    pub end: usize,
    pub value: YearValue,
    pub role: YearRole,
    /// The last year of a span written with both ends ("2017~2018년",
    /// "2020년부터 2023년까지"): the grade after it was won in each year of
    /// the span. For a list, its last year (the expression has an end, as a
    /// span does).
    pub span_to: Option<i32>,
    /// The years listed after this one ("2013년, 2019년과 2022년"): the
    /// grade after them was won in each of them, and only in them.
    pub listed: ListedYears,
    /// A span that runs to this round: "2018년부터 올해까지 연속해 최우수상".
    pub to_round: bool,
    /// Written as past ("지난 2021년"): a year before the article's round.
    pub past: bool,
}

/// Years listed after a first one, in order (at most eight are kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListedYears {
    years: [i32; 8],
    len: usize,
}

impl ListedYears {
    fn push(&mut self, year: i32) {
        if self.len < self.years.len() {
            self.years[self.len] = year;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[i32] {
        &self.years[..self.len]
    }
}

impl YearExpr {
    /// The years written: one, each of a list, or each of a span (one
    /// ending "올해까지" ends at `round`).
    pub fn years(&self, round: i32) -> Vec<i32> {
        if let (YearValue::Absolute(a), [_, ..]) = (self.value, self.listed.as_slice()) {
            return std::iter::once(a).chain(self.listed.as_slice().iter().copied()).collect();
        }
        let end = if self.to_round { Some(round) } else { self.span_to };
        match (self.value, end) {
            (YearValue::Absolute(a), Some(b)) if b > a && b - a < 10 => (a..=b).collect(),
            (YearValue::Absolute(a), _) => vec![a],
            _ => Vec::new(),
        }
    }
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Year expressions of a sentence, in order. `program_starts` and
/// `field_spans` are the sentence-relative character positions where a
/// program name starts and where field names lie (start, end, and whether a
/// year written with that field is its 시행 year), used to tell a round
/// year from a field label's 시행 year.
pub fn find_years(
    sentence: &str,
    program_starts: &[usize],
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
) -> Vec<YearExpr> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = absolute_years(sentence, &chars, program_starts, field_spans, k);
    relative_years(sentence, &chars, field_spans, k, &mut out);
    out.sort_by_key(|y| y.start);
    same_years(sentence, k, &mut out);
    out.sort_by_key(|y| y.start);
    if execution_dated_last_year(&chars, &out, field_spans, k) {
        for y in out.iter_mut().filter(|y| matches!(y.value, YearValue::Absolute(_)) && y.role == YearRole::Plain) {
            y.role = YearRole::FieldLabel;
        }
    }
    out
}

/// "북구는 지난해 추진한 지역사회보장계획의 시행 결과로 2018년 대상을
/// 차지했다": "last year" with a verb of carrying out, before
/// a field whose years are execution years, dates the plan's execution; a
/// plain year in that sentence is the execution year, not a round.
fn execution_dated_last_year(
    chars: &[char],
    years: &[YearExpr],
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
) -> bool {
    years.iter().filter(|y| y.value == YearValue::Relative(-1)).any(|y| {
        let field_after =
            field_spans.iter().any(|&(s, _, execution)| execution && y.end <= s && s <= y.end + EXECUTION_FIELD_CHARS);
        let after: String = chars[y.end..].iter().take(EXECUTION_FIELD_CHARS).collect();
        field_after && k.years.execution_verb_after(&after)
    })
}

/// How far after "지난해 추진한" the field may start ("지난해 추진한
/// 우리 구 지역사회보장계획의").
const EXECUTION_FIELD_CHARS: usize = 16;

/// Years written with digits, with their spans and roles.
fn absolute_years(
    sentence: &str,
    chars: &[char],
    program_starts: &[usize],
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
) -> Vec<YearExpr> {
    let y = &k.years;
    let mut out: Vec<YearExpr> = Vec::new();
    for m in y.absolute(sentence) {
        let (start, end) = (char_index(sentence, m.start()), char_index(sentence, m.end()));
        if out.iter().any(|y| y.start <= start && start < y.end) {
            continue; // the second year of a span already read
        }
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(end).copied();
        let amount =
            before.is_some_and(|c| y.is_amount_unit_before(c)) || after.is_some_and(|c| y.is_amount_unit_after(c));
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            || after.is_some_and(|c| c.is_ascii_digit())
            || amount
        {
            continue;
        }
        let Some(year) = year_value(m.as_str()) else { continue };
        let rest: String = chars[end..].iter().collect();
        let (span_to, listed, end) = match span_after(&rest, year, k) {
            Some(Span::Range(to, n)) => (Some(to), ListedYears::default(), end + n),
            Some(Span::List(listed, n)) => (listed.as_slice().last().copied(), listed, end + n),
            None => (None, ListedYears::default(), end),
        };
        let rest: String = chars[end..].iter().collect();
        let rest_trim = rest.trim_start();
        let to_round_len = y.to_this_round(&rest).filter(|_| span_to.is_none()).map(|b| rest[..b].chars().count());
        let to_round = to_round_len.is_some();
        let end = end + to_round_len.unwrap_or(0);
        let written_with_unit = y.has_unit(m.as_str());
        let role = if let Some(role) = label_role(chars, start, end, field_spans, k) {
            role
        } else if y.continues(&rest) {
            YearRole::Continued
        } else if (!written_with_unit && (rest.starts_with('.') || rest.starts_with('/') || rest.starts_with('-')))
            || (span_to.is_none() && !to_round && y.is_reference_point(rest_trim))
            || y.month_follows(&rest)
            || before == Some('~')
            || before == Some('-')
        {
            YearRole::NotARound
        } else if let Some(role) = role_by_following_name(chars, end, program_starts, field_spans, k) {
            role
        } else {
            YearRole::Plain
        };
        let value = YearValue::Absolute(year);
        let past = y.past_before(&sentence[..m.start()]);
        out.push(YearExpr { start, end, value, role, span_to, listed, to_round, past });
    }
    out
}

/// "올해", "지난해", "재작년": years relative to the round.
fn relative_years(
    sentence: &str,
    chars: &[char],
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
    out: &mut Vec<YearExpr>,
) {
    let y = &k.years;
    for m in y.relative(sentence) {
        let (start, end) = (char_index(sentence, m.start()), char_index(sentence, m.end()));
        if out.iter().any(|y| y.start <= start && end <= y.end) {
            continue; // "올해까지" closing a span already read
        }
        // "지난해" inside a longer word is no year ("지난해외" is rare, but "올해의" is fine).
        if start > 0 && is_syllable(chars[start - 1]) {
            continue;
        }
        let offset = y.relative_offset(m.as_str());
        let rest: String = chars[end..].iter().collect();
        let role = if let Some(role) = label_role(chars, start, end, field_spans, k) {
            role
        } else if y.continues(&rest) {
            YearRole::Continued
        } else if y.is_reference_point(rest.trim_start()) {
            YearRole::NotARound
        } else {
            YearRole::Plain
        };
        let value = YearValue::Relative(offset);
        let listed = ListedYears::default();
        out.push(YearExpr { start, end, value, role, span_to: None, listed, to_round: false, past: false });
    }
}

/// "같은 해", "동년": the absolute year written before it.
fn same_years(sentence: &str, k: &Knowledge, out: &mut Vec<YearExpr>) {
    for m in k.years.same_year(sentence) {
        let (start, end) = (char_index(sentence, m.start()), char_index(sentence, m.end()));
        let before = out.iter().rev().find(|y| y.end <= start && matches!(y.value, YearValue::Absolute(_)));
        if let Some(YearValue::Absolute(v)) = before.map(|y| y.value) {
            out.push(YearExpr {
                start,
                end,
                value: YearValue::Absolute(v),
                role: YearRole::Plain,
                span_to: None,
                listed: ListedYears::default(),
                to_round: false,
                past: false,
            });
        }
    }
}

/// The year of "2021", "2023년도", "’15년".
fn year_value(written: &str) -> Option<i32> {
    let digits: String = written.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.len() {
        4 => digits.parse().ok(),
        2 => digits.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// What follows a year: the other end of a span, or more years listed.
enum Span {
    /// "~2018년", "부터 2023년까지": the last year and the characters read.
    Range(i32, usize),
    /// "과 2014년", ", 2019년, 2022년": the years and the characters read.
    List(ListedYears, usize),
}

/// The span or list right after a year, with how many characters it takes:
/// "~2018년", "년부터 2023년까지" (a start with no end, as in "2013년부터
/// 13년 연속", is no span), "년과 2014년", "년, 2019년, 2022년".
fn span_after(rest: &str, year: i32, k: &Knowledge) -> Option<Span> {
    if k.years.month_follows(rest) {
        return None;
    }
    let c = k.years.span_end(rest)?;
    let to: i32 = c[1].parse().ok()?;
    let whole = c.get(0)?;
    let (from, until) = k.years.span_from_until(&c[0]);
    if to <= year || to - year >= 10 || (from && !until) {
        return None;
    }
    if from || k.years.is_range_mark(&c[0]) {
        return Some(Span::Range(to, rest[..whole.end()].chars().count()));
    }
    // A list goes on while years follow in order: "2013년, 2019년, 2022년".
    let mut listed = ListedYears::default();
    listed.push(to);
    let (mut last, mut read) = (to, whole.end());
    while let Some(c) = k.years.span_end(&rest[read..]) {
        let next: i32 = match c[1].parse() {
            Ok(n) if n > last && !k.years.is_range_mark(&c[0]) && !k.years.span_from_until(&c[0]).0 => n,
            _ => break,
        };
        listed.push(next);
        last = next;
        read += c.get(0)?.end();
    }
    Some(Span::List(listed, rest[..read].chars().count()))
}

/// A year written with a field whose years are 시행 years: right before it
/// ("2023년 지역사회보장계획 시행결과", "'2018년도 지역사회보장계획'
/// 시행결과"), or inside it ("지역사회보장계획 2015년 시행결과").
fn label_role(
    chars: &[char],
    start: usize,
    end: usize,
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
) -> Option<YearRole> {
    let mut i = end;
    while i < chars.len() && matches!(chars[i], ' ' | '\'' | '"' | '‘' | '’' | '“' | '”' | '「' | '『' | '(')
    {
        i += 1;
    }
    if field_spans.iter().any(|&(s, _, exec)| exec && s == i) {
        return Some(YearRole::FieldLabel);
    }
    let mut j = start;
    while j > 0 && matches!(chars[j - 1], ' ' | '\'' | '"' | '‘' | '’' | '“' | '”') {
        j -= 1;
    }
    let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
    let inside = field_spans.iter().any(|&(_, e, exec)| exec && e == j);
    (inside && k.fields.label_goes_on(&rest)).then_some(YearRole::FieldLabel)
}

/// A program name right after the year makes it the round's year; so does a
/// field name followed by 평가. A field whose years are 시행 years followed
/// by 부문/분야 makes it a 시행 label; any other field's is the round's
/// year, read as a plain year ("2016년 복지재정효율화 부문에서 우수상").
fn role_by_following_name(
    chars: &[char],
    end: usize,
    program_starts: &[usize],
    field_spans: &[(usize, usize, bool)],
    k: &Knowledge,
) -> Option<YearRole> {
    // Skip what may stand between a year and a name (the ministry).
    let mut i = end;
    loop {
        while i < chars.len() && matches!(chars[i], ' ' | '\'' | '"' | '(') {
            i += 1;
        }
        let rest: String = chars[i..chars.len().min(i + 6)].iter().collect();
        match k.ministry_at_start(&rest).or_else(|| k.years.before_program_at_start(&rest)) {
            Some(n) => i += n,
            None => break,
        }
    }
    let field = field_spans.iter().find(|(s, _, _)| *s == i);
    // A name the program had that is a field here, marked as one ("2011년도
    // 지역복지사업 분야"), dates the field, not the round.
    if program_starts.contains(&i) && !field.is_some_and(|&(_, e, _)| followed_by_mark(chars, e, k)) {
        return Some(YearRole::Program);
    }
    let &(_, field_end, exec) = field?;
    let after = two_after_name(chars, field_end);
    if k.fields.is_mark(&after) {
        exec.then_some(YearRole::FieldLabel)
    } else if k.fields.is_evaluation(&after) {
        Some(YearRole::Program)
    } else {
        None
    }
}

/// Whether 부문/분야 follows `end` (spaces and quotes skipped).
fn followed_by_mark(chars: &[char], end: usize, k: &Knowledge) -> bool {
    k.fields.is_mark(&two_after_name(chars, end))
}

/// The two characters after a name ending at `end`, spaces and quotes
/// skipped: where 부문/분야 or 평가 would be.
fn two_after_name(chars: &[char], end: usize) -> String {
    let mut j = end;
    while j < chars.len() && matches!(chars[j], ' ' | '\'' | '"') {
        j += 1;
    }
    chars[j..chars.len().min(j + 2)].iter().collect()
}

/// The round year of a document and whether it was stated or inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundYear {
    pub year: i32,
    pub stated: bool,
}

impl RoundYear {
    /// The round of an article that tells none: a year before any round,
    /// so that what depends on it (this round's grades, "지난해") falls
    /// before the program's first round and is dropped, and only years the
    /// article writes out are read.
    pub const UNKNOWN: RoundYear = RoundYear { year: 0, stated: false };
}

/// What the document says about years, gathered sentence by sentence.
#[derive(Debug, Default, Clone)]
pub struct YearEvidence {
    /// Years written with the program's name, headline ones first.
    pub program_years: Vec<i32>,
    /// 시행 years of field labels.
    pub label_years: Vec<i32>,
    /// Plain absolute years of sentences stating an award.
    pub award_sentence_years: Vec<i32>,
    /// "지난해"/"작년" written in a sentence about the program.
    pub says_last_year: bool,
    /// The last years of streaks counted from a year in sentences about the
    /// program ("2016년부터 6년 연속 기관표창": 2021).
    pub streak_ends: Vec<i32>,
}

/// The month an article came out: all the round year needs of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedMonth {
    pub year: i32,
    pub month: u32,
}

impl PublishedMonth {
    /// The month of a publication date, else of a `published_month`
    /// ("2020-12", a page that stamps only the month).
    pub fn of(date: Option<NaiveDate>, month: Option<&str>) -> Option<PublishedMonth> {
        if let Some(d) = date {
            return Some(PublishedMonth { year: d.year(), month: d.month() });
        }
        let (y, m) = month?.split_once('-')?;
        Some(PublishedMonth { year: y.parse().ok()?, month: m.parse().ok().filter(|m| (1..=12).contains(m))? })
    }
}

/// The round: a year written with the program's name wins (the most
/// frequent, the first on ties); else the publication year (the previous
/// year for a January or February article that says "지난해" or states that
/// year in an award sentence, or the year after a 시행 label when the
/// article came out later still); else the year after a field label's 시행
/// year; else a year written in an award sentence. `None` when nothing
/// tells.
pub fn round_year(evidence: &YearEvidence, published: Option<PublishedMonth>) -> Option<RoundYear> {
    if let Some(y) = most_frequent(&evidence.program_years) {
        return Some(RoundYear { year: y, stated: true });
    }
    let label_round = most_frequent(&evidence.label_years).map(|y| y + 1);
    if let Some(date) = published {
        let early = date.month <= 2;
        let stated_last_year = evidence.award_sentence_years.contains(&(date.year - 1));
        if early && stated_last_year {
            return Some(RoundYear { year: date.year - 1, stated: true });
        }
        if let Some(y) = label_round.filter(|&y| y < date.year) {
            return Some(RoundYear { year: y, stated: false });
        }
        let year = if early && evidence.says_last_year { date.year - 1 } else { date.year };
        return Some(RoundYear { year, stated: false });
    }
    // "2016년부터 6년 연속 기관표창을 받았다": the streak runs to this round.
    if let Some(&y) = evidence.streak_ends.iter().max() {
        return Some(RoundYear { year: y, stated: true });
    }
    if let Some(y) = label_round {
        return Some(RoundYear { year: y, stated: false });
    }
    // An article recounting a record names its latest round last ("2020년부터
    // 2023년까지 대상에 이어 2024년과 2025년 최우수").
    evidence.award_sentence_years.iter().max().map(|&y| RoundYear { year: y, stated: true })
}

fn most_frequent(years: &[i32]) -> Option<i32> {
    let mut best: Option<(usize, i32)> = None;
    for &y in years {
        let n = years.iter().filter(|&&x| x == y).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, y));
        }
    }
    best.map(|(_, y)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> Knowledge {
        Knowledge::embedded().unwrap()
    }

    #[test]
    fn a_year_before_a_field_and_its_mark_is_a_label_only_for_a_field_of_execution_years() {
        let role = |s: &str, field: &str, exec: bool| {
            let start = s.find(field).map(|b| char_index(s, b)).unwrap();
            let span = (start, start + field.chars().count(), exec);
            find_years(s, &[], &[span], &k())[0].role
        };
        let s = "구는 2016년 나래지원 부문에서 우수상을 받았다";
        assert_eq!(role(s, "나래지원", false), YearRole::Plain);
        assert_eq!(role(s, "나래지원", true), YearRole::FieldLabel);
    }

    #[test]
    fn years_are_told_apart_by_what_follows() {
        let s = "'2023년 나래계획 시행결과' 부문에서 2013년부터 10년 연속, 지난해에 이어 올해 2024 가람평가";
        // Positions (in chars) of the field name and of the program name in s.
        let field_start = s.find("나래계획").map(|b| char_index(s, b)).unwrap();
        let field_end = field_start + "나래계획 시행결과".chars().count();
        let program_start = s.find("가람평가").map(|b| char_index(s, b)).unwrap();
        let years = find_years(s, &[program_start], &[(field_start, field_end, true)], &k());
        let got: Vec<(YearValue, YearRole)> = years.iter().map(|y| (y.value, y.role)).collect();
        assert_eq!(
            got,
            vec![
                (YearValue::Absolute(2023), YearRole::FieldLabel),
                (YearValue::Absolute(2013), YearRole::NotARound),
                (YearValue::Relative(-1), YearRole::Continued),
                (YearValue::Relative(0), YearRole::Plain),
                (YearValue::Absolute(2024), YearRole::Program),
            ]
        );
    }

    #[test]
    fn amounts_months_and_two_digit_years_are_read_as_what_they_are() {
        let got = |s: &str| -> Vec<(YearValue, YearRole)> {
            find_years(s, &[], &[], &k()).iter().map(|y| (y.value, y.role)).collect()
        };
        assert!(got("포상금 2억2000만원과 2000명").is_empty());
        assert_eq!(got("2012년 7월부터 시작했다"), vec![(YearValue::Absolute(2012), YearRole::NotARound)]);
        assert_eq!(got("’21년 시행결과"), vec![(YearValue::Absolute(2021), YearRole::Plain)]);
        assert_eq!(got("2015년 시작된 평가"), vec![(YearValue::Absolute(2015), YearRole::NotARound)]);
    }

    #[test]
    fn spans_with_both_ends_written_give_every_year() {
        let spans =
            |s: &str| -> Vec<Vec<i32>> { find_years(s, &[], &[], &k()).iter().map(|y| y.years(2020)).collect() };
        assert_eq!(spans("2017~2018년 2년 연속 최우수상"), vec![vec![2017, 2018]]);
        assert_eq!(spans("2020년부터 2023년까지 4년 연속 대상"), vec![vec![2020, 2021, 2022, 2023]]);
        assert_eq!(spans("2024년과 2025년 2년 연속 최우수"), vec![vec![2024, 2025]]);
        // Years listed are those years only.
        assert_eq!(spans("2019년과 2022년 대상"), vec![vec![2019, 2022]]);
        assert_eq!(spans("대상 수상은 2013년, 2019년, 2022년에 이어"), vec![vec![2013, 2019, 2022]]);
        // A start with no end is a streak, not a span.
        assert_eq!(spans("2013년부터 13년 연속 수상"), vec![vec![2013]]);
        // "올해까지" ends at the round.
        assert_eq!(spans("2018년부터 올해까지 연속해 최우수상"), vec![vec![2018, 2019, 2020]]);
    }

    #[test]
    fn a_year_written_with_a_results_field_is_its_execution_year() {
        // Positions of the field in each sentence: "나래계획 시행결과" (an
        // execution-year field) right after, or around, the year.
        let s = "'2018년도 나래계획 시행결과' 평가에서";
        let f = s.find("나래계획").map(|b| char_index(s, b)).unwrap();
        let years = find_years(s, &[], &[(f, f + 9, true)], &k());
        assert_eq!(years[0].role, YearRole::FieldLabel);
        let s = "나래계획 2015년 시행결과부문 우수상";
        let years = find_years(s, &[], &[(0, 4, true)], &k());
        assert_eq!(years[0].role, YearRole::FieldLabel);
        let s = "지난해 나래계획 시행결과 부문에서";
        let years = find_years(s, &[], &[(4, 13, true)], &k());
        assert_eq!((years[0].value, years[0].role), (YearValue::Relative(-1), YearRole::FieldLabel));
        // A plan carried out "지난해": the sentence's plain year is its execution year.
        let s = "구는 지난해 추진한 나래계획의 시행 결과로 2018년 대상을 차지했다";
        let f = s.find("나래계획").map(|b| char_index(s, b)).unwrap();
        let years = find_years(s, &[], &[(f, f + 4, true)], &k());
        assert_eq!((years[1].value, years[1].role), (YearValue::Absolute(2018), YearRole::FieldLabel));
        // Not so for a field whose years are rounds, nor without the verb.
        let years = find_years(s, &[], &[(f, f + 4, false)], &k());
        assert_eq!(years[1].role, YearRole::Plain);
        let s = "구가 지난해 나래계획 평가에 이어 2018년 대상에 꼽혔다";
        let f = s.find("나래계획").map(|b| char_index(s, b)).unwrap();
        let years = find_years(s, &[], &[(f, f + 4, true)], &k());
        assert_eq!(years[1].role, YearRole::Plain);
    }

    #[test]
    fn dates_with_dots_are_not_rounds() {
        let years = find_years("입력 2023.12.15 10:00", &[], &[], &k());
        assert!(years.iter().all(|y| y.role == YearRole::NotARound));
    }

    #[test]
    fn the_round_prefers_a_stated_year_then_the_publication_date() {
        let d = |y, m, d| PublishedMonth::of(NaiveDate::from_ymd_opt(y, m, d), None);
        let stated = YearEvidence { program_years: vec![2021, 2021, 2016], ..Default::default() };
        assert_eq!(round_year(&stated, d(2022, 1, 5)), Some(RoundYear { year: 2021, stated: true }));
        let none = YearEvidence::default();
        assert_eq!(round_year(&none, d(2023, 12, 5)), Some(RoundYear { year: 2023, stated: false }));
        let last_year = YearEvidence { says_last_year: true, ..Default::default() };
        assert_eq!(round_year(&last_year, d(2024, 1, 10)), Some(RoundYear { year: 2023, stated: false }));
        assert_eq!(round_year(&last_year, d(2024, 6, 10)), Some(RoundYear { year: 2024, stated: false }));
        let label = YearEvidence { label_years: vec![2023], ..Default::default() };
        assert_eq!(round_year(&label, None), Some(RoundYear { year: 2024, stated: false }));
        // An article out in the label's own year names its round by it.
        assert_eq!(round_year(&label, d(2023, 12, 8)), Some(RoundYear { year: 2023, stated: false }));
        // A January article on "2023 복지분야" awards.
        let stated = YearEvidence { award_sentence_years: vec![2023], ..Default::default() };
        assert_eq!(round_year(&stated, d(2024, 1, 3)), Some(RoundYear { year: 2023, stated: true }));
        assert_eq!(round_year(&none, None), None);
        // "2016년부터 6년 연속": with no date, the streak's end is the round.
        let streak = YearEvidence { streak_ends: vec![2021], ..Default::default() };
        assert_eq!(round_year(&streak, None), Some(RoundYear { year: 2021, stated: true }));
        assert_eq!(round_year(&streak, d(2022, 12, 1)), Some(RoundYear { year: 2022, stated: false }));
        assert_eq!(
            k().years.streak_ends("2016년부터 6년 연속 기관표창을, 2019년부터 3년째").collect::<Vec<_>>(),
            [2021, 2021]
        );
        assert_eq!(k().years.streak_ends("2016년부터 시행된 평가").count(), 0);
        // A page stamped with its month alone ("date 2023-12").
        assert_eq!(
            round_year(&none, PublishedMonth::of(None, Some("2023-12"))),
            Some(RoundYear { year: 2023, stated: false })
        );
        assert_eq!(PublishedMonth::of(None, Some("2023-13")), None);
    }
}
