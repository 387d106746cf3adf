//! The clean text as characters, cut into sentences with character offsets
//! (the evidence contract), each with its role on the page: headline lines
//! (title and subheads, before the first full sentence), bullet lines
//! ("▲ 분야 : 지역"), or body sentences. The sentence ends and the
//! particles a broken line ends in are words of `data/domain/`.

use crate::domain::hangul::is_syllable;
use crate::domain::Knowledge;

/// Where a sentence sits on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Title or subhead: short lines before the body.
    Headline,
    /// A line of a bulleted or numbered list.
    Bullet,
    /// A sentence of the body.
    Body,
}

/// One sentence: `[start, end)` in characters of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the line it belongs to.
    pub line: usize,
    pub role: Role,
    /// A numbered item of a digest page ("2. 가람시장, ..."): other articles.
    pub numbered: bool,
}

/// The clean text, once, as characters.
#[derive(Debug, Clone)]
pub struct DocText {
    pub chars: Vec<char>,
    pub sentences: Vec<Sentence>,
}

const BULLETS: [char; 12] = ['▲', '■', '●', '◆', '○', '◇', '□', '-', '·', '*', '※', '▶'];

impl DocText {
    pub fn new(text: &str, k: &Knowledge) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let lines = join_broken_lines(&chars, line_ranges(&chars), k);
        let first_body_line =
            lines.iter().position(|&(s, e)| ends_a_sentence(&chars[s..e], k) && !starts_with_bullet(&chars[s..e]));
        let mut sentences = Vec::new();
        for (i, &(s, e)) in lines.iter().enumerate() {
            let line = &chars[s..e];
            let bullet = starts_with_bullet(line);
            let numbered = starts_numbered(line);
            let role = if bullet {
                Role::Bullet
            } else if first_body_line.is_none_or(|b| i < b) {
                Role::Headline
            } else {
                Role::Body
            };
            if role == Role::Body {
                for (a, b) in split_sentences(line, k) {
                    sentences.push(Sentence { start: s + a, end: s + b, line: i, role, numbered });
                }
            } else {
                sentences.push(Sentence { start: s, end: e, line: i, role, numbered });
            }
        }
        DocText { chars, sentences }
    }

    /// The characters `[start, end)` as a string.
    /// Empty when `end` is before `start` (tokens may nest: a field name
    /// inside a longer one).
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end.max(start)].iter().collect()
    }

    /// The sentence's text.
    pub fn text(&self, s: &Sentence) -> String {
        self.slice(s.start, s.end)
    }
}

/// Non-empty lines as trimmed character ranges.
fn line_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            let (mut s, mut e) = (start, i);
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                out.push((s, e));
            }
            start = i + 1;
        }
    }
    out
}

/// Lines broken inside a sentence joined back: a broadcast script ("대구
/// 달서구가\n보건복지부의 … 평가에서\n…") breaks after a case particle or a
/// comma; a press release wrapped at a fixed width breaks anywhere, in runs
/// of lines of one length without a sentence end (a headline and its subhead
/// are two such lines, but the body line after them is much longer). A
/// joined line keeps the breaks as characters (whitespace to every reader).
fn join_broken_lines(chars: &[char], lines: Vec<(usize, usize)>, k: &Knowledge) -> Vec<(usize, usize)> {
    let wrapped = wrapped_lines(chars, &lines, k);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut joining = false;
    for (i, &(s, e)) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(last) if joining && !starts_with_bullet(&chars[s..e]) => last.1 = e,
            _ => out.push((s, e)),
        }
        let line = &chars[s..e];
        joining = !ends_a_sentence(line, k) && (ends_with_case_particle(line, k) || wrapped[i]);
    }
    out
}

/// The lines of fixed-width wrapping: two or more lines of about one length
/// (25 characters or more) without a sentence end, followed by a line no
/// longer that ends one.
fn wrapped_lines(chars: &[char], lines: &[(usize, usize)], k: &Knowledge) -> Vec<bool> {
    let len = |i: usize| lines[i].1 - lines[i].0;
    let mut wrapped = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let width = len(i);
        let mut j = i;
        while j < lines.len()
            && len(j) >= 25
            && len(j) * 10 >= width * 8
            && len(j) * 10 <= width * 12
            && !ends_a_sentence(&chars[lines[j].0..lines[j].1], k)
        {
            j += 1;
        }
        let closes = j < lines.len() && len(j) * 10 <= width * 12 && ends_a_sentence(&chars[lines[j].0..lines[j].1], k);
        if j - i >= 2 && closes {
            wrapped[i..j].iter_mut().for_each(|w| *w = true);
        }
        i = j.max(i + 1);
    }
    wrapped
}

/// Does the line end inside a clause: a comma, or a word ending in a case
/// particle ("달서구가", "평가에서", "8천만원을")? A headline ends in a noun
/// or a verb stem, not in these.
fn ends_with_case_particle(line: &[char], k: &Knowledge) -> bool {
    if line.last() == Some(&',') {
        return true;
    }
    let word: String =
        line.iter().rev().take_while(|c| is_syllable(**c)).collect::<Vec<_>>().into_iter().rev().collect();
    word.chars().count() >= 2 && k.particles.ends_broken_line(&word)
}

fn starts_with_bullet(line: &[char]) -> bool {
    line.first().is_some_and(|c| BULLETS.contains(c) || ('①'..='⑳').contains(c))
}

/// "1. ..." / "2) ...": a numbered item.
fn starts_numbered(line: &[char]) -> bool {
    let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && digits < 3 && matches!(line.get(digits), Some('.') | Some(')'))
}

/// Does the line contain a finished sentence ("...했다.", "...이다")?
fn ends_a_sentence(line: &[char], k: &Knowledge) -> bool {
    let g = &k.grammar;
    // "…받았다(사진).", "…밝혔다(사진=가람구 제공)": a sentence with a
    // credit in brackets after its end.
    if let Some(open) = trailing_bracket(line) {
        if open > 0 && g.is_declarative_end(line[open - 1]) {
            return true;
        }
    }
    let trimmed: Vec<char> = line.iter().rev().skip_while(|c| matches!(c, '"' | '\'' | ')' | ' ')).copied().collect();
    match trimmed.as_slice() {
        ['.', c, ..] if g.is_declarative_end(*c) || g.is_polite_end(*c) => true,
        [c, ..] if g.is_declarative_end(*c) => true,
        _ => line.windows(3).any(|w| g.is_declarative_end(w[0]) && w[1] == '.' && w[2] == ' '),
    }
}

/// The start of a short bracketed note closing the line ("(사진)."), if any.
fn trailing_bracket(line: &[char]) -> Option<usize> {
    let end = line.iter().rposition(|c| !matches!(c, '.' | ' '))?;
    if line[end] != ')' {
        return None;
    }
    let open = line[..end].iter().rposition(|&c| c == '(')?;
    (end - open <= TRAILING_NOTE_CHARS && !line[open..end].contains(&')')).then_some(open)
}

/// The longest bracketed note [`trailing_bracket`] reads, in characters.
const TRAILING_NOTE_CHARS: usize = 24;

/// Sentence ranges inside one line: a period after a Hangul syllable (or a
/// closing quote or bracket) followed by a space ends a sentence; decimal
/// points and dates ("2024. 12. 9.") do not.
fn split_sentences(line: &[char], k: &Knowledge) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        let ends = matches!(c, '.' | '?' | '!')
            && i > 0
            && (is_syllable(line[i - 1]) || matches!(line[i - 1], '"' | '\'' | ')'))
            && line.get(i + 1).is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\''));
        // "…수상했다.또 …", "…4차례다.2025년 …": a sentence end written
        // without its space.
        let glued_end = c == '.'
            && i > 0
            && k.grammar.is_declarative_end(line[i - 1])
            && line.get(i + 1).is_some_and(|n| is_syllable(*n) || n.is_ascii_digit() || matches!(n, '‘' | '“' | '['));
        let ends = ends || glued_end;
        if ends {
            let mut end = i + 1;
            while end < line.len() && matches!(line[end], '"' | '\'') {
                end += 1;
            }
            push_trimmed(&mut out, line, start, end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, line, start, line.len());
    out
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, line: &[char], mut s: usize, mut e: usize) {
    while s < e && line[s].is_whitespace() {
        s += 1;
    }
    while e > s && line[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> Knowledge {
        Knowledge::embedded().unwrap()
    }

    #[test]
    fn headline_lines_come_before_the_first_full_sentence() {
        let text = "가람구, 복지 평가 대상\n부제목…나래군은 우수\n가람구가 대상을 받았다. 나래군도 우수상을 받았다.\n▲ 분야 : 다솜시\n구청장은 \"기쁘다\"고 말했다.";
        let doc = DocText::new(text, &k());
        let roles: Vec<(Role, String)> = doc.sentences.iter().map(|s| (s.role, doc.text(s))).collect();
        assert_eq!(
            roles,
            vec![
                (Role::Headline, "가람구, 복지 평가 대상".to_string()),
                (Role::Headline, "부제목…나래군은 우수".to_string()),
                (Role::Body, "가람구가 대상을 받았다.".to_string()),
                (Role::Body, "나래군도 우수상을 받았다.".to_string()),
                (Role::Bullet, "▲ 분야 : 다솜시".to_string()),
                (Role::Body, "구청장은 \"기쁘다\"고 말했다.".to_string()),
            ]
        );
        for s in &doc.sentences {
            assert_eq!(text.chars().skip(s.start).take(s.end - s.start).collect::<String>(), doc.text(s));
        }
    }

    #[test]
    fn lines_broken_inside_a_sentence_are_joined() {
        // A broadcast script breaks after case particles.
        let doc =
            DocText::new("가람구 복지 소식\n달서구가\n보건복지부 평가에서\n최우수 기관으로 선정됐습니다.\n끝.", &k());
        let texts: Vec<String> = doc.sentences.iter().map(|s| doc.text(s)).collect();
        assert_eq!(texts[1], "달서구가\n보건복지부 평가에서\n최우수 기관으로 선정됐습니다.");
        // A release wrapped at one width breaks anywhere.
        let wrapped = "인천광역시(시장 유정복)는 관내 남동구(구청장 장석현)와 계양\n구가 보건복지부 주관 2014년 복지행정상에서 나란히 최우수\n상을 받게 됐다고 전했다.";
        let doc = DocText::new(wrapped, &k());
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(doc.text(&doc.sentences[0]), wrapped);
        // A headline and its subhead stay lines of their own.
        let doc = DocText::new("서대문·영등포구, 2018 복지행정상 나란히 수상했어\n서대문 '민관협력' 전국 자치구 1위…영등포 최우수\n서울 서대문구와 영등포구가 보건복지부 평가에서 나란히 상을 받았다고 11일 밝혔다. 구는 기쁘다고 했다.", &k());
        assert_eq!(doc.sentences[0].role, Role::Headline);
        assert_eq!(doc.sentences[1].role, Role::Headline);
    }

    #[test]
    fn a_credit_in_brackets_after_the_end_still_ends_the_sentence() {
        let doc = DocText::new(
            "가람구, 복지 평가 대상\n가람구가 나래시 다솜센터에서 열린 시상식에서 대상을 받았다(사진).",
            &k(),
        );
        assert_eq!(doc.sentences[1].role, Role::Body);
        let doc = DocText::new("가람구, 복지 평가 대상\n가람구 대상 수상(사진)", &k());
        assert_eq!(doc.sentences[1].role, Role::Headline);
    }

    #[test]
    fn decimals_and_dates_do_not_end_sentences() {
        let doc = DocText::new("포상금 1.5억원을 2024. 12. 9. 받았다. 다음 문장이다.", &k());
        let texts: Vec<String> = doc.sentences.iter().map(|s| doc.text(s)).collect();
        assert_eq!(texts, vec!["포상금 1.5억원을 2024. 12. 9. 받았다.", "다음 문장이다."]);
    }
}
