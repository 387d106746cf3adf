//! Space-insensitive matching: Korean writers space the same name in many
//! ways ("지역복지사업 평가", "지역복지사업평가", "지역 복지사업 평가"), so
//! names are matched against the text with its whitespace removed, and each
//! match is mapped back to character offsets of the original text.

/// Characters written interchangeably inside names, each group with the
/// one it folds to first.
const FOLDS: [&[char]; 3] = [
    &['·', '\u{318D}', '\u{2022}', '\u{2027}', '\u{30FB}', '\u{2219}', '\u{FF65}', '\u{22C5}'],
    &['\'', '\u{2018}', '\u{2019}', '`'],
    &['"', '\u{201C}', '\u{201D}'],
];

/// Folds the characters that are written interchangeably inside names.
pub fn fold(c: char) -> char {
    FOLDS.iter().find(|g| g.contains(&c)).map_or(c, |g| g[0])
}

/// A regex fragment matching every character that folds to `c`.
pub fn fold_class(c: char) -> String {
    match FOLDS.iter().find(|g| g.contains(&c)) {
        Some(g) => format!("[{}]", g.iter().map(|&x| regex::escape(&x.to_string())).collect::<String>()),
        None => regex::escape(&c.to_string()),
    }
}

/// A pattern as it is matched: folded, whitespace removed.
pub fn squeeze(pattern: &str) -> String {
    pattern.chars().filter(|c| !c.is_whitespace()).map(fold).collect()
}

/// A text without its whitespace, with the way back to the original.
#[derive(Debug, Clone)]
pub struct Spaceless {
    pub text: String,
    /// For every byte of `text`, the character index in the original of the
    /// character that byte belongs to.
    orig_of_byte: Vec<usize>,
}

impl Spaceless {
    /// Squeezes `chars` (the original text as characters).
    pub fn new(chars: &[char]) -> Self {
        let mut text = String::with_capacity(chars.len() * 3);
        let mut orig_of_byte = Vec::with_capacity(chars.len() * 3);
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                continue;
            }
            let c = fold(c);
            text.push(c);
            orig_of_byte.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
        Spaceless { text, orig_of_byte }
    }

    /// The original character range `[start, end)` of the squeezed byte range.
    pub fn orig_range(&self, byte_start: usize, byte_end: usize) -> (usize, usize) {
        debug_assert!(byte_start < byte_end && byte_end <= self.orig_of_byte.len());
        (self.orig_of_byte[byte_start], self.orig_of_byte[byte_end - 1] + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_map_back_to_original_characters() {
        let original: Vec<char> = "가람구는 지역 복지사업 평가에서".chars().collect();
        let s = Spaceless::new(&original);
        assert_eq!(s.text, "가람구는지역복지사업평가에서");
        let pattern = squeeze("지역복지사업 평가");
        let at = s.text.find(&pattern).unwrap();
        let (start, end) = s.orig_range(at, at + pattern.len());
        assert_eq!(original[start..end].iter().collect::<String>(), "지역 복지사업 평가");
    }
}
