//! Field names in a sentence: the listed names (aliases of
//! `data/domain/categories.toml`) where they are used as a field, fields the
//! list does not know read from their shape ("'복지기능강화' 부문"), "같은
//! 부문" referring back, and a field in brackets after a name.

use crate::domain::places::{is_hangul, PlaceWord};
use crate::domain::{AliasHit, Knowledge};

use super::chars::{is_close_quote, is_open_quote, run_at, text};
use super::tokens::{Field, TokKind, Token};

/// Is the name at `end` followed by 분야/부문 (after spaces and quotes)?
pub fn marked_as_field(chars: &[char], end: usize, se: usize) -> bool {
    let mut i = end;
    while i < se && (chars[i] == ' ' || is_close_quote(chars[i])) {
        i += 1;
    }
    let next = text(chars, i, se.min(i + 2));
    next == "분야" || next == "부문" || next == "부분"
}

/// A short alias counts only before 분야/부문, as a whole quoted phrase, in
/// a list of fields before "등 N개 분야", or joined to a full field name.
pub fn field_word_ok(chars: &[char], a: &AliasHit, hits: &[AliasHit], se: usize, k: &Knowledge) -> bool {
    if !k.aliases[a.alias].field_word {
        return true;
    }
    let mut i = a.end;
    while i < se && (chars[i] == ' ' || is_close_quote(chars[i])) {
        i += 1;
    }
    let next = text(chars, i, se.min(i + 2));
    if next == "분야" || next == "부문" || next == "부분" || next == "평가" {
        return true;
    }
    // An item of a list of fields: "지역사회보장계획, 복지전달체계 개편 등
    // 2개 분야".
    let rest = text(chars, i, se.min(i + 12));
    if rest.starts_with("등") && (rest.contains("분야") || rest.contains("부문")) {
        return true;
    }
    // Joined to another field: "찾아가는 복지서비스와 민관협력 및 자원연계에서".
    let mut j = a.end;
    let joiners = |c: char| matches!(c, ' ' | ',' | '·' | '와' | '과' | '및') || is_close_quote(c) || is_open_quote(c);
    while j < se && joiners(chars[j]) {
        j += 1;
    }
    let joined = j > a.end && text(chars, a.end, j).trim().chars().any(|c| matches!(c, ',' | '·' | '와' | '과' | '및'));
    if joined && hits.iter().any(|h| h.start == j && !k.aliases[h.alias].field_word) {
        return true;
    }
    let before = a.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(a.end).copied();
    before.is_some_and(is_open_quote) && after.is_some_and(is_close_quote)
}

/// Is a field name at `end` used as a field ("… 분야", "…에서", "… 대상",
/// "…'") rather than as a modifier of another noun ("희망복지지원단 운영
/// 사업의 선도적인 시행")?
pub fn names_a_field(chars: &[char], end: usize, se: usize, k: &Knowledge) -> bool {
    const NEXT: [&str; 15] = [
        "분야",
        "부문",
        "부분",
        "평가",
        "시상",
        "수상",
        "선정",
        "및",
        "등",
        "최우수",
        "우수",
        "장려",
        "대상",
        "시행",
        "이행",
    ];
    let run_end = run_at(chars, end, se);
    if run_end > end {
        // "제공부문", "운영분야에서", "사후관리부분": 분야/부문 written on.
        let word = text(chars, end, run_end);
        return match ["분야", "부문", "부분"].iter().find_map(|w| word.strip_prefix(w)) {
            Some(rest) => rest == "의" || k.particles.field_name.contains(rest),
            None => k.particles.field_name.contains(&word),
        };
    }
    match chars.get(end).filter(|_| end < se) {
        None => true,
        Some(' ') => {
            let next = text(chars, end + 1, run_at(chars, end + 1, se));
            next.is_empty() || NEXT.iter().any(|w| next.starts_with(w)) || k.grade_words.heads.contains(&next)
        }
        Some(_) => true,
    }
}

/// Words that end a field phrase when reading backwards from 분야/부문:
/// particles that close the word before the phrase.
fn ends_with_particle(word: &str) -> bool {
    const ENDINGS: [&str; 18] =
        ["은", "는", "이", "가", "을", "를", "의", "에", "서", "도", "로", "와", "과", "고", "며", "해", "하", "한"];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

const TIME_WORDS: [&str; 8] = ["올해", "올해는", "지난해", "작년", "이번", "이번에", "금년", "내년"];

/// Fields the data files do not list, read from their shape: the phrase
/// before 분야/부문, quoted ("'복지기능강화' 부문") or not ("운영체계
/// 활성화 부문"), and the items of a list before "등 N개 분야".
pub fn unlisted_fields(
    chars: &[char],
    ss: usize,
    se: usize,
    listed: &[(usize, usize)],
    k: &Knowledge,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = ss;
    while i + 1 < se {
        let two = (chars[i], chars[i + 1]);
        if !(two == ('분', '야') || two == ('부', '문')) || (i > ss && is_hangul(chars[i - 1])) {
            i += 1;
            continue;
        }
        let p = i;
        i += 2;
        // Back over spaces.
        let mut b = p;
        while b > ss && chars[b - 1] == ' ' {
            b -= 1;
        }
        if b > ss && is_close_quote(chars[b - 1]) {
            // A quoted phrase.
            let close = b - 1;
            let Some(open) = (ss..close).rev().find(|&j| is_open_quote(chars[j])) else { continue };
            let (s, e) = (open + 1, close);
            if let Some(f) = accept_field(chars, s, e, listed, k) {
                out.push(f);
            }
            continue;
        }
        // Words before: a list "A, B, C 등 N개" or a plain phrase.
        let words = words_before(chars, ss, b);
        let mut idx = 0;
        let is_count =
            |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit()) || ["두", "세", "네"].contains(&w);
        let word_at = |n: usize| words.get(n).map(|&(s, e)| text(chars, s, e));
        // "3개 분야", "두 개 분야" (nearest word first): a count, not a field.
        let counted = if word_at(0).as_deref() == Some("개") { word_at(1) } else { word_at(0) };
        if counted.as_deref().is_some_and(is_count) {
            idx += if word_at(0).as_deref() == Some("개") { 2 } else { 1 };
            if words.get(idx).is_some_and(|(s, e)| text(chars, *s, *e) == "등") {
                idx += 1;
            } else {
                continue;
            }
            // List items, the last first, separated by commas.
            let mut item: Option<(usize, usize)> = None;
            for &(s, e) in &words[idx..] {
                let w = text(chars, s, e);
                if w.ends_with(',') {
                    if let Some((a, b)) = item.take() {
                        out.extend(accept_field(chars, a, b, listed, k));
                    }
                    item = Some((s, e - 1));
                    continue;
                }
                if ends_with_particle(&w) || TIME_WORDS.contains(&w.as_str()) {
                    break;
                }
                item = Some(match item {
                    Some((_, b)) => (s, b),
                    None => (s, e),
                });
            }
            if let Some((a, b)) = item {
                out.extend(accept_field(chars, a, b, listed, k));
            }
            continue;
        }
        let mut start = None;
        for (n, &(s, e)) in words.iter().enumerate() {
            let w = text(chars, s, e);
            if n >= 4 || ends_with_particle(&w) || w.ends_with(',') || TIME_WORDS.contains(&w.as_str()) {
                break;
            }
            start = Some(s);
        }
        if let Some(s) = start {
            if let Some(f) = accept_field(chars, s, b, listed, k) {
                out.push(f);
            }
        }
    }
    out
}

/// Space-separated words ending at `end`, nearest first, within `[ss, end)`.
fn words_before(chars: &[char], ss: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut e = end;
    while e > ss {
        while e > ss && chars[e - 1] == ' ' {
            e -= 1;
        }
        let mut s = e;
        while s > ss && chars[s - 1] != ' ' && !is_open_quote(chars[s - 1]) && !matches!(chars[s - 1], '(' | '[') {
            s -= 1;
        }
        if s == e {
            break;
        }
        out.push((s, e));
        if s > ss && chars[s - 1] != ' ' {
            break;
        }
        e = s;
    }
    out
}

fn accept_field(
    chars: &[char],
    s: usize,
    e: usize,
    listed: &[(usize, usize)],
    k: &Knowledge,
) -> Option<(usize, usize, String)> {
    let phrase = text(chars, s, e).trim().trim_end_matches(',').trim().to_string();
    let squeezed: String = phrase.chars().filter(|c| !c.is_whitespace()).collect();
    let hangul = phrase.chars().filter(|c| is_hangul(*c)).count();
    let last_word = phrase.split_whitespace().last().unwrap_or("");
    let overlaps_listed = listed.iter().any(|&(a, b)| a < e && s < b);
    let has_place = phrase
        .split(|c: char| !is_hangul(c))
        .any(|w| matches!(k.places.classify_word(w), Some(PlaceWord::Sigungu { .. } | PlaceWord::SidoGov { .. })));
    let rejected = hangul < 2
        || overlaps_listed
        || has_place
        || phrase.chars().any(|c| c.is_ascii_digit())
        || k.not_fields.contains(&phrase)
        || k.not_fields.contains(&squeezed)
        || k.not_fields.contains(last_word)
        || k.grades.iter().any(|g| g.words.iter().any(|w| phrase.contains(w.as_str())))
        || phrase.chars().count() > 30;
    if rejected {
        return None;
    }
    // Offsets of the trimmed phrase.
    let mut a = s;
    while a < e && (chars[a] == ' ' || chars[a] == ',') {
        a += 1;
    }
    let n = phrase.chars().count();
    Some((a, a + n, phrase))
}

/// "같은 부문", "이 분야", "해당 부문", "동일 분야": the field named before.
pub fn same_field(chars: &[char], runs: &[(usize, usize)], out: &mut Vec<Token>) {
    for w in runs.windows(2) {
        let (a, b) = (text(chars, w[0].0, w[0].1), text(chars, w[1].0, w[1].1));
        if w[0].1 + 1 != w[1].0 {
            continue;
        }
        let field_word = b.starts_with("부문") || b.starts_with("분야");
        let same = match a.as_str() {
            "같은" | "동일" | "동일한" => field_word || b.starts_with("평가"),
            "이" | "해당" => field_word,
            _ => false,
        };
        if same {
            out.push(Token { start: w[0].0, end: w[1].0 + 2, kind: TokKind::SameField });
        }
    }
}

/// "가람시(희망복지지원단 운영)": a field in brackets right after a name is
/// that name's own.
pub fn bracketed_fields(chars: &[char], tokens: &mut [Token]) {
    let fields: Vec<(usize, usize, Field)> = tokens
        .iter()
        .filter_map(|t| match &t.kind {
            TokKind::Field(f) => Some((t.start, t.end, f.clone())),
            _ => None,
        })
        .collect();
    for t in tokens.iter_mut() {
        if let TokKind::Place(p) = &mut t.kind {
            if chars.get(t.end) != Some(&'(') {
                continue;
            }
            let inside = |s: usize, e: usize| s == t.end + 1 && chars.get(e) == Some(&')');
            if let Some((_, _, f)) = fields.iter().find(|(s, e, _)| inside(*s, *e)) {
                p.field = Some(f.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Knowledge;

    /// Does the field name "희망복지지원단 운영", followed by `after`, name a field?
    fn field_then(after: &str) -> bool {
        let k = Knowledge::embedded().unwrap();
        let field = "희망복지지원단 운영";
        let chars: Vec<char> = format!("{field}{after}").chars().collect();
        names_a_field(&chars, field.chars().count(), chars.len(), &k)
    }

    #[test]
    fn a_field_name_with_a_case_particle_names_a_field() {
        for after in ["", "에서", "에서도", "이", "으로", " 분야", " 부문에서", " 최우수", "'"] {
            assert!(field_then(after), "{after:?}");
        }
    }

    #[test]
    fn a_field_name_modifying_a_noun_does_not() {
        for after in ["의", "사업", "까지", " 사업의", " 실적"] {
            assert!(!field_then(after), "{after:?}");
        }
    }
}
