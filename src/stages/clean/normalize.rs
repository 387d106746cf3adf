//! Text normalization, done once and in one place. Every later step (the
//! noise classifiers, metadata readers, the extractor's character offsets)
//! sees text in this form.
//!
//! Order, per document:
//! 1. line breaks: `\r\n` and lone `\r` become `\n`;
//! 2. Unicode NFC (composed Hangul syllables, one code point per accented letter);
//! 3. character folding ([`fold_char`]): quotes to `'` / `"`, middle dots to
//!    `·`, every Unicode space to ' ', zero-width and BOM characters removed;
//! 4. per line: runs of spaces and tabs collapse to one space, ends trimmed;
//! 5. runs of blank lines collapse to one blank line, leading and trailing
//!    blank lines go.

use unicode_normalization::UnicodeNormalization;

/// What one character folds to: `Some(c)` to keep (possibly replaced), `None` to drop.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        // Single quotes, primes and accents used as quotes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '`' | '\u{00B4}' | '\u{2032}' => Some('\''),
        // Double quotes.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        // Middle dots and bullets written between words (ㆍ is the Hangul araea letter, used as a dot).
        '\u{00B7}' | '\u{318D}' | '\u{2022}' | '\u{2027}' | '\u{30FB}' | '\u{2219}' | '\u{FF65}' | '\u{22C5}' => {
            Some('·')
        }
        // Zero-width characters, BOM and soft hyphen carry nothing.
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\t' => Some(' '),
        // NBSP, ideographic space, en/em and other Unicode spaces (but keep line breaks).
        c if c != '\n' && c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Normalizes one line: NFC, folding, spaces collapsed, ends trimmed.
/// A line break inside `line` is treated as a space.
pub fn normalize_line(line: &str) -> String {
    let folded: String = line.nfc().filter_map(fold_char).map(|c| if c == '\n' { ' ' } else { c }).collect();
    collapse_spaces(&folded)
}

/// Normalizes a whole text (steps 1-5 of the module doc).
pub fn normalize_text(text: &str) -> String {
    normalized_lines(text).join("\n")
}

/// The lines of [`normalize_text`]: at most one blank line in a row, none at
/// either end.
pub fn normalized_lines(text: &str) -> Vec<String> {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let folded: String = unified.nfc().filter_map(fold_char).collect();
    let mut out: Vec<String> = Vec::new();
    for line in folded.split('\n') {
        let line = collapse_spaces(line);
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fold_to_ascii() {
        assert_eq!(
            normalize_line("‘찾아가는’ “복지” `희망` ′a′ ″b″ „c‟"),
            "'찾아가는' \"복지\" '희망' 'a' \"b\" \"c\""
        );
    }

    #[test]
    fn middle_dots_fold_to_one_form() {
        assert_eq!(normalize_line("보건ㆍ복지 대구•경북 시‧군 a・b c∙d"), "보건·복지 대구·경북 시·군 a·b c·d");
    }

    #[test]
    fn spaces_fold_collapse_and_trim() {
        assert_eq!(normalize_line("\u{3000}대구시\u{00A0}\u{00A0}남구\t 대상\u{2003} "), "대구시 남구 대상");
        assert_eq!(normalize_line("복\u{200B}지\u{FEFF}행정상"), "복지행정상");
    }

    #[test]
    fn nfc_composes_decomposed_hangul() {
        let decomposed = "\u{1100}\u{1161}\u{11A8}"; // 각 as three jamo
        assert_eq!(normalize_line(decomposed), "각");
    }

    #[test]
    fn blank_line_runs_collapse_and_ends_are_trimmed() {
        let text = "\r\n\r\n 제목 \r\n\r\n\r\n본문\u{00A0}\n \n\u{3000}\n끝\n\n";
        assert_eq!(normalize_text(text), "제목\n\n본문\n\n끝");
    }

    #[test]
    fn normalization_is_idempotent() {
        let text = "‘a’ ㆍ b\u{3000}\n\n\n c ";
        let once = normalize_text(text);
        assert_eq!(normalize_text(&once), once);
    }
}
