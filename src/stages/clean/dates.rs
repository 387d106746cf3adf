//! Dates written on a page: every calendar date of a line with its label
//! (입력 / 수정 / date / Posted on before it, 송고 after it), a label and date
//! glued to the text that follows them, and the bare weekday date of a crawl
//! widget. Which date is the article's own is chosen by [`super::published`].
//!
//! Dates are looked for on many lines of every page, so each regex runs only
//! after a cheap byte test that its every match needs (a "gate", issue 7).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lexicon::Lexicon;
use super::text::hangul_count;

/// A time after a date: "10:21", "오후 3:00", "15:20:45", "0:0:0" (print archives).
const TIME: &str = r"(?:\s*(?:오전|오후)?\s*\d{1,2}:\d{1,2}(?::\d{1,2})?)?";

/// A date with a four-digit year. Gate: [`may_hold_date`].
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let date = concat!(
        r"(?P<y>(?:19|20)\d{2})\s*(?:년\s*|[-./]\s*)(?P<m>\d{1,2})\s*(?:월\s*|[-./]\s*)(?P<d>\d{1,2})",
        r"(?:\s*일)?\.?(?:\s*\(\s*[월화수목금토일](?:요일)?\s*\))?(?:\s*[월화수목금토일]요일)?",
    );
    Regex::new(&[date, TIME].concat()).unwrap()
});

/// The groups of [`DATE`] by index (a name is looked up on every match):
/// `y`, and `m` and `d`.
const DATE_Y: usize = 1;
const DATE_MD: (usize, usize) = (2, 3);

/// A date with a two-digit year ("21-12-14 23:22"), read only right after a
/// date label. Gate: [`may_hold_short_date`].
static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let date = r"(?P<y>[0-9]{2})(?P<s1>[-./])(?P<m>[0-9]{1,2})(?P<s2>[-./])(?P<d>[0-9]{1,2})";
    Regex::new(&[date, TIME].concat()).unwrap()
});

/// The groups of [`SHORT_DATE`] by index: `y`, `s1` and `s2`, `m` and `d`.
const SHORT_Y: usize = 1;
const SHORT_S1: usize = 2;
const SHORT_S2: usize = 4;
const SHORT_MD: (usize, usize) = (3, 5);

/// A year and month without a day ("2020-12"): not a date, but a stamp
/// that a label may carry. Anchored at the start of what follows the label.
static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)[0-9]{2})\s*(?:년\s*|[-./])\s*([0-9]{1,2})(?:\s*월)?").unwrap());

/// "07.09 (화)": see [`is_day_stamp`].
static DAY_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,2}[./][0-9]{1,2}\.?\s*\(\s*[월화수목금토일]\s*\)$").unwrap());
/// A day stamp is at most this long (in bytes).
const DAY_STAMP_BYTES: usize = 24;

/// A weekday after a date: "(월)", "월요일".
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일").unwrap());

/// Years written with two digits below this are in the 2000s, the others in the 1900s.
const SHORT_YEAR_PIVOT: i32 = 70;
/// The text glued after a labelled date is split off when it holds at least
/// this many Hangul syllables (a reporter name or "본문" stays on the line).
const GLUED_TEXT_HANGUL: usize = 8;
/// A line holding a label, a stamp and that text is at least this long (in
/// bytes: the shortest label "date", the shortest stamp "21-1-1" or
/// "2020-1", 3 a syllable).
const GLUED_LINE_BYTES: usize = 4 + 6 + 3 * GLUED_TEXT_HANGUL;

/// How a date is labelled on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// 입력, 등록, 승인, 송고, date, Posted, ...: the publication date.
    Published,
    /// 수정, 최종수정, Updated, ...: a later revision.
    Revised,
    /// 최종편집, or a date "… 기준" (as of): a stamp of the site or of the
    /// page view, not a date of the article.
    Edition,
}

/// A calendar date found in a line, with its byte span and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
    pub label: Option<DateLabel>,
}

/// Whether `line` may hold a [`DATE`] match: one starts with a year, "19"
/// or "20" and then a digit (`\d` is any Unicode digit: an ASCII digit or a
/// character of several bytes, whose first byte is not ASCII). Most lines
/// have no such bytes, and the regex is not run on them (performance, issue 7).
fn may_hold_date(line: &str) -> bool {
    let b = line.as_bytes();
    // Only where "1" or "2" is (found by memchr, few on most lines).
    memchr::memchr2_iter(b'1', b'2', b).any(
        |i| matches!(b.get(i..i + 3), Some(&[b'1', b'9', c] | &[b'2', b'0', c]) if c.is_ascii_digit() || !c.is_ascii()),
    )
}

/// Whether `line` may hold a [`SHORT_DATE`] match: two ASCII digits, a
/// separator, one or two digits, a separator and a digit ("31-03-04";
/// "31.5%" and "2,500" are not).
fn may_hold_short_date(line: &str) -> bool {
    let b = line.as_bytes();
    let sep = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'-' | b'.' | b'/'));
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // Only where a separator is (found by memchr): it is byte i + 2.
    memchr::memchr3_iter(b'-', b'.', b'/', b).filter(|&s| s >= 2).map(|s| s - 2).any(|i| {
        i < b.len().saturating_sub(5) && digit(i) && digit(i + 1) && sep(i + 2) && digit(i + 3) && {
            let j = if digit(i + 4) { i + 5 } else { i + 4 };
            sep(j) && digit(j + 1)
        }
    })
}

/// A date match before it gets its label.
struct Span {
    date: NaiveDate,
    start: usize,
    end: usize,
    /// Written with a two-digit year: kept only with a label before it.
    short: bool,
}

/// Every valid full date (year, month, day) in a line, in order.
pub fn find_dates(line: &str) -> Vec<FoundDate> {
    let mut spans = Vec::new();
    if may_hold_date(line) {
        spans.extend(DATE.captures_iter(line).filter_map(|c| span(line, &c, c[DATE_Y].parse().ok(), DATE_MD, false)));
    }
    if may_hold_short_date(line) {
        let short = SHORT_DATE.captures_iter(line).filter(|c| c[SHORT_S1] == c[SHORT_S2]).filter_map(|c| {
            let year = c[SHORT_Y].parse::<i32>().ok().map(|y| if y < SHORT_YEAR_PIVOT { 2000 + y } else { 1900 + y });
            span(line, &c, year, SHORT_MD, true)
        });
        let short: Vec<Span> =
            short.filter(|s| !spans.iter().any(|f: &Span| s.start < f.end && f.start < s.end)).collect();
        spans.extend(short);
        spans.sort_by_key(|s| s.start);
    }
    if spans.is_empty() {
        return Vec::new();
    }
    let lex = Lexicon::get();
    let mut out = Vec::new();
    let mut segment_start = 0;
    for s in spans {
        let before = label_before(&line[segment_start..s.start], lex);
        // A label written after the date ("2023/12/14 10:21 송고") counts
        // only when none is written before it.
        let label = before.or_else(|| label_after(&line[s.end..], lex));
        segment_start = s.end;
        if !s.short || before.is_some() {
            out.push(FoundDate { date: s.date, start: s.start, end: s.end, label });
        }
    }
    out
}

/// The span of one regex match, when it is a real date not glued to other digits.
fn span(
    line: &str,
    caps: &regex::Captures,
    year: Option<i32>,
    (month, day): (usize, usize),
    short: bool,
) -> Option<Span> {
    let m = caps.get(0).expect("whole match");
    let before = line[..m.start()].chars().next_back();
    let glued_before = before.is_some_and(|c| c.is_ascii_digit() || (short && c == '.'));
    let glued_after = line[m.end()..].chars().next().is_some_and(|c| c.is_ascii_digit());
    let num = |k: usize| caps[k].parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(year?, num(month)?, num(day)?)?;
    (!glued_before && !glued_after).then_some(Span { date, start: m.start(), end: m.end(), short })
}

/// What may sit between a label and its date ("입력 : 2022...", "[등록 2022...").
fn trim_label_gap(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '[' | '(' | '·' | ',' | '.'))
}

/// The label the text before a date ends with.
fn label_before(before: &str, lex: &Lexicon) -> Option<DateLabel> {
    let before = trim_label_gap(before);
    label_of(lex, |l| before.ends_with(l) && whole_word(l, before[..before.len() - l.len()].chars().next_back()))
}

/// The label the text after a date starts with.
fn label_after(after: &str, lex: &Lexicon) -> Option<DateLabel> {
    let after = after.trim_start();
    let fits = |l: &str| after.starts_with(l) && whole_word(l, after[l.len()..].chars().next());
    if lex.dates.as_of_labels.iter().any(|l| fits(l)) {
        return Some(DateLabel::Edition);
    }
    label_of(lex, fits)
}

fn label_of(lex: &Lexicon, fits: impl Fn(&str) -> bool) -> Option<DateLabel> {
    if lex.dates.edition_labels.iter().any(|l| fits(l)) {
        Some(DateLabel::Edition)
    } else if lex.dates.published_labels.iter().any(|l| fits(l)) {
        Some(DateLabel::Published)
    } else if lex.dates.revised_labels.iter().any(|l| fits(l)) {
        Some(DateLabel::Revised)
    } else {
        None
    }
}

/// An English label is a whole word: "date" is not the end of "UPDATE".
/// (Korean labels may touch other syllables: "1298호입력".)
fn whole_word(label: &str, neighbour: Option<char>) -> bool {
    !label.starts_with(|c: char| c.is_ascii_alphabetic()) || !neighbour.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Whether `text` is exactly one date label ("승인" on a line of its own,
/// its date on the next).
pub fn is_label(text: &str, lex: &Lexicon) -> bool {
    lex.matchers().date_label_words.has(text)
}

/// A line that opens with a date label and its date, or a year and month,
/// and goes on with text of its own (" date 2025-11-27 [가람일보=홍길동
/// 기자] 구는 ..." lost its line break): the byte offset where the stamp
/// ends. `None` for every other line.
pub fn glued_date_end(line: &str, lex: &Lexicon) -> Option<usize> {
    // Gate: the line is long enough to hold a stamp and text, and starts with a label.
    if line.len() < GLUED_LINE_BYTES || !lex.matchers().date_labels.starts(line) {
        return None;
    }
    let end = match find_dates(line).first() {
        Some(d) => is_label(trim_label_gap(&line[..d.start]), lex).then_some(d.end)?,
        None => {
            let d = &lex.dates;
            let labels = d.published_labels.iter().chain(&d.revised_labels).chain(&d.edition_labels);
            let label = labels.filter(|l| line.starts_with(l.as_str())).max_by_key(|l| l.len())?;
            let after_label = trim_gap_start(&line[label.len()..]);
            let stamp = line.len() - after_label.len();
            let word = whole_word(label, line[label.len()..].chars().next());
            stamp + word.then(|| YEAR_MONTH.find(after_label)).flatten()?.end()
        }
    };
    let rest = &line[end..];
    let glued_digit = rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '/'));
    (!glued_digit && hangul_count(rest) >= GLUED_TEXT_HANGUL && find_dates(rest).is_empty()).then_some(end)
}

fn trim_gap_start(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '[' | '(' | '·' | ',' | '.'))
}

/// A label with a year and month and nothing else ("date 2020-12"): a date
/// stamp without a day, metadata but no publication date.
pub fn is_month_stamp(line: &str, lex: &Lexicon) -> bool {
    month_stamp(line, lex).is_some()
}

/// The year, month and label of a month stamp ([`is_month_stamp`]).
pub fn month_stamp(line: &str, lex: &Lexicon) -> Option<(i32, u32, DateLabel)> {
    if !lex.matchers().date_labels.starts(line) {
        return None;
    }
    let d = &lex.dates;
    let labelled = [
        (&d.edition_labels, DateLabel::Edition),
        (&d.published_labels, DateLabel::Published),
        (&d.revised_labels, DateLabel::Revised),
    ];
    labelled.into_iter().find_map(|(labels, kind)| {
        labels.iter().find_map(|l| {
            let (year, month) = year_month_only(trim_gap_start(line.strip_prefix(l.as_str())?))?;
            Some((year, month, kind))
        })
    })
}

/// A year and month that are the whole of `text` ("2020-12", "2020년 12월"),
/// closing dots and spaces allowed.
fn year_month_only(text: &str) -> Option<(i32, u32)> {
    let m = YEAR_MONTH.captures(text)?;
    text[m.get(0)?.end()..].trim_end_matches(['.', ' ']).is_empty().then_some(())?;
    let month: u32 = m[2].parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((m[1].parse().ok()?, month))
}

/// The year and month of a feed's `published` field that gives no day
/// ("2021-12"): the article's month, though not its date.
pub fn parse_month_field(value: &str) -> Option<(i32, u32)> {
    year_month_only(value.trim())
}

/// A month and day with a weekday and nothing else ("07.09 (화)"): a
/// site header's date without a year, never a publication date.
pub fn is_day_stamp(line: &str) -> bool {
    // Gate: the stamp starts with a digit and is short.
    line.len() <= DAY_STAMP_BYTES && line.starts_with(|c: char| c.is_ascii_digit()) && DAY_STAMP.is_match(line)
}

/// Splits every line that opens with a labelled date glued to other text
/// ([`glued_date_end`]) into the stamp and the text, so that each is
/// classified on its own.
pub fn split_glued_dates(lines: Vec<String>, lex: &Lexicon) -> Vec<String> {
    let Some(first) = lines.iter().position(|l| glued_date_end(l, lex).is_some()) else {
        return lines;
    };
    let mut out = Vec::with_capacity(lines.len() + 1);
    for (i, line) in lines.into_iter().enumerate() {
        match (i >= first).then(|| glued_date_end(&line, lex)).flatten() {
            Some(end) => {
                out.push(line[..end].trim_end().to_string());
                out.push(line[end..].trim_start().to_string());
            }
            None => out.push(line),
        }
    }
    out
}

/// Parses a date given as a field value ("2022-12-08", "2022.12.08 09:40",
/// "2022-12-08T09:40:00+09:00").
pub fn parse_date_field(value: &str) -> Option<NaiveDate> {
    find_dates(value.trim()).first().map(|d| d.date)
}

/// A bare date with a weekday and nothing else ("2024.05.13 (월)",
/// "2024년 5월 13일 월요일"): the shape of a weather widget's crawl date.
pub fn is_bare_weekday_date(line: &str) -> bool {
    // A date match starts with its year, "19" or "20": a line whose date
    // starts it starts with one of these (most lines do not).
    if !line.starts_with("19") && !line.starts_with("20") {
        return false;
    }
    let dates = find_dates(line);
    match dates.as_slice() {
        [d] => d.start == 0 && d.end == line.len() && WEEKDAY.is_match(&line[d.start..d.end]) && !line.contains(':'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_field_is_a_year_and_month_and_nothing_else() {
        assert_eq!(parse_month_field(" 2021-12 "), Some((2021, 12)));
        assert_eq!(parse_month_field("2019년 11월"), Some((2019, 11)));
        assert_eq!(parse_month_field("2019.7."), Some((2019, 7)));
        assert_eq!(parse_month_field("2021-13"), None);
        assert_eq!(parse_month_field("2021-12-05"), None);
        assert_eq!(parse_month_field("12월 2021"), None);
    }

    #[test]
    fn dates_in_many_shapes() {
        let cases = [
            ("입력 2022-12-08", d(2022, 12, 8), Some(DateLabel::Published)),
            ("등록 2022-12-21 09:12", d(2022, 12, 21), Some(DateLabel::Published)),
            (
                "등록일 : 2023-12-15 16:22:29 · 공유일 : 2023-12-16 20:02:07",
                d(2023, 12, 15),
                Some(DateLabel::Published),
            ),
            ("기사입력 2022.12.08", d(2022, 12, 8), Some(DateLabel::Published)),
            ("최종수정 2020-12-21 10:05", d(2020, 12, 21), Some(DateLabel::Revised)),
            ("2022년 12월 8일 14:02", d(2022, 12, 8), None),
            ("가람뉴스 2014. 12. 9. 16:44", d(2014, 12, 9), None),
            ("입력 2021/12/15 19:26", d(2021, 12, 15), Some(DateLabel::Published)),
            ("desk@x.kr | 2016-12-07 12:50:54", d(2016, 12, 7), None),
            ("2023/12/14 10:21 송고", d(2023, 12, 14), Some(DateLabel::Published)),
            ("입력2023.12.14. 오전 10:21", d(2023, 12, 14), Some(DateLabel::Published)),
            ("기사승인 2023.12.14 10:21", d(2023, 12, 14), Some(DateLabel::Published)),
            ("2013.10.03 15:20 | 수정 2013.10.04", d(2013, 10, 3), None),
        ];
        for (line, date, label) in cases {
            let found = find_dates(line);
            assert_eq!(found.first().map(|f| (f.date, f.label)), Some((date, label)), "{line}");
        }
        assert!(find_dates("2023-02-30").is_empty());
        assert!(find_dates("12022-12-08").is_empty());
        assert_eq!(parse_date_field("2022-12-08T09:40:00+09:00"), Some(d(2022, 12, 8)));
    }

    #[test]
    fn revised_date_is_labelled_apart_from_the_published_one() {
        let found = find_dates("입력 2013.10.03 15:20 | 수정 2013.10.04 16:02");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].label, Some(DateLabel::Published));
        assert_eq!(found[1].label, Some(DateLabel::Revised));
    }

    /// English labels in any case and order, Korean labels glued to what
    /// comes before them, each whole: "UPDATE" does not hold the label "date".
    #[test]
    fn labels_in_either_language() {
        let first = |line: &str| find_dates(line).first().map(|f| (f.date, f.label));
        let published = Some(DateLabel::Published);
        let revised = Some(DateLabel::Revised);
        assert_eq!(first("date 2031-03-04"), Some((d(2031, 3, 4), published)));
        assert_eq!(first("DATE : 2031-03-04 10:59:09"), Some((d(2031, 3, 4), published)));
        assert_eq!(first("Posted on 2031. 3. 4."), Some((d(2031, 3, 4), published)));
        assert_eq!(first("Published: 2031/03/04"), Some((d(2031, 3, 4), published)));
        assert_eq!(first("Updated 2031.03.05 08:00"), Some((d(2031, 3, 5), revised)));
        assert_eq!(first("UPDATE. 2031-03-05 08:00 (수)"), Some((d(2031, 3, 5), revised)));
        assert_eq!(first("가람시보 제12호입력 : 2031년 03월 04일"), Some((d(2031, 3, 4), published)));
        assert_eq!(first("mandate 2031-03-04"), Some((d(2031, 3, 4), None)));
        assert_eq!(first("2031-03-04 09:00 게재"), Some((d(2031, 3, 4), published)));
    }

    /// A two-digit year is read only right after a label: "작성일 31-03-04",
    /// never a bare "31.03.04" of a list or a version number.
    #[test]
    fn two_digit_years_need_a_label() {
        let first = |line: &str| find_dates(line).first().map(|f| (f.date, f.label));
        assert_eq!(first("작성자 관리자 작성일 31-03-04 10:59본문"), Some((d(2031, 3, 4), Some(DateLabel::Published))));
        assert_eq!(first("작성일31.03.04 10:00 조회 12회"), Some((d(2031, 3, 4), Some(DateLabel::Published))));
        assert_eq!(first("등록 98/11/02"), Some((d(1998, 11, 2), Some(DateLabel::Published))));
        assert_eq!(first("가람소식 / 31.03.04"), None);
        assert_eq!(first("버전 31.03.04"), None);
        assert_eq!(first("작성일 31-03.04"), None, "two different separators");
        assert_eq!(first("작성일 31-02-30"), None, "not a calendar date");
        assert_eq!(
            first("입력 2031.03.04"),
            Some((d(2031, 3, 4), Some(DateLabel::Published))),
            "no short date inside a long one"
        );
        assert_eq!(find_dates("입력 2031.03.04").len(), 1);
    }

    #[test]
    fn group_indices_name_the_groups() {
        let names = |re: &Regex| re.capture_names().map(|n| n.unwrap_or("").to_string()).collect::<Vec<_>>();
        assert_eq!(names(&DATE), ["", "y", "m", "d"]);
        assert_eq!((DATE_Y, DATE_MD), (1, (2, 3)));
        assert_eq!(names(&SHORT_DATE), ["", "y", "s1", "m", "s2", "d"]);
        assert_eq!((SHORT_Y, SHORT_S1, SHORT_S2, SHORT_MD), (1, 2, 4, (3, 5)));
    }

    #[test]
    fn times_of_print_archives() {
        let found = find_dates("2031-03-04 0:0:0 12면");
        assert_eq!((found[0].date, &"2031-03-04 0:0:0 12면"[found[0].end..]), (d(2031, 3, 4), " 12면"));
    }

    /// The date gates never hide a date: where [`may_hold_date`] or
    /// [`may_hold_short_date`] says no, its regex finds nothing, and a bare
    /// weekday date starts with its year.
    #[test]
    fn date_gates_never_hide_a_date() {
        let lines = super::super::noise::tests::tricky_lines();
        let mut dated = 0;
        let mut short = 0;
        for line in lines.iter().flat_map(|l| [l.clone(), format!("작성일 {l}"), format!("{l}12.3")]) {
            if !may_hold_date(&line) {
                assert!(!DATE.is_match(&line), "{line:?}");
            }
            if !may_hold_short_date(&line) {
                assert!(!SHORT_DATE.is_match(&line), "{line:?}");
            }
            short += SHORT_DATE.is_match(&line) as usize;
            let dates = find_dates(&line);
            dated += !dates.is_empty() as usize;
            let bare = match dates.as_slice() {
                [d] => {
                    d.start == 0
                        && d.end == line.len()
                        && WEEKDAY.is_match(&line[d.start..d.end])
                        && !line.contains(':')
                }
                _ => false,
            };
            assert_eq!(is_bare_weekday_date(&line), bare, "{line:?}");
            let m = Lexicon::get().matchers();
            let labels = Lexicon::get().dates.all_labels();
            assert_eq!(m.date_labels.starts(&line), labels.iter().any(|l| line.starts_with(l.as_str())), "{line:?}");
        }
        assert!(dated > 100 && short > 100, "the probe lines hold dates: {dated} {short}");
        assert!(may_hold_short_date("작성일 31-3-4") && may_hold_short_date("31.03.04"));
        assert!(
            !may_hold_short_date("지원율 31.5%") && !may_hold_short_date("2,500명") && !may_hold_short_date("31-03")
        );
        assert!(is_bare_weekday_date("2024.05.13 (월)") && !may_hold_date("2 0 2 4년 5월"));
    }

    #[test]
    fn weekday_date_shape() {
        assert!(is_bare_weekday_date("2024.05.13 (월)"));
        assert!(is_bare_weekday_date("2024. 5. 13 (월)"));
        assert!(is_bare_weekday_date("2024년 5월 13일 월요일"));
        assert!(!is_bare_weekday_date("2024.05.13 (월) 10:20"));
        assert!(!is_bare_weekday_date("입력 2024.05.13 (월)"));
    }

    /// A label and date glued to the lead or a subhead are split off; a
    /// byline tail, a second date or a bare date stay on their line.
    #[test]
    fn glued_labels_are_split_from_the_text() {
        let lex = Lexicon::get();
        let lines = |text: &str| split_glued_dates(text.lines().map(str::to_string).collect(), lex);
        assert_eq!(
            lines("date 2031-03-04 [가람일보=홍길동 기자] 가람구가 올해 평가에서 상을 받았다."),
            vec!["date 2031-03-04", "[가람일보=홍길동 기자] 가람구가 올해 평가에서 상을 받았다."]
        );
        assert_eq!(
            lines("date 2031-03 가람구 복지 평가 네 분야에서 수상"),
            vec!["date 2031-03", "가람구 복지 평가 네 분야에서 수상"]
        );
        assert_eq!(
            lines("입력 : 2031.03.04 09:00나람군 복지 상 소식을 알렸다"),
            vec!["입력 : 2031.03.04 09:00", "나람군 복지 상 소식을 알렸다"]
        );
        // The shortest stamp ("date" and a two-digit year) with eight syllables glued on.
        assert_eq!(lines("date31-3-4가람구복지평가수"), vec!["date31-3-4", "가람구복지평가수"]);
        for kept in [
            "입력 2031.03.04 09:00 | 수정 2031.03.05 10:00 | 홍길동 기자",
            "date31-3-4가람구복지평가",
            "작성일 31-03-04 10:59본문",
            "2031-03-04 가람구가 올해 평가에서 상을 받았다는 소식이다.",
            "입력이 늦어진 2031년 3월 4일 자료를 구가 다시 올렸다.",
        ] {
            assert_eq!(lines(kept), vec![kept], "{kept}");
        }
        assert!(is_month_stamp("date 2031-03", lex) && is_month_stamp("발행일 2031년 3월", lex));
        assert!(!is_month_stamp("date 2031-03-04", lex) && !is_month_stamp("2031-03", lex));
        assert!(is_day_stamp("03.04 (화)") && is_day_stamp("3/4(화)") && !is_day_stamp("03.04 가람구 소식"));
    }
}
