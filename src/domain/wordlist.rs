//! Helpers that turn a data file's word list into what code matches with:
//! one-syllable lists as characters, and a list as a regex alternation (for
//! regexes whose shape is in code and whose words are data). A leaf: it
//! imports nothing of the crate.

use anyhow::{bail, Result};

/// The list's words as characters; each must be one character ("의", "~").
pub fn one_char_each(list: &str, words: &[String]) -> Result<Vec<char>> {
    words
        .iter()
        .map(|s| {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => bail!("{list}: {s:?} is not one syllable"),
            }
        })
        .collect()
}

/// A non-capturing regex group matching any of `words`, longest first (so
/// that "전년도" wins over "전년"), each escaped; a space inside a word
/// matches `space` (a regex such as `\s?`, "may be left out").
pub fn alternation(words: &[String], space: &str) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().filter(|c| *c != ' ').count()));
    let parts: Vec<String> =
        sorted.iter().map(|w| w.split(' ').map(regex::escape).collect::<Vec<_>>().join(space)).collect();
    format!("(?:{})", parts.join("|"))
}

/// Is `word` one of `list`?
pub fn is_one_of(word: &str, list: &[String]) -> bool {
    list.iter().any(|w| w == word)
}

/// Asserts that every named list of a data file has words (the data tests).
#[cfg(test)]
pub fn assert_not_empty(file: &str, lists: &[(&str, &[String])]) {
    for (name, list) in lists {
        assert!(!list.is_empty(), "{file}: {name} is empty");
    }
}

/// Does `word` end with one of `endings`?
pub fn ends_with_any<'a>(word: &str, endings: impl IntoIterator<Item = &'a String>) -> bool {
    endings.into_iter().any(|e| word.ends_with(e.as_str()))
}

/// Does `word` start with one of `words`?
pub fn starts_with_any<'a>(word: &str, words: impl IntoIterator<Item = &'a String>) -> bool {
    words.into_iter().any(|w| word.starts_with(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn one_char_lists_reject_longer_words() {
        assert_eq!(one_char_each("x", &list(&["의", "~"])).unwrap(), ['의', '~']);
        let err = one_char_each("followers", &list(&["의서"])).unwrap_err();
        assert!(err.to_string().contains("followers"), "{err}");
    }

    #[test]
    fn an_alternation_prefers_the_longest_word_and_spaces_as_told() {
        let alt = alternation(&list(&["전년", "지난 해", "전년도", "a.b"]), r"\s?");
        assert_eq!(alt, r"(?:지난\s?해|전년도|a\.b|전년)");
        let re = regex::Regex::new(&alt).unwrap();
        assert_eq!(re.find("전년도").unwrap().as_str(), "전년도");
        assert!(re.is_match("지난해") && re.is_match("지난 해") && !re.is_match("axb"));
    }

    #[test]
    fn membership_and_empty_lists() {
        assert!(is_one_of("및", &list(&["및", "그리고"])) && !is_one_of("및은", &list(&["및"])));
        assert_not_empty("f.toml", &[("a", &list(&["x"])[..])]);
        let empty = std::panic::catch_unwind(|| assert_not_empty("f.toml", &[("a", &[][..])]));
        assert!(empty.is_err());
    }

    #[test]
    fn prefixes_and_suffixes_of_a_list() {
        let l = list(&["에서", "는"]);
        assert!(ends_with_any("평가에서", &l) && ends_with_any("구는", &l) && !ends_with_any("구가", &l));
        assert!(starts_with_any("에서도", &l) && !starts_with_any("가에서", &l));
    }
}
