//! Korean particles (조사) that may close a word after a name, per use:
//! after a field name, after a recipient, after a place inside a word, and
//! the syllables that may follow a bare 시·도 form. Loaded from
//! `data/domain/particles.toml`, where the shared words are written once
//! and each use adds its own extras.

use std::collections::{BTreeMap, HashSet};

use anyhow::{bail, Result};
use serde::Deserialize;

use super::wordlist::{ends_with_any, is_one_of, one_char_each, starts_with_any};

pub(crate) const PARTICLES_TOML: &str = include_str!("../../data/domain/particles.toml");

/// The particle sets of every use, loaded once. A set holds whole endings
/// ("에서는"), "" where the bare name counts too.
#[derive(Debug, Clone)]
pub struct Particles {
    /// After a field (category) name used as a field ("운영에서", "운영 분야").
    pub field_name: HashSet<String>,
    /// Stripped after a recipient name and its optional 청/청장 ("수성구가").
    pub recipient_name: HashSet<String>,
    /// After a place name inside the same word, 청/민 forms included ("고양시민").
    pub place_in_word: HashSet<String>,
    /// After a bare 시·도 short name inside the same word ("대구의", "경남지역").
    pub sido_short_in_word: HashSet<String>,
    /// Syllables that may follow a bare two-syllable 시·도 form in running
    /// text ("대구의"; not "부산진구").
    pub sido_followers: Vec<char>,
    roles: Roles,
}

/// The case particles by what they make the word before them, and the
/// extractor's uses.
#[derive(Debug, Clone)]
struct Roles {
    topic: Vec<String>,
    subject: Vec<String>,
    object: Vec<String>,
    joining: Vec<String>,
    direction: Vec<String>,
    locative: Vec<String>,
    genitive: Vec<String>,
    listing: Vec<String>,
    before_role_word: Vec<String>,
    heading: Vec<String>,
    heading_word: Vec<String>,
    before_names: Vec<String>,
    before_conferring: Vec<String>,
    after_counted_award: Vec<String>,
    after_counted_field: Vec<String>,
    locative_endings: Vec<String>,
    line_break: Vec<String>,
    phrase_end: Vec<String>,
    before_organizer: Vec<char>,
    before_shared_out: Vec<char>,
}

#[derive(Deserialize)]
struct ParticlesFile {
    sets: BTreeMap<String, Vec<String>>,
    field_name: Use,
    recipient_name: Use,
    place_in_word: Use,
    sido_short_in_word: Use,
    listing: Use,
    heading: Use,
    heading_word: Use,
    before_names: Use,
    before_conferring: Use,
    after_counted_award: Use,
    after_counted_field: Use,
    before_role_word: Use,
    locative_endings: Use,
    line_break: Use,
    phrase_end: Use,
    sido_in_text: SidoInText,
    gaps: Gaps,
}

#[derive(Deserialize)]
struct Use {
    include: Vec<String>,
    extra: Vec<String>,
}

#[derive(Deserialize)]
struct SidoInText {
    followers: Vec<String>,
}

#[derive(Deserialize)]
struct Gaps {
    before_organizer: Vec<String>,
    before_shared_out: Vec<String>,
}

impl Particles {
    /// The particles shipped with the binary (embedded at build time).
    pub fn embedded() -> Result<Self> {
        Self::from_toml(PARTICLES_TOML)
    }

    /// Parses `data/domain/particles.toml`'s contents.
    pub fn from_toml(text: &str) -> Result<Self> {
        let f: ParticlesFile = toml::from_str(text)?;
        Ok(Particles {
            field_name: resolve_use("field_name", &f.field_name, &f.sets)?,
            recipient_name: resolve_use("recipient_name", &f.recipient_name, &f.sets)?,
            place_in_word: resolve_use("place_in_word", &f.place_in_word, &f.sets)?,
            sido_short_in_word: resolve_use("sido_short_in_word", &f.sido_short_in_word, &f.sets)?,
            sido_followers: one_char_each("sido_in_text.followers", &f.sido_in_text.followers)?,
            roles: Roles::from_file(&f)?,
        })
    }
}

impl Roles {
    fn from_file(f: &ParticlesFile) -> Result<Self> {
        let set = |name: &str| match f.sets.get(name) {
            Some(words) => Ok(words.clone()),
            None => bail!("no set {name:?} in [sets]"),
        };
        let list = |name: &str, u: &Use| -> Result<Vec<String>> {
            let mut words: Vec<String> = resolve_use(name, u, &f.sets)?.into_iter().collect();
            words.sort();
            Ok(words)
        };
        Ok(Roles {
            topic: set("topic")?,
            subject: set("subject")?,
            object: set("object")?,
            joining: set("joining")?,
            direction: set("direction")?,
            locative: set("locative")?,
            genitive: set("genitive")?,
            listing: list("listing", &f.listing)?,
            before_role_word: list("before_role_word", &f.before_role_word)?,
            heading: list("heading", &f.heading)?,
            heading_word: list("heading_word", &f.heading_word)?,
            before_names: list("before_names", &f.before_names)?,
            before_conferring: list("before_conferring", &f.before_conferring)?,
            after_counted_award: list("after_counted_award", &f.after_counted_award)?,
            after_counted_field: list("after_counted_field", &f.after_counted_field)?,
            locative_endings: list("locative_endings", &f.locative_endings)?,
            line_break: list("line_break", &f.line_break)?,
            phrase_end: list("phrase_end", &f.phrase_end)?,
            before_organizer: one_char_each("gaps.before_organizer", &f.gaps.before_organizer)?,
            before_shared_out: one_char_each("gaps.before_shared_out", &f.gaps.before_shared_out)?,
        })
    }
}

/// What a particle makes the word before it, and the extractor's uses.
impl Particles {
    /// Topic particles (은/는): "수성구는 …".
    pub fn is_topic(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.topic)
    }

    /// Subject particles (이/가): "달서구가 …".
    pub fn is_subject(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.subject)
    }

    /// Object particles (을/를): "대상을 받았다".
    pub fn is_object(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.object)
    }

    /// Does the word end in an object particle ("지자체를")?
    pub fn ends_object(&self, word: &str) -> bool {
        ends_with_any(word, &self.roles.object)
    }

    /// Joining particles (와/과): "동구와 남구".
    pub fn is_joining(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.joining)
    }

    /// Direction particles (으로/로): "우수기관으로 선정".
    pub fn is_direction(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.direction)
    }

    /// The genitive (의): "경기도의 추천".
    pub fn is_genitive(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.genitive)
    }

    /// The subject particles, for readers that strip one ("경기가").
    pub fn subject(&self) -> &[String] {
        &self.roles.subject
    }

    /// The topic particles, for regexes built from them.
    pub fn topic(&self) -> &[String] {
        &self.roles.topic
    }

    /// The object particles, for regexes built from them.
    pub fn object(&self) -> &[String] {
        &self.roles.object
    }

    /// The joining particles, for readers that strip one ("대전과").
    pub fn joining(&self) -> &[String] {
        &self.roles.joining
    }

    /// The locative particles ("에", "에서"), for regexes built from them.
    pub fn locative(&self) -> &[String] {
        &self.roles.locative
    }

    /// Does the particle go on listing names ("와", "랑", "")?
    pub fn is_listing(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.listing)
    }

    /// May a place with this particle be made no recipient by the word
    /// after it ("경기도에 따르면")?
    pub fn before_role_word(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.before_role_word)
    }

    /// Does the text after a field's mark make the field a heading for the
    /// names after it ("에선 …", "는 …", "에서 …")? `word` is the Hangul run
    /// at its start and `then` the character after that run.
    pub fn makes_heading(&self, rest: &str, word: &str, then: Option<char>) -> bool {
        starts_with_any(rest, &self.roles.heading) || (then == Some(' ') && is_one_of(word, &self.roles.heading_word))
    }

    /// May a grade word with this particle head the names after it ("대상
    /// 경남 함안군", "우수기관으로 구미시")?
    pub fn before_names(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.before_names)
    }

    /// May a grade word with this particle be what the evaluation confers
    /// ("우수 지자체에 수여하는")?
    pub fn before_conferring(&self, p: &str) -> bool {
        is_one_of(p, &self.roles.before_conferring)
    }

    /// Does the word end in a topic or subject particle ("복지부는", "평가가")?
    pub fn ends_topic_or_subject(&self, word: &str) -> bool {
        ends_with_any(word, self.roles.topic.iter().chain(&self.roles.subject))
    }

    /// After a counted award noun ("8개의 상을"), for the count regexes.
    pub fn after_counted_award(&self) -> &[String] {
        &self.roles.after_counted_award
    }

    /// After a counted field mark ("3개 부문에서"), for the count regexes.
    pub fn after_counted_field(&self) -> &[String] {
        &self.roles.after_counted_field
    }

    /// The genitive particles, for regexes built from them.
    pub fn genitive(&self) -> &[String] {
        &self.roles.genitive
    }

    /// Does the word end like an adverbial of place or time ("지역에서는")?
    pub fn ends_locative(&self, word: &str) -> bool {
        ends_with_any(word, &self.roles.locative_endings)
    }

    /// May a line broken inside a sentence end with this word ("달서구가")?
    pub fn ends_broken_line(&self, word: &str) -> bool {
        ends_with_any(word, &self.roles.line_break)
    }

    /// Does the word close before a field phrase ("노인복지를", "추진해")?
    pub fn ends_before_phrase(&self, word: &str) -> bool {
        ends_with_any(word, &self.roles.phrase_end)
    }

    /// The syllables between a 시·도 name and an organizer word ("서울시가 주관").
    pub fn before_organizer(&self) -> &[char] {
        &self.roles.before_organizer
    }

    /// The syllables between an amount and a word sharing it out ("1억원을 나눠").
    pub fn before_shared_out(&self) -> &[char] {
        &self.roles.before_shared_out
    }
}

/// One use's set: its included sets and its extras, each word written once.
fn resolve_use(name: &str, u: &Use, sets: &BTreeMap<String, Vec<String>>) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    for set in &u.include {
        let Some(words) = sets.get(set) else { bail!("{name}: no set {set:?} in [sets]") };
        for w in words {
            if !out.insert(w.clone()) {
                bail!("{name}: {w:?} is written twice (set {set:?})");
            }
        }
    }
    for w in &u.extra {
        if !out.insert(w.clone()) {
            bail!("{name}: extra {w:?} is already in an included set or written twice");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wordlist::assert_not_empty;

    /// A particles file with every section: `sets_and_uses` gives [sets]
    /// and the three older uses; the extractor's sections are fixed.
    fn file(sets_and_uses: &str, followers: &str) -> String {
        format!(
            r#"
            {sets_and_uses}
            [sido_short_in_word]
            include = ["case"]
            extra = ["지역"]
            [listing]
            include = []
            extra = ["", "와"]
            [before_role_word]
            include = ["case"]
            extra = [""]
            [locative_endings]
            include = []
            extra = ["에서는"]
            [line_break]
            include = ["case"]
            extra = []
            [phrase_end]
            include = ["case"]
            extra = ["고"]
            [heading]
            include = []
            extra = ["에선"]
            [heading_word]
            include = []
            extra = ["는"]
            [before_names]
            include = []
            extra = ["", "로"]
            [before_conferring]
            include = []
            extra = ["에"]
            [after_counted_award]
            include = []
            extra = ["을"]
            [after_counted_field]
            include = []
            extra = ["에서"]
            [sido_in_text]
            followers = [{followers}]
            [gaps]
            before_organizer = ["가"]
            before_shared_out = ["을"]
            "#
        )
    }

    const ROLE_SETS: &str = r#"
        topic = ["는"]
        subject = ["가"]
        object = ["를"]
        joining = ["와"]
        direction = ["로"]
        locative = ["에", "에서"]
        genitive = ["의"]
    "#;

    #[test]
    fn a_use_is_its_included_sets_plus_its_extras() {
        let p = Particles::from_toml(&file(
            &format!(
                r#"
                [sets]
                case = ["이", "가"]
                more = ["의"]
                {ROLE_SETS}
                [field_name]
                include = ["case"]
                extra = [""]
                [recipient_name]
                include = ["case", "more"]
                extra = ["나"]
                [place_in_word]
                include = []
                extra = ["청"]
                "#
            ),
            r#""의", "서""#,
        ))
        .unwrap();
        let set = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<HashSet<_>>();
        assert_eq!(p.field_name, set(&["이", "가", ""]));
        assert_eq!(p.recipient_name, set(&["이", "가", "의", "나"]));
        assert_eq!(p.place_in_word, set(&["청"]));
        assert_eq!(p.sido_short_in_word, set(&["이", "가", "지역"]));
        assert_eq!(p.sido_followers, ['의', '서']);
    }

    #[test]
    fn a_word_written_twice_or_an_unknown_set_is_an_error() {
        let uses = |field_extra: &str| {
            format!(
                r#"
                [sets]
                case = ["이", "가"]
                {ROLE_SETS}
                [field_name]
                include = ["case"]
                extra = [{field_extra}]
                [recipient_name]
                include = ["case"]
                extra = []
                [place_in_word]
                include = ["case"]
                extra = []
                "#
            )
        };
        assert!(Particles::from_toml(&file(&uses(r#""에서""#), r#""의""#)).is_ok());
        let twice = Particles::from_toml(&file(&uses(r#""가""#), r#""의""#)).unwrap_err();
        assert!(twice.to_string().contains("\"가\""), "{twice}");
        assert!(Particles::from_toml(&file(&uses(""), r#""의서""#)).is_err(), "a follower is one syllable");
        let unknown = file(&uses(""), r#""의""#).replace(r#"include = ["case"]"#, r#"include = ["cases"]"#);
        assert!(Particles::from_toml(&unknown).is_err());
        let no_topic = file(&uses(""), r#""의""#).replace(r#"topic = ["는"]"#, "");
        assert!(Particles::from_toml(&no_topic).is_err(), "the role sets are required");
    }

    #[test]
    fn the_shipped_file_loads_with_every_set_and_use_not_empty() {
        let f: ParticlesFile = toml::from_str(PARTICLES_TOML).unwrap();
        let sets: Vec<(&str, &[String])> = f.sets.iter().map(|(n, w)| (n.as_str(), &w[..])).collect();
        assert_not_empty("particles.toml [sets]", &sets);
        let uses = [
            ("field_name", &f.field_name),
            ("recipient_name", &f.recipient_name),
            ("place_in_word", &f.place_in_word),
            ("sido_short_in_word", &f.sido_short_in_word),
            ("listing", &f.listing),
            ("before_role_word", &f.before_role_word),
            ("before_names", &f.before_names),
            ("before_conferring", &f.before_conferring),
            ("after_counted_award", &f.after_counted_award),
            ("after_counted_field", &f.after_counted_field),
            ("locative_endings", &f.locative_endings),
            ("line_break", &f.line_break),
            ("phrase_end", &f.phrase_end),
            ("heading", &f.heading),
            ("heading_word", &f.heading_word),
        ];
        for (name, u) in uses {
            assert!(!u.include.is_empty() || !u.extra.is_empty(), "{name}");
        }
        assert!(!f.gaps.before_organizer.is_empty() && !f.gaps.before_shared_out.is_empty());
        Particles::embedded().expect("data/domain/particles.toml loads");
    }

    #[test]
    fn particles_by_role() {
        let p = Particles::embedded().unwrap();
        assert!(p.is_topic("는") && p.is_topic("은") && !p.is_topic("가"));
        assert!(p.is_subject("가") && p.is_subject("이") && !p.is_subject("는"));
        assert!(p.is_object("를") && !p.is_object("의") && p.ends_object("지자체를"));
        assert!(p.is_joining("와") && p.is_direction("으로") && p.is_genitive("의"));
        assert!(p.ends_topic_or_subject("복지부는") && !p.ends_topic_or_subject("복지부의"));
        assert!(p.is_listing("") && p.is_listing("랑") && !p.is_listing("가"));
        assert!(p.before_role_word("에") && p.before_role_word("") && !p.before_role_word("는"));
        assert!(p.before_names("으로") && p.before_names("") && !p.before_names("를"));
        assert!(p.before_conferring("에게") && !p.before_conferring("에서"));
        assert!(p.ends_locative("지역에서는") && !p.ends_locative("가람구는"));
        assert!(p.ends_broken_line("달서구가") && !p.ends_broken_line("소식"));
        assert!(p.ends_before_phrase("추진해") && !p.ends_before_phrase("노인복지"));
        assert!(p.makes_heading("에선 가", "에선", Some(' ')) && p.makes_heading("는 가람", "는", Some(' ')));
        assert!(!p.makes_heading("는가람", "는가람", None) && !p.makes_heading("의 가람", "의", Some(' ')));
        assert!(p.before_organizer().contains(&'가') && p.before_shared_out().contains(&'을'));
    }
}
