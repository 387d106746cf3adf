//! How articles write place names: the 17 시·도 in their news forms, and
//! the rules of a suffix-based tokenizer for 시·군·구 names (a name of 2 to
//! 4 syllables plus 시/군/구, a particle after it; the particles come from
//! [`Particles::place_in_word`]). Official names and codes
//! are the regions module's job; this only recognises names in text.

use std::collections::HashSet;

use anyhow::Result;
use serde::Deserialize;

use super::gazetteer::Gazetteer;
use super::wordlist::one_char_each;
use super::Particles;

/// One 시·도 as news writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct Sido {
    /// "대구", "경기", ...
    pub short: String,
    /// Names of the government itself, longest first ("대구광역시", "대구시").
    pub forms: Vec<String>,
    /// Forms that may also name a 시 of another 도 ("광주시").
    #[serde(default)]
    pub ambiguous_forms: Vec<String>,
    /// The short name alone is a place (false for "경기", also "economy").
    #[serde(default = "yes")]
    pub bare_is_place: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
struct SigunguRules {
    suffixes: Vec<String>,
    referential_suffixes: Vec<String>,
    one_syllable_gu: Vec<String>,
    status_infixes: Vec<String>,
    not_places: Vec<String>,
    referential_particles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct PlacesFile {
    sido: Vec<Sido>,
    sigungu: SigunguRules,
    roles: Roles,
}

/// Words that make a place no recipient where it stands (see
/// `stages::extract::roles`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Roles {
    pub locative_particles: Vec<String>,
    pub words_after: Vec<String>,
    pub may_follow: Vec<String>,
    pub organizer_nouns: Vec<String>,
    /// Titles of a government's head ("시장", "도지사"): "경기(도지사 …)".
    pub head_titles: Vec<String>,
    /// Suffixes of the units below a 시·군·구 ("읍", "면", "동").
    pub sub_unit_suffixes: Vec<String>,
}

impl Roles {
    /// Does the text after a short 시·도 name open a bracket with its head's
    /// title ("(도지사 …")?
    pub fn head_in_brackets(&self, after: &str) -> bool {
        after.strip_prefix('(').is_some_and(|a| self.head_titles.iter().any(|t| a.starts_with(t.as_str())))
    }

    /// Is the word the name of a unit below a 시·군·구 ("조치원읍", "금남면")?
    pub fn is_sub_unit(&self, word: &str) -> bool {
        word.chars().count() >= 2 && self.sub_unit_suffixes.iter().any(|s| word.ends_with(s.as_str()))
    }
}

/// The place-name knowledge, loaded once.
#[derive(Debug, Clone)]
pub struct PlaceLexicon {
    pub sido: Vec<Sido>,
    one_syllable_gu: HashSet<char>,
    status_infixes: Vec<String>,
    not_places: HashSet<String>,
    particles: HashSet<String>,
    /// What may follow a bare 시·도 short name in the same word ("의", "지역", "").
    short_followers: HashSet<String>,
    referential_particles: HashSet<String>,
    /// The suffixes of a 시·군·구 name ("구" in "달서구").
    suffixes: Vec<char>,
    /// The suffixes that alone refer back to the article's recipient ("구는", "도는").
    referential_suffixes: Vec<char>,
    /// The official 시·군·구 names: a word is a name only if it is one.
    gazetteer: Gazetteer,
    pub roles: Roles,
}

/// What a word (a run of Hangul) is, as a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceWord {
    /// A 시·도 government ("대구시", "경기도"): index into `sido`, the name
    /// as written (without particle).
    SidoGov { sido: usize, name: String },
    /// A bare 시·도 short name ("대구", "경남").
    SidoShort { sido: usize, name: String },
    /// A 시·군·구 name as written ("달서구", "수원특례시").
    Sigungu { name: String },
    /// A 시·도 and a 시·군·구 written as one word ("충남서천군"): the 시·도 as
    /// written and the name.
    Glued { sido: usize, written: String, name: String },
    /// Only a suffix and a particle: "구는", "시가" (refers back).
    Referential { suffix: char },
}

impl PlaceLexicon {
    /// Parses `data/domain/places.toml`; what may follow a place name inside
    /// a word is `particles.place_in_word`.
    /// `gazetteer` reads the official names, given the suffixes of a name.
    pub fn from_toml(
        text: &str,
        particles: &Particles,
        gazetteer: impl FnOnce(&[char]) -> Result<Gazetteer>,
    ) -> Result<Self> {
        let f: PlacesFile = toml::from_str(text)?;
        let suffixes = one_char_each("sigungu.suffixes", &f.sigungu.suffixes)?;
        let referential_suffixes = one_char_each("sigungu.referential_suffixes", &f.sigungu.referential_suffixes)?;
        let gazetteer = gazetteer(&suffixes)?;
        let mut sido = f.sido;
        for s in &mut sido {
            s.forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
        }
        Ok(PlaceLexicon {
            sido,
            one_syllable_gu: f.sigungu.one_syllable_gu.iter().filter_map(|s| s.chars().next()).collect(),
            status_infixes: f.sigungu.status_infixes,
            not_places: f.sigungu.not_places.into_iter().collect(),
            particles: particles.place_in_word.clone(),
            short_followers: particles.sido_short_in_word.clone(),
            referential_particles: f.sigungu.referential_particles.into_iter().collect(),
            suffixes,
            referential_suffixes,
            gazetteer,
            roles: f.roles,
        })
    }

    /// The 시·도 whose short name or government form is `name`.
    pub fn sido_of(&self, name: &str) -> Option<usize> {
        self.sido.iter().position(|s| s.short == name || s.forms.iter().any(|f| f == name))
    }

    /// Does the name end in a 시·군·구 suffix ("광주시": a 시 of a 도 when
    /// its form is ambiguous)?
    pub fn has_sigungu_suffix(&self, name: &str) -> bool {
        name.ends_with(self.suffixes.as_slice())
    }

    /// Is `form` a 시·도 government form that may also be a 시 elsewhere?
    pub fn is_ambiguous_form(&self, form: &str) -> bool {
        self.sido.iter().any(|s| s.ambiguous_forms.iter().any(|f| f == form))
    }

    /// The name without status words ("수원특례시" → "수원시").
    pub fn without_status(&self, name: &str) -> String {
        let mut out = name.to_string();
        for infix in &self.status_infixes {
            if out.chars().count() > infix.chars().count() + 2 {
                out = out.replace(infix.as_str(), "");
            }
        }
        out
    }

    /// A short comparable form of a recipient name: the 시·도 short name for
    /// a 시·도 ("대구광역시", "대구시" → "대구"), else the last word without
    /// status words ("대구광역시 달서구" → "달서구", "수원특례시" → "수원시").
    pub fn comparable_name(&self, name: &str) -> String {
        let last = name.split_whitespace().last().unwrap_or(name);
        if name.split_whitespace().count() == 1 {
            if let Some(i) = self.sido_of(last) {
                return self.sido[i].short.clone();
            }
        }
        self.without_status(last)
    }

    /// Classifies one word (a run of Hangul without spaces) as a place.
    pub fn classify_word(&self, word: &str) -> Option<PlaceWord> {
        // A 시·도 government form, with a particle after it.
        for (i, s) in self.sido.iter().enumerate() {
            for form in &s.forms {
                if let Some(rest) = word.strip_prefix(form.as_str()) {
                    if self.particles.contains(rest) {
                        return Some(PlaceWord::SidoGov { sido: i, name: form.clone() });
                    }
                }
            }
        }
        let chars: Vec<char> = word.chars().collect();
        // Only a suffix and a particle: a reference back ("구는").
        if let Some((&first, rest)) = chars.split_first() {
            if self.referential_suffixes.contains(&first)
                && self.referential_particles.contains(&rest.iter().collect::<String>())
            {
                return Some(PlaceWord::Referential { suffix: first });
            }
        }
        // A 시·군·구: name + suffix + particle, the longest name first.
        for end in (2..=chars.len().min(8)).rev() {
            let suffix = chars[end - 1];
            if !self.suffixes.contains(&suffix) {
                continue;
            }
            let rest: String = chars[end..].iter().collect();
            if !self.particles.contains(&rest) {
                continue;
            }
            let name: String = chars[..end].iter().collect();
            if self.is_sigungu_name(&chars[..end]) {
                return Some(PlaceWord::Sigungu { name });
            }
        }
        if let Some(glued) = self.glued(word) {
            return Some(glued);
        }
        // A bare 시·도 short name with a particle.
        for (i, s) in self.sido.iter().enumerate() {
            if let Some(rest) = word.strip_prefix(s.short.as_str()) {
                if self.short_followers.contains(rest) {
                    return Some(PlaceWord::SidoShort { sido: i, name: s.short.clone() });
                }
            }
        }
        None
    }

    /// May `word` follow a place name inside the same word ("가", "청은")?
    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.contains(word)
    }

    /// Is `name` (with its suffix) a 시·군·구 name of some era?
    pub fn is_sigungu_name(&self, name: &[char]) -> bool {
        let text: String = name.iter().collect();
        !self.not_places.contains(&text) && self.gazetteer.is_name(&text)
    }

    /// "충남서천군은": a 시·도 form glued to a name of that 시·도.
    fn glued(&self, word: &str) -> Option<PlaceWord> {
        for (i, s) in self.sido.iter().enumerate() {
            for written in s.forms.iter().chain(std::iter::once(&s.short)) {
                let Some(rest) = word.strip_prefix(written.as_str()) else { continue };
                let chars: Vec<char> = rest.chars().collect();
                for end in (2..=chars.len().min(8)).rev() {
                    let name: String = chars[..end].iter().collect();
                    let after: String = chars[end..].iter().collect();
                    let in_sido = self.gazetteer.sidos_of(&name).any(|o| s.forms.iter().any(|f| f == o));
                    if in_sido && self.particles.contains(&after) && !self.not_places.contains(&name) {
                        return Some(PlaceWord::Glued { sido: i, written: written.clone(), name });
                    }
                }
            }
        }
        None
    }

    /// A name written without its suffix right after its 시·도 ("경기
    /// 양평군" as "경기 양평", "부산 남구" as "부산 남"): the name and how
    /// many characters of `word` it covers. Only when the 시·도 has exactly
    /// one name with that stem, and what follows is a particle or nothing.
    pub fn name_after_sido(&self, sido: usize, word: &str) -> Option<(String, usize)> {
        let chars: Vec<char> = word.chars().collect();
        for end in (1..=chars.len().min(4)).rev() {
            let stem: String = chars[..end].iter().collect();
            let after: String = chars[end..].iter().collect();
            if !(after.is_empty() || self.particles.contains(&after)) {
                continue;
            }
            if end == 1 && !self.one_syllable_gu.contains(&chars[0]) {
                continue;
            }
            if let [name] = self.gazetteer.from_stem(&stem, &self.sido[sido].forms).as_slice() {
                return Some((name.clone(), end));
            }
        }
        None
    }

    /// Can a bare 시·도 short name stand alone as a place?
    pub fn bare_is_place(&self, sido: usize) -> bool {
        self.sido[sido].bare_is_place
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> PlaceLexicon {
        PlaceLexicon::from_toml(
            include_str!("../../data/domain/places.toml"),
            &Particles::embedded().unwrap(),
            Gazetteer::embedded,
        )
        .unwrap()
    }

    #[test]
    fn words_are_classified_by_suffix_and_particle() {
        let l = lex();
        let sigungu = |w: &str| match l.classify_word(w) {
            Some(PlaceWord::Sigungu { name }) => Some(name),
            _ => None,
        };
        assert_eq!(sigungu("달서구가").as_deref(), Some("달서구"));
        assert_eq!(sigungu("남구는").as_deref(), Some("남구"));
        assert_eq!(sigungu("창녕군은").as_deref(), Some("창녕군"));
        assert_eq!(sigungu("수원특례시").as_deref(), Some("수원특례시"));
        assert_eq!(sigungu("성동구청장"), Some("성동구".into()));
        for not_place in [
            "가구",
            "연구",
            "도시",
            "자치구",
            "실시",
            "위험군",
            "지역구",
            "신청시",
            "사회복지시설",
            "대도시",
            "시군구",
            "가람구",
        ] {
            assert_eq!(sigungu(not_place), None, "{not_place}");
        }
        assert_eq!(sigungu("가구는"), None);
        assert!(matches!(l.classify_word("대구시는"), Some(PlaceWord::SidoGov { name, .. }) if name == "대구시"));
        assert!(matches!(l.classify_word("경기도"), Some(PlaceWord::SidoGov { .. })));
        assert!(matches!(l.classify_word("전남"), Some(PlaceWord::SidoShort { .. })));
        assert_eq!(l.classify_word("구는"), Some(PlaceWord::Referential { suffix: '구' }));
        assert_eq!(l.classify_word("시가"), Some(PlaceWord::Referential { suffix: '시' }));
        assert!(
            matches!(l.classify_word("충남서천군은"), Some(PlaceWord::Glued { name, written, .. }) if name == "서천군" && written == "충남")
        );
    }

    #[test]
    fn names_written_without_suffix_after_their_province() {
        let l = lex();
        let busan = l.sido_of("부산").unwrap();
        let gyeonggi = l.sido_of("경기").unwrap();
        assert_eq!(l.name_after_sido(busan, "남"), Some(("남구".to_string(), 1)));
        assert_eq!(l.name_after_sido(gyeonggi, "양평"), Some(("양평군".to_string(), 2)));
        assert_eq!(l.name_after_sido(gyeonggi, "양평의"), Some(("양평군".to_string(), 2)));
        assert_eq!(l.name_after_sido(gyeonggi, "남"), None);
        assert_eq!(l.name_after_sido(gyeonggi, "경제"), None);
    }

    #[test]
    fn names_compare_in_a_short_form() {
        let l = lex();
        assert_eq!(l.comparable_name("대구광역시"), "대구");
        assert_eq!(l.comparable_name("대구시"), "대구");
        assert_eq!(l.comparable_name("대구광역시 달서구"), "달서구");
        assert_eq!(l.comparable_name("경기도 수원시"), "수원시");
        assert_eq!(l.comparable_name("수원특례시"), "수원시");
        assert_eq!(l.comparable_name("전북특별자치도"), "전북");
    }
}
