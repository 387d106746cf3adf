//! The noise vocabulary of the clean stage, read once from
//! `data/clean/noise.toml` (embedded in the binary). Code holds the shapes of
//! page noise; this file's data holds its words.
//!
//! The classifiers run on every line of every page, so the lists are also
//! compiled once ([`Matchers`]): one Aho-Corasick automaton per "contains
//! one of" list, a hash set per "is one of" list, a first-byte table per
//! "starts with one of" list (performance, issue 7). Each answers exactly
//! what the plain loop over the list answers.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::normalize::normalize_line;

const NOISE_TOML: &str = include_str!("../../../data/clean/noise.toml");

/// Every word list of `data/clean/noise.toml`, normalized like the text it is
/// matched against.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    pub weather: Weather,
    pub server: Server,
    pub copyright: Copyright,
    pub ui: Ui,
    pub menus: Menus,
    pub lists: Lists,
    pub sections: Sections,
    pub outlets: Outlets,
    pub dates: Dates,
    pub captions: Captions,
    /// The lists above, compiled by [`Lexicon::parse`].
    #[serde(skip)]
    matchers: OnceLock<Matchers>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Weather {
    pub temperature_marks: Vec<String>,
    pub widget_lines: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub warning_prefixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Copyright {
    pub markers: Vec<String>,
    /// Field names of a publisher's registration footer.
    pub footer_fields: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ui {
    pub lines: Vec<String>,
    pub contains: Vec<String>,
    pub sentences: Vec<String>,
    pub tokens: Vec<String>,
    /// Counter words ("조회 : 358").
    pub counters: Vec<String>,
    /// Phrases of reading-aid notices, chrome at paragraph length.
    pub notices: Vec<String>,
    /// Sanctions a comment policy names ("삭제", "차단").
    pub comment_sanctions: Vec<String>,
    /// Nouns a comment policy's heading names ("원칙", "정책").
    pub comment_policies: Vec<String>,
    /// Labels opening a source line ("출처", "자료제공").
    pub source_labels: Vec<String>,
    /// Phrases of a reading-time widget ("읽는 시간"), before a duration.
    #[serde(default)]
    pub reading_time: Vec<String>,
    /// Words of a board's posting rules ("게시물", "이용약관").
    #[serde(default)]
    pub posting_words: Vec<String>,
    /// Endings of a reporter's beat line ("담당하고 있습니다").
    #[serde(default)]
    pub beat_endings: Vec<String>,
    /// Targets and actions of a skip link ("본문으로 이동").
    #[serde(default)]
    pub skip_targets: Vec<String>,
    #[serde(default)]
    pub skip_actions: Vec<String>,
    /// Labels of the site's contact fields ("전화", "카카오톡").
    #[serde(default)]
    pub contact_labels: Vec<String>,
    /// Words of a broadcast's air time ("평일", "오전") and its presenter's roles.
    #[serde(default)]
    pub schedule_words: Vec<String>,
    #[serde(default)]
    pub presenter_roles: Vec<String>,
    /// Endings of a street address's first word and of its road's name.
    #[serde(default)]
    pub address_top_endings: Vec<String>,
    #[serde(default)]
    pub road_endings: Vec<String>,
    /// Families of notices addressed to the reader.
    #[serde(default)]
    pub addressed: Vec<Addressed>,
}

/// A family of notices addressed to the reader: its topics and its cues
/// (no cues: the topic is enough).
#[derive(Debug, Clone, Deserialize)]
pub struct Addressed {
    pub topics: Vec<String>,
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Menus {
    pub keep_words: Vec<String>,
    pub place_endings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Lists {
    pub headers: Vec<String>,
    /// Words that may come before a header ("오늘의" 인기기사).
    #[serde(default)]
    pub header_modifiers: Vec<String>,
    pub item_prefixes: Vec<String>,
    /// Stamps under another article's headline ("온라인 기사 (").
    pub item_stamps: Vec<String>,
    /// Headers of a summary box ("세 줄 요약").
    pub summary_headers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sections {
    pub names: Vec<String>,
    pub breadcrumb_generic: Vec<String>,
    /// Words that open a breadcrumb written with spaces ("HOME 지역뉴스 가람").
    pub home_words: Vec<String>,
    pub region_names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Outlets {
    pub suffixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Dates {
    pub published_labels: Vec<String>,
    pub revised_labels: Vec<String>,
    /// Labels of a site's edition stamp ("최종편집", in the header of every
    /// page): the site's last update, never the article's date.
    #[serde(default)]
    pub edition_labels: Vec<String>,
    /// Words written after a date that make it an "as of" stamp ("… 01:55:53
    /// 기준" over a site's trending keywords): when the page was served.
    #[serde(default)]
    pub as_of_labels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Captions {
    pub credits: Vec<String>,
    pub credit_marks: Vec<String>,
}

impl Dates {
    /// Every date label: published, revised and edition labels.
    pub fn all_labels(&self) -> Vec<String> {
        [self.published_labels.as_slice(), self.revised_labels.as_slice(), self.edition_labels.as_slice()].concat()
    }
}

impl Lexicon {
    /// The embedded lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON
            .get_or_init(|| Self::parse(NOISE_TOML).expect("data/clean/noise.toml is valid (checked by a unit test)"))
    }

    /// Parses a lexicon and normalizes every entry.
    pub fn parse(text: &str) -> Result<Lexicon, toml::de::Error> {
        let mut lex: Lexicon = toml::from_str(text)?;
        for list in [
            &mut lex.weather.temperature_marks,
            &mut lex.weather.widget_lines,
            &mut lex.server.warning_prefixes,
            &mut lex.copyright.markers,
            &mut lex.copyright.footer_fields,
            &mut lex.ui.lines,
            &mut lex.ui.contains,
            &mut lex.ui.sentences,
            &mut lex.ui.notices,
            &mut lex.ui.comment_sanctions,
            &mut lex.ui.comment_policies,
            &mut lex.ui.source_labels,
            &mut lex.ui.reading_time,
            &mut lex.ui.posting_words,
            &mut lex.ui.beat_endings,
            &mut lex.ui.skip_targets,
            &mut lex.ui.skip_actions,
            &mut lex.ui.contact_labels,
            &mut lex.ui.schedule_words,
            &mut lex.ui.presenter_roles,
            &mut lex.ui.address_top_endings,
            &mut lex.ui.road_endings,
            &mut lex.menus.keep_words,
            &mut lex.menus.place_endings,
            &mut lex.ui.tokens,
            &mut lex.lists.headers,
            &mut lex.lists.header_modifiers,
            &mut lex.lists.item_prefixes,
            &mut lex.lists.item_stamps,
            &mut lex.lists.summary_headers,
            &mut lex.ui.counters,
            &mut lex.sections.names,
            &mut lex.sections.breadcrumb_generic,
            &mut lex.sections.home_words,
            &mut lex.sections.region_names,
            &mut lex.outlets.suffixes,
            &mut lex.dates.published_labels,
            &mut lex.dates.revised_labels,
            &mut lex.dates.edition_labels,
            &mut lex.dates.as_of_labels,
            &mut lex.captions.credits,
            &mut lex.captions.credit_marks,
        ] {
            for entry in list.iter_mut() {
                *entry = normalize_line(entry);
            }
            list.retain(|e| !e.is_empty());
        }
        for family in &mut lex.ui.addressed {
            for list in [&mut family.topics, &mut family.cues] {
                for entry in list.iter_mut() {
                    *entry = normalize_line(entry);
                }
                list.retain(|e| !e.is_empty());
            }
        }
        let matchers = Matchers::new(&lex);
        lex.matchers = OnceLock::from(matchers);
        Ok(lex)
    }

    /// The word lists compiled for matching.
    pub fn matchers(&self) -> &Matchers {
        self.matchers.get_or_init(|| Matchers::new(self))
    }
}

/// "Does the text contain one of these words?" in one pass over the text
/// for every [`TEDDY_WORDS`] words.
#[derive(Debug, Clone)]
pub struct AnyOf(Vec<AhoCorasick>);

/// The most words one automaton holds. Up to this many, Aho-Corasick
/// searches with its SIMD prefilter (Teddy); beyond it, byte by byte (a
/// list of Korean words has no rare first byte to skip to): two SIMD passes
/// over a line cost less than one such pass.
const TEDDY_WORDS: usize = 64;

impl AnyOf {
    fn new(words: &[String]) -> AnyOf {
        // Whether some word occurs does not depend on the match kind;
        // leftmost-first lets the automaton use its SIMD prefilter (Teddy),
        // which the standard kind does not.
        let build = |chunk: &[String]| AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(chunk);
        let automata = words.chunks(TEDDY_WORDS).map(|c| build(c).expect("a word list of the lexicon compiles"));
        AnyOf(automata.collect())
    }

    /// Equals `words.iter().any(|w| text.contains(w))` (entries are never empty).
    pub fn is_in(&self, text: &str) -> bool {
        self.0.iter().any(|a| a.is_match(text))
    }

    /// How many different words occur in the text, counting the leftmost
    /// occurrences that do not overlap (within each automaton).
    pub fn distinct_in(&self, text: &str) -> usize {
        let mut seen: Vec<(usize, usize)> = (self.0.iter().enumerate())
            .flat_map(|(k, a)| a.find_iter(text).map(move |m| (k, m.pattern().as_usize())))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// "Is the text one of these words?" by hashing.
#[derive(Debug, Clone)]
pub struct OneOf {
    words: HashSet<String, BuildHasherDefault<WordHasher>>,
    /// Byte length of the longest word: a longer text is none of them.
    max_len: usize,
}

impl OneOf {
    fn new(words: &[String]) -> OneOf {
        OneOf { words: words.iter().cloned().collect(), max_len: words.iter().map(String::len).max().unwrap_or(0) }
    }

    /// Equals `words.iter().any(|w| w == text)`.
    pub fn has(&self, text: &str) -> bool {
        text.len() <= self.max_len && self.words.contains(text)
    }
}

/// A multiply-rotate hash (the FxHash recipe), eight bytes at a time, for
/// sets that are only asked "is this in?": the keys are words of our own
/// lexicon or lines of one page, so the std SipHash's resistance to chosen
/// keys buys nothing there, and costs several times more.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// "Does the text start with one of these words?" The text's first byte
/// must be the first byte of some word (most lines starting with ASCII are
/// done there), then only the words sharing its first character are tried
/// (a byte does not tell Hangul words apart: every syllable starts with one
/// of four bytes).
#[derive(Debug, Clone)]
pub struct Prefixes {
    first_bytes: [bool; 256],
    /// (first character, the words starting with it), sorted by character.
    groups: Vec<(char, Vec<String>)>,
}

impl Prefixes {
    fn new(words: &[String]) -> Prefixes {
        let mut groups: Vec<(char, Vec<String>)> = Vec::new();
        for w in words {
            let first = w.chars().next().expect("entries are never empty");
            match groups.iter_mut().find(|(c, _)| *c == first) {
                Some((_, group)) => group.push(w.clone()),
                None => groups.push((first, vec![w.clone()])),
            }
        }
        groups.sort_by_key(|(c, _)| *c);
        let mut first_bytes = [false; 256];
        for w in words {
            first_bytes[w.as_bytes()[0] as usize] = true;
        }
        Prefixes { first_bytes, groups }
    }

    /// Equals `words.iter().any(|w| text.starts_with(w))` (entries are never empty).
    pub fn starts(&self, text: &str) -> bool {
        if !text.as_bytes().first().is_some_and(|&b| self.first_bytes[b as usize]) {
            return false;
        }
        let Some(first) = text.chars().next() else { return false };
        match self.groups.binary_search_by_key(&first, |(c, _)| *c) {
            Ok(k) => self.groups[k].1.iter().any(|w| text.starts_with(w.as_str())),
            Err(_) => false,
        }
    }
}

/// The "contains one of" lists that the line classifiers ask about on
/// almost every line, one bit each in the answer of [`WordScan::lists_in`].
pub mod lists {
    pub const TEMPERATURE_MARKS: u32 = 1 << 0;
    pub const COPYRIGHT_MARKERS: u32 = 1 << 1;
    pub const FOOTER_FIELDS: u32 = 1 << 2;
    pub const UI_CONTAINS: u32 = 1 << 3;
    pub const UI_SENTENCES: u32 = 1 << 4;
    pub const UI_NOTICES: u32 = 1 << 5;
    pub const CREDIT_MARKS: u32 = 1 << 6;
}

/// Bits of the table of word openings: 2^16 (8 KiB, in the L1 cache).
const OPENING_BITS: u32 = 16;

/// "Which of these lists have a word in the text?" for several lists in one
/// pass over the text (performance: a line used to be searched once per
/// list, by one automaton each, and the Korean words' common first syllables
/// kept their SIMD prefilters verifying).
///
/// Every word is filed under its opening: its first six bytes (two Hangul
/// syllables), or its first three when it is shorter. A table holds one bit
/// per hash of an opening. The scan hashes the three and the six bytes at
/// every position of the text and verifies the words filed under them only
/// where the table's bit is set. Words of one or two bytes are searched for
/// apart. Each answer equals the plain loop
/// `words.iter().any(|w| text.contains(w))` per list.
#[derive(Debug, Clone)]
pub struct WordScan {
    openings: Box<[u64]>,
    /// (opening, word, its lists), sorted by opening.
    long: Vec<(u64, Box<[u8]>, u32)>,
    /// Words of one or two bytes, with their lists.
    short: Vec<(String, u32)>,
}

impl WordScan {
    /// A scan for `(words, list bit)` pairs; a word may be in several lists.
    fn new(lists: &[(&[String], u32)]) -> WordScan {
        let mut long: Vec<(u64, Box<[u8]>, u32)> = Vec::new();
        let mut short: Vec<(String, u32)> = Vec::new();
        for &(words, bit) in lists {
            for w in words {
                let b = w.as_bytes();
                if b.len() >= 3 {
                    let key = opening(b, if b.len() >= 6 { 6 } else { 3 });
                    match long.iter_mut().find(|(_, word, _)| **word == *b) {
                        Some((_, _, bits)) => *bits |= bit,
                        None => long.push((key, b.into(), bit)),
                    }
                } else {
                    match short.iter_mut().find(|(word, _)| word == w) {
                        Some((_, bits)) => *bits |= bit,
                        None => short.push((w.clone(), bit)),
                    }
                }
            }
        }
        long.sort_by_key(|(key, _, _)| *key);
        let mut openings = vec![0u64; 1 << (OPENING_BITS - 6)].into_boxed_slice();
        for (key, _, _) in &long {
            let h = opening_hash(*key);
            openings[h / 64] |= 1 << (h % 64);
        }
        WordScan { openings, long, short }
    }

    /// The bits of the lists that have a word occurring in `text`.
    pub fn lists_in(&self, text: &str) -> u32 {
        let bytes = text.as_bytes();
        let mut found = 0;
        for i in 0..bytes.len().saturating_sub(2) {
            let rest = &bytes[i..];
            for len in [3, 6] {
                if rest.len() >= len {
                    let key = opening(rest, len);
                    let h = opening_hash(key);
                    if self.openings[h / 64] >> (h % 64) & 1 != 0 {
                        found |= self.words_at(key, rest);
                    }
                }
            }
        }
        for (word, bits) in &self.short {
            if found & bits != *bits && text.contains(word.as_str()) {
                found |= bits;
            }
        }
        found
    }

    /// The lists of the words filed under `key` that `rest` starts with.
    fn words_at(&self, key: u64, rest: &[u8]) -> u32 {
        let first = self.long.partition_point(|(k, _, _)| *k < key);
        let filed = self.long[first..].iter().take_while(|(k, _, _)| *k == key);
        filed.filter(|(_, word, _)| rest.starts_with(word)).fold(0, |bits, (_, _, b)| bits | b)
    }
}

/// The first `len` bytes (3 or 6) of `bytes`, with `len`, as one number.
fn opening(bytes: &[u8], len: usize) -> u64 {
    let mut buf = [0u8; 8];
    buf[..len].copy_from_slice(&bytes[..len]);
    buf[7] = len as u8;
    u64::from_le_bytes(buf)
}

/// Where an opening's bit is in the table (a multiplicative hash).
fn opening_hash(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - OPENING_BITS)) as usize
}

/// The lists of the lexicon that the per-line classifiers match, compiled.
#[derive(Debug, Clone)]
pub struct Matchers {
    pub temperature_marks: AnyOf,
    pub widget_lines: OneOf,
    pub warning_prefixes: Prefixes,
    pub copyright_markers: AnyOf,
    pub footer_fields: AnyOf,
    pub ui_lines: OneOf,
    /// `ui.contains` and `ui.notices` (two automata).
    pub ui_contains: AnyOf,
    /// `ui.sentences` and `ui.notices` in one automaton.
    pub ui_sentences: AnyOf,
    pub ui_notices: AnyOf,
    pub ui_tokens: OneOf,
    pub comment_sanctions: AnyOf,
    pub comment_policies: AnyOf,
    pub posting_words: AnyOf,
    pub source_labels: Prefixes,
    pub keep_words: AnyOf,
    pub list_headers: OneOf,
    pub item_prefixes: Prefixes,
    pub item_stamps: Prefixes,
    pub summary_headers: OneOf,
    pub section_names: OneOf,
    pub breadcrumb_generic: OneOf,
    pub home_words: OneOf,
    /// `home_words`, as line openings.
    pub home_prefixes: Prefixes,
    pub region_names: OneOf,
    pub caption_credits: Prefixes,
    pub credit_marks: AnyOf,
    /// every date label of `dates`, as line openings.
    pub date_labels: Prefixes,
    /// The lists of [`lists`], searched together (each line once).
    pub line_words: WordScan,
    /// every date label of `dates`, as whole texts.
    pub date_label_words: OneOf,
    /// `lists.header_modifiers`, as line openings.
    pub header_modifiers: Prefixes,
    pub skip_targets: OneOf,
    pub skip_actions: OneOf,
    pub contact_labels: Prefixes,
    pub schedule_words: OneOf,
    pub presenter_roles: OneOf,
    /// (topics, cues) of each family of `ui.addressed`; no cues: `None`.
    pub addressed: Vec<(AnyOf, Option<AnyOf>)>,
}

impl Matchers {
    fn new(lex: &Lexicon) -> Matchers {
        Matchers {
            temperature_marks: AnyOf::new(&lex.weather.temperature_marks),
            widget_lines: OneOf::new(&lex.weather.widget_lines),
            warning_prefixes: Prefixes::new(&lex.server.warning_prefixes),
            copyright_markers: AnyOf::new(&lex.copyright.markers),
            footer_fields: AnyOf::new(&lex.copyright.footer_fields),
            ui_lines: OneOf::new(&lex.ui.lines),
            ui_contains: AnyOf::new(&[lex.ui.contains.as_slice(), lex.ui.notices.as_slice()].concat()),
            ui_sentences: AnyOf::new(&[lex.ui.sentences.as_slice(), lex.ui.notices.as_slice()].concat()),
            ui_notices: AnyOf::new(&lex.ui.notices),
            ui_tokens: OneOf::new(&lex.ui.tokens),
            comment_sanctions: AnyOf::new(&lex.ui.comment_sanctions),
            comment_policies: AnyOf::new(&lex.ui.comment_policies),
            posting_words: AnyOf::new(&lex.ui.posting_words),
            source_labels: Prefixes::new(&lex.ui.source_labels),
            keep_words: AnyOf::new(&lex.menus.keep_words),
            list_headers: OneOf::new(&lex.lists.headers),
            item_prefixes: Prefixes::new(&lex.lists.item_prefixes),
            item_stamps: Prefixes::new(&lex.lists.item_stamps),
            summary_headers: OneOf::new(&lex.lists.summary_headers),
            section_names: OneOf::new(&lex.sections.names),
            breadcrumb_generic: OneOf::new(&lex.sections.breadcrumb_generic),
            home_words: OneOf::new(&lex.sections.home_words),
            home_prefixes: Prefixes::new(&lex.sections.home_words),
            region_names: OneOf::new(&lex.sections.region_names),
            caption_credits: Prefixes::new(&lex.captions.credits),
            credit_marks: AnyOf::new(&lex.captions.credit_marks),
            date_labels: Prefixes::new(&lex.dates.all_labels()),
            line_words: WordScan::new(&[
                (&lex.weather.temperature_marks, lists::TEMPERATURE_MARKS),
                (&lex.copyright.markers, lists::COPYRIGHT_MARKERS),
                (&lex.copyright.footer_fields, lists::FOOTER_FIELDS),
                (&lex.ui.contains, lists::UI_CONTAINS),
                (&lex.ui.sentences, lists::UI_SENTENCES),
                (&lex.ui.notices, lists::UI_NOTICES),
                (&lex.captions.credit_marks, lists::CREDIT_MARKS),
            ]),
            date_label_words: OneOf::new(&lex.dates.all_labels()),
            header_modifiers: Prefixes::new(&lex.lists.header_modifiers),
            skip_targets: OneOf::new(&lex.ui.skip_targets),
            skip_actions: OneOf::new(&lex.ui.skip_actions),
            contact_labels: Prefixes::new(&lex.ui.contact_labels),
            schedule_words: OneOf::new(&lex.ui.schedule_words),
            presenter_roles: OneOf::new(&lex.ui.presenter_roles),
            addressed: (lex.ui.addressed.iter())
                .map(|f| (AnyOf::new(&f.topics), (!f.cues.is_empty()).then(|| AnyOf::new(&f.cues))))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_and_has_every_list_filled() {
        let lex = Lexicon::parse(NOISE_TOML).unwrap();
        assert!(lex.copyright.markers.iter().any(|m| m == "ⓒ"));
        assert!(!lex.ui.lines.is_empty() && !lex.lists.headers.is_empty() && !lex.dates.published_labels.is_empty());
    }

    /// The lists searched on every short line take one SIMD pass (a short
    /// sentence) or two (a short line of chrome words, or a notice).
    #[test]
    fn hot_lists_take_few_passes() {
        let m = Lexicon::get().matchers();
        assert_eq!(m.ui_sentences.0.len(), 1, "ui.sentences + notices hold more than {TEDDY_WORDS} words");
        assert!(m.ui_contains.0.len() <= 2, "ui.contains + notices hold more than {} words", 2 * TEDDY_WORDS);
    }

    /// A list longer than one automaton holds is searched in every one of
    /// its automata; words are counted once each across them.
    #[test]
    fn long_lists_are_searched_whole() {
        let words: Vec<String> = (0..2 * TEDDY_WORDS + 5).map(|k| format!("낱말{k}호")).collect();
        let any = AnyOf::new(&words);
        assert_eq!(any.0.len(), 3);
        assert!(any.is_in("앞 낱말130호 뒤") && any.is_in("낱말0호") && !any.is_in("낱말호"));
        assert_eq!(any.distinct_in("낱말1호 낱말100호 낱말1호 낱말129호"), 3);
    }

    /// Words sharing a first byte but not a first syllable are told apart.
    #[test]
    fn prefixes_by_first_character() {
        let words: Vec<String> = ["입력", "일자", "Posted", "수정일"].map(String::from).to_vec();
        let p = Prefixes::new(&words);
        assert!(p.starts("입력 2031") && p.starts("일자:") && p.starts("Posted on") && p.starts("수정일"));
        assert!(!p.starts("입니다") && !p.starts("수요일") && !p.starts("Post") && !p.starts("") && !p.starts("가"));
    }

    #[test]
    fn entries_are_normalized_like_the_text() {
        let lex = Lexicon::parse("[weather]\ntemperature_marks=[\"℃\"]\nwidget_lines=[\"기상청\u{3000}제공\"]\n[server]\nwarning_prefixes=[]\n[copyright]\nmarkers=[]\nfooter_fields=[]\n[ui]\nlines=[]\ncontains=[]\nsentences=[]\ntokens=[]\ncounters=[]\nnotices=[]\ncomment_sanctions=[]\ncomment_policies=[]\nsource_labels=[]\n[menus]\nkeep_words=[]\nplace_endings=[]\n[lists]\nheaders=[]\nitem_prefixes=[]\nitem_stamps=[]\nsummary_headers=[]\n[sections]\nnames=[\"대구•경북\"]\nbreadcrumb_generic=[]\nhome_words=[]\nregion_names=[]\n[outlets]\nsuffixes=[]\n[dates]\npublished_labels=[]\nrevised_labels=[]\n[captions]\ncredits=[]\ncredit_marks=[]\n").unwrap();
        assert_eq!(lex.weather.widget_lines, vec!["기상청 제공"]);
        assert_eq!(lex.sections.names, vec!["대구·경북"]);
        assert!(lex.matchers().section_names.has("대구·경북") && lex.matchers().widget_lines.has("기상청 제공"));
    }

    /// Every compiled list answers what the plain loop over its words
    /// answers, on the words themselves, their parts and texts around them.
    #[test]
    fn compiled_lists_agree_with_the_plain_loops() {
        let lex = Lexicon::get();
        let m = lex.matchers();
        let sentences = [lex.ui.sentences.clone(), lex.ui.notices.clone()].concat();
        let date_labels = lex.dates.all_labels();
        let chrome = [lex.ui.contains.clone(), lex.ui.notices.clone()].concat();
        let contains: [(&AnyOf, &Vec<String>); 8] = [
            (&m.credit_marks, &lex.captions.credit_marks),
            (&m.ui_notices, &lex.ui.notices),
            (&m.footer_fields, &lex.copyright.footer_fields),
            (&m.temperature_marks, &lex.weather.temperature_marks),
            (&m.copyright_markers, &lex.copyright.markers),
            (&m.ui_contains, &chrome),
            (&m.ui_sentences, &sentences),
            (&m.keep_words, &lex.menus.keep_words),
        ];
        let equals: [(&OneOf, &Vec<String>); 9] = [
            (&m.date_label_words, &date_labels),
            (&m.summary_headers, &lex.lists.summary_headers),
            (&m.home_words, &lex.sections.home_words),
            (&m.widget_lines, &lex.weather.widget_lines),
            (&m.ui_lines, &lex.ui.lines),
            (&m.ui_tokens, &lex.ui.tokens),
            (&m.list_headers, &lex.lists.headers),
            (&m.section_names, &lex.sections.names),
            (&m.breadcrumb_generic, &lex.sections.breadcrumb_generic),
        ];
        let scanned: [(u32, &Vec<String>); 7] = [
            (lists::TEMPERATURE_MARKS, &lex.weather.temperature_marks),
            (lists::COPYRIGHT_MARKERS, &lex.copyright.markers),
            (lists::FOOTER_FIELDS, &lex.copyright.footer_fields),
            (lists::UI_CONTAINS, &lex.ui.contains),
            (lists::UI_SENTENCES, &lex.ui.sentences),
            (lists::UI_NOTICES, &lex.ui.notices),
            (lists::CREDIT_MARKS, &lex.captions.credit_marks),
        ];
        let prefixes: [(&Prefixes, &Vec<String>); 7] = [
            (&m.header_modifiers, &lex.lists.header_modifiers),
            (&m.home_prefixes, &lex.sections.home_words),
            (&m.item_stamps, &lex.lists.item_stamps),
            (&m.warning_prefixes, &lex.server.warning_prefixes),
            (&m.item_prefixes, &lex.lists.item_prefixes),
            (&m.caption_credits, &lex.captions.credits),
            (&m.date_labels, &date_labels),
        ];
        // Probe texts: every word of every list, cut and wrapped.
        let all: Vec<&String> = [
            &lex.weather.temperature_marks,
            &lex.weather.widget_lines,
            &lex.server.warning_prefixes,
            &lex.copyright.markers,
            &lex.copyright.footer_fields,
            &lex.ui.lines,
            &lex.ui.contains,
            &lex.ui.sentences,
            &lex.ui.notices,
            &lex.ui.tokens,
            &lex.menus.keep_words,
            &lex.lists.headers,
            &lex.lists.header_modifiers,
            &lex.lists.item_prefixes,
            &lex.lists.item_stamps,
            &lex.lists.summary_headers,
            &lex.ui.counters,
            &lex.sections.names,
            &lex.sections.breadcrumb_generic,
            &lex.sections.home_words,
            &lex.sections.region_names,
            &lex.captions.credits,
            &lex.captions.credit_marks,
            &lex.dates.published_labels,
            &lex.dates.revised_labels,
            &lex.dates.edition_labels,
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut probes: Vec<String> = vec![String::new(), " ".into(), "가람구는 상을 받았다.".into()];
        for w in &all {
            let cut: String = w.chars().skip(1).collect();
            let short: String = w.chars().take(w.chars().count().saturating_sub(1)).collect();
            let long = format!("{} {w} {}", "가".repeat(20), "나".repeat(20));
            let long_cut = format!("{} {cut}", "가".repeat(30));
            probes.extend([
                w.to_string(),
                cut,
                short,
                format!("가 {w}"),
                format!("{w} 가"),
                w.to_lowercase(),
                long,
                long_cut,
            ]);
        }
        for p in &probes {
            for (any, words) in contains {
                assert_eq!(any.is_in(p), words.iter().any(|w| p.contains(w.as_str())), "{p:?}");
            }
            for (one, words) in equals {
                assert_eq!(one.has(p), words.iter().any(|w| w == p), "{p:?}");
            }
            assert_eq!(m.region_names.has(p), lex.sections.region_names.iter().any(|w| w == p), "{p:?}");
            for (pre, words) in prefixes {
                assert_eq!(pre.starts(p), words.iter().any(|w| p.starts_with(w.as_str())), "{p:?}");
            }
            let found = m.line_words.lists_in(p);
            for (bit, words) in scanned {
                assert_eq!(found & bit != 0, words.iter().any(|w| p.contains(w.as_str())), "{p:?} {bit}");
            }
        }
    }

    /// One scan answers for several lists, words of any length, a word in
    /// several lists, at either end of the text and overlapping another.
    #[test]
    fn a_word_scan_answers_every_list() {
        let a: Vec<String> = ["©", "ab", "가나다", "가나", "나다라", "a가"].map(String::from).to_vec();
        let b: Vec<String> = ["가나다", "xyz", "z"].map(String::from).to_vec();
        let scan = WordScan::new(&[(&a, 1), (&b, 2)]);
        for (text, want) in [
            ("", 0),
            ("가", 0),
            ("가나", 1),
            ("가나다", 3),
            ("ⓒ 가나 ©", 1),
            ("나다라", 1),
            ("가나다라", 3),
            ("xy", 0),
            ("wxyz", 2),
            ("z", 2),
            ("a b", 0),
            ("cab", 1),
            ("a", 0),
            ("ba가", 1),
        ] {
            assert_eq!(scan.lists_in(text), want, "{text:?}");
        }
    }
}
