//! How articles mark a field of the evaluation (`data/domain/fields.toml`):
//! 분야/부문 and the variant 부분, the word 평가, the words after a field
//! name that show it is used as a field, the words that refer back to the
//! field named before, and the words that keep a year inside a field label.
//! The field names themselves are categories (`categories.toml`).

use anyhow::Result;
use serde::Deserialize;

use super::wordlist::{is_one_of, starts_with_any};

pub(crate) const FIELDS_TOML: &str = include_str!("../../data/domain/fields.toml");

/// The field words, loaded once.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldWords {
    marks: Vec<String>,
    mark_variants: Vec<String>,
    evaluation: String,
    used_as_field_next: Vec<String>,
    same_words: Vec<String>,
    this_words: Vec<String>,
    label_after_year: Vec<String>,
    enumeration_closers: Vec<String>,
    enumeration_totals: Vec<String>,
    result_words: Vec<String>,
    #[serde(default)]
    evaluation_result_words: Vec<String>,
    /// The marks as characters, for [`FieldWords::mark_at`] (it runs at
    /// every character of a sentence).
    #[serde(skip)]
    mark_chars: Vec<Vec<char>>,
}

impl FieldWords {
    /// The field words shipped with the binary.
    pub fn embedded() -> Result<Self> {
        Self::from_toml(FIELDS_TOML)
    }

    /// Parses `data/domain/fields.toml`'s contents.
    pub fn from_toml(text: &str) -> Result<Self> {
        let mut f: FieldWords = toml::from_str(text)?;
        f.mark_chars = f.marks.iter().map(|m| m.chars().collect()).collect();
        Ok(f)
    }

    /// The marks 분야/부문, for regexes built from them.
    /// The count that `after` (the text right after a field name) closes a
    /// list of fields with ("등 총 10개 분야": 10, `counter` being "개"), if
    /// it does.
    pub fn enumeration_count(&self, after: &str, counter: &str) -> Option<usize> {
        let rest = self.enumeration_closers.iter().find_map(|w| after.trim_start().strip_prefix(w.as_str()))?;
        let rest = rest.trim_start();
        let rest =
            self.enumeration_totals.iter().find_map(|w| rest.strip_prefix(w.as_str())).unwrap_or(rest).trim_start();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after_count = rest[digits..].strip_prefix(counter)?;
        if !self.starts_with_mark(after_count.trim_start()) {
            return None;
        }
        rest[..digits].parse().ok()
    }

    pub fn marks(&self) -> &[String] {
        &self.marks
    }

    /// Is the word a mark ("분야", "부문")?
    pub fn is_mark(&self, word: &str) -> bool {
        is_one_of(word, &self.marks)
    }

    /// Does the text start with a mark ("부문에서")?
    pub fn starts_with_mark(&self, text: &str) -> bool {
        starts_with_any(text, &self.marks)
    }

    /// Is the word a mark or its variant ("분야", "부문", "부분")?
    pub fn is_mark_or_variant(&self, word: &str) -> bool {
        self.is_mark(word) || is_one_of(word, &self.mark_variants)
    }

    /// The text after a mark or its variant at its start ("부문에서" →
    /// "에서"), and the mark's length in characters.
    pub fn strip_mark_or_variant<'t>(&self, text: &'t str) -> Option<(&'t str, usize)> {
        self.marks
            .iter()
            .chain(&self.mark_variants)
            .find_map(|m| text.strip_prefix(m.as_str()).map(|r| (r, m.chars().count())))
    }

    /// Is the word the evaluation ("평가")?
    /// The evaluation word itself ("평가").
    pub fn evaluation(&self) -> &str {
        &self.evaluation
    }

    pub fn is_evaluation(&self, word: &str) -> bool {
        word == self.evaluation
    }

    /// The text after a word of results glued to a field name ("성과평가"
    /// → "평가", "성과" → ""), if the text starts with one.
    pub fn after_result_word<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.result_words.iter().find_map(|w| text.strip_prefix(w.as_str()))
    }

    /// Does the text, glued after the evaluation word, name its results
    /// ("결과를")?
    pub fn starts_with_evaluation_result(&self, text: &str) -> bool {
        starts_with_any(text, &self.evaluation_result_words)
    }

    /// Does the text start with a mark, its variant or the evaluation
    /// ("부문에서", "평가부문")?
    pub fn starts_with_mark_or_evaluation(&self, text: &str) -> bool {
        self.strip_mark_or_variant(text).is_some() || self.starts_with_evaluation(text)
    }

    /// Does the text start with the evaluation ("평가에서")?
    pub fn starts_with_evaluation(&self, text: &str) -> bool {
        text.starts_with(self.evaluation.as_str())
    }

    /// Does the word after a field name (and a space) show the name is
    /// used as a field ("분야", "최우수", "시행")?
    pub fn used_as_field_before(&self, next: &str) -> bool {
        starts_with_any(next, &self.used_as_field_next)
    }

    /// Do `before` and the word after it refer to the field named before
    /// ("같은 부문", "동일 평가", "이 분야", "해당 부문")? The length in
    /// characters of the mark (or 평가) that `after` starts with.
    pub fn refers_back(&self, before: &str, after: &str) -> Option<usize> {
        let mark = self.marks.iter().find(|m| after.starts_with(m.as_str())).map(|m| m.chars().count());
        let evaluation = self.starts_with_evaluation(after).then(|| self.evaluation.chars().count());
        if is_one_of(before, &self.same_words) {
            mark.or(evaluation)
        } else if is_one_of(before, &self.this_words) {
            mark
        } else {
            None
        }
    }

    /// The length of the mark that starts at `chars[i]` ("분야" in "…
    /// 분야에서"), if one does.
    pub fn mark_at(&self, chars: &[char], i: usize) -> Option<usize> {
        let rest = chars.get(i..)?;
        self.mark_chars.iter().find(|m| rest.starts_with(m)).map(Vec::len)
    }

    /// Does the text after a year inside a field label keep the year the
    /// label's ("시행결과", "이행", "연차")?
    pub fn label_goes_on(&self, rest: &str) -> bool {
        starts_with_any(rest, &self.label_after_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wordlist::assert_not_empty;

    #[test]
    fn every_list_loads_and_is_not_empty() {
        let f = FieldWords::embedded().expect("data/domain/fields.toml loads");
        assert_not_empty(
            "fields.toml",
            &[
                ("marks", &f.marks[..]),
                ("mark_variants", &f.mark_variants[..]),
                ("used_as_field_next", &f.used_as_field_next[..]),
                ("same_words", &f.same_words[..]),
                ("this_words", &f.this_words[..]),
                ("label_after_year", &f.label_after_year[..]),
                ("result_words", &f.result_words[..]),
                ("evaluation_result_words", &f.evaluation_result_words[..]),
            ],
        );
        assert!(!f.evaluation.is_empty());
    }

    #[test]
    fn marks_references_and_labels() {
        let f = FieldWords::from_toml(
            r#"
            marks = ["분야"]
            mark_variants = ["부분"]
            evaluation = "평가"
            used_as_field_next = ["분야", "최우수"]
            same_words = ["같은"]
            this_words = ["해당"]
            label_after_year = ["시행"]
            enumeration_closers = ["등"]
            enumeration_totals = ["총"]
            result_words = ["성과"]
            "#,
        )
        .unwrap();
        assert_eq!(f.after_result_word("성과평가"), Some("평가"));
        assert_eq!(f.after_result_word("사업"), None);
        assert!(f.starts_with_mark_or_evaluation("평가부문") && f.starts_with_mark_or_evaluation("부분에서"));
        assert_eq!(f.enumeration_count(" 등 총 10개 분야에서", "개"), Some(10));
        assert_eq!(f.enumeration_count(" 등 2개 분야", "개"), Some(2));
        assert_eq!(f.enumeration_count(" 등 2개 기관", "개"), None);
        assert!(f.is_mark("분야") && !f.is_mark("부분") && f.is_mark_or_variant("부분"));
        assert!(f.starts_with_mark("분야에서") && !f.starts_with_mark("평가"));
        assert_eq!(f.strip_mark_or_variant("부분에서"), Some(("에서", 2)));
        assert_eq!(f.strip_mark_or_variant("평가"), None);
        assert!(f.is_evaluation("평가") && f.starts_with_evaluation("평가에서"));
        assert!(f.used_as_field_before("최우수상") && !f.used_as_field_before("사업"));
        assert_eq!(f.refers_back("같은", "분야"), Some(2));
        assert_eq!(f.refers_back("같은", "평가에서"), Some(2));
        assert_eq!(f.refers_back("해당", "분야"), Some(2));
        assert_eq!(f.refers_back("해당", "평가"), None);
        assert_eq!(f.refers_back("다른", "분야"), None);
        let chars: Vec<char> = "노인 분야".chars().collect();
        assert_eq!((f.mark_at(&chars, 3), f.mark_at(&chars, 0), f.mark_at(&chars[..4], 3)), (Some(2), None, None));
        assert!(f.label_goes_on("시행결과") && !f.label_goes_on("평가"));
    }
}
