//! Korean particles (조사) that may close a word after a name, per use:
//! after a field name, after a recipient, after a place inside a word, and
//! the syllables that may follow a bare 시·도 form. Loaded from
//! `data/domain/particles.toml`, where the shared words are written once
//! and each use adds its own extras.

use std::collections::{BTreeMap, HashSet};

use anyhow::{bail, Result};
use serde::Deserialize;

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
    /// Syllables that may follow a bare two-syllable 시·도 form in running
    /// text ("대구의"; not "부산진구").
    pub sido_followers: Vec<char>,
}

#[derive(Deserialize)]
struct ParticlesFile {
    sets: BTreeMap<String, Vec<String>>,
    field_name: Use,
    recipient_name: Use,
    place_in_word: Use,
    sido_in_text: SidoInText,
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

impl Particles {
    /// The particles shipped with the binary (embedded at build time).
    pub fn embedded() -> Result<Self> {
        Self::from_toml(PARTICLES_TOML)
    }

    /// Parses `data/domain/particles.toml`'s contents.
    pub fn from_toml(text: &str) -> Result<Self> {
        let f: ParticlesFile = toml::from_str(text)?;
        let sido_followers = f
            .sido_in_text
            .followers
            .iter()
            .map(|s| {
                let mut cs = s.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Ok(c),
                    _ => bail!("sido_in_text.followers: {s:?} is not one syllable"),
                }
            })
            .collect::<Result<Vec<char>>>()?;
        Ok(Particles {
            field_name: resolve_use("field_name", &f.field_name, &f.sets)?,
            recipient_name: resolve_use("recipient_name", &f.recipient_name, &f.sets)?,
            place_in_word: resolve_use("place_in_word", &f.place_in_word, &f.sets)?,
            sido_followers,
        })
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

    #[test]
    fn a_use_is_its_included_sets_plus_its_extras() {
        let p = Particles::from_toml(
            r#"
            [sets]
            case = ["이", "가"]
            more = ["의"]
            [field_name]
            include = ["case"]
            extra = [""]
            [recipient_name]
            include = ["case", "more"]
            extra = ["나"]
            [place_in_word]
            include = []
            extra = ["청"]
            [sido_in_text]
            followers = ["의", "서"]
            "#,
        )
        .unwrap();
        let set = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<HashSet<_>>();
        assert_eq!(p.field_name, set(&["이", "가", ""]));
        assert_eq!(p.recipient_name, set(&["이", "가", "의", "나"]));
        assert_eq!(p.place_in_word, set(&["청"]));
        assert_eq!(p.sido_followers, ['의', '서']);
    }

    #[test]
    fn a_word_written_twice_or_an_unknown_set_is_an_error() {
        let file = |field_extra: &str, followers: &str| {
            format!(
                r#"
                [sets]
                case = ["이", "가"]
                [field_name]
                include = ["case"]
                extra = [{field_extra}]
                [recipient_name]
                include = ["case"]
                extra = []
                [place_in_word]
                include = ["case"]
                extra = []
                [sido_in_text]
                followers = [{followers}]
                "#
            )
        };
        assert!(Particles::from_toml(&file(r#""에서""#, r#""의""#)).is_ok());
        let twice = Particles::from_toml(&file(r#""가""#, r#""의""#)).unwrap_err();
        assert!(twice.to_string().contains("\"가\""), "{twice}");
        assert!(Particles::from_toml(&file("", r#""의서""#)).is_err(), "a follower is one syllable");
        let unknown = file("", r#""의""#).replace(r#"include = ["case"]"#, r#"include = ["cases"]"#);
        assert!(Particles::from_toml(&unknown).is_err());
    }

    #[test]
    fn the_shipped_file_loads() {
        Particles::embedded().expect("data/domain/particles.toml loads");
    }
}
