//! Counting characters of a line: the leaf every cleaning module may use
//! (it imports none of them), so the line classifiers ([`super::noise`]) and
//! the metadata readers ([`super::metadata`]) do not import each other for it.

use crate::domain::hangul::is_syllable_at;

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Hangul syllables in a line.
pub fn hangul_count(s: &str) -> usize {
    // Hangul syllables (U+AC00..=U+D7A3) are the three-byte sequences
    // EA B0 80 ..= ED 9E A3; their lead byte is EA..=ED. Counted on bytes.
    let b = s.as_bytes();
    (0..b.len()).filter(|&i| (0xEA..=0xED).contains(&b[i]) && is_syllable_at(b, i)).count()
}
