//! Korean money amounts: parsing ("2억 5천만원", "1,500만원", "오천만원",
//! "약 2억원", "5천여만원") into an integer number of won, formatting won
//! back into that style, and finding amounts inside a sentence.
//!
//! All arithmetic is checked: an amount too large for `i64` is "not an
//! amount" (`None`), never a panic or a wrapped value.

use crate::domain::hangul::is_syllable;

/// The big units, each a power of 10 000, largest first.
const BIG_UNITS: [(char, i64); 3] = [('조', 1_000_000_000_000), ('억', 100_000_000), ('만', 10_000)];
/// The small units inside one group of four digits.
const SMALL_UNITS: [(char, i64); 3] = [('천', 1000), ('백', 100), ('십', 10)];

/// Qualifiers written before an amount ("약 2억원", "총 26억 원").
const PREFIXES: [&str; 6] = ["약", "총", "모두", "최대", "최소", "무려"];

fn korean_digit(c: char) -> Option<i64> {
    Some(match c {
        '영' | '공' => 0,
        '일' => 1,
        '이' => 2,
        '삼' => 3,
        '사' => 4,
        '오' => 5,
        '육' => 6,
        '칠' => 7,
        '팔' => 8,
        '구' => 9,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<i64> {
    BIG_UNITS.iter().find(|(u, _)| *u == c).map(|(_, v)| *v)
}

fn small_unit(c: char) -> Option<i64> {
    SMALL_UNITS.iter().find(|(u, _)| *u == c).map(|(_, v)| *v)
}

/// A number as written: an integer `mantissa` divided by `10^scale`
/// ("1.5" is 15 / 10^1).
#[derive(Debug, Clone, Copy)]
struct Number {
    mantissa: i64,
    scale: u32,
}

impl Number {
    fn times(self, unit: i64) -> Option<i64> {
        let product = self.mantissa.checked_mul(unit)?;
        let divisor = 10i64.checked_pow(self.scale)?;
        // A fraction of a won is not an amount.
        (product % divisor == 0).then(|| product / divisor)
    }
}

/// Cursor over the characters of an amount.
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// "여" (approximately) after a number or unit: "5천여만원", "2억여 원".
    fn skip_approx(&mut self) {
        if self.peek() == Some('여') {
            self.pos += 1;
        }
    }

    /// Arabic digits with thousands separators and an optional decimal
    /// part, or one Korean digit word.
    fn number(&mut self) -> Option<Number> {
        let start = self.pos;
        if let Some(d) = self.peek().and_then(korean_digit) {
            // A Korean digit must be followed by a unit ("오천", "삼억").
            if self.chars.get(self.pos + 1).is_some_and(|&c| small_unit(c).is_some() || big_unit(c).is_some()) {
                self.pos += 1;
                return Some(Number { mantissa: d, scale: 0 });
            }
            return None;
        }
        let mut mantissa: i64 = 0;
        let mut scale = 0u32;
        let mut digits = 0;
        let mut in_fraction = false;
        while let Some(c) = self.peek() {
            if let Some(d) = c.to_digit(10) {
                mantissa = mantissa.checked_mul(10)?.checked_add(d as i64)?;
                digits += 1;
                if in_fraction {
                    scale += 1;
                }
                self.pos += 1;
            } else if c == ',' && !in_fraction && digits > 0 && self.digits_follow(3) {
                self.pos += 1;
            } else if c == '.'
                && !in_fraction
                && digits > 0
                && self.chars.get(self.pos + 1).is_some_and(char::is_ascii_digit)
            {
                in_fraction = true;
                self.pos += 1;
            } else {
                break;
            }
        }
        if digits == 0 {
            self.pos = start;
            return None;
        }
        Some(Number { mantissa, scale })
    }

    /// Exactly `n` ASCII digits follow the separator at the cursor.
    fn digits_follow(&self, n: usize) -> bool {
        let after = &self.chars[self.pos + 1..];
        after.len() >= n
            && after[..n].iter().all(char::is_ascii_digit)
            && !after.get(n).is_some_and(char::is_ascii_digit)
    }

    /// One group below 10 000 ("3천5백", "3천500", "1,500", "오천", "천"),
    /// as a value that may still carry a fraction ("1.5" before "억").
    /// Returns the value in units of `1 / 10^scale`.
    fn group(&mut self) -> Option<Number> {
        let start = self.pos;
        let mut total: i64 = 0;
        let mut last_unit = i64::MAX;
        let mut any = false;
        loop {
            let before = self.pos;
            let number = self.number();
            match self.peek().and_then(small_unit) {
                Some(unit) if unit < last_unit => {
                    self.pos += 1;
                    self.skip_approx();
                    let n = number.unwrap_or(Number { mantissa: 1, scale: 0 });
                    let value = n.times(unit)?;
                    total = total.checked_add(value)?;
                    last_unit = unit;
                    any = true;
                }
                _ => {
                    if let Some(n) = number {
                        // A trailing plain number ends the group; it may be a
                        // fraction only when it is the whole group ("1.5억").
                        if any && n.scale > 0 {
                            self.pos = before;
                            return None;
                        }
                        if !any {
                            return Some(n);
                        }
                        total = total.checked_add(n.mantissa)?;
                        any = true;
                    } else {
                        self.pos = before;
                    }
                    break;
                }
            }
        }
        if !any {
            self.pos = start;
            return None;
        }
        Some(Number { mantissa: total, scale: 0 })
    }
}

/// Parses an amount written in Korean ("2억 5천만원", "1,500만원", "3천만 원",
/// "1.5억원", "오천만원", "약 2억원", "총 26억 원", "5천여만원"); `None` when
/// the text is not exactly one amount or does not fit in `i64`.
///
/// The trailing "원" is optional when a unit (십, 백, 천, 만, 억, 조) is
/// written; a bare number needs it ("3000원").
pub fn parse_krw(text: &str) -> Option<i64> {
    let mut s = text.trim();
    for prefix in PREFIXES {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut cur = Cursor { chars: &chars, pos: 0 };
    let mut total: i64 = 0;
    let mut last_big = i64::MAX;
    let mut saw_unit = false;
    let mut saw_any = false;
    loop {
        cur.skip_spaces();
        let before = cur.pos;
        let group = cur.group();
        cur.skip_approx();
        match cur.peek().and_then(big_unit) {
            Some(unit) if unit < last_big => {
                cur.pos += 1;
                cur.skip_approx();
                let n = group.unwrap_or(Number { mantissa: 1, scale: 0 });
                total = total.checked_add(n.times(unit)?)?;
                last_big = unit;
                saw_unit = true;
                saw_any = true;
            }
            Some(_) => return None,
            None => {
                if let Some(n) = group {
                    if n.scale > 0 {
                        return None;
                    }
                    total = total.checked_add(n.mantissa)?;
                    saw_any = true;
                } else {
                    cur.pos = before;
                }
                break;
            }
        }
    }
    if !saw_any {
        return None;
    }
    cur.skip_spaces();
    let has_won = cur.peek() == Some('원');
    if has_won {
        cur.pos += 1;
    }
    cur.skip_spaces();
    for suffix in ["정도", "가량", "상당", "이상", "여", "씩"] {
        let rest: String = chars[cur.pos..].iter().collect();
        if rest.starts_with(suffix) {
            cur.pos += suffix.chars().count();
            break;
        }
    }
    cur.skip_spaces();
    if cur.pos != chars.len() || !(has_won || saw_unit) {
        return None;
    }
    Some(total)
}

/// Formats won the way Korean news writes amounts: "2억 5천만원",
/// "1억 3천500만원", "4천400만원", "0원". [`parse_krw`] reads it back.
pub fn format_krw(won: i64) -> String {
    if won == 0 {
        return "0원".to_string();
    }
    let mut out = String::new();
    if won < 0 {
        out.push('-');
    }
    let mut rest = won.unsigned_abs();
    let mut parts: Vec<String> = Vec::new();
    for (unit, value) in BIG_UNITS {
        let value = value as u64;
        let group = rest / value;
        rest %= value;
        if group > 0 {
            parts.push(format!("{}{unit}", format_group(group)));
        }
    }
    if rest > 0 {
        parts.push(format_group(rest));
    }
    out.push_str(&parts.join(" "));
    out.push('원');
    out
}

/// One group: "3천500", "4천", "250", or a plain number above 9 999 (only
/// the largest unit can hold one, e.g. 92 233조).
fn format_group(n: u64) -> String {
    if (1000..10_000).contains(&n) {
        let thousands = n / 1000;
        let rest = n % 1000;
        if rest == 0 {
            format!("{thousands}천")
        } else {
            format!("{thousands}천{rest}")
        }
    } else {
        n.to_string()
    }
}

/// An amount found in a sentence, in character offsets of that sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneySpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub krw: i64,
    /// Written with 약 / 여 / 가량 (an approximate amount).
    pub approximate: bool,
    /// The lower end of a range ("3천만~5천만원"): not one amount.
    pub in_range: bool,
}

fn is_amount_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, ',' | '.' | '여')
        || korean_digit(c).is_some()
        || small_unit(c).is_some()
        || big_unit(c).is_some()
}

/// Every amount of won in a sentence ("포상금 2억 5천만원을", "3,000만 원",
/// "3천만~5천만원"), in order. An amount must end in "원".
pub fn find_money_spans(sentence: &str) -> Vec<MoneySpan> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let starts = if c.is_ascii_digit() {
            !prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || p == ',')
        } else {
            (korean_digit(c).is_some() || small_unit(c).is_some()) && !prev.is_some_and(is_syllable)
        };
        if !starts {
            i += 1;
            continue;
        }
        // Extend over amount characters and single spaces between a unit and more amount.
        let mut j = i;
        while j < chars.len() {
            let inner_space = chars[j] == ' '
                && j > i
                && (big_unit(chars[j - 1]).is_some() || small_unit(chars[j - 1]).is_some() || chars[j - 1] == '여')
                && chars.get(j + 1).is_some_and(|&n| is_amount_char(n) || n == '원');
            if is_amount_char(chars[j]) || inner_space {
                j += 1;
            } else {
                break;
            }
        }
        // Optional space, then 원.
        let mut k = j;
        if chars.get(k) == Some(&' ') {
            k += 1;
        }
        if chars.get(k) != Some(&'원') || j == i {
            i = j.max(i + 1);
            continue;
        }
        let end = k + 1;
        let text: String = chars[i..end].iter().collect();
        if let Some(krw) = parse_krw(&text) {
            let before: String = chars[i.saturating_sub(3)..i].iter().collect();
            let approximate = before.trim_end().ends_with('약') || text.contains('여');
            spans.push(MoneySpan { start: i, end, text, krw, approximate, in_range: false });
        }
        i = end;
    }
    // "A~B원": the amount before the tilde has no 원 of its own, so look for
    // ranges around each found span.
    for span in &mut spans {
        let before: String = chars[..span.start].iter().rev().take(12).collect::<String>().chars().rev().collect();
        if before.trim_end().ends_with(['~', '∼', '-', '〜']) {
            span.in_range = true;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_ways_news_writes_amounts() {
        let cases = [
            ("2억 5천만원", 250_000_000),
            ("4천만원", 40_000_000),
            ("1,500만원", 15_000_000),
            ("3천만 원", 30_000_000),
            ("33억 원", 3_300_000_000),
            ("1억2천만원", 120_000_000),
            ("5백만원", 5_000_000),
            ("1.5억원", 150_000_000),
            ("오천만원", 50_000_000),
            ("3천500만원", 35_000_000),
            ("1억3천5백만원", 135_000_000),
            ("약 2억원", 200_000_000),
            ("총 26억 원", 2_600_000_000),
            ("5천여만원", 50_000_000),
            ("2억여 원", 200_000_000),
            ("800만원", 8_000_000),
            ("3,000만 원", 30_000_000),
            ("15,000,000원", 15_000_000),
            ("1000만원씩", 10_000_000),
            ("천만원", 10_000_000),
            ("1억", 100_000_000),
            ("3000원", 3000),
            ("2.5천만원", 25_000_000),
        ];
        for (text, want) in cases {
            assert_eq!(parse_krw(text), Some(want), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_one_amount() {
        for text in
            ["", "원", "3000", "포상금", "2억 5천만원 받았다", "5만억원", "1.23456789원", "오", "이천", "3천만~5천만원"]
        {
            assert_eq!(parse_krw(text), None, "{text}");
        }
        assert_eq!(parse_krw("이천원"), Some(2000));
    }

    #[test]
    fn formats_like_a_reporter() {
        assert_eq!(format_krw(250_000_000), "2억 5천만원");
        assert_eq!(format_krw(135_000_000), "1억 3천500만원");
        assert_eq!(format_krw(44_000_000), "4천400만원");
        assert_eq!(format_krw(0), "0원");
        assert_eq!(format_krw(1_234), "1천234원");
        assert_eq!(format_krw(-5_000), "-5천원");
    }

    #[test]
    fn finds_amounts_in_a_sentence_with_char_offsets() {
        let s = "구는 포상금 2억 5천만원을 받았고, 도는 3,000만 원씩, 군은 3천만~5천만원을 받는다.";
        let spans = find_money_spans(s);
        let got: Vec<(i64, bool)> = spans.iter().map(|m| (m.krw, m.in_range)).collect();
        assert_eq!(got, vec![(250_000_000, false), (30_000_000, false), (50_000_000, true)]);
        let chars: Vec<char> = s.chars().collect();
        for m in &spans {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
        assert!(find_money_spans("복지상담 23만3천여 건, 사업 2개").is_empty());
        assert_eq!(find_money_spans("특교세 1000만원 확보")[0].krw, 10_000_000);
        assert!(find_money_spans("약 2억원")[0].approximate);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn format_then_parse_round_trips(won in 0i64..10_000_000_000_000) {
            prop_assert_eq!(parse_krw(&format_krw(won)), Some(won));
        }

        #[test]
        fn round_trips_amounts_made_of_round_units(a in 0i64..10_000, b in 0i64..10_000, c in 0i64..10_000) {
            let won = a * 100_000_000 + b * 10_000 + c;
            prop_assert_eq!(parse_krw(&format_krw(won)), Some(won));
        }

        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,40}") {
            let _ = parse_krw(&s);
            let _ = find_money_spans(&s);
        }

        #[test]
        fn never_panics_or_overflows_on_amount_like_text(s in "[0-9,.조억만천백십여원약총 일이삼사오]{0,30}") {
            if let Some(v) = parse_krw(&s) {
                prop_assert!(v >= 0);
            }
            for m in find_money_spans(&s) {
                prop_assert!(m.krw >= 0);
            }
        }

        #[test]
        fn huge_numbers_are_rejected_not_wrapped(digits in "[1-9][0-9]{18,30}") {
            let text = format!("{digits}억원");
            prop_assert_eq!(parse_krw(&text), None);
        }
    }
}
