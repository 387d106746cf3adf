//! What a place does in its sentence. A name is a recipient only where it
//! can be the one that won; elsewhere it is:
//!
//! - a venue or a locative: "세종시 세종컨벤션센터에서", "서울시에서 평가
//!   완료한", "충북도에서 검증을 실시하고";
//! - a scope: "강원도 최초", "전남도내", "인천 기초자치단체 중 유일하게";
//! - a source, an exception, a recommender: "경기도에 따르면",
//!   "세종특별자치시를 제외한", "경기도의 추천을 받아";
//! - a modifier of another noun: "서울시 인센티브사업" (a name followed by a
//!   word that is no name, grade, field or program, in a body sentence);
//! - the organizer of another evaluation: "강원도 평가", "'2025년 부산시
//!   지역복지분야 종합평가'" (then also a cue of another program).
//!
//! The words are in `data/domain/places.toml` (`[roles]`); the shapes here.

use crate::domain::hangul::is_syllable;
use crate::domain::Knowledge;

use super::chars::{is_close_quote, is_open_quote};
use super::sentences::{Role, Sentence};
use super::token_types::{TokKind, Token};

/// Marks the places of a tokenized sentence that are not recipients, and
/// returns the cues of other programs that organizer names make.
pub fn mark_places(chars: &[char], s: &Sentence, tokens: &mut [Token], k: &Knowledge) -> Vec<Token> {
    let mut organizers = Vec::new();
    for i in 0..tokens.len() {
        let TokKind::Place(p) = &tokens[i].kind else { continue };
        let (start, end, particle) = (tokens[i].start, tokens[i].end, p.particle.clone());
        let word_end = end + particle.chars().count();
        let organizer = p.level == Some("sido") && organizes(chars, tokens, word_end, s.end, &particle, k);
        let not_recipient = organizer
            || k.places.roles.locative_particles.contains(&particle)
            || next_word_makes_it_no_recipient(chars, word_end, s.end, &particle, k)
            || (s.role != Role::Headline && particle.is_empty() && modifies_a_noun(chars, tokens, word_end, s.end, k));
        if organizer {
            organizers.push(Token { start, end, kind: TokKind::Other });
        }
        if not_recipient {
            if let TokKind::Place(p) = &mut tokens[i].kind {
                p.recipient = false;
            }
        }
    }
    organizers
}

/// The Hangul word starting after `from` (and one space or quote), if any.
fn next_word(chars: &[char], from: usize, end: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < end && matches!(chars[i], ' ' | '\'' | '"' | '‘' | '’' | '“' | '”') {
        i += 1;
    }
    if i >= end || !is_syllable(chars[i]) || i > from + 2 {
        return None;
    }
    let mut j = i;
    while j < end && is_syllable(chars[j]) {
        j += 1;
    }
    Some((i, j))
}

/// "세종특별자치시를 제외한", "경기도에 따르면", "경기도의 추천", "강원도 최초",
/// and a scope with its count: "전라남도 22개 시군 중 유일하게".
fn next_word_makes_it_no_recipient(chars: &[char], from: usize, end: usize, particle: &str, k: &Knowledge) -> bool {
    let roles = &k.places.roles;
    if !k.particles.before_role_word(particle) {
        return false;
    }
    let from = after_count(chars, from, end, k);
    let Some((a, _)) = next_word(chars, from, end) else { return false };
    // The entries may span words ("시군 중"): compare the text that follows.
    let rest: String = chars[a..end.min(a + 16)].iter().collect();
    roles.words_after.iter().any(|w| rest.starts_with(w.as_str()))
}

/// Past a count of units right after `from` (" 22개"), or `from` itself.
fn after_count(chars: &[char], from: usize, end: usize, k: &Knowledge) -> usize {
    let mut i = from;
    while i < end && chars[i] == ' ' {
        i += 1;
    }
    let digits = chars[i..end].iter().take_while(|c| c.is_ascii_digit()).count();
    let counter: Vec<char> = k.amounts.thing().chars().collect();
    if digits > 0 && chars[i + digits..end].starts_with(&counter) {
        i + digits + counter.len()
    } else {
        from
    }
}

/// A name followed by a plain noun: "서울시 인센티브사업", "세종시
/// 세종컨벤션센터에서", "서울 중구 더플라자호텔". Names, grades, fields, the
/// program, years and the ministry may follow a recipient, and so may the
/// few words listed as `may_follow`.
fn modifies_a_noun(chars: &[char], tokens: &[Token], from: usize, end: usize, k: &Knowledge) -> bool {
    if chars.get(from) != Some(&' ') {
        return false;
    }
    if venue_with_a_number(chars, from, end, k) {
        return true;
    }
    let Some((a, b)) = next_word(chars, from, end) else { return false };
    let explained = tokens.iter().any(|t| {
        t.start <= a
            && a < t.end
            && matches!(
                t.kind,
                TokKind::Place(_)
                    | TokKind::Grade(_)
                    | TokKind::Field(_)
                    | TokKind::Program(_)
                    | TokKind::Year(_)
                    | TokKind::SameField
                    | TokKind::Other
            )
    });
    let word: String = chars[a..b].iter().collect();
    let listed = k.places.roles.may_follow.iter().any(|w| word.starts_with(w.as_str()));
    !explained && !listed
}

/// The quoted title right after `from` (a space between allowed): the span
/// inside its quotes.
fn quoted_title_after(chars: &[char], from: usize, end: usize) -> Option<(usize, usize)> {
    let open = (from..end).find(|&i| chars[i] != ' ')?;
    if open > from + 1 || !is_open_quote(chars[open]) {
        return None;
    }
    let close = (open + 1..end).find(|&i| is_close_quote(chars[i]))?;
    Some((open + 1, close))
}

/// A venue whose name opens with a number, where something takes place:
/// "서울시 63빌딩 컨벤션센터에서" (the word after the name starts with a
/// digit and runs into Hangul, and it or the next word ends in a locative
/// particle). A count or a sum ("3천만원") is no such word.
fn venue_with_a_number(chars: &[char], from: usize, end: usize, k: &Knowledge) -> bool {
    let words: Vec<String> =
        chars[from..end].iter().collect::<String>().split_whitespace().take(2).map(str::to_string).collect();
    let Some(first) = words.first() else { return false };
    let digits = first.chars().take_while(char::is_ascii_digit).count();
    let glued_hangul = first.chars().nth(digits).is_some_and(is_syllable);
    let locative = |w: &String| {
        let w = w.trim_end_matches(|c: char| !is_syllable(c));
        k.places
            .roles
            .locative_particles
            .iter()
            .any(|p| w.ends_with(p.as_str()) && w.chars().count() > p.chars().count())
    };
    digits > 0 && glued_hangul && words.iter().any(locative)
}

/// A 시·도 that names an evaluation or a program of its own: "강원도
/// 평가", "경기도 평가에서도", "부산시 지역복지분야 종합평가", "서울시
/// 인센티브사업", or that runs one with the ministry ("충남도 및
/// 보건복지부에서 실시한"). Up to three words after the name, one holds an
/// evaluation word (`organizer_nouns`) and none is a field of this program.
fn organizes(chars: &[char], tokens: &[Token], from: usize, end: usize, particle: &str, k: &Knowledge) -> bool {
    let with_ministry = |i: usize| {
        next_word(chars, i, end).is_some_and(|(a, b)| k.starts_with_ministry(&chars[a..b].iter().collect::<String>()))
    };
    // "충남도 및 보건복지부에서 실시한 평가", "도와 복지부가 주관한".
    if k.particles.is_joining(particle) && with_ministry(from) {
        return true;
    }
    if let Some((a, b)) = next_word(chars, from, end) {
        if k.grammar.is_conjunction(&chars[a..b].iter().collect::<String>()) && with_ministry(b) {
            return true;
        }
    }
    if !particle.is_empty() && !k.particles.is_genitive(particle) {
        return false;
    }
    if let Some(title) = quoted_title_after(chars, from, end) {
        // "경기도의 '민관협력 우수 시군 평가'": the province's own evaluation,
        // whatever fields it is about, unless it is this program.
        let program =
            tokens.iter().any(|t| title.0 <= t.start && t.end <= title.1 && matches!(t.kind, TokKind::Program(_)));
        let last: String =
            chars[title.0..title.1].iter().collect::<String>().split(' ').next_back().unwrap_or("").to_string();
        if !program && k.places.roles.organizer_nouns.iter().any(|n| last.contains(n.as_str())) {
            return true;
        }
    }
    let mut i = from;
    for _ in 0..3 {
        let Some((a, b)) = next_word(chars, i, end) else { return false };
        let word: String = chars[a..b].iter().collect();
        // A field or the program's name after it is this program's; a
        // name after it is a place in it ("전남 곡성군이 … 지역복지사업 평가").
        let this_program = tokens.iter().any(|t| {
            t.start <= a && a < t.end && matches!(t.kind, TokKind::Field(_) | TokKind::Program(_) | TokKind::Place(_))
        });
        if this_program {
            return false;
        }
        if k.places.roles.organizer_nouns.iter().any(|n| word.contains(n.as_str())) {
            return true;
        }
        i = b;
    }
    false
}
