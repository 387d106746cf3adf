//! The noise vocabulary of the clean stage, read once from
//! `data/clean/noise.toml` (embedded in the binary). Code holds the shapes of
//! page noise; this file's data holds its words.

use std::sync::OnceLock;

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
}

#[derive(Debug, Clone, Deserialize)]
pub struct Ui {
    pub lines: Vec<String>,
    pub contains: Vec<String>,
    pub sentences: Vec<String>,
    pub tokens: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Menus {
    pub keep_words: Vec<String>,
    pub place_endings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Lists {
    pub headers: Vec<String>,
    pub item_prefixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sections {
    pub names: Vec<String>,
    pub breadcrumb_generic: Vec<String>,
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
}

#[derive(Debug, Clone, Deserialize)]
pub struct Captions {
    pub credits: Vec<String>,
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
            &mut lex.ui.lines,
            &mut lex.ui.contains,
            &mut lex.ui.sentences,
            &mut lex.menus.keep_words,
            &mut lex.menus.place_endings,
            &mut lex.ui.tokens,
            &mut lex.lists.headers,
            &mut lex.lists.item_prefixes,
            &mut lex.sections.names,
            &mut lex.sections.breadcrumb_generic,
            &mut lex.sections.region_names,
            &mut lex.outlets.suffixes,
            &mut lex.dates.published_labels,
            &mut lex.dates.revised_labels,
            &mut lex.captions.credits,
        ] {
            for entry in list.iter_mut() {
                *entry = normalize_line(entry);
            }
            list.retain(|e| !e.is_empty());
        }
        Ok(lex)
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

    #[test]
    fn entries_are_normalized_like_the_text() {
        let lex = Lexicon::parse("[weather]\ntemperature_marks=[\"℃\"]\nwidget_lines=[\"기상청\u{3000}제공\"]\n[server]\nwarning_prefixes=[]\n[copyright]\nmarkers=[]\n[ui]\nlines=[]\ncontains=[]\nsentences=[]\ntokens=[]\n[menus]\nkeep_words=[]\nplace_endings=[]\n[lists]\nheaders=[]\nitem_prefixes=[]\n[sections]\nnames=[\"대구•경북\"]\nbreadcrumb_generic=[]\nregion_names=[]\n[outlets]\nsuffixes=[]\n[dates]\npublished_labels=[]\nrevised_labels=[]\n[captions]\ncredits=[]\n").unwrap();
        assert_eq!(lex.weather.widget_lines, vec!["기상청 제공"]);
        assert_eq!(lex.sections.names, vec!["대구·경북"]);
    }
}
