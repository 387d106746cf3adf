//! Prize money and counts (`data/domain/amounts.toml`): the words that make
//! an amount a prize, a total or each award's, and how counts of awards and
//! of winners are written. The count regexes keep their shapes here and
//! take their words from the file (and the particles), compiled once.

use anyhow::{Context, Result};
use regex::{Captures, Match, Regex};
use serde::Deserialize;

use super::particles::Particles;
use super::wordlist::{alternation, ends_with_any, starts_with_any};

pub(crate) const AMOUNTS_TOML: &str = include_str!("../../data/domain/amounts.toml");

#[derive(Deserialize)]
struct AmountsFile {
    prize: Prize,
    counts: Counts,
}

#[derive(Debug, Clone, Deserialize)]
struct Prize {
    words: Vec<String>,
    total_before: Vec<String>,
    shared_out_after: Vec<String>,
    national: Vec<String>,
    each_after: String,
    each_before: String,
    received_after: Vec<String>,
    part_before: Vec<String>,
}

#[derive(Deserialize)]
struct Counts {
    thing: String,
    place: String,
    native_numbers: Vec<String>,
    award_nouns: Vec<String>,
    award_verbs: Vec<String>,
    field_count_words: Vec<String>,
    after_count_verbs: Vec<String>,
    native_counted_marks: Vec<String>,
    crowns: String,
    subject_nouns: Vec<String>,
    national_nouns: Vec<String>,
    national_verbs: Vec<String>,
    uncounted_award_words: Vec<String>,
}

/// The amount and count words, loaded once, with the count regexes.
#[derive(Debug, Clone)]
pub struct Amounts {
    prize: Prize,
    thing: String,
    place: String,
    native_numbers: Vec<String>,
    shared_out_gap: Vec<char>,
    group_before: Regex,
    national_count: Regex,
    award_count: Regex,
    counted_awards: Regex,
    count_subject: Regex,
    field_count: Regex,
}

/// The count regexes, their shapes over the words of the file, the
/// particles and the field marks.
fn count_regexes(c: &Counts, p: &Particles, field_marks: &[String]) -> Result<[Regex; 6]> {
    let alt = |w: &[String]| alternation(w, " ");
    let (thing, place) = (regex::escape(&c.thing), regex::escape(&c.place));
    let (native, marks, awards, verbs) =
        (alt(&c.native_numbers), alt(field_marks), alt(&c.award_nouns), alt(&c.award_verbs));
    let crowns = regex::escape(&c.crowns);
    let (field_count_words, after_count_verbs) = (alt(&c.field_count_words), alt(&c.after_count_verbs));
    let native_marks = alt(&c.native_counted_marks);
    let (genitive, object) = (alt(p.genitive()), alt(p.object()));
    let (after_award, after_field) = (alt(p.after_counted_award()), alt(p.after_counted_field()));
    let object_subject = alt(&[p.object(), p.subject()].concat());
    let subject_topic = alt(&[p.subject(), p.topic()].concat());
    let (national_nouns, subject_nouns) = (alt(&c.national_nouns), alt(&c.subject_nouns));
    let national_verbs = alternation(&c.national_verbs, r"\s*");
    let uncounted = alt(&c.uncounted_award_words);
    let patterns = [
        format!(
            r"(\d+\s*{thing}{genitive}?\s*(?:{marks}|{awards})|\d+\s*{place}|{native}\s*(?:{place}|{marks}|{thing}\s*{native_marks}))"
        ),
        format!(
            r"(\d+)\s*(?:{place}|{thing}\s*{national_nouns})(?:\s*\([^)]*\))?\s*{object_subject}?\s*{national_verbs}"
        ),
        format!(
            r"(?:(\d+)\s*{thing}{genitive}?\s*{awards}{after_award}?\s*{verbs}|(\d+)\s*{thing}\s*{marks}{after_field}?\s*{field_count_words}|{awards}\s*(\d+)\s*{thing}\s*{object}?\s*{after_count_verbs}|(\d+)\s*{crowns})"
        ),
        format!(r"(?:\d+\s*{thing}{genitive}?|(?:{uncounted})\s)\s*{awards}"),
        format!(r"\d+\s*(?:{place}|{thing}\s*{subject_nouns})(?:\s*\([^)]*\))?{subject_topic}(?:\s|$)"),
        format!(r"(\d+)\s*{thing}\s*(?:{marks})|(\d+)\s*{crowns}|({native})\s*{thing}\s*(?:{marks})"),
    ];
    let compiled: Vec<Regex> =
        patterns.iter().map(|r| Regex::new(r).context("amounts.toml: a count regex")).collect::<Result<_>>()?;
    Ok(compiled.try_into().expect("six patterns"))
}

impl Amounts {
    /// The amount words shipped with the binary.
    pub fn embedded(particles: &Particles, field_marks: &[String]) -> Result<Self> {
        Self::from_toml(AMOUNTS_TOML, particles, field_marks)
    }

    /// Parses `data/domain/amounts.toml`'s contents and builds the count
    /// regexes with the particles and the field marks (분야/부문).
    pub fn from_toml(text: &str, particles: &Particles, field_marks: &[String]) -> Result<Self> {
        let f: AmountsFile = toml::from_str(text)?;
        let c = &f.counts;
        let [group_before, national_count, award_count, counted_awards, count_subject, field_count] =
            count_regexes(c, particles, field_marks)?;
        Ok(Amounts {
            field_count,
            group_before,
            national_count,
            award_count,
            counted_awards,
            count_subject,
            shared_out_gap: particles.before_shared_out().to_vec(),
            thing: c.thing.clone(),
            place: c.place.clone(),
            native_numbers: c.native_numbers.clone(),
            prize: f.prize,
        })
    }

    /// Does the sentence name a prize ("포상금", "특별교부세")? Then its
    /// amounts are read as prizes; else only an amount received where it
    /// stands is ([`Amounts::received_after`]).
    pub fn names_prize(&self, sentence: &str) -> bool {
        self.prize.words.iter().any(|w| sentence.contains(w.as_str()))
    }

    /// Is an amount received where it stands ("2천만원을 받았다"): a
    /// prize even in a sentence that names none? `after` is the text right
    /// after the amount.
    pub fn received_after(&self, after: &str) -> bool {
        starts_with_any(after, &self.prize.received_after)
    }

    /// Is an amount a part of a prize ("상금 가운데 일부인 500만 원")?
    /// `before` is the text before it in its clause.
    pub fn part_before(&self, before: &str) -> bool {
        ends_with_any(before.trim_end(), &self.prize.part_before)
    }

    /// Does the clause before an amount make it a sum over several awards
    /// ("모두", "두 부문을 합쳐", "3개 부문")?
    pub fn total_before(&self, before: &str) -> bool {
        self.prize.total_before.iter().any(|w| before.contains(w.as_str())) || self.group_before.is_match(before)
    }

    /// Does the text after an amount share it out ("을 나눠")?
    pub fn shared_out_after(&self, after: &str) -> bool {
        let rest = after.trim_start().trim_start_matches(|c: char| c == ' ' || self.shared_out_gap.contains(&c));
        starts_with_any(rest, &self.prize.shared_out_after)
    }

    /// Does the sentence make a total national ("전국", "수상 기관에는")?
    pub fn national(&self, sentence: &str) -> bool {
        self.prize.national.iter().any(|w| sentence.contains(w.as_str()))
    }

    /// Does the amount go to each award: "…씩" after it, "각" right
    /// before it, or "각 " within `near` (the characters before it)?
    pub fn each(&self, before: &str, after: &str, near: &str) -> bool {
        let each = self.prize.each_before.as_str();
        after.starts_with(self.prize.each_after.as_str())
            || before.trim_end().ends_with(each)
            || near.contains(&format!("{each} "))
    }

    /// Counts of awards stated in a sentence ("총 8개 상을 수상", "5관왕"):
    /// each count, and whether it is a count of crowns.
    pub fn award_counts<'t>(&self, sentence: &'t str) -> impl Iterator<Item = (Option<i64>, bool)> + use<'_, 't> {
        self.award_count.captures_iter(sentence).map(|caps: Captures| {
            let n = (1..=4).find_map(|g| caps.get(g)).and_then(|m| m.as_str().parse::<i64>().ok());
            (n, caps.get(4).is_some())
        })
    }

    /// The first count of fields or crowns in a sentence ("6개 분야에서",
    /// "2관왕"): how many awards its grade stands for.
    pub fn fields_counted(&self, sentence: &str) -> Option<usize> {
        let caps = self.field_count.captures(sentence)?;
        if let Some(native) = caps.get(3) {
            // The native numbers are listed from two.
            return self.native_numbers.iter().position(|n| n == native.as_str()).map(|i| i + 2);
        }
        caps.get(1).or(caps.get(2))?.as_str().parse().ok()
    }

    /// Counts of the round's winners ("122곳을 우수기관으로").
    pub fn national_counts<'t>(&self, sentence: &'t str) -> impl Iterator<Item = Option<i64>> + use<'_, 't> {
        self.national_count.captures_iter(sentence).map(|caps| caps[1].parse::<i64>().ok())
    }

    /// Does the text count awards ("3개의 상"), or sum them up uncounted
    /// ("각종 상을 수상")?
    pub fn counts_awards(&self, text: &str) -> bool {
        self.counted_awards.is_match(text)
    }

    /// Counted subjects ("등 총 34곳이", "122개 기관이"), as byte ranges.
    pub fn counted_subjects<'t>(&self, sentence: &'t str) -> impl Iterator<Item = Match<'t>> + use<'_, 't> {
        self.count_subject.find_iter(sentence)
    }

    /// Does the word start with a counter right after its digits ("30곳",
    /// "3개")? `rest` is what follows the digits.
    pub fn starts_with_counter(&self, rest: &str) -> bool {
        rest.starts_with(self.thing.as_str()) || rest.starts_with(self.place.as_str())
    }

    /// The text after a counter at its start ("곳이" → "이"), if it starts with one.
    pub fn after_counter<'t>(&self, rest: &'t str) -> Option<&'t str> {
        rest.strip_prefix(self.thing.as_str()).or_else(|| rest.strip_prefix(self.place.as_str()))
    }

    /// The counter of things ("개").
    pub fn thing(&self) -> &str {
        &self.thing
    }

    /// Does the text start with the counter of things ("개 분야")?
    pub fn starts_with_thing_counter(&self, rest: &str) -> bool {
        rest.starts_with(self.thing.as_str())
    }

    /// Is the word the counter of things ("개" in "3 개 분야")?
    pub fn is_thing_counter(&self, word: &str) -> bool {
        word == self.thing
    }

    /// Is the word a count: digits, or a native number ("두", "세"), alone or
    /// with the counter of things glued on ("두개")?
    pub fn is_count(&self, word: &str) -> bool {
        let native = |n: &String| word == n || word.strip_prefix(n.as_str()) == Some(self.thing.as_str());
        word.chars().next().is_some_and(|c| c.is_ascii_digit()) || self.native_numbers.iter().any(native)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wordlist::assert_not_empty;

    fn a() -> Amounts {
        let marks = ["분야".to_string(), "부문".to_string()];
        Amounts::embedded(&Particles::embedded().unwrap(), &marks).expect("data/domain/amounts.toml loads")
    }

    #[test]
    fn counts_of_fields_and_crowns_are_read() {
        assert_eq!(a().fields_counted("달서구가 최우수상 2관왕을 차지했다."), Some(2));
        assert_eq!(a().fields_counted("6개 분야에서 우수기관에 선정됐다."), Some(6));
        assert_eq!(a().fields_counted("3 개 부문에서 수상했다."), Some(3));
        assert_eq!(a().fields_counted("두개 분야에서 대상을"), Some(2));
        assert_eq!(a().fields_counted("세 개 부문 최우수"), Some(3));
        assert_eq!(a().fields_counted("3개 상을 받았다."), None);
        assert_eq!(a().fields_counted("우수기관에 선정됐다."), None);
    }

    #[test]
    fn every_list_loads_and_is_not_empty() {
        let f: AmountsFile = toml::from_str(AMOUNTS_TOML).unwrap();
        let (p, c) = (&f.prize, &f.counts);
        assert_not_empty(
            "amounts.toml",
            &[
                ("prize.words", &p.words[..]),
                ("total_before", &p.total_before[..]),
                ("shared_out_after", &p.shared_out_after[..]),
                ("received_after", &p.received_after[..]),
                ("part_before", &p.part_before[..]),
                ("national", &p.national[..]),
                ("native_numbers", &c.native_numbers[..]),
                ("award_nouns", &c.award_nouns[..]),
                ("award_verbs", &c.award_verbs[..]),
                ("field_count_words", &c.field_count_words[..]),
                ("after_count_verbs", &c.after_count_verbs[..]),
                ("native_counted_marks", &c.native_counted_marks[..]),
                ("subject_nouns", &c.subject_nouns[..]),
                ("national_nouns", &c.national_nouns[..]),
                ("national_verbs", &c.national_verbs[..]),
            ],
        );
        for word in [&p.each_after, &p.each_before, &c.thing, &c.place, &c.crowns] {
            assert!(!word.is_empty());
        }
        a();
    }

    #[test]
    fn prizes_totals_and_each_award() {
        let a = a();
        assert!(a.names_prize("포상금 3천만원을") && !a.names_prize("예산 3천만원"));
        assert!(a.total_before("두 부문을 합쳐 ") && a.total_before("3개 부문에 ") && !a.total_before("대상을 받아 "));
        assert!(a.shared_out_after("을 나눠 받는다") && !a.shared_out_after("을 받는다"));
        assert!(a.national("전국 수상 기관에는 총") && !a.national("가람구는 총"));
        assert!(a.each("", "씩 받는다", "") && a.each("각 ", "", "") && a.each("", "", "은 각 "));
        assert!(!a.each("각각의 ", "을", "의 "));
    }

    #[test]
    fn counts_of_awards_and_winners() {
        let a = a();
        let counts = |s: &str| a.award_counts(s).collect::<Vec<_>>();
        assert_eq!(counts("가람구는 8개의 상을 휩쓸었다"), [(Some(8), false)]);
        assert_eq!(counts("3개 부문에서 수상"), [(Some(3), false)]);
        assert_eq!(counts("상 2개를 받았다, 5관왕"), [(Some(2), false), (Some(5), true)]);
        assert!(counts("8개 상가를 지었다").is_empty());
        assert_eq!(a.national_counts("전국 122개 지자체를 우수기관으로").collect::<Vec<_>>(), [Some(122)]);
        assert!(a.counts_awards("모두 3개의 상을") && !a.counts_awards("3개 분야"));
        let subjects: Vec<&str> =
            a.counted_subjects("등 총 34곳이 선정, 4개 시·도가 참여").map(|m| m.as_str()).collect();
        assert_eq!(subjects, ["34곳이 ", "4개 시·도가 "]);
        assert!(
            a.starts_with_counter("곳이") && a.starts_with_thing_counter("개 분야") && !a.starts_with_counter("명")
        );
        assert_eq!(a.after_counter("곳이"), Some("이"));
        assert!(a.is_thing_counter("개") && a.is_count("두") && a.is_count("3개") && !a.is_count("다섯"));
    }
}
