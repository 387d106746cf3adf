//! What counts as Hangul, in one place: the precomposed syllables that
//! Korean text is written in, and (for readers of names that may arrive
//! decomposed) syllables together with the conjoining and compatibility
//! jamo. A leaf: it imports nothing of the crate.

/// A precomposed Hangul syllable (U+AC00..=U+D7A3: "가" … "힣"). Words,
/// particles and sentence ends are runs of these.
pub fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A syllable or a lone jamo: conjoining (U+1100..=U+11FF, "ᄀ", a name
/// written decomposed) or compatibility (U+3130..=U+318F, "ㄱ", a typo or an
/// abbreviation). A word of a name runs over these too.
pub fn is_syllable_or_jamo(c: char) -> bool {
    is_syllable(c) || ('\u{1100}'..='\u{11FF}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c)
}

/// Is the character at byte `i` of valid UTF-8 a Hangul syllable (the bytes
/// EA B0 80 ..= ED 9E A3)? [`is_syllable`] without decoding, for scans over
/// bytes.
pub fn is_syllable_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i..i + 3) {
        Some(&[b0 @ 0xEA..=0xED, b1, b2]) => {
            let cp = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            (0xAC00..=0xD7A3).contains(&cp)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_hangul_and_jamo_only_for_names() {
        for c in ['가', '힣', '구'] {
            assert!(is_syllable(c) && is_syllable_or_jamo(c), "{c}");
        }
        for c in ['ㄱ', '\u{1100}', '\u{11A8}'] {
            assert!(!is_syllable(c) && is_syllable_or_jamo(c), "{c:?}");
        }
        for c in ['a', '1', '·', '大', ' '] {
            assert!(!is_syllable(c) && !is_syllable_or_jamo(c), "{c:?}");
        }
    }

    #[test]
    fn the_byte_scan_agrees_with_the_char_test() {
        let s = "가람 a·구ㄱ힣\u{1100}大";
        for (i, c) in s.char_indices() {
            assert_eq!(is_syllable_at(s.as_bytes(), i), is_syllable(c), "{c:?}");
        }
        assert!(!is_syllable_at("가".as_bytes(), 1));
    }
}
