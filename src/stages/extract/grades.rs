//! Grade words in a sentence and how each is used: an award ("대상을
//! 받았다", "우수기관으로 선정"), a selection without grade ("표창 대상"), a
//! count ("최우수 30곳"), the evaluator's action ("우수 지자체를 선정한다"),
//! or no grade at all ("전국 지자체를 대상으로", "우수 사례"). The words
//! are in `data/domain/grades.toml`.

use std::collections::HashSet;

use crate::domain::hangul::is_syllable;
use crate::domain::wordlist::starts_with_any;
use crate::domain::Knowledge;
use crate::money::find_money_spans;

use super::chars::{is_close_quote, run_at, text};
use super::token_types::{GradeTok, GradeUse, TokKind, Token};

/// The words around one grade word, read once.
struct Around {
    /// End of the grade phrase (the word and its head noun, "최우수 기관").
    end: usize,
    /// The head noun, if any.
    head: Option<String>,
    particle: String,
    next_char: Option<char>,
    /// The next Hangul word after the particle (quotes skipped).
    next_word: String,
    /// The next space-separated token after the particle.
    next_token: String,
    /// The word before the grade word, without quotes, and the one before it.
    prev_word: String,
    prev_prev_word: String,
    third_word: String,
    /// The two words after the particle, without quotes.
    after_words: Vec<String>,
}

/// Up to `n` space-separated words before `s` (nearest first).
fn words_back(chars: &[char], ss: usize, s: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = s;
    while out.len() < n {
        while j > ss && chars[j - 1] == ' ' {
            j -= 1;
        }
        let mut i = j;
        while i > ss && chars[i - 1] != ' ' {
            i -= 1;
        }
        if i == j {
            break;
        }
        out.push(text(chars, i, j));
        j = i;
    }
    out
}

/// Reads the phrase around a grade word `[s, e)`; `None` when the word is
/// part of a longer word ("우수성", "대상자", "우수한").
fn around(chars: &[char], ss: usize, se: usize, s: usize, e: usize, k: &Knowledge) -> Option<Around> {
    let words = &k.grade_words;
    let particles: HashSet<&str> = words.particles.iter().map(String::as_str).collect();
    let word = text(chars, s, e);
    let mut end = e;
    let mut head = None;
    if !words.ends_in_prize(&word) || words.is_target_homonym(&word) {
        for gap in [0usize, 1] {
            if gap == 1 && chars.get(e) != Some(&' ') {
                continue;
            }
            let rest = text(chars, e + gap, se.min(e + gap + 8));
            let fits = |h: &&String| {
                rest.starts_with(h.as_str()) && {
                    let after = e + gap + h.chars().count();
                    let run_end = run_at(chars, after, se);
                    run_end == after || particles.contains(text(chars, after, run_end).as_str())
                }
            };
            if let Some(h) = words.heads_longest_first().find(fits) {
                end = e + gap + h.chars().count();
                head = Some(h.clone());
                break;
            }
        }
    }
    // A particle after the closing quote of a quoted grade phrase is the
    // phrase's own: "'… 우수기관'을 선정하는", "'최우수'로 선정".
    let quoted = (end..se).find(|&i| !is_close_quote(chars[i])).unwrap_or(se);
    let after_quote = run_at(chars, quoted, se);
    let (particle_start, particle_end) =
        if quoted > end && after_quote > quoted && particles.contains(text(chars, quoted, after_quote).as_str()) {
            (quoted, after_quote)
        } else {
            (end, run_at(chars, end, se))
        };
    let particle = text(chars, particle_start, particle_end);
    if !particle.is_empty() && !particles.contains(particle.as_str()) {
        return None;
    }
    let skip = |mut i: usize, also_quotes: bool| {
        while i < se && (chars[i] == ' ' || (also_quotes && is_close_quote(chars[i]))) {
            i += 1;
        }
        i
    };
    let i = skip(particle_end, true);
    let next_word = text(chars, i, run_at(chars, i, se));
    let i = skip(particle_end, false);
    let j = (i..se).find(|&j| chars[j] == ' ').unwrap_or(se);
    let next_token = text(chars, i, j);
    let back = words_back(chars, ss, s, 3);
    let prev_word = back.first().map(|w| w.trim_end_matches(['\'', '"']).to_string()).unwrap_or_default();
    let prev_prev_word = back.get(1).cloned().unwrap_or_default();
    let third_word = back.get(2).cloned().unwrap_or_default();
    let after_words = text(chars, particle_end, se)
        .split_whitespace()
        .take(2)
        .map(|w| w.trim_matches(['\'', '"']).to_string())
        .collect();
    let next_char = chars.get(particle_end).copied().filter(|_| particle_end < se);
    Some(Around {
        end,
        head,
        particle,
        next_char,
        next_word,
        next_token,
        prev_word,
        prev_prev_word,
        third_word,
        after_words,
    })
}

/// Grade words with their use.
pub fn grades(
    chars: &[char],
    ss: usize,
    se: usize,
    k: &Knowledge,
    inside_other: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Token>,
) {
    let sentence = text(chars, ss, se);
    let byte_to_char = |b: usize| sentence[..b].chars().count();
    let first = out.len();
    for (bs, be, gi) in k.find_grade_words(&sentence) {
        let (s, e) = (ss + byte_to_char(bs), ss + byte_to_char(be));
        let def = &k.grades[gi];
        let word = text(chars, s, e);
        let prev = s.checked_sub(1).filter(|&p| p >= ss).map(|p| chars[p]);
        // "지원대상" is a target; "복지행정상 전국대상을 안았다" a grade.
        let glued = prev.is_some_and(is_syllable) && !glued_scope_before(chars, ss, s, k);
        if glued || inside_other(s, e) {
            continue;
        }
        let Some(a) = around(chars, ss, se, s, e, k) else { continue };
        let words = &k.grade_words;
        let bare = def.bare_needs_head && !words.ends_in_prize(&word) && a.head.is_none();
        // "우수 사례" is no grade; "▲… 대상 옥천군, 우수 전남 순천시" is: a
        // bare grade word right before a place name heads that name.
        let names_place = k.places.classify_word(&a.next_word).is_some();
        if bare && a.particle.is_empty() && a.next_char == Some(' ') && !a.next_word.is_empty() && !names_place {
            continue;
        }
        let usage = usage_of(words.is_target_homonym(&word), &a, k);
        let topic = k.particles.is_topic(&a.particle);
        let streak = {
            let before = text(chars, s.saturating_sub(14).max(ss), s);
            words.streak_words.iter().any(|w| before.contains(w.as_str()))
        };
        // "우수기관으로 선정", "최우수 지자체": an institution head and no 상.
        let generic = !words.ends_in_prize(&word)
            && a.head.as_ref().is_some_and(|h| words.institution_heads.iter().any(|i| i == h));
        let sweep = starts_with_any(&a.next_word, &words.sweeping_verbs);
        let tok = GradeTok { grade: gi, usage, topic, streak, generic, sweep };
        out.push(Token { start: s, end: a.end, kind: TokKind::Grade(tok) });
    }
    summarized_grades(chars, &sentence, k, &mut out[first..]);
    prize_schedule(chars, out, first);
    other_prizes(&sentence, ss, k, out);
}

/// How a grade word is used, from the words around it.
fn usage_of(is_daesang: bool, a: &Around, k: &Knowledge) -> GradeUse {
    let words = &k.grade_words;
    // "최우수 30곳", "대상 3개": a count ("대상 등 8개" names the grade
    // among them); "38개 우수 지자체가", "4개시군 최우수기관": counted winners.
    let counts = &k.amounts;
    let counted_after = {
        let t = a.next_token.trim_start_matches(['\'', '"']);
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && counts.starts_with_counter(&t[digits..])
    };
    let counted_before = {
        let digits = a.prev_word.chars().take_while(|c| c.is_ascii_digit()).count();
        // "3곳이 대상으로": the count is the subject, the names before it won.
        let unit = counts.after_counter(&a.prev_word[digits..]);
        digits > 0 && unit.is_some_and(|after| after.is_empty() || after.chars().count() >= 2)
    };
    // "2개 분야 최우수상과 2개 분야 우수상을 받는 등": counted grades (but
    // "A, B 등 2개 분야 최우수상": the grade of each field listed).
    let counted_fields = k.fields.is_mark(&a.prev_word) && !k.grammar.is_etc(&a.third_word) && {
        let digits = a.prev_prev_word.chars().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && counts.starts_with_thing_counter(&a.prev_prev_word[digits..])
    };
    let unrealized = (starts_with_any(&a.next_word, &words.unrealized_words)
        && !starts_with_any(&a.next_word, &words.realized_words))
        || words.could(&a.after_words);
    // "우수 지자체에 수여하는 상": what the evaluation gives, not a grade won;
    // "우수기관에 대한 2차 평가": the winners in general.
    let conferred = k.particles.before_conferring(&a.particle)
        && (starts_with_any(&a.next_word, &words.conferring_verbs)
            || starts_with_any(&a.next_word, &words.about_words));
    // "우수 지자체의 모범 사례": winners in general, described; "최우수
    // 기관의 영예" is the recipient's own.
    let institution = a.head.as_ref().is_some_and(|h| words.institution_heads.contains(h));
    let described =
        institution && k.particles.is_genitive(&a.particle) && !starts_with_any(&a.next_word, &words.honour_words);
    // "이들 우수 지자체에는": the winners named before, in general.
    let referring = institution && words.referring_words_before.contains(&a.prev_word);
    // "'민관협력 우수 시군 평가'": an evaluation named by its winners.
    let names_an_evaluation = institution && a.particle.is_empty() && k.fields.starts_with_evaluation(&a.next_word);
    let usage = if unrealized || conferred || described || names_an_evaluation || referring {
        GradeUse::NotGrade
    } else if counted_after || counted_before || counted_fields || starts_with_any(&a.next_word, &words.sweeping_verbs)
    {
        GradeUse::Count
    } else if starts_with_any(&a.next_word, &words.excluding_words_after) && a.particle.is_empty() {
        GradeUse::NotGrade
    } else if is_daesang {
        daesang_usage(a, k)
    } else {
        GradeUse::Award
    };
    let selecting = k.particles.is_object(&a.particle)
        && starts_with_any(&a.next_word, &words.selecting_verbs)
        && !starts_with_any(&a.next_word, &words.receiving_verbs);
    if usage == GradeUse::Award && selecting {
        GradeUse::Generic
    } else {
        usage
    }
}

/// "대상" is also "target": "지자체를 대상으로", "수급자 대상 교육", "대상이
/// 되는", "표창 대상" (selected, no grade).
fn daesang_usage(a: &Around, k: &Knowledge) -> GradeUse {
    let words = &k.grade_words;
    let prev = a.prev_word.as_str();
    let particle = a.particle.as_str();
    if words.target_words_before.iter().any(|w| prev == w.as_str())
        || words.target_nouns_before.iter().any(|w| prev.ends_with(w.as_str()))
    {
        return GradeUse::NotGrade;
    }
    if words.selected_words_before.iter().any(|w| prev == w.as_str()) {
        return GradeUse::Selected;
    }
    let p = &k.particles;
    let object_before = p.ends_object(prev);
    if p.is_direction(particle) {
        return if starts_with_any(&a.next_word, &words.chosen_verbs) {
            GradeUse::Award
        } else if object_before || starts_with_any(&a.next_word, &words.target_verbs) {
            GradeUse::NotGrade
        } else {
            GradeUse::Award
        };
    }
    let target_verb = starts_with_any(&a.next_word, &words.target_verbs);
    let not_grade = (p.is_object(particle) && target_verb)
        || (particle.is_empty() && a.next_char == Some(' ') && target_verb)
        || (p.is_subject(particle) && words.becomes(&a.next_word))
        || object_before;
    if not_grade {
        GradeUse::NotGrade
    } else {
        GradeUse::Award
    }
}

/// "최우수 및 우수상을 수상", "대상, 최우수, 우수 등 6개 분야": grades
/// listed together sum up several awards without saying which is which;
/// they are counts, unless the sentence pairs them ("각각").
fn summarized_grades(chars: &[char], sentence: &str, k: &Knowledge, grades: &mut [Token]) {
    if k.grammar.says_respectively(sentence) {
        return;
    }
    for i in 1..grades.len() {
        let between = text(chars, grades[i - 1].end, grades[i].start);
        let joined = between.split(|c: char| " ,·/'\"".contains(c) || k.grammar.is_joiner(c)).all(str::is_empty);
        if joined && grades[i - 1].end <= grades[i].start {
            for t in [i - 1, i] {
                if let TokKind::Grade(g) = &mut grades[t].kind {
                    if g.usage == GradeUse::Award {
                        g.usage = GradeUse::Count;
                    }
                }
            }
        }
    }
}

/// "대상에 1천만원, 최우수상 500만원, 우수상 300만원의 포상금이 수여된다":
/// grades each followed by a sum, with no name between them, are the
/// evaluation's schedule of prizes, not awards. (`out[first..]` are the
/// sentence's grades, the tokens before them its names.)
fn prize_schedule(chars: &[char], out: &mut [Token], first: usize) {
    let (names, grades) = out.split_at_mut(first);
    let priced: Vec<usize> = (0..grades.len()).filter(|&i| followed_by_a_sum(chars, grades[i].end)).collect();
    let (Some(&a), Some(&b)) = (priced.first(), priced.last()) else { return };
    let (start, end) = (grades[a].start, grades[b].end);
    let named_between = names.iter().any(|t| matches!(t.kind, TokKind::Place(_)) && start < t.start && t.end < end);
    if priced.len() < 2 || named_between {
        return;
    }
    for i in priced {
        if let TokKind::Grade(g) = &mut grades[i].kind {
            g.usage = GradeUse::NotGrade;
        }
    }
}

/// A sum right after a grade word (its particle 에 or a colon between):
/// "대상에 1천만원", "최우수 : 500만원".
fn followed_by_a_sum(chars: &[char], end: usize) -> bool {
    let mut i = end;
    if chars.get(i).is_some_and(|&c| is_syllable(c)) {
        i += 1; // "에"
    }
    while chars.get(i).is_some_and(|&c| c == ' ' || c == ':') {
        i += 1;
    }
    // A sum is short: read a few words on, and ask whether one opens here.
    let after: String = chars[i.min(chars.len())..(i + SUM_READ_CHARS).min(chars.len())].iter().collect();
    find_money_spans(&after).first().is_some_and(|m| m.start == 0)
}

/// How far past a grade [`followed_by_a_sum`] reads ("1천500만원", "3,000,000원").
const SUM_READ_CHARS: usize = 16;

/// Does a scope glued before a grade word end at `s` ("전국대상")?
fn glued_scope_before(chars: &[char], ss: usize, s: usize, k: &Knowledge) -> bool {
    k.grade_words.glued_scopes.iter().any(|w| {
        let n = w.chars().count();
        s >= ss + n && text(chars, s - n, s) == *w && (s - n == ss || !is_syllable(chars[s - n - 1]))
    })
}

/// Prizes that are no grade ("발전상", "특별상", "공로상", "준우수"): the
/// names before one won that, not the next grade.
fn other_prizes(sentence: &str, ss: usize, k: &Knowledge, out: &mut Vec<Token>) {
    for w in &k.grade_words.other_prizes {
        for (b, _) in sentence.match_indices(w.as_str()) {
            let start = ss + sentence[..b].chars().count();
            out.push(Token { start, end: start + w.chars().count(), kind: TokKind::OtherPrize });
        }
    }
}
