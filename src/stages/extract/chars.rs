//! Character helpers shared by the sentence readers: runs of Hangul,
//! slices of the character array, quote marks.

use crate::domain::hangul::is_syllable;

pub fn run_at(chars: &[char], start: usize, limit: usize) -> usize {
    let mut e = start;
    while e < limit && is_syllable(chars[e]) {
        e += 1;
    }
    e
}

/// Maximal runs of Hangul syllables in `[start, end)`.
pub fn hangul_runs(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = start;
    while i < end {
        if is_syllable(chars[i]) {
            let e = run_at(chars, i, end);
            runs.push((i, e));
            i = e;
        } else {
            i += 1;
        }
    }
    runs
}

pub fn text(chars: &[char], s: usize, e: usize) -> String {
    chars[s..e].iter().collect()
}

/// The word after position `from` (past one space), up to `end`.
pub fn word_after(chars: &[char], from: usize, end: usize) -> String {
    chars[(from + 1).min(end)..end].iter().take_while(|&&c| c != ' ').collect()
}

pub fn is_open_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '‘' | '“' | '「' | '『' | '<' | '《' | '〈')
}

pub fn is_close_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '’' | '”' | '」' | '』' | '>' | '》' | '〉')
}

/// Marks that start a list item inside a sentence.
pub fn is_item_mark(c: char) -> bool {
    matches!(c, '▲' | '■' | '●' | '◆' | '▶' | '△')
}
