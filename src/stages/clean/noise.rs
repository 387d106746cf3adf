//! Line classifiers: each answers "is this one (normalized) line page noise
//! of kind X?" from the line alone. Context rules (widget blocks, menu runs,
//! related-article lists, the lines above the headline) are in
//! [`super::layout`]. The words come from [`Lexicon`]; the shapes are here.
//!
//! Every line of every page goes through these classifiers, so they are
//! written for speed (performance, issue 7): the facts most of them need
//! (length, sentence shape, core) are computed once per line ([`Line`]), the
//! word lists are compiled ([`super::lexicon::Matchers`]), and each regex
//! sits behind a cheap test of something its every match must contain
//! (a "gate"), so the answer is the regex's own.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{find_dates, is_day_stamp, is_label, is_month_stamp};
use super::lexicon::{lists, AnyOf, Lexicon};
use super::metadata::{has_reporter, looks_like_outlet};
use super::text::{char_len, hangul_count};

/// A line holding only a date label is at most this long.
const LABEL_LINE_CHARS: usize = 8;
/// A "by 가람블로그 2030. 6. 14." line is at most this long.
const BY_LINE_CHARS: usize = 60;
/// Before a date stamp with its time closing the line, at most this many
/// short words (an outlet, a name, a title).
const STAMP_WORDS: usize = 3;
/// A list header, with a modifier or the site's name before it, is at most this long.
const LIST_HEADER_CHARS: usize = 40;

/// Leading list bullets, trimmed before matching a line against vocabulary.
pub const BULLETS: &[char] = &['·', '-', '*', '■', '□', '▶', '▷', '►', '○', '●', '◆', '◇', '※', '>', '|', '–', '—'];

/// What a page shows in place of an e-mail address hidden from scrapers.
const PROTECTED_EMAIL: &str = "[email protected]";
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}").unwrap());
/// Gate: a match holds the '.' of the extension.
static IMAGE_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:jpe?g|png|gif|bmp|webp|tiff?|heic|hwpx?|pdf)\s*(?:\(\s*[0-9.,]+\s*[KMG]?B\s*\))?\s*[)\]]?$")
        .unwrap()
});
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:다|요|음|함|임|됨|죠|습니다|니다)\s*[.!?…]*\s*["'”’)\]>]*\s*[.!?]*$"#).unwrap());
/// Gate: the whole line, so it starts with an opening and ends with a closing bracket.
static PHOTO_CREDIT_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[<\[(]\s*[^<>\[\]()]{0,40}(?:제공|사진|촬영)\s*[>\])]$").unwrap());
/// Gate: the line starts with a (Unicode) digit.
static NUMBERED_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}(?:[.)]\s*|\s+)\S").unwrap());
/// A byline at the end of a line. Every part is optional: it matches every line.
static TRAILING_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\s*(?:[/\[(]\s*)?(?:[가-힣]{2,4}\s?기자\s*)?",
        r"(?:[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})?\s*[\])]?$"
    ))
    .unwrap()
});
/// A photo credit closing a caption. Gate: a match ends the line with a closing bracket.
static TRAILING_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[<\[(]\s*(?:사진\s*)?[^<>\[\]()]{0,30}(?:제공|사진|촬영)\s*[>\])]$").unwrap());
/// Gate: a match holds ".php".
static PHP_LOCATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\.php\b.* on line \d+").unwrap());

/// One normalized line with the facts that most classifiers ask about,
/// computed once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    /// [`char_len`] of the text.
    pub chars: usize,
    /// [`is_sentence`] of the text.
    pub sentence: bool,
    /// [`core`] of the text.
    pub core: &'a str,
    /// The word lists of [`Lexicon::get`] with a word in the text (bits of
    /// [`lists`]), found in one pass; `None` for a line longer than
    /// [`SCANNED_CHARS`], which is searched list by list when asked.
    words: Option<u32>,
}

/// Lines up to this long (characters) are searched for the words of every
/// list of [`lists`] at once: the longest that a classifier asks about
/// (notices of reading aids, [`super::chrome`]).
const SCANNED_CHARS: usize = 300;

impl<'a> Line<'a> {
    pub fn new(text: &'a str) -> Line<'a> {
        let chars = char_len(text);
        let words = (chars <= SCANNED_CHARS).then(|| Lexicon::get().matchers().line_words.lists_in(text));
        Line { text, chars, sentence: chars >= 15 && SENTENCE_END.is_match(text), core: core(text), words }
    }

    /// Whether the text holds a word of one of the lists `bits` (of
    /// [`lists`]) of `lex`, whose compiled form is `any`: read from the scan
    /// of [`Line::new`] when it was made with this lexicon, else searched.
    pub fn has_word(&self, lex: &Lexicon, bits: u32, any: &AnyOf) -> bool {
        match self.words {
            Some(words) if std::ptr::eq(lex, Lexicon::get()) => words & bits != 0,
            _ => any.is_in(self.text),
        }
    }
}

/// The line without leading bullets and surrounding brackets / punctuation.
pub fn core(line: &str) -> &str {
    line.trim_start_matches(|c: char| BULLETS.contains(&c) || c == ' ')
        .trim_end_matches(|c: char| matches!(c, ' ' | '.' | '!' | ':' | '|' | '>' | '»' | '›'))
}

/// A body sentence: ends like a Korean declarative / polite sentence
/// (…했다. …합니다 …했다" …함) and is long enough to be one.
pub fn is_sentence(line: &str) -> bool {
    char_len(line) >= 15 && SENTENCE_END.is_match(line)
}

/// Part of a weather widget: a short line with a temperature ("맑음속초15.8℃"),
/// or a widget label line ("기상청 제공").
pub fn is_weather(line: &Line, lex: &Lexicon) -> bool {
    let m = lex.matchers();
    (line.chars <= 40 && line.has_word(lex, lists::TEMPERATURE_MARKS, &m.temperature_marks))
        || m.widget_lines.has(line.core)
}

/// A PHP / server error message ("Warning: ... on line 88").
pub fn is_server_warning(line: &str, lex: &Lexicon) -> bool {
    lex.matchers().warning_prefixes.starts(line) || (line.contains(".php") && PHP_LOCATION.is_match(line))
}

/// A copyright or redistribution notice ("[ⓒ 세계뉴스. 무단전재-재배포 금지]").
pub fn is_copyright(line: &Line, lex: &Lexicon) -> bool {
    let markers = &lex.matchers().copyright_markers;
    line.chars <= 200 && line.has_word(lex, lists::COPYRIGHT_MARKERS, markers) && !is_long_prose(line)
}

/// More than two sentences of prose: never a one-line notice.
fn is_long_prose(line: &Line) -> bool {
    line.chars > 120 && line.text.matches("다. ").nth(1).is_some()
}

/// A bare image file name ("화면 캡처 2021-12-16 191715.jpg", "고양시-ci.jpg"),
/// or an attachment's name with its size ("2. 시상식 사진.png(88.1KB)").
pub fn is_image_file(line: &Line) -> bool {
    line.chars <= 150 && !line.sentence && line.text.contains('.') && IMAGE_FILE.is_match(line.text)
}

/// A photo caption that is not a sentence ("▲ 김영배 성북구청장 |") or a bare
/// photo credit ("<포항시 제공>"). Bullet items of the body ("▲ 희망복지지원단
/// 운영 : 수성구") and captions that are sentences are not noise.
pub fn is_caption_noise(line: &Line, lex: &Lexicon) -> bool {
    let text = line.text;
    let starts_with_marker = text.starts_with(['▲', '△', '▷']);
    if starts_with_marker && text.trim_end().ends_with('|') && !is_sentence(text.trim_end_matches([' ', '|'])) {
        return true;
    }
    if text.starts_with(['<', '[', '(']) && text.ends_with(['>', ']', ')']) && PHOTO_CREDIT_ONLY.is_match(text) {
        return true;
    }
    line.chars <= 40 && !line.sentence && lex.matchers().caption_credits.starts(text)
}

/// Removes a photo credit at the end of a caption sentence
/// ("... 기념촬영을 하고 있다. <포항시 제공>" keeps the sentence).
pub fn strip_trailing_credit(line: &str) -> &str {
    if !line.ends_with(['>', ']', ')']) {
        return line;
    }
    match TRAILING_CREDIT.find(line) {
        Some(m) if m.start() > 0 && is_sentence(&line[..m.start()]) => line[..m.start()].trim_end(),
        _ => line,
    }
}

/// Splits a byline glued to the end of a paragraph ("...밝혔다. /홍길동 기자
/// hong@x.kr", "...말했다. [홍길동 기자]", "...말했다. hong@x.kr") from the
/// sentence. Returns the sentence and the byline, if any.
pub fn split_trailing_byline(line: &str) -> (&str, Option<&str>) {
    // Gate: every part of the regex is optional, so it matches every line;
    // but a tail is a byline only when it holds "기자" or an e-mail address
    // (an '@'), and the tail is part of the line.
    if !line.contains('@') && !line.contains("기자") {
        return (line, None);
    }
    split_trailing_byline_by_regex(line, &TRAILING_BYLINE)
}

fn split_trailing_byline_by_regex<'a>(line: &'a str, trailing_byline: &Regex) -> (&'a str, Option<&'a str>) {
    match trailing_byline.find(line) {
        Some(m) if m.start() > 0 && m.as_str().trim().len() > 1 => {
            let (body, tail) = line.split_at(m.start());
            let tail = tail.trim();
            let is_byline = tail.contains("기자") || has_email(tail);
            if is_byline && is_sentence(body.trim_end()) {
                (body.trim_end(), Some(tail))
            } else {
                (line, None)
            }
        }
        _ => (line, None),
    }
}

/// A very short line that may be award content rather than a menu entry:
/// it has a grade word ("대상", "최우수") or ends like a place ("달서구").
pub fn may_be_award_content(line: &str, lex: &Lexicon) -> bool {
    let c = core(line).trim_end_matches(|ch: char| matches!(ch, ',' | ')' | ']' | '\'' | '"'));
    lex.matchers().keep_words.is_in(c)
        || (lex.menus.place_endings.iter().any(|e| c.ends_with(e.as_str())) && hangul_count(c) >= 2)
}

/// The header of a list of other articles ("많이 본 뉴스", "관련기사"),
/// possibly after a modifier ("오늘의 인기기사", "가장 많이 본 뉴스") or the
/// site's name ("가람뉴스 최신기사").
pub fn is_list_header(line: &Line, lex: &Lexicon) -> bool {
    // Gate: a header, with its modifier or the site's name, is short.
    if line.chars > LIST_HEADER_CHARS {
        return false;
    }
    let c = line.core.trim_matches(|ch: char| matches!(ch, '[' | ']' | '<' | '>' | '【' | '】' | ' '));
    let headers = &lex.matchers().list_headers;
    let after_outlet = c.split_once(' ').filter(|(first, rest)| headers.has(rest) && looks_like_outlet(first, lex));
    // Gate: the modifiers are tried only on a line opening with one.
    headers.has(c)
        || after_outlet.is_some()
        || is_spaced_header(c, lex)
        || (lex.matchers().header_modifiers.starts(c)
            && (lex.lists.header_modifiers.iter())
                .any(|m| c.strip_prefix(m.as_str()).is_some_and(|rest| headers.has(rest.trim_start()))))
}

/// A header written with a space before its last word ("최신 뉴스" for
/// "최신뉴스"), or with "뉴스" / "기사" after a header ("헤드라인 뉴스").
fn is_spaced_header(c: &str, lex: &Lexicon) -> bool {
    let headers = &lex.matchers().list_headers;
    let Some((stem, last)) = c.rsplit_once(' ').filter(|(_, last)| matches!(*last, "뉴스" | "기사")) else {
        return false;
    };
    headers.has(stem) || headers.has(&format!("{stem}{last}"))
}

/// A line naming one other article ("[이전기사] ..."), or stamping the
/// headline above it as one ("온라인 기사 ( 2030.11.19 )").
pub fn is_other_article_ref(line: &str, lex: &Lexicon) -> bool {
    let m = lex.matchers();
    m.item_prefixes.starts(line) || m.item_stamps.starts(line)
}

/// A line that is only a number (rank numbers, counters of trending lists
/// and comment boxes: "1,234", "0 / 400", "128681 | 64 | ||").
pub fn is_number_only(line: &str) -> bool {
    line.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '+' | '-' | ' ' | '▲' | '▼' | '|' | '/'))
        && line.chars().any(|c| c.is_ascii_digit())
}

/// A list item with a rank number ("1 창녕군, ...", "2. ...").
pub fn is_numbered_item(line: &Line) -> bool {
    !line.sentence && line.text.chars().next().is_some_and(char::is_numeric) && NUMBERED_ITEM.is_match(line.text)
}

/// A list item with a bullet ("- 광주 동구, ...").
pub fn is_bulleted_item(line: &str) -> bool {
    line.starts_with(['-', '·', '*', '■', '□', '▶', '▷', '►', '○', '●', '◆', '◇', '–', '—'])
}

/// A breadcrumb ("HOME > 뉴스 > 군·구", "> 사회 > 복지"). Returns its
/// meaningful parts ("군·구", "사회 > 복지").
pub fn breadcrumb(line: &Line, lex: &Lexicon) -> Option<String> {
    let text = line.text;
    if line.sentence || line.chars > 60 {
        return None;
    }
    // Three searches by memchr, cheaper than one by characters.
    if !(text.contains('>') || text.contains('›') || text.contains('»')) {
        return spaced_breadcrumb(text, lex);
    }
    let parts: Vec<&str> = text.split(['>', '›', '»']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let starts_with_arrow = text.starts_with(['>', '›', '»']);
    if parts.is_empty() || (parts.len() < 2 && !starts_with_arrow) {
        return None;
    }
    if parts.iter().any(|p| char_len(p) > 15 || p.split(' ').count() > 3) {
        return None;
    }
    let generic = &lex.matchers().breadcrumb_generic;
    let meaningful: Vec<&str> = parts.into_iter().filter(|p| !generic.has(p)).collect();
    if meaningful.is_empty() {
        return Some(String::new());
    }
    Some(meaningful.join(" > "))
}

/// A breadcrumb written with spaces after a home word ("HOME 지역뉴스
/// 가람·나람", "뉴스홈 사회/사건"): its parts after the generic ones.
fn spaced_breadcrumb(text: &str, lex: &Lexicon) -> Option<String> {
    let m = lex.matchers();
    // Gate: the line opens with a home word.
    if !m.home_prefixes.starts(text) {
        return None;
    }
    let (home, rest) = text.split_once(' ')?;
    let parts: Vec<&str> = rest.split(' ').collect();
    if !m.home_words.has(home) || parts.len() > 3 || parts.iter().any(|p| char_len(p) > 10) {
        return None;
    }
    Some(parts.into_iter().filter(|p| !m.breadcrumb_generic.has(p)).collect::<Vec<_>>().join(" > "))
}

/// A section label line ("사회일반", "대구·경북", "교육/복지"): a section
/// name, or region and section names joined by · / , .
pub fn section_label(line: &Line, lex: &Lexicon) -> Option<String> {
    let c = line.core;
    // More than 60 bytes is more than 15 characters (4 bytes at most each).
    if c.is_empty() || c.len() > 60 || char_len(c) > 15 {
        return None;
    }
    let m = lex.matchers();
    if m.section_names.has(c) {
        return Some(c.to_string());
    }
    let mut parts = 0;
    let all_names = c
        .split(['·', '/', ',', ' '])
        .filter(|p| !p.is_empty())
        .inspect(|_| parts += 1)
        .all(|p| m.region_names.has(p) || m.section_names.has(p));
    (all_names && parts > 0).then(|| c.to_string())
}

/// Contains an e-mail address, or the placeholder a site shows for a
/// protected one ("[email protected]").
pub fn has_email(line: &str) -> bool {
    // Gate: an address holds an '@'.
    (line.contains('@') && EMAIL.is_match(line)) || line.contains(PROTECTED_EMAIL)
}

/// Removes e-mail addresses (used on byline remainders).
pub fn without_emails(line: &str) -> String {
    EMAIL.replace_all(line, "").into_owned()
}

/// Whether `line` starts with the ASCII word `word` in any letter case. Equals
/// `line.to_lowercase().starts_with(word)` for the words it is used with:
/// no non-ASCII character lowercases to an ASCII letter other than 'i' and
/// 'k' (İ, the Kelvin sign), which they do not hold.
fn starts_with_ignore_ascii_case(line: &str, word: &str) -> bool {
    debug_assert!(!word.contains(['i', 'k']) && word.bytes().all(|b| b.is_ascii_lowercase()));
    line.as_bytes().get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word.as_bytes()))
}

/// A byline / dateline / e-mail line: "정서영 기자", "news@x.com | 2016-12-07
/// 12:50:54", "repoter : 송예은 기자 ( ... )", "[이상우 기자]", "입력
/// 2022.12.08 09:40", "[코리아복지신문 2013-11-28 09:10]", "2024-12-05 11:17".
pub fn is_meta(line: &Line, lex: &Lexicon) -> bool {
    let (text, n) = (line.text, line.chars);
    // A sentence, or a sentence with a byline glued on, is body text.
    if n > 100 || line.sentence || split_trailing_byline(text).1.is_some() {
        return false;
    }
    // A photo caption ("청사 전경 [사진=가람군] 2030.04.02 a@b.kr |") dates
    // the photo, not the article (checked last: few lines are meta-shaped).
    let credit_marks = &lex.matchers().credit_marks;
    is_meta_shaped(line, lex) && !(line.has_word(lex, lists::CREDIT_MARKS, credit_marks) && !has_reporter(text))
}

/// The shapes of [`is_meta`], on a line that is not a sentence.
fn is_meta_shaped(line: &Line, lex: &Lexicon) -> bool {
    let (text, n) = (line.text, line.chars);
    if is_day_stamp(text) || (n <= LABEL_LINE_CHARS && is_label(core(text), lex)) {
        return true;
    }
    if starts_with_ignore_ascii_case(text, "repoter")
        || starts_with_ignore_ascii_case(text, "reporter")
        || text.starts_with("기자명")
    {
        return true;
    }
    if n <= 80 && has_email(text) {
        return true;
    }
    if n <= 40 && has_reporter(text) && hangul_count(text) <= 20 {
        return true;
    }
    let dates = find_dates(text);
    if dates.is_empty() {
        return is_month_stamp(text, lex);
    }
    let labelled = dates.iter().any(|d| d.label.is_some());
    if labelled && n <= 90 {
        return true;
    }
    // Mostly a date: what remains, print-edition words ("제95호", "15면")
    // and share buttons aside, is at most one short word (an outlet), or a
    // few words with a reporter's name ("가람일보 홍길동 기자") or after "by".
    let mut rest = String::new();
    let mut last = 0;
    for d in &dates {
        rest.push_str(&text[last..d.start]);
        rest.push(' ');
        last = d.end;
    }
    rest.push_str(&text[last..]);
    let rest: String = rest.chars().map(|c| if c.is_alphanumeric() || c.is_whitespace() { c } else { ' ' }).collect();
    let buttons = &lex.matchers().ui_tokens;
    let words: Vec<&str> = rest.split_whitespace().filter(|w| !is_edition_word(w) && !buttons.has(w)).collect();
    let byline = has_reporter(text) || (n <= BY_LINE_CHARS && starts_with_ignore_ascii_case(text, "by "));
    // A stamp closing the line with its time of day ("가람일보 홍팀장 2031. 3. 4.
    // 14:06"): the names of who posted it come before.
    let stamped = dates.last().is_some_and(|d| d.end == text.trim_end().len() && text[d.start..d.end].contains(':'));
    let short_words = words.iter().all(|w| char_len(w) <= 12);
    short_words && (words.len() <= 1 || (stamped && words.len() <= STAMP_WORDS)) || (words.len() <= 4 && byline)
}

/// A word of a print-edition stamp: an issue or page number ("제95호", "15면", "3판").
fn is_edition_word(word: &str) -> bool {
    let w = word.strip_prefix('제').unwrap_or(word);
    let unit = w.trim_start_matches(|c: char| c.is_ascii_digit());
    unit.len() < w.len() && matches!(unit, "호" | "면" | "판")
}

/// Mostly Latin letters: a line of an English translation.
pub fn is_english(line: &str) -> bool {
    // An ASCII letter is one byte, and no byte of a longer character is ASCII.
    // (b | 0x20) folds an ASCII capital to its small letter; the sum vectorizes.
    let latin: usize = line.bytes().map(|b| usize::from((b | 0x20).wrapping_sub(b'a') < 26)).sum();
    latin >= 20 && hangul_count(line) * 10 < latin
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::get()
    }

    /// Lines glued from pieces that sit near the edges of every gate: digits,
    /// brackets, "기자", '@', file extensions, Unicode digits and spaces.
    pub(crate) fn tricky_lines() -> Vec<String> {
        #[rustfmt::skip]
        let pieces = [
            "가람구", " ", "  ", "기자", "기", "자", "홍길동", "@", "hong@example.kr", "a@b", ".kr", "/", "[", "]",
            "(", ")", "<", ">", "|", "=", ".", "다.", "밝혔다", "했다.\"", "제공", "사진", "촬영", "2024", "19", "20",
            "1", "9", "0", "12", "년", "월", "일", "(월)", "요일", "-", ":", "10:20", "２０２４", "١٩", "٢٠٢٤", "\u{3000}",
            ".jpg", ".JPG", ".php", " on line 3", "Warning:", "#", "▲", "\t", "\n", "Reporter", "REPOTER", "İ", "K",
            "입력", "수정", "ⓒ", "·", "℃", "2024.05.13", "2024년 5월 13일", "2019-12-05 11:17", "<군청 제공>",
            "(사진=가람구)", "[홍길동 기자]", "12.jpg", "1. ", "힣", "\u{D7A4}", "\u{ABFF}", "\u{E000}", "ힰ",
        ];
        let mut seed = 42u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut lines = Vec::new();
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..next() % 10 {
                line.push_str(pieces[next() % pieces.len()]);
            }
            lines.push(line);
        }
        lines
    }

    /// Every gate is a necessary condition of its regex matching: where the
    /// gate says no, the regex finds nothing, so gated results are the
    /// regex's own.
    #[test]
    fn gates_never_hide_a_match() {
        let sentence = "구는 올해 평가에서 상을 받았다고 밝혔다.";
        let (mut bylines, mut credits) = (0, 0);
        for line in tricky_lines().iter().flat_map(|l| [l.clone(), format!("{sentence}{l}"), format!("{l}{sentence}")])
        {
            let l = line.as_str();
            assert_eq!(split_trailing_byline(l), split_trailing_byline_by_regex(l, &TRAILING_BYLINE), "{l:?}");
            bylines += split_trailing_byline(l).1.is_some() as usize;
            let credit_gate = l.ends_with(['>', ']', ')']);
            credits += TRAILING_CREDIT.is_match(l) as usize;
            assert!(credit_gate || !TRAILING_CREDIT.is_match(l), "{l:?}");
            let photo_gate = l.starts_with(['<', '[', '(']) && l.ends_with(['>', ']', ')']);
            assert!(photo_gate || !PHOTO_CREDIT_ONLY.is_match(l), "{l:?}");
            assert!(l.chars().next().is_some_and(char::is_numeric) || !NUMBERED_ITEM.is_match(l), "{l:?}");
            assert!(l.contains(".php") || !PHP_LOCATION.is_match(l), "{l:?}");
            assert!(l.contains('.') || !IMAGE_FILE.is_match(l), "{l:?}");
            assert_eq!(has_email(l), EMAIL.is_match(l) || l.contains(PROTECTED_EMAIL), "{l:?}");
            assert_eq!(has_reporter(l), super::super::metadata::REPORTER.is_match(l), "{l:?}");
            for word in ["repoter", "reporter"] {
                assert_eq!(starts_with_ignore_ascii_case(l, word), l.to_lowercase().starts_with(word), "{l:?}");
            }
            let hangul = l.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)).count();
            assert_eq!(hangul_count(l), hangul, "{l:?}");
            let latin = l.chars().filter(char::is_ascii_alphabetic).count();
            assert_eq!(is_english(l), latin >= 20 && hangul * 10 < latin, "{l:?}");
            let line = Line::new(l);
            assert_eq!((line.chars, line.sentence, line.core), (char_len(l), is_sentence(l), core(l)), "{l:?}");
        }
        assert!(bylines > 100 && credits > 50, "the probe lines reach the regexes: {bylines} {credits}");
    }

    #[test]
    fn weather_widget_lines() {
        assert!(is_weather(&Line::new("· 맑음속초15.8℃"), lex()));
        assert!(is_weather(&Line::new("· 구름많음동두천 -3.9℃"), lex()));
        assert!(is_weather(&Line::new("기상청 제공"), lex()));
        assert!(!is_weather(
            &Line::new("기온이 영하 10℃ 아래로 떨어지는 한파 속에서도 구는 위기가구 300곳을 찾아가 난방비를 지원했다고 밝혔다."),
            lex()
        ));
    }

    #[test]
    fn server_warnings() {
        assert!(is_server_warning("Warning: Undefined variable $x in /var/www/a.php on line 12", lex()));
        assert!(is_server_warning("Deprecated: strlen(): Passing null is deprecated", lex()));
        assert!(is_server_warning("Fatal error: Uncaught Error in /srv/x.php on line 3", lex()));
        assert!(!is_server_warning("경고: 올해는 한파가 길다는 예보가 있다.", lex()));
    }

    #[test]
    fn copyright_lines() {
        assert!(is_copyright(&Line::new("[ⓒ 한마을신문. 무단전재-재배포 금지]"), lex()));
        assert!(is_copyright(&Line::new("<저작권자(c) 동네소식, 무단 전재-재배포 금지>"), lex()));
        assert!(is_copyright(&Line::new("Copyright © 가람뉴스 All rights reserved."), lex()));
        assert!(!is_copyright(&Line::new("구는 이번 평가에서 대상을 받았다."), lex()));
    }

    #[test]
    fn image_file_names() {
        assert!(is_image_file(&Line::new("화면 캡처 2023-01-02 101010.jpg")));
        assert!(is_image_file(&Line::new("안동시-ci.JPG")));
        assert!(is_image_file(&Line::new("시상식_단체사진_1212.png")));
        assert!(is_image_file(&Line::new("2. 가람구 시상식 사진.png(88.1KB)")));
        assert!(is_image_file(&Line::new("붙임 2. 평가 결과.hwp (25 KB)")));
        assert!(!is_image_file(&Line::new("구는 누리집에 결과를 올렸다.")));
    }

    #[test]
    fn captions_versus_body_bullets() {
        assert!(is_caption_noise(&Line::new("▲ 홍길동 구청장 |"), lex()));
        assert!(is_caption_noise(&Line::new("<영주시 제공>"), lex()));
        assert!(!is_caption_noise(&Line::new("▲ 희망복지지원단 운영 : 중구, 동구"), lex()));
        assert!(!is_caption_noise(&Line::new("▲민관협력 및 자원연계 부문 '대상'"), lex()));
        assert!(!is_caption_noise(&Line::new("▲ 14일 구청장(가운데)이 직원들과 기념촬영을 하고 있다."), lex()));
        assert_eq!(
            strip_trailing_credit("직원들이 기념촬영을 하고 있다. <군청 제공>"),
            "직원들이 기념촬영을 하고 있다."
        );
    }

    #[test]
    fn bylines_glued_to_the_last_paragraph() {
        let s = "구는 상을 받았다고 밝혔다.";
        assert_eq!(
            split_trailing_byline(&format!("{s} /홍길동 기자 hong@example.kr")),
            (s, Some("/홍길동 기자 hong@example.kr"))
        );
        assert_eq!(split_trailing_byline(&format!("{s} [홍길동 기자]")), (s, Some("[홍길동 기자]")));
        assert_eq!(split_trailing_byline(&format!("{s} hong@example.kr")), (s, Some("hong@example.kr")));
        assert_eq!(split_trailing_byline(s), (s, None));
        let q = "구청장은 \"함께한 기자 여러분께 감사하다\"고 말했다.";
        assert_eq!(split_trailing_byline(q), (q, None));
    }

    #[test]
    fn list_headers_and_items() {
        assert!(is_list_header(&Line::new("많이 본 뉴스"), lex()));
        assert!(is_list_header(&Line::new("관련기사"), lex()));
        assert!(is_list_header(&Line::new("실시간 인기검색어"), lex()));
        assert!(is_list_header(&Line::new("오늘의 인기기사"), lex()));
        assert!(is_list_header(&Line::new("[가장 많이 본 뉴스]"), lex()));
        assert!(is_list_header(&Line::new("이 시각 주요뉴스"), lex()));
        assert!(!is_list_header(&Line::new("오늘의 날씨"), lex()));
        assert!(!is_list_header(&Line::new("오늘의 인기기사를 모아 소개한다."), lex()));
        assert!(!is_list_header(&Line::new("관련기사를 모아 사례집을 냈다."), lex()));
        assert!(is_other_article_ref("[이전기사] 겨울철 대책 가동", lex()));
        assert!(is_numbered_item(&Line::new("1 ○○군, 평가 2개 부문 대상")));
        assert!(is_number_only("83,960") && is_number_only("0 / 400") && is_number_only("128681 | 64 | ||"));
        assert!(may_be_award_content("[최우수]", lex()));
        assert!(may_be_award_content("달서구", lex()));
        assert!(!may_be_award_content("난방비", lex()));
        assert!(is_list_header(&Line::new("가람뉴스 최신기사"), lex()));
        assert!(is_list_header(&Line::new("WEEKLY HOT"), lex()));
        assert!(is_list_header(&Line::new("icon인기기사"), lex()));
        assert!(is_list_header(&Line::new("오늘의 주요 뉴스"), lex()));
        assert!(!is_list_header(&Line::new("가람구 최신기사"), lex()));
        assert!(!is_number_only("83명"));
        // English and photo / video list headers (furniture study 2).
        assert!(is_list_header(&Line::new("PHOTO & VIDEO"), lex()));
        assert!(is_list_header(&Line::new("Most Viewed"), lex()));
        assert!(is_list_header(&Line::new("포토·영상"), lex()));
        assert!(!is_list_header(&Line::new("포토·영상 공모전 수상작 발표"), lex()));
        // Spaced before "뉴스", or "뉴스" after a header (furniture study 4).
        assert!(is_list_header(&Line::new("최신 뉴스"), lex()));
        assert!(is_list_header(&Line::new("헤드라인 뉴스"), lex()));
        assert!(!is_list_header(&Line::new("가람구 뉴스"), lex()));
        assert!(!is_list_header(&Line::new("최신 복지 뉴스"), lex()));
    }

    #[test]
    fn breadcrumbs_and_sections() {
        assert_eq!(breadcrumb(&Line::new("HOME > 뉴스 > 군·구"), lex()).as_deref(), Some("군·구"));
        assert_eq!(breadcrumb(&Line::new("홈 > 지역 > 충남"), lex()).as_deref(), Some("지역 > 충남"));
        assert_eq!(breadcrumb(&Line::new("> 사회 > 복지"), lex()).as_deref(), Some("사회 > 복지"));
        assert_eq!(breadcrumb(&Line::new("구는 A > B 순으로 점수를 받았다."), lex()), None);
        assert_eq!(section_label(&Line::new("대구·경북"), lex()).as_deref(), Some("대구·경북"));
        assert_eq!(section_label(&Line::new("사회일반"), lex()).as_deref(), Some("사회일반"));
        assert_eq!(section_label(&Line::new("달서구 대상"), lex()), None);
        assert_eq!(section_label(&Line::new("교육/복지"), lex()).as_deref(), Some("교육/복지"));
        assert_eq!(breadcrumb(&Line::new("HOME 지역뉴스 가람·나람"), lex()).as_deref(), Some("지역뉴스 > 가람·나람"));
        assert_eq!(breadcrumb(&Line::new("뉴스홈 사회/사건"), lex()).as_deref(), Some("사회/사건"));
        assert_eq!(breadcrumb(&Line::new("홈페이지 개편 소식"), lex()), None);
    }

    #[test]
    fn bylines_and_date_lines() {
        assert!(is_meta(&Line::new("홍길동 기자"), lex()));
        assert!(is_meta(&Line::new("[김아무 기자]"), lex()));
        assert!(is_meta(&Line::new("desk@example.com | 2019-03-04 10:11:12"), lex()));
        assert!(is_meta(&Line::new("repoter : 이아무 기자 ( lee@example.com )"), lex()));
        assert!(is_meta(&Line::new("입력 2022.12.08 09:40 | 수정 2022.12.08 10:00"), lex()));
        assert!(is_meta(&Line::new("[가람일보 2015-01-02 09:10]"), lex()));
        assert!(is_meta(&Line::new("2024-12-05 11:17"), lex()));
        assert!(is_meta(&Line::new("박아무 기자 lee@example.kr"), lex()));
        assert!(!is_meta(&Line::new("2019년 지역복지사업 평가"), lex()));
        // Print-edition stamps, bylines with share buttons, "by" lines, month stamps.
        assert!(is_meta(&Line::new("[2031년 3월 4일 제12호 7면]"), lex()));
        assert!(is_meta(&Line::new("2031-03-04 0:0:0 12면"), lex()));
        assert!(is_meta(
            &Line::new("가람경제 나람판 홍길동 기자 2031.03.04 10:00 카카오톡 네이버블로그 페이스북"),
            lex()
        ));
        assert!(is_meta(&Line::new("by 가람 정책노트 2031. 3. 4."), lex()));
        // A blog's repost: the outlet, the poster and a stamp with its time.
        assert!(is_meta(&Line::new("가람신문 홍팀장 2031. 3. 4. 14:06"), lex()));
        assert!(!is_meta(&Line::new("가람신문 홍팀장 2031. 3. 4."), lex()));
        assert!(!is_meta(&Line::new("가람구 나람동 다람리 복지관 2031.03.04 10:00"), lex()));
        assert!(!is_meta(&Line::new("2031. 3. 4. 14:06 가람구 나람동 주민 잔치"), lex()));
        assert!(is_meta(&Line::new("date 2031-03"), lex()));
        assert!(is_meta(&Line::new("작성자 관리자 작성일 31-03-04 10:59본문"), lex()));
        assert!(!is_meta(&Line::new("가람구 나람동 다람리 2031.03.04 주민 잔치"), lex()));
        assert!(!is_meta(&Line::new("가람군 청사 [사진=가람군] 2031.03.04 desk@example.kr |"), lex()));
        assert!(is_meta(&Line::new("◎가람통신 [email protected]"), lex()));
        assert!(is_meta(&Line::new("03.04 (화)"), lex()));
        assert!(is_meta(&Line::new("승인"), lex()) && is_meta(&Line::new("· 기사수정"), lex()));
        assert!(!is_meta(&Line::new("by the numbers 2031. 3. 4. across the whole country and every province"), lex()));
        assert!(!is_meta(&Line::new("[가람일보] 박아무 기자 = 구는 2022년 12월 8일 대상을 받았다고 밝혔다."), lex()));
    }

    #[test]
    fn sentences_and_english() {
        assert!(is_sentence("구는 이번 평가에서 우수상을 받았다."));
        assert!(is_sentence("구청장은 \"더 노력하겠다\"고 말했다."));
        assert!(is_sentence("앞으로도 최선을 다하겠습니다"));
        assert!(!is_sentence("달서구, 지역복지사업 평가 2관왕"));
        assert!(is_english("Gangnam-gu was selected as an excellent institution this year."));
        assert!(!is_english("강남구는 'Happy Together' 사업으로 높은 평가를 받았다."));
    }
}
