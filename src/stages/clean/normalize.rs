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

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::domain::hangul::is_syllable_at;

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
    let folded = fold_text(text);
    // A line without a space at either end and without two in a row is its
    // own collapsed form, copied whole. One search of the page for two
    // spaces saves one per line on the usual page, which has none.
    let no_double_space = !folded.contains("  ");
    let mut out: Vec<String> = Vec::new();
    // `folded.split('\n')`, the breaks found by memchr's vector search.
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', folded.as_bytes()).chain([folded.len()]) {
        let line = &folded[start..end];
        start = end + 1;
        let plain = !line.starts_with(' ') && !line.ends_with(' ') && (no_double_space || !line.contains("  "));
        let line = if plain { line.to_string() } else { collapse_spaces(line) };
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

/// Steps 1-3 in one pass, equal to `text.replace("\r\n", "\n").replace('\r',
/// "\n").nfc().filter_map(fold_char).collect()` but much cheaper on the usual
/// page (performance, issue 7): a text that is already NFC (precomposed
/// Hangul, ASCII, symbols) skips the normalizer, and runs of characters that
/// fold to themselves are copied as slices, not char by char.
fn fold_text(text: &str) -> String {
    match fold(text, true) {
        Some(folded) => folded,
        None => fold(&text.nfc().collect::<String>(), false).unwrap_or_default(),
    }
}

/// Folds `text` (steps 1 and 3). With `check_nfc`, gives up (`None`) at the
/// first character that might change under NFC.
fn fold(text: &str, check_nfc: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most of a page, read byte-wise: printable ASCII, spaces and line
        // breaks, and precomposed Hangul syllables stay NFC and fold to
        // themselves.
        i = skip_plain(bytes, i);
        if i == bytes.len() {
            break;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if check_nfc && !stays_nfc(c) {
            return None;
        }
        let replacement = match c {
            // "\r\n" -> "\n" (the '\r' goes), a lone '\r' -> '\n'.
            '\r' if bytes.get(i + 1) == Some(&b'\n') => None,
            '\r' => Some('\n'),
            c => match fold_char(c) {
                Some(same) if same == c => {
                    i += c.len_utf8();
                    continue;
                }
                folded => folded,
            },
        };
        out.push_str(&text[run_start..i]);
        out.extend(replacement);
        i += c.len_utf8();
        run_start = i;
    }
    out.push_str(&text[run_start..]);
    Some(out)
}

/// How many bytes the character starting with this byte takes when it
/// surely stays NFC and folds to itself: 1 for printable ASCII but '`', the
/// space and the line break; 3 for the lead bytes EB and EC, whose
/// characters (U+B000..=U+CFFF) are all Hangul syllables; 0 for the rest
/// (EA and ED lead Hangul syllables and other characters: checked apart).
const PLAIN_STEP: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = b' ';
    while b <= b'~' {
        table[b as usize] = (b != b'`') as u8;
        b += 1;
    }
    table[b'\n' as usize] = 1;
    table[0xEB] = 3;
    table[0xEC] = 3;
    table
};

/// The end of the run of plain characters (see [`PLAIN_STEP`], Hangul
/// syllables and [`PlainBmp`]) that starts at byte `i` of valid UTF-8.
///
/// Blocks of [`BLOCK`] bytes that are all printable ASCII and Hangul are
/// passed whole ([`block_is_plain`], a test of each byte on its own that
/// the compiler vectorizes); the others are read character by character,
/// a chain of dependent loads that cost more than the block test.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    let bmp = PlainBmp::get();
    loop {
        while let Some(block) = bytes.get(i..i + BLOCK + 2) {
            if !block_is_plain(block.try_into().expect("BLOCK + 2 bytes")) {
                break;
            }
            i += BLOCK;
            // The block's last character may end past it.
            while bytes.get(i).is_some_and(|&b| b & 0xC0 == 0x80) {
                i += 1;
            }
        }
        let stop = (i + BLOCK).min(bytes.len());
        while i < stop {
            let step = PLAIN_STEP[bytes[i] as usize];
            if step != 0 {
                i += step as usize;
            } else if is_syllable_at(bytes, i) {
                i += 3;
            } else if let Some(len) = bmp.plain_len_at(bytes, i) {
                i += len;
            } else {
                return i;
            }
        }
        if i >= bytes.len() {
            return i;
        }
    }
}

/// Bytes of a block tested at once by [`block_is_plain`].
const BLOCK: usize = 16;

/// Whether every character that starts in `b[..BLOCK]` (a block that starts
/// a character) is plain, judged byte by byte: printable ASCII but '`' and
/// the line break ([`PLAIN_STEP`]), continuation bytes, and the lead bytes
/// of Hangul syllables (U+AC00..=U+D7A3: EB and EC; EA before B0..; ED
/// before ..9E A3). `b` holds the two bytes after the block, the rest of a
/// character that it cuts. A block with any other character gets `false`.
#[inline(always)]
fn block_is_plain(b: &[u8; BLOCK + 2]) -> bool {
    let mut bad = 0u8;
    for j in 0..BLOCK {
        let (c, c1, c2) = (b[j], b[j + 1], b[j + 2]);
        let ascii = (c >= b' ') & (c <= b'~') & (c != b'`') | (c == b'\n');
        let continuation = c & 0xC0 == 0x80;
        let hangul = (c == 0xEB)
            | (c == 0xEC)
            | ((c == 0xEA) & (c1 >= 0xB0))
            | ((c == 0xED) & ((c1 < 0x9E) | ((c1 == 0x9E) & (c2 <= 0xA3))));
        bad |= u8::from(!(ascii | continuation | hangul));
    }
    bad == 0
}

/// Which characters of two or three UTF-8 bytes (U+0080..=U+FFFF) surely
/// stay NFC and fold to themselves ([`stays_nfc`] and [`fold_char`]), one
/// bit each: the symbols and punctuation of a page ('℃', '…', '·', '※')
/// are then skipped like Hangul, not decoded and looked up one by one.
struct PlainBmp(Box<[u64; 1024]>);

impl PlainBmp {
    fn get() -> &'static PlainBmp {
        static TABLE: std::sync::OnceLock<PlainBmp> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut bits = Box::new([0u64; 1024]);
            for c in (0x80..=0xFFFF).filter_map(char::from_u32) {
                if stays_nfc(c) && fold_char(c) == Some(c) {
                    bits[c as usize / 64] |= 1 << (c as usize % 64);
                }
            }
            PlainBmp(bits)
        })
    }

    /// The byte length of the character at `i` when it is plain, else `None`
    /// (ASCII, four-byte characters and cut sequences are never plain here).
    fn plain_len_at(&self, bytes: &[u8], i: usize) -> Option<usize> {
        let (cp, len) = match *bytes.get(i..)? {
            [b0 @ 0xC2..=0xDF, b1, ..] => ((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F), 2),
            [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
                ((u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F), 3)
            }
            _ => return None,
        };
        let cp = cp as usize;
        (self.0[cp / 64] >> (cp % 64) & 1 == 1).then_some(len)
    }
}

/// True when `c` is NFC whatever surrounds it: a starter (combining class 0)
/// that NFC keeps and that nothing composes with. Characters below U+0300
/// and precomposed Hangul syllables are checked without a table lookup.
fn stays_nfc(c: char) -> bool {
    let cp = c as u32;
    cp < 0x300
        || (0xAC00..=0xD7A3).contains(&cp)
        || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

fn collapse_spaces(s: &str) -> String {
    // Most lines have no space to collapse: copy them whole, or their part
    // between spaces at the ends (a widget's "  · 맑음 ...").
    let trimmed = s.trim_matches(' ');
    if !trimmed.contains("  ") {
        return trimmed.to_string();
    }
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

    /// The one-pass [`fold_text`] equals the plain definition, on texts mixing
    /// line breaks, decomposed Hangul and Latin, folded and dropped characters.
    #[test]
    fn fast_fold_equals_the_definition() {
        #[rustfmt::skip]
        let pieces = [
            "보건복지부", "a\r\nb", "\r", "\n", "\u{1100}\u{1161}\u{11A8}", "e\u{301}", "\u{301}", "‘x’", "“y”", "ㆍ",
            "\u{200B}", "\u{FEFF}", "\t", "\u{3000}", "℃", " ", "Ω", "\u{212B}", "가\u{11A8}", "`", "\u{0B}",
            "힣", "\u{D7A4}", "\u{ABFF}", "\u{11A8}", "\r\n", "~\u{7F}", "\u{B000}", "\u{CFFF}", "다\u{11A8}",
            "\u{D000}", "\u{E000}", "\u{A000}", "…", "※", "·", "\u{00A0}", "\u{2022}", "é", "\u{1E0A}\u{323}",
            "\u{FF21}", "\u{2126}", "\u{0344}",
        ];
        let definition =
            |t: &str| -> String { t.replace("\r\n", "\n").replace('\r', "\n").nfc().filter_map(fold_char).collect() };
        for t in random_texts(7, &pieces) {
            assert_eq!(fold_text(&t), definition(&t), "{t:?}");
        }
    }

    /// The block test passes only what the character-by-character reading
    /// passes: every character of U+0000..U+10FFF at every place of a block
    /// (the prefixes shift it), and cut by a block's end.
    #[test]
    fn plain_blocks_equal_the_plain_steps() {
        let by_chars = |bytes: &[u8], mut i: usize| {
            while i < bytes.len() {
                match PLAIN_STEP[bytes[i] as usize] {
                    0 if is_syllable_at(bytes, i) => i += 3,
                    0 => match PlainBmp::get().plain_len_at(bytes, i) {
                        Some(len) => i += len,
                        None => break,
                    },
                    step => i += step as usize,
                }
            }
            i
        };
        let hangul = "가나다라마바사아자차카타파하까꿯퀀힣";
        for c in (0..0x11000).filter_map(char::from_u32) {
            for pre in ["", "a", "가", "가a", "ab", &hangul[..12], hangul] {
                let text = format!("{pre}{c}{hangul}{hangul}{c}x{pre}{c}");
                let starts = (0..=pre.len() + c.len_utf8()).chain([text.len() - pre.len() - c.len_utf8() - 1]);
                for i in starts.filter(|&i| text.is_char_boundary(i)) {
                    assert_eq!(skip_plain(text.as_bytes(), i), by_chars(text.as_bytes(), i), "{c:?} {text:?} {i}");
                }
            }
        }
    }

    /// 3,000 texts of up to eight pieces each, the same for the same seed.
    fn random_texts(mut seed: u64, pieces: &[&str]) -> Vec<String> {
        let mut step = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed
        };
        (0..3000)
            .map(|_| {
                let n = step() % 9;
                (0..n).map(|_| pieces[(step() >> 33) as usize % pieces.len()]).collect()
            })
            .collect()
    }

    /// Lines are copied whole only when collapsing would not change them.
    #[test]
    fn lines_copied_whole_equal_their_collapsed_form() {
        let pieces = ["가", "a", " ", "  ", "\n", "\n\n", " \n", "\n ", "\u{3000}", "\t", "\r\n"];
        let definition = |t: &str| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for line in fold_text(t).split('\n').map(collapse_spaces) {
                if !(line.is_empty() && out.last().is_none_or(|l| l.is_empty())) {
                    out.push(line);
                }
            }
            while out.last().is_some_and(|l| l.is_empty()) {
                out.pop();
            }
            out
        };
        for t in random_texts(11, &pieces) {
            assert_eq!(normalized_lines(&t), definition(&t), "{t:?}");
        }
    }

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
