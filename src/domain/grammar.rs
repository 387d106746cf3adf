//! Words of Korean grammar the extractor reads sentences and clauses by
//! (`data/domain/grammar.toml`): sentence ends, connective endings that
//! close a clause, conjunctions, "등" and "각각", and words that look like
//! subjects but are none. The particles are in [`super::particles`].

use anyhow::Result;
use serde::Deserialize;

use super::wordlist::{ends_with_any, is_one_of, one_char_each};

pub(crate) const GRAMMAR_TOML: &str = include_str!("../../data/domain/grammar.toml");

#[derive(Deserialize)]
struct GrammarFile {
    sentence: SentenceWords,
    clause: ClauseWords,
    words: Words,
    subjects: Subjects,
}

#[derive(Deserialize)]
struct SentenceWords {
    declarative_endings: Vec<String>,
    polite_endings: Vec<String>,
    announces_list: Vec<String>,
}

#[derive(Deserialize)]
struct ClauseWords {
    past_syllables: Vec<String>,
    and_endings: Vec<String>,
    while_endings: Vec<String>,
    while_bases: Vec<String>,
    contrast_endings: Vec<String>,
    comma_endings: Vec<String>,
}

#[derive(Deserialize)]
struct Words {
    etc: String,
    conjunctions: Vec<String>,
    clause_conjunctions: Vec<String>,
    respectively: String,
    topic_shift: Vec<String>,
    points_back: Vec<String>,
}

#[derive(Deserialize)]
struct Subjects {
    not_subjects: Vec<String>,
    nouns_ending_like_particles: Vec<String>,
    relative_subject_particles: Vec<String>,
    relative_clause_verbs: Vec<String>,
}

/// The grammar words, loaded once.
#[derive(Debug, Clone)]
pub struct Grammar {
    declarative: Vec<char>,
    polite: Vec<char>,
    announces_list: Vec<String>,
    past: Vec<char>,
    and_endings: Vec<char>,
    while_endings: Vec<char>,
    while_bases: Vec<char>,
    contrast_endings: Vec<String>,
    comma_endings: Vec<String>,
    etc: String,
    conjunctions: Vec<String>,
    clause_conjunctions: Vec<String>,
    /// Single-syllable conjunctions and joining particles ("및", "와").
    joiners: Vec<char>,
    respectively: String,
    topic_shift: Vec<String>,
    points_back: Vec<String>,
    not_subjects: Vec<String>,
    subject_like_nouns: Vec<String>,
    relative_subject_particles: Vec<String>,
    relative_clause_verbs: Vec<String>,
}

impl Grammar {
    /// The grammar words shipped with the binary.
    pub fn embedded(joining: &[String]) -> Result<Self> {
        Self::from_toml(GRAMMAR_TOML, joining)
    }

    /// Parses `data/domain/grammar.toml`'s contents; `joining` (the
    /// joining particles 와/과) join lists as the conjunctions do.
    pub fn from_toml(text: &str, joining: &[String]) -> Result<Self> {
        let f: GrammarFile = toml::from_str(text)?;
        let (s, c, w) = (&f.sentence, &f.clause, &f.words);
        let joiners = joining.iter().chain(&w.conjunctions).filter(|x| x.chars().count() == 1);
        Ok(Grammar {
            declarative: one_char_each("sentence.declarative_endings", &s.declarative_endings)?,
            polite: one_char_each("sentence.polite_endings", &s.polite_endings)?,
            announces_list: s.announces_list.clone(),
            past: one_char_each("clause.past_syllables", &c.past_syllables)?,
            and_endings: one_char_each("clause.and_endings", &c.and_endings)?,
            while_endings: one_char_each("clause.while_endings", &c.while_endings)?,
            while_bases: one_char_each("clause.while_bases", &c.while_bases)?,
            contrast_endings: c.contrast_endings.clone(),
            comma_endings: c.comma_endings.clone(),
            joiners: joiners.filter_map(|x| x.chars().next()).collect(),
            etc: w.etc.clone(),
            conjunctions: w.conjunctions.clone(),
            clause_conjunctions: w.clause_conjunctions.clone(),
            respectively: w.respectively.clone(),
            topic_shift: w.topic_shift.clone(),
            points_back: w.points_back.clone(),
            not_subjects: f.subjects.not_subjects.clone(),
            subject_like_nouns: f.subjects.nouns_ending_like_particles.clone(),
            relative_subject_particles: f.subjects.relative_subject_particles.clone(),
            relative_clause_verbs: f.subjects.relative_clause_verbs.clone(),
        })
    }

    /// Does a declarative ending end a sentence here ("…다", with or
    /// without its period)?
    pub fn is_declarative_end(&self, c: char) -> bool {
        self.declarative.contains(&c)
    }

    /// A polite ending ends a sentence only with a period ("…요.").
    pub fn is_polite_end(&self, c: char) -> bool {
        self.polite.contains(&c)
    }

    /// Does the sentence (its end trimmed) announce a list ("다음과 같다")?
    pub fn announces_list(&self, trimmed: &str) -> bool {
        self.announces_list.iter().any(|w| trimmed.ends_with(w.as_str()))
    }

    /// Does the word `w` (its syllables) end a clause, given whether a
    /// comma follows? "받았고", "이며", "받았지만", "했는데,".
    pub fn closes_clause(&self, w: &[char], comma: bool) -> bool {
        let n = w.len();
        let last = w[n - 1];
        let before_last = if n >= 2 { Some(w[n - 2]) } else { None };
        let word: String = w.iter().collect();
        (self.and_endings.contains(&last) && n >= 2 && (comma || before_last.is_some_and(|c| self.past.contains(&c))))
            || (self.while_endings.contains(&last)
                && n >= 2
                && (comma || before_last.is_some_and(|c| self.while_bases.contains(&c))))
            || ends_with_any(&word, &self.contrast_endings)
            || (comma && ends_with_any(&word, &self.comma_endings))
    }

    /// "등": closes a list of names or fields.
    pub fn is_etc(&self, word: &str) -> bool {
        word == self.etc
    }

    /// Does the text start with "등" (a list closing)?
    pub fn starts_with_etc(&self, text: &str) -> bool {
        text.starts_with(self.etc.as_str())
    }

    /// Is `word` a conjunction joining nouns ("및")?
    pub fn is_conjunction(&self, word: &str) -> bool {
        is_one_of(word, &self.conjunctions)
    }

    /// Every conjunction, of nouns and of clauses ("및", "그리고").
    pub fn all_conjunctions(&self) -> impl Iterator<Item = &String> {
        self.conjunctions.iter().chain(&self.clause_conjunctions)
    }

    /// Is `c` a one-syllable joiner of a list: a conjunction or a joining
    /// particle ("및", "와", "과")?
    pub fn is_joiner(&self, c: char) -> bool {
        self.joiners.contains(&c)
    }

    /// Does the text say "각각" (listed grades pair with listed names)?
    pub fn says_respectively(&self, text: &str) -> bool {
        text.contains(self.respectively.as_str())
    }

    /// Is the word one of those ending in 은/는/이/가 that are no subject
    /// ("올해는", "같은")?
    pub fn is_not_subject(&self, word: &str) -> bool {
        is_one_of(word, &self.not_subjects)
    }

    /// Does the sentence open by turning to another matter ("한편 …"),
    /// without pointing back at the evaluation reported ("한편 이번 평가")?
    pub fn shifts_topic(&self, sentence: &str) -> bool {
        let start = sentence.trim_start();
        self.topic_shift.iter().any(|w| start.starts_with(w.as_str()))
            && !self.points_back.iter().any(|w| sentence.contains(w.as_str()))
    }

    /// Is `word` the subject of a relative clause that `next` closes
    /// ("보건복지부가 시행한 평가"), not the sentence's own subject?
    pub fn subject_of_relative_clause(&self, word: &str, next: &str) -> bool {
        ends_with_any(word, &self.relative_subject_particles) && ends_with_any(next, &self.relative_clause_verbs)
    }

    /// Does the word end in a noun that ends like a subject particle
    /// ("지역복지사업평가", "국가")?
    pub fn ends_in_subject_like_noun(&self, word: &str) -> bool {
        ends_with_any(word, &self.subject_like_nouns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wordlist::assert_not_empty;

    fn g() -> Grammar {
        Grammar::embedded(&["와".to_string(), "과".to_string()]).expect("data/domain/grammar.toml loads")
    }

    #[test]
    fn every_list_loads_and_is_not_empty() {
        let f: GrammarFile = toml::from_str(GRAMMAR_TOML).unwrap();
        let (s, c, w, j) = (&f.sentence, &f.clause, &f.words, &f.subjects);
        assert_not_empty(
            "grammar.toml",
            &[
                ("declarative_endings", &s.declarative_endings[..]),
                ("polite_endings", &s.polite_endings[..]),
                ("announces_list", &s.announces_list[..]),
                ("past_syllables", &c.past_syllables[..]),
                ("and_endings", &c.and_endings[..]),
                ("while_endings", &c.while_endings[..]),
                ("while_bases", &c.while_bases[..]),
                ("contrast_endings", &c.contrast_endings[..]),
                ("comma_endings", &c.comma_endings[..]),
                ("conjunctions", &w.conjunctions[..]),
                ("clause_conjunctions", &w.clause_conjunctions[..]),
                ("topic_shift", &w.topic_shift[..]),
                ("points_back", &w.points_back[..]),
                ("not_subjects", &j.not_subjects[..]),
                ("nouns_ending_like_particles", &j.nouns_ending_like_particles[..]),
                ("relative_subject_particles", &j.relative_subject_particles[..]),
                ("relative_clause_verbs", &j.relative_clause_verbs[..]),
            ],
        );
        assert!(!w.etc.is_empty() && !w.respectively.is_empty());
        g();
    }

    #[test]
    fn clauses_close_after_past_tense_and_before_commas() {
        let g = g();
        let closes = |w: &str, comma: bool| g.closes_clause(&w.chars().collect::<Vec<_>>(), comma);
        assert!(closes("받았고", false) && closes("선정되고", true) && !closes("선정되고", false));
        assert!(closes("이며", false) && closes("하며", true) && !closes("하며", false));
        assert!(closes("받았지만", false) && closes("했는데", true) && !closes("했는데", false));
        assert!(!closes("고", true), "a lone syllable is no ending");
    }

    #[test]
    fn sentence_ends_lists_and_subjects() {
        let g = g();
        assert!(g.is_declarative_end('다') && !g.is_declarative_end('요') && g.is_polite_end('요'));
        assert!(g.announces_list("수상 기관은 다음과 같다") && !g.announces_list("가람구가 대상을 받았다"));
        assert!(g.is_etc("등") && g.starts_with_etc("등 3곳") && !g.is_etc("등급"));
        assert!(g.is_conjunction("및") && !g.is_conjunction("그리고"));
        assert_eq!(g.all_conjunctions().count(), 2);
        assert!(g.is_joiner('및') && g.is_joiner('와') && !g.is_joiner('의'));
        assert!(g.says_respectively("A와 B가 각각 대상과 우수상") && !g.says_respectively("A가 대상"));
        assert!(g.is_not_subject("올해는") && !g.is_not_subject("가람구는"));
        assert!(g.ends_in_subject_like_noun("지역복지사업평가") && !g.ends_in_subject_like_noun("가람구가"));
    }
}
