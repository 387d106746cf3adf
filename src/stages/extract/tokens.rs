//! The lexical items of one sentence, in order: places (recipients and
//! their 시·도 context), field names, grade words (each classified as an
//! award, a count, a description of the evaluation, or no grade at all),
//! years, cues of this or another program, and clause boundaries. The
//! clause patterns (`patterns.rs`) read this sequence.

use crate::domain::hangul::is_syllable;
use crate::domain::places::{PlaceLexicon, PlaceWord};
use crate::domain::{AliasHit, CueHit, Knowledge};

use super::chars::{hangul_runs, is_close_quote, is_item_mark, is_open_quote, run_at, text, word_after};
use super::fields::{bracketed_fields, field_word_ok, marked_as_field, names_a_field, same_field, unlisted_fields};
use super::grades::grades;
use super::sentences::Sentence;
use super::token_types::{Field, Place, TokKind, Token};
use super::year::{find_years, YearExpr};

/// Name matches over the whole document, computed once.
#[derive(Debug, Clone, Default)]
pub struct DocMatches {
    pub aliases: Vec<AliasHit>,
    pub programs: Vec<CueHit>,
    pub others: Vec<CueHit>,
}

/// Tokenizes one sentence.
pub fn tokenize(chars: &[char], sentence: &Sentence, doc: &DocMatches, k: &Knowledge) -> Vec<Token> {
    let (ss, se) = (sentence.start, sentence.end);
    let mut tokens = Vec::new();
    let runs = hangul_runs(chars, ss, se);

    places(chars, &runs, k, &mut tokens);

    // Cues of other programs; field names inside them are theirs.
    let others: Vec<&CueHit> = doc.others.iter().filter(|h| h.start >= ss && h.end <= se).collect();
    for h in &others {
        tokens.push(Token { start: h.start, end: h.end, kind: TokKind::Other });
    }
    organizer_cues(chars, &tokens.clone(), se, k, &mut tokens);
    let inside_other = |s: usize, e: usize| others.iter().any(|h| s < h.end && h.start < e);

    // A short field word inside the program's name ("지역복지사업 평가", the
    // 2010–2012 component "지역복지사업") is the name.
    let programs: Vec<&CueHit> = doc.programs.iter().filter(|h| h.start >= ss && h.end <= se).collect();
    let inside_program = |s: usize, e: usize| programs.iter().any(|h| h.start <= s && e <= h.end);
    let mut field_spans = Vec::new();
    for a in doc.aliases.iter().filter(|a| a.start >= ss && a.end <= se) {
        if inside_other(a.start, a.end)
            || (k.aliases[a.alias].field_word
                && inside_program(a.start, a.end)
                && !marked_as_field(chars, a.end, se, k))
            || !field_word_ok(chars, a, &doc.aliases, se, k)
            || !names_a_field(chars, a.end, se, k)
        {
            continue;
        }
        field_spans.push((a.start, a.end, k.categories[k.aliases[a.alias].category].label_year_is_execution_year));
        let field = Field { alias: Some(a.alias), text: text(chars, a.start, a.end), quoted: false };
        tokens.push(Token { start: a.start, end: a.end, kind: TokKind::Field(field) });
    }
    let listed: Vec<(usize, usize)> = field_spans.iter().map(|&(s, e, _)| (s, e)).collect();
    for (s, e, t) in unlisted_fields(chars, ss, se, &listed, k) {
        if !inside_other(s, e) {
            let quoted = s > 0 && is_open_quote(chars[s - 1]) && chars.get(e).is_some_and(|&c| is_close_quote(c));
            tokens.push(Token { start: s, end: e, kind: TokKind::Field(Field { alias: None, text: t, quoted }) });
        }
    }
    drop_enumerated_fields(chars, se, k, &mut tokens);
    drop_divisions(chars, k, &mut tokens);
    same_field(chars, &runs, k, &mut tokens);

    let mut program_starts = Vec::new();
    for h in doc.programs.iter().filter(|h| h.start >= ss && h.end <= se) {
        if inside_other(h.start, h.end) {
            continue;
        }
        program_starts.push(h.start - ss);
        tokens.push(Token { start: h.start, end: h.end, kind: TokKind::Program(text(chars, h.start, h.end)) });
    }

    named_evaluations(chars, ss, se, k, &mut tokens);
    other_organizers(chars, ss, se, k, &mut tokens);

    let before_grades = tokens.len();
    // A grade word inside a program's name ("지역복지 우수 지자체 시상") is the name.
    let program_spans: Vec<(usize, usize)> =
        tokens.iter().filter(|t| matches!(t.kind, TokKind::Program(_))).map(|t| (t.start, t.end)).collect();
    let inside_name = |s: usize, e: usize| inside_other(s, e) || program_spans.iter().any(|&(a, b)| s < b && a < e);
    grades(chars, ss, se, k, &inside_name, &mut tokens);
    // "최우수구", "우수구": a grade phrase, not a place named 최우수구.
    let grade_spans: Vec<(usize, usize)> = tokens[before_grades..].iter().map(|t| (t.start, t.end)).collect();
    tokens.retain(|t| {
        !matches!(t.kind, TokKind::Place(_) | TokKind::Referential(_))
            || !grade_spans.iter().any(|&(a, b)| t.start < b && a < t.end)
    });

    let sentence_text = text(chars, ss, se);
    let local_fields: Vec<(usize, usize, bool)> = field_spans.iter().map(|&(s, e, x)| (s - ss, e - ss, x)).collect();
    for y in find_years(&sentence_text, &program_starts, &local_fields, k) {
        let y = YearExpr { start: y.start + ss, end: y.end + ss, ..y };
        tokens.push(Token { start: y.start, end: y.end, kind: TokKind::Year(y) });
    }

    boundaries(chars, &runs, ss, se, k, &mut tokens);

    bracketed_fields(chars, &mut tokens);

    // Tokens in text order; at one position the longer first.
    tokens.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let organizers = super::roles::mark_places(chars, sentence, &mut tokens, k);
    if !organizers.is_empty() {
        tokens.extend(organizers);
        tokens.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }
    tokens
}

/// Place tokens: 시·도 forms, 시·군·구 names (with shared suffixes expanded)
/// and references back ("구는").
fn places(chars: &[char], runs: &[(usize, usize)], k: &Knowledge, out: &mut Vec<Token>) {
    let lex = &k.places;
    let mut found: Vec<Option<(Token, PlaceWord)>> = Vec::with_capacity(runs.len());
    // Names that got their suffix from the next name ("동대문" in "동대문·중랑구").
    let mut took_suffix = vec![false; runs.len()];
    for &(s, e) in runs {
        let word = text(chars, s, e);
        found.push(lex.classify_word(&word).map(|pw| place_token(chars, s, e, pw, lex)));
    }
    names_without_suffix(chars, runs, lex, &mut found, &mut took_suffix);
    particles_after_brackets(chars, lex, &mut found);
    // "동대문·중랑구": names before a shared suffix.
    let mut i = 0;
    while i < runs.len() {
        let mut j = i;
        while j + 1 < runs.len() && joined_by(chars, runs, j) == Some('·') {
            j += 1;
        }
        if j > i {
            if let Some((tok, PlaceWord::Sigungu { name })) = &found[j] {
                let suffix = name.chars().last().expect("nonempty name");
                let particle = match &tok.kind {
                    TokKind::Place(p) => p.particle.clone(),
                    _ => String::new(),
                };
                for m in i..j {
                    if found[m].is_some() {
                        continue;
                    }
                    let (s, e) = runs[m];
                    let mut expanded: Vec<char> = chars[s..e].to_vec();
                    expanded.push(suffix);
                    if (1..=4).contains(&(e - s)) && lex.is_sigungu_name(&expanded) {
                        let place = Place {
                            name: expanded.iter().collect(),
                            sido_context: None,
                            level: Some("sigungu"),
                            particle: particle.clone(),
                            recipient: true,
                            field: None,
                        };
                        let pw = PlaceWord::Sigungu { name: place.name.clone() };
                        found[m] = Some((Token { start: s, end: e, kind: TokKind::Place(place) }, pw));
                        took_suffix[m] = true;
                    }
                }
            }
        }
        i = j + 1;
    }
    // A 시·도 right before a name (one space, no particle) is its context;
    // a chain "인천 남동·계양구" shares it.
    let mut context: Option<String> = None;
    for m in 0..runs.len() {
        // "인천 남동·계양구" shares one 시·도; "광주 서구·시흥시" does not.
        let chained = m > 0 && joined_by(chars, runs, m - 1) == Some('·') && took_suffix[m - 1];
        let spaced = m > 0 && joined_by(chars, runs, m - 1) == Some(' ');
        let prev_is_context = spaced
            && matches!(&found[m - 1], Some((Token { kind: TokKind::Place(p), .. }, PlaceWord::SidoShort { .. } | PlaceWord::SidoGov { .. })) if p.particle.is_empty());
        // A 시 of a 도 may share its name with a 광역시 ("경기 광주시").
        let this_is_name = match &found[m] {
            Some((_, PlaceWord::Sigungu { .. })) => true,
            Some((_, PlaceWord::SidoGov { name, .. })) => lex.is_ambiguous_form(name) && prev_is_context,
            _ => false,
        };
        if this_is_name && prev_is_context {
            if let Some((Token { kind: TokKind::Place(p), .. }, _)) = &mut found[m - 1] {
                p.recipient = false;
                context = Some(p.name.clone());
            }
        } else if !(this_is_name && chained) {
            context = None;
        }
        if this_is_name {
            if let Some((Token { kind: TokKind::Place(p), .. }, _)) = &mut found[m] {
                p.sido_context = context.clone();
                if p.level.is_none() && lex.has_sigungu_suffix(&p.name) {
                    p.level = Some("sigungu");
                }
            }
        }
    }
    // "…유성구, 경기 ▲…": a short name listed after a government is one too.
    for m in 1..runs.len() {
        let listed_after_recipient = text(chars, runs[m - 1].1, runs[m].0) == ", "
            && matches!(&found[m - 1], Some((Token { kind: TokKind::Place(p), .. }, _)) if p.recipient && p.particle.is_empty());
        let ends_item = {
            let after = text(chars, runs[m].1, chars.len().min(runs[m].1 + 3));
            after.is_empty()
                || after.starts_with(',')
                || after.starts_with(" ▲")
                || after.strip_prefix(' ').is_some_and(|a| k.grammar.starts_with_etc(a))
                || after.starts_with('.')
        };
        if let Some((Token { kind: TokKind::Place(p), .. }, PlaceWord::SidoShort { .. })) = &mut found[m] {
            if listed_after_recipient && ends_item && p.particle.is_empty() {
                p.recipient = true;
            }
        }
    }
    coordinated_short_names(chars, runs, k, &mut found);
    // "경기(도지사 …)는": a short name with its head in brackets is the government.
    for (t, pw) in found.iter_mut().flatten() {
        if let (TokKind::Place(p), PlaceWord::SidoShort { .. }) = (&mut t.kind, &*pw) {
            let after = text(chars, t.end, chars.len().min(t.end + 5));
            if p.particle.is_empty() && lex.roles.head_in_brackets(&after) {
                p.recipient = true;
            }
        }
    }
    out.extend(found.into_iter().flatten().map(|(t, _)| t));
}

/// The token of one classified word.
fn place_token(chars: &[char], s: usize, e: usize, pw: PlaceWord, lex: &PlaceLexicon) -> (Token, PlaceWord) {
    let (skip, name, level, recipient, context) = match &pw {
        PlaceWord::SidoGov { name, .. } => {
            let level = if lex.is_ambiguous_form(name) { None } else { Some("sido") };
            (0, name.clone(), level, true, None)
        }
        PlaceWord::SidoShort { name, .. } => (0, name.clone(), Some("sido"), false, None),
        PlaceWord::Sigungu { name } => (0, name.clone(), Some("sigungu"), true, None),
        PlaceWord::Glued { written, name, .. } => {
            (written.chars().count(), name.clone(), Some("sigungu"), true, Some(written.clone()))
        }
        PlaceWord::Referential { suffix } => (0, suffix.to_string(), None, false, None),
    };
    let start = s + skip;
    let n = name.chars().count();
    let particle = text(chars, start + n, e);
    let kind = match pw {
        PlaceWord::Referential { suffix } => TokKind::Referential(suffix),
        _ => TokKind::Place(Place { name, sido_context: context, level, particle, recipient, field: None }),
    };
    (Token { start, end: start + n, kind }, pw)
}

/// The one character between the Hangul runs `m` and `m + 1`, when a
/// single character parts them ("성주·칠곡군", "경기 양평군").
fn joined_by(chars: &[char], runs: &[(usize, usize)], m: usize) -> Option<char> {
    let next = runs.get(m + 1)?;
    (runs[m].1 + 1 == next.0).then(|| chars[runs[m].1])
}

/// "광역단체 중에서는 대전과 경기가": two short 시·도 names joined by 와/과
/// and made the subject together name the governments (a short name alone
/// with such a particle is too often a region, not a winner).
fn coordinated_short_names(
    chars: &[char],
    runs: &[(usize, usize)],
    k: &Knowledge,
    found: &mut [Option<(Token, PlaceWord)>],
) {
    let lex = &k.places;
    let short_with = |m: usize, particles: &[String]| -> Option<PlaceWord> {
        let word = text(chars, runs[m].0, runs[m].1);
        particles.iter().find_map(|p| {
            let stem = word.strip_suffix(p.as_str())?;
            match lex.classify_word(stem)? {
                pw @ PlaceWord::SidoShort { .. } => Some(pw),
                _ => None,
            }
        })
    };
    for m in 0..runs.len().saturating_sub(1) {
        let spaced = joined_by(chars, runs, m) == Some(' ');
        if !spaced || found[m].is_some() || found[m + 1].is_some() {
            continue;
        }
        let (Some(a), Some(b)) = (short_with(m, k.particles.joining()), short_with(m + 1, k.particles.subject()))
        else {
            continue;
        };
        for (i, pw) in [(m, a), (m + 1, b)] {
            let (mut t, pw) = place_token(chars, runs[i].0, runs[i].1, pw, lex);
            if let TokKind::Place(p) = &mut t.kind {
                p.recipient = true;
            }
            found[i] = Some((t, pw));
        }
    }
}

/// "인천시(시장 유정복)는": the particle after a bracketed aside is the name's.
fn particles_after_brackets(chars: &[char], lex: &PlaceLexicon, found: &mut [Option<(Token, PlaceWord)>]) {
    for (t, _) in found.iter_mut().flatten() {
        let TokKind::Place(p) = &mut t.kind else { continue };
        if !p.particle.is_empty() || chars.get(t.end) != Some(&'(') {
            continue;
        }
        let limit = chars.len().min(t.end + 40);
        let Some(close) = (t.end..limit).find(|&i| matches!(chars[i], ')' | '\n')) else { continue };
        if chars[close] != ')' {
            continue;
        }
        // A press release wrapped at a fixed width may break the line right
        // after the bracket ("계양구(구청장 …)\n가 보건복지부가"): a line
        // break there is no word boundary.
        let from = if chars.get(close + 1) == Some(&'\n') { close + 2 } else { close + 1 };
        let after = text(chars, from, run_at(chars, from, chars.len()));
        if !after.is_empty() && lex.is_particle(&after) {
            p.particle = after;
        }
    }
}

/// "경기 양평", "부산 남·북구", "경북 성주·칠곡": names written without
/// their suffix right after their 시·도 (or after such a name and "·").
fn names_without_suffix(
    chars: &[char],
    runs: &[(usize, usize)],
    lex: &PlaceLexicon,
    found: &mut [Option<(Token, PlaceWord)>],
    took_suffix: &mut [bool],
) {
    let mut sido: Option<usize> = None;
    for m in 0..runs.len() {
        let gap = m.checked_sub(1).and_then(|p| joined_by(chars, runs, p));
        let after_sido = match (m.checked_sub(1).and_then(|p| found[p].as_ref()), gap) {
            (Some((Token { kind: TokKind::Place(p), .. }, pw)), Some(' ')) if p.particle.is_empty() => match pw {
                PlaceWord::SidoShort { sido, .. } | PlaceWord::SidoGov { sido, .. } => Some(*sido),
                _ => None,
            },
            (_, Some('·')) if m > 0 && took_suffix[m - 1] => sido,
            _ => None,
        };
        sido = None;
        let Some(si) = after_sido else { continue };
        if found[m].is_some() {
            continue;
        }
        let (s, e) = runs[m];
        let Some((name, n)) = lex.name_after_sido(si, &text(chars, s, e)) else { continue };
        let place = Place {
            name: name.clone(),
            sido_context: None,
            level: Some("sigungu"),
            particle: text(chars, s + n, e),
            recipient: true,
            field: None,
        };
        found[m] = Some((Token { start: s, end: s + n, kind: TokKind::Place(place) }, PlaceWord::Sigungu { name }));
        took_suffix[m] = true;
        sido = Some(si);
    }
}

/// Drops the fields of a list closed by a count larger than the list ("A,
/// B, C 등 총 10개 분야에서 … 선정", also with items marked "▲A ▲B ▲C"):
/// it samples what the evaluation covers,
/// and names no winner's field. A count the list fills ("A, B 등 2개 분야
/// 최우수상") keeps it.
fn drop_enumerated_fields(chars: &[char], se: usize, k: &Knowledge, tokens: &mut Vec<Token>) {
    let fields = field_spans(tokens);
    let mut dropped = Vec::new();
    for (i, &(_, end)) in fields.iter().enumerate() {
        let Some(count) = k.fields.enumeration_count(&text(chars, end, se.min(end + 16)), k.amounts.thing()) else {
            continue;
        };
        // The list: the fields before this one with only separators between.
        let mut first = i;
        let separators_only =
            |gap: String| gap.chars().all(|c| " ,·".contains(c) || is_item_mark(c) || k.grammar.is_joiner(c));
        while first > 0 && separators_only(text(chars, fields[first - 1].1, fields[first].0)) {
            first -= 1;
        }
        if count > i + 1 - first {
            dropped.extend_from_slice(&fields[first..=i]);
        }
    }
    drop_fields(tokens, &dropped);
}

/// Drops a field written as the division another field belongs to: "동
/// 복지허브화 부문 맞춤형 복지서비스 제공 분야에서" (a field, its mark, and
/// right after it the next field, with no comma or joiner between) names
/// the second.
fn drop_divisions(chars: &[char], k: &Knowledge, tokens: &mut Vec<Token>) {
    let divisions: Vec<(usize, usize)> = field_spans(tokens)
        .windows(2)
        .filter(|w| w[0].1 <= w[1].0 && k.fields.is_mark(text(chars, w[0].1, w[1].0).trim()))
        .map(|w| w[0])
        .collect();
    drop_fields(tokens, &divisions);
}

/// The spans of the field tokens, in order.
fn field_spans(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut fields: Vec<(usize, usize)> =
        tokens.iter().filter(|t| matches!(t.kind, TokKind::Field(_))).map(|t| (t.start, t.end)).collect();
    fields.sort();
    fields
}

/// Removes the field tokens at `spans`.
fn drop_fields(tokens: &mut Vec<Token>, spans: &[(usize, usize)]) {
    tokens.retain(|t| !(matches!(t.kind, TokKind::Field(_)) && spans.contains(&(t.start, t.end))));
}

/// Another evaluation named by what it evaluates ("재난관리 평가 우수기관",
/// "'2017회계연도 평가 우수'"): the word before "평가" (glued, or one space
/// before) that is no program, field, place or year of the sentence's
/// tokens and no word of `not_evaluation_names` makes a cue of another
/// program. "평가" used as a verb ("평가해", "평가받은", "평가 받아") names
/// nothing. A contest is named the same way ("건강증진사업 성과대회").
fn named_evaluations(chars: &[char], ss: usize, se: usize, k: &Knowledge, tokens: &mut Vec<Token>) {
    let evaluation: Vec<char> = k.fields.evaluation().chars().collect();
    let contests: Vec<Vec<char>> = k.contest_words.iter().map(|w| w.chars().collect()).collect();
    let word_at =
        |i: usize| std::iter::once(&evaluation).chain(&contests).find(|w| chars.get(i..i + w.len()) == Some(&w[..]));
    let mut cues = Vec::new();
    let mut i = ss;
    while i < se {
        let Some(n) = word_at(i).map(Vec::len).filter(|&n| i + n <= se) else {
            i += 1;
            continue;
        };
        let at = i;
        i += n;
        let glued_verb = chars.get(at + n).is_some_and(|c| k.evaluation_verb_syllables.contains(c));
        let spaced_verb = chars.get(at + n) == Some(&' ')
            && chars.get(at + n + 1).is_some_and(|c| k.evaluation_verb_after_space.contains(c));
        if glued_verb || spaced_verb {
            continue;
        }
        let Some((qs, qe)) = qualifier_before(chars, ss, at) else { continue };
        let qualifier: String = chars[qs..qe].iter().collect();
        let taken = tokens.iter().any(|t| t.start < at + n && qs < t.end) || names_a_part(chars, tokens, qs, k);
        let generic = k.not_evaluation_names.contains(&qualifier)
            || k.not_evaluation_name_endings.iter().any(|w| qualifier.ends_with(w.as_str()))
            || qualifier.chars().last().is_some_and(|c| k.modifier_endings.contains(&c));
        if !taken && !generic {
            cues.push(Token { start: qs, end: at + n, kind: TokKind::Other });
        }
    }
    tokens.extend(cues);
}

/// Another body organizing what the sentence reports: "낙동강유역환경청이
/// 시행한 '… 성과평가'", "협의회가 주관한". The subject of such a relative
/// clause that is not the ministry nor a place (a 시·도 organizer is
/// `organizer_cues`') is a cue of another program.
fn other_organizers(chars: &[char], ss: usize, se: usize, k: &Knowledge, tokens: &mut Vec<Token>) {
    let mut cues = Vec::new();
    let mut i = ss;
    while i < se {
        let j = (i..se).find(|&j| chars[j] == ' ').unwrap_or(se);
        let word: String = chars[i..j].iter().collect();
        let next = word_after(chars, j, se);
        let taken = tokens.iter().any(|t| t.start < j && i < t.end);
        if !taken
            && word.chars().all(is_syllable)
            && k.grammar.subject_of_relative_clause(&word, &next)
            && !k.starts_with_ministry(&word)
        {
            cues.push(Token { start: i, end: j, kind: TokKind::Other });
        }
        i = j + 1;
    }
    tokens.extend(cues);
}

/// Whether an evaluation named at `qs` is a part of this program named just
/// before it, in the same phrase: "지역복지사업 복지재정효율화 부문
/// 부적정수급 환수·확인조사 평가에서" (right after the name, or after the
/// field's 부문/분야, no comma between).
fn names_a_part(chars: &[char], tokens: &[Token], qs: usize, k: &Knowledge) -> bool {
    let own = |t: &&Token| matches!(&t.kind, TokKind::Program(_) | TokKind::Field(Field { alias: Some(_), .. }));
    let Some(last) = tokens.iter().filter(own).filter(|t| t.end <= qs).max_by_key(|t| t.end) else { return false };
    let gap: String = chars[last.end..qs].iter().collect();
    let gap = gap.trim();
    qs - last.end <= PART_GAP
        && (gap.is_empty() || k.fields.starts_with_mark(gap))
        && !gap.contains([',', '.', '▲', '…'])
}

/// Characters between this program's name and a part of it, at most.
const PART_GAP: usize = 24;

/// The Hangul word glued to position `at` ("회계연도" of "2017회계연도평가"),
/// or else the one ending one space before it.
fn qualifier_before(chars: &[char], ss: usize, at: usize) -> Option<(usize, usize)> {
    let end = if at > ss && is_syllable(chars[at - 1]) {
        at
    } else if at > ss + 1 && chars[at - 1] == ' ' {
        at - 1
    } else {
        return None;
    };
    let start = (ss..end).rev().take_while(|&j| is_syllable(chars[j])).last()?;
    Some((start, end))
}

/// "서울시가 주관한", "경기도 주관": a 시·도 organizing its own evaluation.
fn organizer_cues(chars: &[char], tokens: &[Token], se: usize, k: &Knowledge, out: &mut Vec<Token>) {
    for t in tokens {
        if let TokKind::Place(p) = &t.kind {
            if p.level != Some("sido") {
                continue;
            }
            let after = text(chars, t.end, se.min(t.end + 8));
            let gap = k.particles.before_organizer();
            let after = after.trim_start_matches(|c: char| c == ' ' || gap.contains(&c));
            if k.organizer_words.iter().any(|w| after.starts_with(w.as_str())) {
                out.push(Token { start: t.start, end: t.end, kind: TokKind::Other });
            }
        }
    }
}

/// "등 총 34곳이", "시도 4곳, 시군구 12곳이", "122개 기관이": a counted
/// subject.
fn count_subjects(chars: &[char], ss: usize, se: usize, k: &Knowledge, out: &mut Vec<Token>) {
    let sentence = text(chars, ss, se);
    for m in k.amounts.counted_subjects(&sentence) {
        let start = ss + sentence[..m.start()].chars().count();
        let end = ss + sentence[..m.end()].chars().count();
        out.push(Token { start, end, kind: TokKind::CountSubject });
    }
}

/// Clause boundaries, headline segment marks and continuations.
fn boundaries(chars: &[char], runs: &[(usize, usize)], ss: usize, se: usize, k: &Knowledge, out: &mut Vec<Token>) {
    count_subjects(chars, ss, se, k, out);
    for &(s, e) in runs {
        let w = &chars[s..e];
        let next = chars.get(e).copied().filter(|_| e < se);
        let last = w[w.len() - 1];
        let comma = next == Some(',');
        let word: String = w.iter().collect();
        // "…에서 대상을, …에서 우수상을 받았다": an object and a comma end a conjunct.
        let object_listed = comma && k.particles.is_object(last.encode_utf8(&mut [0; 4]));
        if object_listed || k.grammar.closes_clause(w, comma) {
            out.push(Token { start: e, end: e, kind: TokKind::Break });
        }
        if k.grade_words.continuation_words.contains(&word) {
            out.push(Token { start: s, end: e, kind: TokKind::Continuation });
        }
    }
    let mut i = ss;
    while i < se {
        let three_dots = chars[i] == '.' && chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.');
        // "…" between headline claims, and list marks inside a sentence
        // ("▲A 분야 대상 X ▲B 분야 우수상 Y"): each item stands alone.
        let item_mark = is_item_mark(chars[i]);
        if chars[i] == '…' || three_dots || item_mark {
            let len = if three_dots { 3 } else { 1 };
            out.push(Token { start: i, end: i + len, kind: TokKind::Ellipsis });
            i += len;
        } else {
            if chars[i] == ';' {
                out.push(Token { start: i, end: i + 1, kind: TokKind::Break });
            }
            i += 1;
        }
    }
}
