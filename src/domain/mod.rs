//! Domain knowledge of the 지역복지사업 평가, loaded once from the data files
//! under `data/domain/` (embedded at build time): categories (with aliases
//! and the years each name was used), grade words and the words around
//! them, this program's names, other programs' cues, how articles write
//! place names, the particles that may follow a name, and the words the
//! extractor reads sentences by (grammar, years, amounts, field marks). The
//! matchers over them are compiled here, once.

pub mod amounts;
pub mod field_words;
pub mod gazetteer;
pub mod grammar;
pub mod hangul;
pub mod particles;
pub mod places;
pub mod spaceless;
pub mod wordlist;
pub mod years;

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result};
use regex::Regex;
use serde::Deserialize;

pub use amounts::Amounts;
pub use field_words::FieldWords;
pub use grammar::Grammar;
pub use particles::Particles;
pub use places::PlaceLexicon;
use spaceless::{squeeze, Spaceless};
pub use years::YearWords;

const CATEGORIES_TOML: &str = include_str!("../../data/domain/categories.toml");
const GRADES_TOML: &str = include_str!("../../data/domain/grades.toml");
const PROGRAMS_TOML: &str = include_str!("../../data/domain/programs.toml");
const PLACES_TOML: &str = include_str!("../../data/domain/places.toml");

/// A field (분야 / 부문) of the evaluation.
#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    /// A name of the label guide's table; otherwise a field of some rounds
    /// that keeps the name the article writes.
    pub canonical: bool,
    /// Evaluation years in which the category exists under this name.
    pub years: Option<(i32, i32)>,
    /// Rounds in which an award with no field written belongs here.
    pub default_when_unstated: Vec<i32>,
    /// A year written with the field is the year whose plan was carried
    /// out, judged in the next round ("2023년 지역사회보장계획 시행결과").
    pub label_year_is_execution_year: bool,
    /// In its rounds, a field the list does not know (in an article on this
    /// name) is one of its sub-부문.
    pub catches_unlisted: bool,
    /// The name the guide gives the field in rounds up to a year, when it
    /// was called otherwise then ("지역사회보장계획" awards of 2013–2014 are
    /// "지역복지계획").
    pub earlier_name: Option<(i32, String)>,
}

impl Category {
    /// The category column for an award of this field in `year`.
    pub fn name_in(&self, year: i32) -> &str {
        match &self.earlier_name {
            Some((last, name)) if year <= *last => name,
            _ => &self.name,
        }
    }
}

/// One way of writing a field name.
#[derive(Debug, Clone)]
pub struct Alias {
    pub text: String,
    /// Index into [`Knowledge::categories`].
    pub category: usize,
    pub years: Option<(i32, i32)>,
    /// Counts only before 분야/부문 or as a whole quoted phrase.
    pub field_word: bool,
    /// For a field outside the guide's table: this way of writing it is a
    /// name of its own that the category column keeps ("지역사회복지협의체
    /// 구성 및 운영" beside "지역사회복지협의체").
    pub own_name: bool,
}

/// A grade and the words that write it.
#[derive(Debug, Clone)]
pub struct GradeDef {
    pub name: String,
    pub rank: i32,
    pub words: Vec<String>,
    /// Without "상", the word is a grade only with a head noun or a particle
    /// after it ("우수 기관", not "우수 사례").
    pub bare_needs_head: bool,
}

/// The word lists around grade words (see `data/domain/grades.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GradeWords {
    pub heads: Vec<String>,
    pub particles: Vec<String>,
    pub receiving_verbs: Vec<String>,
    pub selecting_verbs: Vec<String>,
    pub chosen_verbs: Vec<String>,
    pub target_verbs: Vec<String>,
    pub target_words_before: Vec<String>,
    pub selected_words_before: Vec<String>,
    pub excluding_words_after: Vec<String>,
    pub conferring_verbs: Vec<String>,
    pub about_words: Vec<String>,
    pub sweeping_verbs: Vec<String>,
    pub active_selecting_verbs: Vec<String>,
    pub unrealized_words: Vec<String>,
    /// Relative forms of award verbs: "우수상을 수상한 'F' 부문".
    #[serde(default)]
    pub relative_award_verbs: Vec<String>,
    /// Words before an institution grade that refer back to winners named
    /// before ("이들 우수 지자체에는 … 포상금이 수여된다").
    #[serde(default)]
    pub referring_words_before: Vec<String>,
    /// Nouns after an institution grade and 의 that make it the recipient's
    /// honour ("최우수 기관의 영예"); other nouns make it winners in general.
    #[serde(default)]
    pub honour_words: Vec<String>,
    /// A scope that may be glued before a grade word ("전국대상").
    #[serde(default)]
    pub glued_scopes: Vec<String>,
    /// Words that open like an unrealized one but state the award ("받기도 했다").
    #[serde(default)]
    pub realized_words: Vec<String>,
    pub could_words: Vec<String>,
    pub streak_words: Vec<String>,
    pub continuation_words: Vec<String>,
    pub selection_phrases: Vec<String>,
    pub record_words: Vec<String>,
    pub year_gap_words: Vec<String>,
    pub target_nouns_before: Vec<String>,
    pub institution_heads: Vec<String>,
    pub other_prizes: Vec<String>,
    pub become_verbs: Vec<String>,
    pub could_noun: String,
    pub prize_suffix: String,
    pub target_homonym: String,
    pub award_words: Vec<String>,
    pub field_apart_verbs: Vec<String>,
}

impl GradeWords {
    /// The head nouns, longest first (a phrase takes the longest head).
    pub fn heads_longest_first(&self) -> impl Iterator<Item = &String> {
        let mut h: Vec<&String> = self.heads.iter().collect();
        h.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        h.into_iter()
    }
}

/// A match of a field name, in character offsets of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasHit {
    pub start: usize,
    pub end: usize,
    pub alias: usize,
}

/// A match of a program name or of another program's cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Everything the extractor knows about the program, loaded once.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub categories: Vec<Category>,
    pub aliases: Vec<Alias>,
    alias_matcher: AhoCorasick,
    /// Words before 분야/부문 that name a level, not a field.
    pub not_fields: HashSet<String>,
    pub grades: Vec<GradeDef>,
    /// Pattern id → (index into `grades`, the word).
    grade_patterns: Vec<(usize, String)>,
    grade_matcher: AhoCorasick,
    pub grade_words: GradeWords,
    pub program_names: Vec<String>,
    /// The first round of the program (earlier years are other programs).
    pub first_round: i32,
    program_matcher: AhoCorasick,
    ministry_matcher: AhoCorasick,
    pub other_cues: Vec<String>,
    other_matcher: AhoCorasick,
    pub organizer_words: Vec<String>,
    /// Syllables right after "평가" that make it a verb ("평가해", "평가된").
    pub evaluation_verb_syllables: Vec<char>,
    /// Syllables one space after "평가" that make it a verb ("평가 받아").
    pub evaluation_verb_after_space: Vec<char>,
    /// Words before "평가" that name no evaluation ("올해 평가", "서면 평가").
    pub not_evaluation_names: Vec<String>,
    /// Endings of such words ("복지사업종합" of "복지사업종합평가").
    pub not_evaluation_name_endings: Vec<String>,
    /// Last syllables of a modifier before "평가" ("좋은 평가", "종합적 평가").
    pub modifier_endings: Vec<char>,
    /// Words that contain a cue of another program without being one
    /// ("지자체" holds "자체"), squeezed.
    cue_containing_words: Vec<String>,
    /// Cues that name the program's own process right after its name.
    own_after_program: Vec<String>,
    /// Words of a contest named, like an evaluation, by what it is about
    /// ("건강증진사업 성과대회"), longest first.
    pub contest_words: Vec<String>,
    pub places: PlaceLexicon,
    /// Particles after a name, per use (field names, recipients, places).
    pub particles: Particles,
    /// Cheap first test: does the raw text name the program or the
    /// ministry, however spaced?
    relevance_matcher: Regex,
    /// The ministry's names ("보건복지부", "복지부").
    ministry: Vec<String>,
    /// The award's own name ("복지행정상").
    pub award_name: String,
    /// The program's name for an article that names only a field and the ministry.
    pub default_program: String,
    /// Sentence ends, clause endings, conjunctions.
    pub grammar: Grammar,
    /// How years are written.
    pub years: YearWords,
    /// Prize money and counts.
    pub amounts: Amounts,
    /// How a field is marked (분야/부문).
    pub fields: FieldWords,
}

/// The contents of the data files under `data/domain/`.
#[derive(Debug, Clone, Copy)]
pub struct DomainFiles<'a> {
    pub categories: &'a str,
    pub grades: &'a str,
    pub programs: &'a str,
    pub places: &'a str,
    pub particles: &'a str,
    pub grammar: &'a str,
    pub years: &'a str,
    pub amounts: &'a str,
    pub fields: &'a str,
}

impl DomainFiles<'static> {
    /// The files embedded in the binary at build time.
    pub const EMBEDDED: DomainFiles<'static> = DomainFiles {
        categories: CATEGORIES_TOML,
        grades: GRADES_TOML,
        programs: PROGRAMS_TOML,
        places: PLACES_TOML,
        particles: particles::PARTICLES_TOML,
        grammar: grammar::GRAMMAR_TOML,
        years: years::YEARS_TOML,
        amounts: amounts::AMOUNTS_TOML,
        fields: field_words::FIELDS_TOML,
    };
}

#[derive(Deserialize)]
struct CategoriesFile {
    category: Vec<CategoryEntry>,
    not_fields: WordList,
}

#[derive(Deserialize)]
struct CategoryEntry {
    name: String,
    #[serde(default = "yes")]
    canonical: bool,
    years: Option<[i32; 2]>,
    #[serde(default)]
    default_when_unstated: Vec<i32>,
    #[serde(default)]
    label_year_is_execution_year: bool,
    #[serde(default)]
    catches_unlisted: bool,
    earlier_name: Option<EarlierName>,
    aliases: Vec<AliasEntry>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct EarlierName {
    last_year: i32,
    name: String,
}

#[derive(Deserialize)]
struct AliasEntry {
    text: String,
    years: Option<[i32; 2]>,
    #[serde(default)]
    field_word: bool,
    #[serde(default)]
    own_name: bool,
}

#[derive(Deserialize)]
struct WordList {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct GradesFile {
    grade: Vec<GradeEntry>,
    words: GradeWords,
}

#[derive(Deserialize)]
struct GradeEntry {
    name: String,
    rank: i32,
    words: Vec<String>,
    #[serde(default)]
    bare_needs_head: bool,
}

/// Does a text name the program or its award, spaces ignored ("복지 행정상
/// 대상")? Ingest keeps such a text however short: a two-line brief on an
/// award is an article.
pub fn names_program(text: &str) -> bool {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let file: ProgramsFile = toml::from_str(PROGRAMS_TOML).expect("data/domain/programs.toml parses");
        let mut names = file.program.names;
        names.push(file.program.award_name);
        names.iter().map(|n| squeeze(n)).collect()
    });
    let text = squeeze(text);
    NAMES.iter().any(|n| text.contains(n.as_str()))
}

#[derive(Deserialize)]
struct ProgramsFile {
    program: ProgramEntry,
    other_programs: OtherPrograms,
}

#[derive(Deserialize)]
struct ProgramEntry {
    first_round: i32,
    names: Vec<String>,
    ministry: Vec<String>,
    award_name: String,
    default_name: String,
}

#[derive(Deserialize)]
struct OtherPrograms {
    cues: Vec<String>,
    organizer_words: Vec<String>,
    evaluation_verb_syllables: Vec<char>,
    evaluation_verb_after_space: Vec<char>,
    not_evaluation_names: Vec<String>,
    not_evaluation_name_endings: Vec<String>,
    modifier_endings: Vec<char>,
    #[serde(default)]
    contest_words: Vec<String>,
    #[serde(default)]
    cue_containing_words: Vec<String>,
    #[serde(default)]
    own_after_program: Vec<String>,
}

/// One automaton over the raw text that finds every program name and every
/// ministry name written with any spacing ("복지 행정상", "지역 복지 사업
/// 평가"). A document is about the program only if it names one of them
/// (see `stages::extract::prefilter`), so no match proves it is not.
fn relevance_regex(names: &[String]) -> Result<Regex> {
    let alternatives: Vec<String> = names
        .iter()
        .map(|n| {
            let chars: Vec<String> = squeeze(n).chars().map(spaceless::fold_class).collect();
            chars.join(r"\s*")
        })
        .collect();
    Regex::new(&alternatives.join("|")).context("compiling the relevance matcher")
}

fn spaceless_matcher(patterns: &[String]) -> Result<AhoCorasick> {
    let squeezed: Vec<String> = patterns.iter().map(|p| squeeze(p)).collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&squeezed)
        .context("compiling a space-insensitive matcher")
}

fn years(y: Option<[i32; 2]>) -> Option<(i32, i32)> {
    y.map(|[a, b]| (a, b))
}

fn in_years(range: Option<(i32, i32)>, year: i32) -> bool {
    range.is_none_or(|(a, b)| (a..=b).contains(&year))
}

impl Knowledge {
    /// The knowledge shipped with the binary (`data/domain/`, embedded at build time).
    pub fn embedded() -> Result<Self> {
        Self::from_toml(&DomainFiles::EMBEDDED)
    }

    /// Builds the knowledge from the data files' contents.
    pub fn from_toml(files: &DomainFiles) -> Result<Self> {
        let cats: CategoriesFile = toml::from_str(files.categories).context("data/domain/categories.toml")?;
        let grade_file: GradesFile = toml::from_str(files.grades).context("data/domain/grades.toml")?;
        let prog: ProgramsFile = toml::from_str(files.programs).context("data/domain/programs.toml")?;
        let particles = Particles::from_toml(files.particles).context("data/domain/particles.toml")?;
        let gazetteer =
            |suffixes: &[char]| gazetteer::Gazetteer::embedded(suffixes).context("the embedded region names");
        let places = PlaceLexicon::from_toml(files.places, &particles, gazetteer).context("data/domain/places.toml")?;
        let grammar = Grammar::from_toml(files.grammar, particles.joining()).context("data/domain/grammar.toml")?;
        let year_words = YearWords::from_toml(files.years, &particles).context("data/domain/years.toml")?;
        let fields = FieldWords::from_toml(files.fields).context("data/domain/fields.toml")?;
        let amounts =
            Amounts::from_toml(files.amounts, &particles, fields.marks()).context("data/domain/amounts.toml")?;

        let mut categories = Vec::new();
        let mut aliases = Vec::new();
        for (i, c) in cats.category.into_iter().enumerate() {
            for a in c.aliases {
                if a.own_name && c.canonical {
                    anyhow::bail!("data/domain/categories.toml: own_name on '{}' of a canonical field", a.text);
                }
                aliases.push(Alias {
                    text: a.text,
                    category: i,
                    years: years(a.years),
                    field_word: a.field_word,
                    own_name: a.own_name,
                });
            }
            categories.push(Category {
                name: c.name,
                canonical: c.canonical,
                years: years(c.years),
                default_when_unstated: c.default_when_unstated,
                label_year_is_execution_year: c.label_year_is_execution_year,
                catches_unlisted: c.catches_unlisted,
                earlier_name: c.earlier_name.map(|e| (e.last_year, e.name)),
            });
        }
        let alias_texts: Vec<String> = aliases.iter().map(|a| a.text.clone()).collect();
        let alias_matcher = spaceless_matcher(&alias_texts)?;

        let mut grade_defs = Vec::new();
        let mut grade_patterns = Vec::new();
        for (i, g) in grade_file.grade.into_iter().enumerate() {
            for w in &g.words {
                grade_patterns.push((i, w.clone()));
            }
            grade_defs.push(GradeDef {
                name: g.name,
                rank: g.rank,
                words: g.words,
                bare_needs_head: g.bare_needs_head,
            });
        }
        let grade_matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(grade_patterns.iter().map(|(_, w)| w.as_str()))
            .context("compiling the grade matcher")?;

        let program_matcher = spaceless_matcher(&prog.program.names)?;
        let ministry_matcher = spaceless_matcher(&prog.program.ministry)?;
        let other_matcher = spaceless_matcher(&prog.other_programs.cues)?;
        let relevance_matcher = relevance_regex(&[prog.program.names.clone(), prog.program.ministry.clone()].concat())?;

        Ok(Knowledge {
            categories,
            aliases,
            alias_matcher,
            not_fields: cats.not_fields.words.into_iter().collect(),
            grades: grade_defs,
            grade_patterns,
            grade_matcher,
            grade_words: grade_file.words,
            program_names: prog.program.names,
            first_round: prog.program.first_round,
            program_matcher,
            ministry_matcher,
            other_cues: prog.other_programs.cues,
            other_matcher,
            organizer_words: prog.other_programs.organizer_words,
            evaluation_verb_syllables: prog.other_programs.evaluation_verb_syllables,
            evaluation_verb_after_space: prog.other_programs.evaluation_verb_after_space,
            not_evaluation_names: prog.other_programs.not_evaluation_names,
            not_evaluation_name_endings: prog.other_programs.not_evaluation_name_endings,
            modifier_endings: prog.other_programs.modifier_endings,
            contest_words: longest_first(prog.other_programs.contest_words),
            cue_containing_words: prog.other_programs.cue_containing_words.iter().map(|w| squeeze(w)).collect(),
            own_after_program: prog.other_programs.own_after_program,
            places,
            particles,
            relevance_matcher,
            ministry: prog.program.ministry,
            award_name: prog.program.award_name,
            default_program: prog.program.default_name,
            grammar,
            years: year_words,
            amounts,
            fields,
        })
    }

    /// Cheap test on the raw text: `false` proves the document does not
    /// name the program or any of its fields.
    pub fn may_be_relevant(&self, text: &str) -> bool {
        self.relevance_matcher.is_match(text)
    }

    fn find_spaceless(matcher: &AhoCorasick, text: &Spaceless) -> Vec<CueHit> {
        Self::find_spaceless_where(matcher, text, |_| true)
    }

    /// The hits whose start (a byte of the squeezed text) `keep` accepts.
    fn find_spaceless_where(matcher: &AhoCorasick, text: &Spaceless, keep: impl Fn(usize) -> bool) -> Vec<CueHit> {
        matcher
            .find_iter(&text.text)
            .filter(|m| keep(m.start()))
            .map(|m| {
                let (start, end) = text.orig_range(m.start(), m.end());
                CueHit { start, end, pattern: m.pattern().as_usize() }
            })
            .collect()
    }

    /// Every field name written in the text (longest first at each place).
    pub fn find_aliases(&self, text: &Spaceless) -> Vec<AliasHit> {
        Self::find_spaceless(&self.alias_matcher, text)
            .into_iter()
            .map(|h| AliasHit { start: h.start, end: h.end, alias: h.pattern })
            .collect()
    }

    /// Every name of this program written in the text.
    pub fn find_program_names(&self, text: &Spaceless) -> Vec<CueHit> {
        Self::find_spaceless(&self.program_matcher, text)
    }

    /// Every mention of the ministry.
    pub fn find_ministry(&self, text: &Spaceless) -> Vec<CueHit> {
        Self::find_spaceless(&self.ministry_matcher, text)
    }

    /// Every cue of another program written in the text, except inside a
    /// word that only contains it ("자체 평가" in "지자체 평가").
    pub fn find_other_cues(&self, text: &Spaceless) -> Vec<CueHit> {
        Self::find_spaceless_where(&self.other_matcher, text, |at| !self.inside_a_containing_word(&text.text, at))
    }

    /// Is the cue one that names the program's own process when written
    /// right after its name (`own_after_program`: "복지행정상 공모")?
    pub fn is_own_process_cue(&self, hit: &CueHit) -> bool {
        self.other_cues.get(hit.pattern).is_some_and(|c| self.own_after_program.contains(c))
    }

    /// Does a word of `cue_containing_words` run across byte `at` of the
    /// squeezed text (starting before it)?
    fn inside_a_containing_word(&self, text: &str, at: usize) -> bool {
        let (before, after) = text.split_at(at);
        self.cue_containing_words
            .iter()
            .any(|w| w.char_indices().skip(1).any(|(i, _)| before.ends_with(&w[..i]) && after.starts_with(&w[i..])))
    }

    /// Every grade word in `text`, as (byte start, byte end, grade index).
    pub fn find_grade_words<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.grade_matcher.find_iter(text).map(|m| (m.start(), m.end(), self.grade_patterns[m.pattern().as_usize()].0))
    }

    /// The category an alias names in an evaluation year, if any.
    /// The same words may name two categories in different years ("통합돌봄
    /// 부문" until 2024 and from 2025): the matcher finds one of their
    /// aliases, and the one of that year decides.
    pub fn category_of(&self, alias: usize, year: i32) -> Option<&Category> {
        let text = &self.aliases[alias].text;
        let same_words = (0..self.aliases.len()).filter(|&i| i != alias && self.aliases[i].text == *text);
        std::iter::once(alias).chain(same_words).find_map(|i| {
            let a = &self.aliases[i];
            let c = &self.categories[a.category];
            (in_years(a.years, year) && in_years(c.years, year)).then_some(c)
        })
    }

    /// The category column for a field written through `alias`: the
    /// canonical name, or for a field outside the guide's table the name
    /// the data file gives it (one spelling for all the ways it is written),
    /// unless the alias written is a name of its own.
    pub fn category_name(&self, alias: usize, year: i32) -> Option<String> {
        let a = &self.aliases[alias];
        self.category_of(alias, year).map(|c| if a.own_name { a.text.clone() } else { c.name_in(year).to_string() })
    }

    /// The canonical name of an alias in a year (a field outside the table
    /// has none).
    pub fn canonical(&self, alias: usize, year: i32) -> Option<&str> {
        self.category_of(alias, year).filter(|c| c.canonical).map(|c| c.name_in(year))
    }

    /// Does the alias name a field in that year? A name used only in some
    /// rounds is an ordinary phrase in the others.
    pub fn alias_in_use(&self, alias: usize, year: i32) -> bool {
        self.category_of(alias, year).is_some()
    }

    /// The category that takes unlisted fields in `year` (a 부문 with
    /// sub-부문 of its own), if any.
    pub fn catching_unlisted(&self, year: i32) -> Option<&Category> {
        self.categories.iter().find(|c| c.catches_unlisted && in_years(c.years, year))
    }

    /// The category of an award with no field written, in rounds where every
    /// award belonged to one category.
    pub fn default_category(&self, year: i32) -> Option<&str> {
        self.categories.iter().find(|c| c.default_when_unstated.contains(&year)).map(|c| c.name.as_str())
    }

    /// The grade definition by name (대상, 최우수, 우수, 장려, 선정).
    pub fn grade(&self, name: &str) -> Option<&GradeDef> {
        self.grades.iter().find(|g| g.name == name)
    }

    /// Index of the grade named `name`.
    pub fn grade_index(&self, name: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.name == name)
    }

    /// The grade of a recipient named as chosen with no grade written (선정):
    /// the one grade without words of its own.
    pub fn selected_grade(&self) -> Option<usize> {
        self.grades.iter().position(|g| g.words.is_empty())
    }

    /// Does the word start with a name of the ministry ("보건복지부에서")?
    pub fn starts_with_ministry(&self, word: &str) -> bool {
        wordlist::starts_with_any(word, &self.ministry)
    }

    /// Does the text name the ministry?
    pub fn names_ministry(&self, text: &str) -> bool {
        self.ministry.iter().any(|m| text.contains(m.as_str()))
    }

    /// The ministry's name at the start of `text`, if any: its length in characters.
    pub fn ministry_at_start(&self, text: &str) -> Option<usize> {
        self.ministry.iter().find(|m| text.starts_with(m.as_str())).map(|m| m.chars().count())
    }
}

impl GradeWords {
    /// Does the grade word end in 상 ("우수상"), the prize itself?
    pub fn ends_in_prize(&self, word: &str) -> bool {
        word.ends_with(self.prize_suffix.as_str())
    }

    /// Is the grade word also the noun "target" ("대상": "지자체를 대상으로")?
    pub fn is_target_homonym(&self, word: &str) -> bool {
        word == self.target_homonym
    }

    /// "받을 수", "차지할 수": a grade that could be won, not one that was.
    pub fn could(&self, after_words: &[String]) -> bool {
        self.could_words.iter().any(|w| after_words.first() == Some(w))
            && after_words.get(1).is_some_and(|w| *w == self.could_noun)
    }

    /// Does the next word say "becomes" ("대상이 되는")?
    pub fn becomes(&self, next_word: &str) -> bool {
        wordlist::starts_with_any(next_word, &self.become_verbs)
    }

    /// Does the text recount a record ("3년 연속", "10년 만에") rather
    /// than state a selection?
    pub fn recounts_record(&self, text: &str) -> bool {
        self.record_words.iter().any(|w| text.contains(w.as_str()))
    }

    /// Where (in characters) the text first says an award was won ("수상",
    /// "4관왕"), with or without a grade.
    pub fn first_award_word(&self, text: &str) -> Option<usize> {
        let byte = self.award_words.iter().filter_map(|w| text.find(w.as_str())).min()?;
        Some(text[..byte].chars().count())
    }
}

/// The words, longest first (so that a longer word wins where two match).
fn longest_first(mut words: Vec<String>) -> Vec<String> {
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> Knowledge {
        Knowledge::embedded().expect("embedded domain data loads")
    }

    #[test]
    fn embedded_data_loads_with_every_grade_and_the_canonical_categories() {
        let k = k();
        let names: Vec<&str> = k.grades.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["대상", "최우수", "우수", "장려", "선정"]);
        assert_eq!(k.grades.iter().map(|g| g.rank).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        assert!(k.categories.len() >= 13);
        assert!(k.categories.iter().any(|c| c.name == "지역사회보장계획 시행결과"));
    }

    #[test]
    fn every_word_of_the_domain_files_loads() {
        let k = k();
        let w = &k.grade_words;
        for (name, list) in
            [("record_words", &w.record_words), ("become_verbs", &w.become_verbs), ("award_words", &w.award_words)]
        {
            assert!(!list.is_empty(), "grades.toml: {name}");
        }
        for word in [&w.could_noun, &w.prize_suffix, &w.target_homonym, &k.award_name, &k.default_program] {
            assert!(!word.is_empty());
        }
        assert!(!k.ministry.is_empty() && !k.places.roles.head_titles.is_empty());
    }

    #[test]
    fn grade_and_program_helpers() {
        let k = k();
        assert_eq!(k.selected_grade().map(|g| k.grades[g].name.as_str()), Some("선정"));
        assert!(k.starts_with_ministry("보건복지부에서") && !k.starts_with_ministry("행정안전부"));
        assert_eq!(k.ministry_at_start("복지부 평가"), Some(3));
        let w = &k.grade_words;
        assert!(w.ends_in_prize("우수상") && !w.ends_in_prize("우수"));
        assert!(w.is_target_homonym("대상") && !w.is_target_homonym("최우수"));
        let after = |ws: &[&str]| ws.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(w.could(&after(&["받을", "수"])) && !w.could(&after(&["받을", "것"])));
        assert!(w.becomes("되는") && !w.becomes("받은"));
        assert!(w.recounts_record("3년 연속 선정") && !w.recounts_record("우수 기관에 선정"));
        assert_eq!(w.first_award_word("5개 분야에서 수상"), Some(8));
        assert_eq!(w.first_award_word("5개 분야에서 선정"), None);
        assert!(k.places.roles.head_in_brackets("(도지사 가람)") && !k.places.roles.head_in_brackets("(가람)"));
    }

    #[test]
    fn aliases_match_whatever_the_spacing_and_respect_their_years() {
        let k = k();
        let chars: Vec<char> = "'찾아가는 복지 서비스제공' 분야와 맞춤형 복지서비스 제공 분야".chars().collect();
        let hits = k.find_aliases(&Spaceless::new(&chars));
        assert_eq!(hits.len(), 2);
        assert_eq!(k.canonical(hits[0].alias, 2020), Some("찾아가는 보건복지서비스 제공"));
        // The 2016 name of the field means it only in 2016.
        assert_eq!(k.canonical(hits[1].alias, 2016), Some("찾아가는 보건복지서비스 제공"));
        assert_eq!(k.canonical(hits[1].alias, 2019), None);
    }

    #[test]
    fn a_field_outside_the_table_keeps_a_fuller_name_when_the_article_writes_it() {
        let k = k();
        let name = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            let hit = k.find_aliases(&Spaceless::new(&chars))[0];
            k.category_name(hit.alias, 2011)
        };
        assert_eq!(name("지역사회복지협의체 구성및운영 부문").as_deref(), Some("지역사회복지협의체 구성 및 운영"));
        assert_eq!(name("지역사회복지협의체 분야").as_deref(), Some("지역사회복지협의체"));
    }

    #[test]
    fn the_plan_field_takes_its_old_name_in_the_rounds_that_used_it() {
        let k = k();
        let chars: Vec<char> = "지역사회보장계획 시행결과 평가".chars().collect();
        let hit = k.find_aliases(&Spaceless::new(&chars))[0];
        assert_eq!(k.canonical(hit.alias, 2014), Some("지역복지계획"));
        // 2015, the year the law renamed it, keeps the new name as written.
        assert_eq!(k.canonical(hit.alias, 2015), Some("지역사회보장계획 시행결과"));
    }

    #[test]
    fn the_award_name_is_a_category_only_in_its_own_rounds() {
        let k = k();
        let chars: Vec<char> = "복지행정상 부문".chars().collect();
        let hit = k.find_aliases(&Spaceless::new(&chars))[0];
        assert_eq!(k.canonical(hit.alias, 2013), Some("복지행정상"));
        assert_eq!(k.canonical(hit.alias, 2018), None);
        assert_eq!(k.default_category(2014), Some("복지행정상"));
        assert_eq!(k.default_category(2019), None);
    }

    #[test]
    fn relevance_check_rejects_unrelated_text() {
        let k = k();
        assert!(k.may_be_relevant("가람구가 지역복지사업 평가에서 대상을 받았다"));
        assert!(!k.may_be_relevant("가람시 축제에 관광객 10만 명이 다녀갔다"));
        // Every name of the program and the ministry, however spaced or
        // dotted, passes: the full test ignores spacing too.
        for name in k.program_names.iter().chain(["보건복지부", "복지부"].map(String::from).iter()) {
            let words: Vec<String> = name.chars().map(|c| c.to_string()).collect();
            for written in [name.clone(), words.join(" "), name.replace(' ', ""), format!("가람구는 {name}에서")]
            {
                assert!(k.may_be_relevant(&written), "{written}");
            }
        }
        assert!(k.may_be_relevant("가람구, 복지 행정상 최우수"));
        assert!(k.may_be_relevant("가람군이 보건 복지부 \u{2018}희망복지지원단 운영\u{2019} 평가에서 우수"));
        // A field name without the ministry or the program is not enough.
        assert!(!k.may_be_relevant("가람구 통합돌봄 추진 회의"));
    }
}
