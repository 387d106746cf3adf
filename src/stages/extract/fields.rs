//! Field names in a sentence: the listed names (aliases of
//! `data/domain/categories.toml`) where they are used as a field, fields the
//! list does not know read from their shape ("'복지기능강화' 부문"), "같은
//! 부문" referring back, and a field in brackets after a name.

use crate::domain::hangul::is_syllable;
use crate::domain::places::PlaceWord;
use crate::domain::{AliasHit, Knowledge};

use super::chars::{is_close_quote, is_item_mark, is_open_quote, run_at, text, word_after};
use super::token_types::{Field, TokKind, Token};

/// Is the name at `end` followed by 분야/부문 (after spaces and quotes, and
/// after the evaluation word: "지역사회보장계획평가 분야에서")?
pub fn marked_as_field(chars: &[char], end: usize, se: usize, k: &Knowledge) -> bool {
    let skip = |mut i: usize| {
        while i < se && (chars[i] == ' ' || is_close_quote(chars[i])) {
            i += 1;
        }
        i
    };
    let i = skip(end);
    let evaluation = k.fields.evaluation().chars().count();
    let mark_at = |i: usize| k.fields.is_mark_or_variant(&text(chars, i, se.min(i + 2)));
    mark_at(i)
        || (k.fields.starts_with_evaluation(&text(chars, i, se.min(i + evaluation))) && mark_at(skip(i + evaluation)))
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
    if k.fields.is_mark_or_variant(&next) || k.fields.is_evaluation(&next) || names_an_evaluation(chars, i, se, k) {
        return true;
    }
    // An item of a list of fields: "지역사회보장계획, 복지전달체계 개편 등
    // 2개 분야".
    let rest = text(chars, i, se.min(i + 12));
    if k.grammar.starts_with_etc(&rest) && k.fields.marks().iter().any(|m| rest.contains(m.as_str())) {
        return true;
    }
    // An item of a list of awards, its grade right after it: "△찾아가는
    // 보건복지서비스 '우수'", "▲찾아가는 복지서비스(우수)".
    if item_with_its_grade(chars, a, se, k) {
        return true;
    }
    // Joined to another field: "찾아가는 서비스와 사회보장급여 및 사후관리 분야에서".
    let mut j = a.end;
    let list_mark = |c: char| matches!(c, ',' | '·') || k.grammar.is_joiner(c);
    let joiners = |c: char| c == ' ' || list_mark(c) || is_close_quote(c) || is_open_quote(c);
    while j < se && joiners(chars[j]) {
        j += 1;
    }
    let joined = j > a.end && text(chars, a.end, j).trim().chars().any(list_mark);
    if joined && hits.iter().any(|h| h.start == j && !k.aliases[h.alias].field_word) {
        return true;
    }
    let before = a.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(a.end).copied();
    before.is_some_and(is_open_quote) && after.is_some_and(is_close_quote)
}

/// Does a list mark open the item the alias starts, and a grade word follow
/// it (past quotes or a bracket)?
fn item_with_its_grade(chars: &[char], a: &AliasHit, se: usize, k: &Knowledge) -> bool {
    let mut b = a.start;
    while b > 0 && chars[b - 1] == ' ' {
        b -= 1;
    }
    if b == 0 || !is_item_mark(chars[b - 1]) {
        return false;
    }
    let mut g = a.end;
    while g < se && (chars[g] == ' ' || chars[g] == '(' || is_open_quote(chars[g])) {
        g += 1;
    }
    let rest = text(chars, g, se.min(g + 4));
    let first = k.find_grade_words(&rest).next();
    first.is_some_and(|(start, _, _)| start == 0)
}

/// Is a field name at `end` used as a field ("… 분야", "…에서", "… 대상",
/// "…'") rather than as a modifier of another noun ("희망복지지원단 운영
/// 사업의 선도적인 시행")?
pub fn names_a_field(chars: &[char], end: usize, se: usize, k: &Knowledge) -> bool {
    let run_end = run_at(chars, end, se);
    if run_end > end {
        // "제공부문", "운영분야에서", "사후관리부분": 분야/부문 written on.
        let word = text(chars, end, run_end);
        // "지역사회보장계획평가 분야에서": the evaluation, then a mark.
        if marked_as_field(chars, end, se, k) {
            return true;
        }
        // "시행 평가결과를": a name ending in the evaluation, then its results.
        let evaluation = k.fields.evaluation();
        if text(chars, end.saturating_sub(evaluation.chars().count()), end) == evaluation
            && k.fields.starts_with_evaluation_result(&word)
        {
            return true;
        }
        // "운영성과 평가부문에서는": its results, then a mark or 평가.
        if let Some(rest) = k.fields.after_result_word(&word) {
            let next = if rest.is_empty() { word_after(chars, run_end, se) } else { rest.to_string() };
            return k.fields.starts_with_mark_or_evaluation(&next);
        }
        // "지역사회보장계획의 시행 결과": the genitive, then a word that
        // shows the name used as a field.
        let genitive_of_field =
            || k.particles.is_genitive(&word) && k.fields.used_as_field_before(&word_after(chars, run_end, se));
        return match k.fields.strip_mark_or_variant(&word) {
            Some((rest, _)) => k.particles.is_genitive(rest) || k.particles.field_name.contains(rest),
            None => k.particles.field_name.contains(&word) || genitive_of_field(),
        };
    }
    match chars.get(end).filter(|_| end < se) {
        None => true,
        Some(' ') => {
            let next = text(chars, end + 1, run_at(chars, end + 1, se));
            next.is_empty() || k.fields.used_as_field_before(&next) || k.grade_words.heads.contains(&next)
        }
        Some(_) => true,
    }
}

/// Does an evaluation named after its winners follow `from`: "(보육정책) 우수
/// 지자체 평가", "(F) 지자체 평가" (a grade word and a head of institutions,
/// or the head alone, then 평가)?
fn names_an_evaluation(chars: &[char], from: usize, se: usize, k: &Knowledge) -> bool {
    let rest = text(chars, from, se.min(from + 16));
    let mut words = rest.split(' ').filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or("");
    if k.grades.iter().any(|g| g.words.iter().any(|w| w == word)) {
        word = words.next().unwrap_or("");
    }
    let head = k.grade_words.institution_heads.iter().any(|h| h == word);
    head && words.next().is_some_and(|w| k.fields.starts_with_evaluation(w))
}

/// Does the word close before a field phrase, read backwards from
/// 분야/부문 (a particle or an ending, "…를", "추진해"), or is it a word of
/// time ("올해")?
fn ends_phrase(word: &str, k: &Knowledge) -> bool {
    k.particles.ends_before_phrase(word) || k.years.is_time_word(word)
}

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
        let mark = k.fields.mark_at(&chars[..se], i);
        if mark.is_none() || (i > ss && is_syllable(chars[i - 1])) {
            i += 1;
            continue;
        }
        let p = i;
        i += mark.unwrap_or(0);
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
        let word_at = |n: usize| words.get(n).map(|&(s, e)| text(chars, s, e));
        // "3개 분야", "두 개 분야" (nearest word first): a count, not a field.
        let counter_first = word_at(0).is_some_and(|w| k.amounts.is_thing_counter(&w));
        let counted = if counter_first { word_at(1) } else { word_at(0) };
        if counted.is_some_and(|w| k.amounts.is_count(&w)) {
            idx += if counter_first { 2 } else { 1 };
            if words.get(idx).is_some_and(|(s, e)| k.grammar.is_etc(&text(chars, *s, *e))) {
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
                if ends_phrase(&w, k) {
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
            // A year or a number before the name ("2015년 지역사회보장
            // 활성화 부문") is no part of it.
            let number = w.chars().any(|c| c.is_ascii_digit());
            if n >= 4 || ends_phrase(&w, k) || w.ends_with(',') || number {
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
        // An item mark opens the phrase: "▲복지행정상 나눔연계 부문".
        while s > ss
            && chars[s - 1] != ' '
            && !is_open_quote(chars[s - 1])
            && !is_item_mark(chars[s - 1])
            && !matches!(chars[s - 1], '(' | '[')
        {
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
    let hangul = phrase.chars().filter(|c| is_syllable(*c)).count();
    let last_word = phrase.split_whitespace().last().unwrap_or("");
    let overlaps_listed = listed.iter().any(|&(a, b)| a < e && s < b);
    let has_place = phrase
        .split(|c: char| !is_syllable(c))
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
pub fn same_field(chars: &[char], runs: &[(usize, usize)], k: &Knowledge, out: &mut Vec<Token>) {
    for w in runs.windows(2) {
        if w[0].1 + 1 != w[1].0 {
            continue;
        }
        let (a, b) = (text(chars, w[0].0, w[0].1), text(chars, w[1].0, w[1].1));
        if let Some(n) = k.fields.refers_back(&a, &b) {
            out.push(Token { start: w[0].0, end: w[1].0 + n, kind: TokKind::SameField });
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
