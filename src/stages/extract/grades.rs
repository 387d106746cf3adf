//! Grade words in a sentence and how each is used: an award ("대상을
//! 받았다", "우수기관으로 선정"), a selection without grade ("표창 대상"), a
//! count ("최우수 30곳"), the evaluator's action ("우수 지자체를 선정한다"),
//! or no grade at all ("전국 지자체를 대상으로", "우수 사례"). The words
//! are in `data/domain/grades.toml`.

use std::collections::HashSet;

use crate::domain::places::is_hangul;
use crate::domain::Knowledge;

use super::chars::{is_close_quote, run_at, text};
use super::tokens::{GradeTok, GradeUse, TokKind, Token};

fn starts_with_any(word: &str, list: &[String]) -> bool {
    list.iter().any(|v| word.starts_with(v.as_str()))
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
    let words = &k.grade_words;
    let heads: Vec<&String> = {
        let mut h: Vec<&String> = words.heads.iter().collect();
        h.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        h
    };
    let particles: HashSet<&str> = words.particles.iter().map(String::as_str).collect();
    for (bs, be, gi) in k.find_grade_words(&sentence) {
        let (s, mut e) = (ss + byte_to_char(bs), ss + byte_to_char(be));
        let def = &k.grades[gi];
        let word = text(chars, s, e);
        let prev = s.checked_sub(1).filter(|&p| p >= ss).map(|p| chars[p]);
        if prev.is_some_and(is_hangul) || inside_other(s, e) {
            continue;
        }
        // A head noun after the word: "최우수 기관", "우수구".
        let mut had_head = false;
        if !word.ends_with('상') || word == "대상" {
            for gap in [0usize, 1] {
                if gap == 1 && chars.get(e) != Some(&' ') {
                    continue;
                }
                let rest = text(chars, e + gap, se.min(e + gap + 8));
                if let Some(h) = heads.iter().find(|h| {
                    rest.starts_with(h.as_str()) && {
                        let after = e + gap + h.chars().count();
                        let run_end = run_at(chars, after, se);
                        run_end == after || particles.contains(text(chars, after, run_end).as_str())
                    }
                }) {
                    e += gap + h.chars().count();
                    had_head = true;
                    break;
                }
            }
        }
        let particle_end = run_at(chars, e, se);
        let particle = text(chars, e, particle_end);
        if !particle.is_empty() && !particles.contains(particle.as_str()) {
            continue; // "우수성", "대상자", "우수한"
        }
        let next_char = chars.get(particle_end).copied().filter(|_| particle_end < se);
        let next_word = {
            let mut i = particle_end;
            while i < se && (chars[i] == ' ' || is_close_quote(chars[i])) {
                i += 1;
            }
            text(chars, i, run_at(chars, i, se))
        };
        let next_token = {
            let mut i = particle_end;
            while i < se && chars[i] == ' ' {
                i += 1;
            }
            let mut j = i;
            while j < se && chars[j] != ' ' {
                j += 1;
            }
            text(chars, i, j)
        };
        let prev_word = {
            let mut j = s;
            while j > ss && chars[j - 1] == ' ' {
                j -= 1;
            }
            let mut i = j;
            while i > ss && chars[i - 1] != ' ' {
                i -= 1;
            }
            text(chars, i, j)
        };
        let bare = def.bare_needs_head && !word.ends_with('상') && !had_head;
        if bare && particle.is_empty() && next_char == Some(' ') && !next_word.is_empty() {
            continue; // "우수 사례"
        }
        let is_daesang = def.name == "대상" && word == "대상";
        // "최우수 30곳", "대상 3개": a count ("대상 등 8개" names the grade among them).
        let counted = {
            let t = next_token.trim_start_matches(['\'', '"']);
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && ["개", "곳"].iter().any(|u| t[digits..].starts_with(u))
        };
        let after_words: Vec<String> = text(chars, particle_end, se)
            .split_whitespace()
            .take(2)
            .map(|w| w.trim_matches(['\'', '"']).to_string())
            .collect();
        let unrealized = starts_with_any(&next_word, &words.unrealized_words)
            || (words.could_words.iter().any(|w| after_words.first() == Some(w))
                && after_words.get(1).is_some_and(|w| w == "수"));
        let mut usage = GradeUse::Award;
        if unrealized {
            usage = GradeUse::NotGrade;
        } else if counted {
            usage = GradeUse::Count;
        } else if starts_with_any(&next_word, &words.excluding_words_after) && particle.is_empty() {
            usage = GradeUse::NotGrade;
        } else if is_daesang {
            let prev_plain = prev_word.trim_end_matches(['\'', '"']);
            if words.target_words_before.iter().any(|w| prev_plain == w.as_str()) {
                usage = GradeUse::NotGrade;
            } else if words.selected_words_before.iter().any(|w| prev_plain == w.as_str()) {
                usage = GradeUse::Selected;
            } else if particle == "으로" || particle == "로" {
                let object_before = prev_plain.ends_with('을') || prev_plain.ends_with('를');
                if starts_with_any(&next_word, &words.chosen_verbs) {
                    usage = GradeUse::Award;
                } else if object_before || starts_with_any(&next_word, &words.target_verbs) {
                    usage = GradeUse::NotGrade;
                }
            } else if (particle == "을" || particle == "를") && starts_with_any(&next_word, &words.target_verbs) {
                usage = GradeUse::NotGrade;
            } else if (particle.is_empty()
                && next_char == Some(' ')
                && starts_with_any(&next_word, &words.target_verbs))
                || (particle == "이" && next_word.starts_with('되'))
                || prev_plain.ends_with('을')
                || prev_plain.ends_with('를')
            {
                // "무료 급식 대상 확대", "대상이 되는", "지자체를 대상 …"
                usage = GradeUse::NotGrade;
            }
        }
        if usage == GradeUse::Award
            && (particle == "을" || particle == "를")
            && starts_with_any(&next_word, &words.selecting_verbs)
            && !starts_with_any(&next_word, &words.receiving_verbs)
        {
            usage = GradeUse::Generic;
        }
        let topic = particle == "은" || particle == "는";
        let streak = {
            let from = s.saturating_sub(14).max(ss);
            let before = text(chars, from, s);
            words.streak_words.iter().any(|w| before.contains(w.as_str()))
        };
        out.push(Token { start: s, end: e, kind: TokKind::Grade(GradeTok { grade: gi, usage, topic, streak }) });
    }
}
