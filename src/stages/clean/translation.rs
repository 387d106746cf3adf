//! Appended translations: English lines in a Korean article leave the
//! article text and go to `translation_text`.

use super::layout::{Fate, Kind, Page};
use super::text::hangul_count;

/// An English block is a translation when it has at least this many lines...
const MIN_LINES: usize = 2;
/// ...or at least this many Latin letters.
const MIN_LETTERS: usize = 150;
/// The article must have Korean text of its own (Hangul syllables in kept lines).
const MIN_KOREAN: usize = 20;

/// Moves the English lines of a Korean page to the translation. A page in
/// English only keeps its text; a lone English line (a slogan, a name) stays.
pub fn mark_translation(lines: &[String], page: &mut Page) {
    let english: Vec<usize> =
        (0..lines.len()).filter(|&i| page.kinds[i] == Kind::English && page.fates[i] == Fate::Keep).collect();
    let letters: usize = english.iter().map(|&i| lines[i].bytes().filter(u8::is_ascii_alphabetic).count()).sum();
    if english.len() < MIN_LINES && letters < MIN_LETTERS {
        return; // the usual page: no translation, no need to count its Korean
    }
    let korean: usize = (0..lines.len())
        .filter(|&i| page.kinds[i] == Kind::Text && page.fates[i] == Fate::Keep)
        .map(|i| hangul_count(&lines[i]))
        .sum();
    if korean >= MIN_KOREAN {
        for i in english {
            page.fates[i] = Fate::Translation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::classify;
    use super::super::lexicon::Lexicon;
    use super::super::normalize::normalized_lines;
    use super::*;

    fn fates(text: &str) -> Vec<Fate> {
        let lines = normalized_lines(text);
        let mut page = classify(&lines, Lexicon::get());
        mark_translation(&lines, &mut page);
        page.fates
    }

    const KO: &str = "가람구는 올해 지역복지사업 평가에서 우수상을 받았다고 밝혔다.";

    #[test]
    fn appended_english_goes_to_the_translation() {
        let f = fates(&format!(
            "{KO}\nGaram-gu wins an award in the welfare evaluation\nGaram-gu said on the 9th that it won an excellence award this year."
        ));
        assert_eq!(f, vec![Fate::Keep, Fate::Translation, Fate::Translation]);
    }

    #[test]
    fn a_lone_english_line_stays_and_english_only_pages_keep_their_text() {
        assert_eq!(fates(&format!("{KO}\nWelfare for everyone, everywhere we go")), vec![Fate::Keep, Fate::Keep]);
        let f =
            fates("Garam-gu wins an award in the welfare evaluation\nGaram-gu said on the 9th that it won an award.");
        assert_eq!(f, vec![Fate::Keep, Fate::Keep]);
    }
}
