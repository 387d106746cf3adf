//! The relevance check that runs first, so that documents not about the
//! program cost one automaton scan: a raw-text scan for the program's and
//! the ministry's names with any spacing, then (on the few that pass) the
//! real test on the squeezed text: the program is named, or a field is
//! named together with the ministry.

use crate::domain::spaceless::Spaceless;
use crate::domain::{CueHit, Knowledge};
use crate::schema::CleanDocument;

use super::tokens::DocMatches;

/// `false` proves the document says nothing about the program.
pub fn may_be_relevant(doc: &CleanDocument, k: &Knowledge) -> bool {
    k.may_be_relevant(&doc.clean_text) || doc.title.as_deref().is_some_and(|t| k.may_be_relevant(t))
}

/// The name matches of a document's text, and whether it is about the
/// program.
pub fn matches(chars: &[char], k: &Knowledge) -> (DocMatches, bool) {
    let text = &Spaceless::new(chars);
    let programs = k.find_program_names(text);
    let mut others = k.find_other_cues(text);
    // "2014년 복지행정상 공모에서 우수상으로 뽑혔다": a call for entries right after
    // the program's name is how that round was run, no other contest.
    let right_after_program = |o: &CueHit| {
        programs.iter().any(|p| p.end <= o.start && chars[p.end..o.start].iter().all(|c| c.is_whitespace()))
    };
    others.retain(|o| !(k.is_own_process_cue(o) && right_after_program(o)));
    let m = DocMatches { aliases: k.find_aliases(text), programs, others };
    let about = !m.programs.is_empty() || (!m.aliases.is_empty() && !k.find_ministry(text).is_empty());
    (m, about)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_name_alone_is_not_enough_without_the_ministry() {
        let k = Knowledge::embedded().unwrap();
        let check = |s: &str| matches(&s.chars().collect::<Vec<_>>(), &k).1;
        assert!(check("가람구, 지역 복지사업 평가 대상"));
        assert!(check("보건복지부 희망복지지원단 운영 평가에서 최우수"));
        assert!(!check("가람구 희망복지지원단 운영 회의 개최"));
        assert!(!check("가람시 축제 개막"));
    }
}
