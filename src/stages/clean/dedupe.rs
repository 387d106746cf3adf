//! Repeats: a paragraph (or a whole body) scraped twice keeps its first
//! occurrence inside a document ([`mark_repeated_lines`]); a document whose
//! clean text equals an earlier one's is marked across documents
//! ([`DuplicateIndex`]).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::schema::CleanDocument;

use super::layout::{Fate, Removed};
use super::lexicon::WordHasher;
use super::noise::char_len;

/// A repeated line at least this long is a repeat on its own (a headline
/// shown twice, a paragraph); shorter repeats only count when they sit next
/// to one.
const SELF_EVIDENT_REPEAT_CHARS: usize = 10;
/// List items ("▲ 우수 : 가람구") legitimately recur under different headers,
/// so alone they need this length.
const SELF_EVIDENT_ITEM_CHARS: usize = 30;

fn is_self_evident(text: &str) -> bool {
    let min = if text.starts_with(['▲', '△', '-', '·', '*', '■', '□', '▶', '○', '●']) {
        SELF_EVIDENT_ITEM_CHARS
    } else {
        SELF_EVIDENT_REPEAT_CHARS
    };
    char_len(text) >= min
}

/// Drops later copies of kept lines. `texts[i]` is the final text of line
/// `i` (after byline prefixes are removed), compared exactly.
pub fn mark_repeated_lines(texts: &[&str], fates: &mut [Fate]) {
    let kept: Vec<usize> = (0..texts.len()).filter(|&i| fates[i] == Fate::Keep).collect();
    let mut seen: HashSet<&str, BuildHasherDefault<WordHasher>> =
        HashSet::with_capacity_and_hasher(kept.len(), BuildHasherDefault::default());
    let mut repeat = vec![false; kept.len()];
    for (k, &i) in kept.iter().enumerate() {
        repeat[k] = !seen.insert(texts[i]);
    }
    let mut confirmed: Vec<bool> = kept.iter().zip(&repeat).map(|(&i, &r)| r && is_self_evident(texts[i])).collect();
    // Short repeats inside a repeated block (next to a confirmed repeat) go too.
    loop {
        let mut changed = false;
        for k in 0..kept.len() {
            if repeat[k] && !confirmed[k] {
                let prev = k > 0 && confirmed[k - 1];
                let next = k + 1 < kept.len() && confirmed[k + 1];
                if prev || next {
                    confirmed[k] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (k, &i) in kept.iter().enumerate() {
        if confirmed[k] {
            fates[i] = Fate::Drop(Removed::Duplicate);
        }
    }
}

/// Remembers the clean texts seen so far, to mark later copies as duplicates.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    first_by_text: HashMap<blake3::Hash, String>,
}

impl DuplicateIndex {
    /// Sets `duplicate_of` when an earlier document had the same clean text.
    pub fn mark(&mut self, doc: &mut CleanDocument) {
        let key = blake3::hash(doc.clean_text.as_bytes());
        match self.first_by_text.get(&key) {
            Some(first) if *first != doc.doc_id => doc.duplicate_of = Some(first.clone()),
            Some(_) => {}
            None => {
                self.first_by_text.insert(key, doc.doc_id.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<bool> {
        let mut fates = vec![Fate::Keep; lines.len()];
        mark_repeated_lines(lines, &mut fates);
        fates.iter().map(|f| *f == Fate::Keep).collect()
    }

    #[test]
    fn repeated_body_keeps_the_first_copy() {
        let a = "가람구는 올해 평가에서 우수상을 받았다고 밝혔다.";
        let b = "구청장은 \"주민 덕분\"이라고 말했다.";
        assert_eq!(
            run(&[a, "▲ 우수 : 가람구", b, a, "▲ 우수 : 가람구", b]),
            vec![true, true, true, false, false, false]
        );
    }

    #[test]
    fn short_lines_repeated_apart_stay() {
        let a = "가람구는 올해 평가에서 우수상을 받았다고 밝혔다.";
        let c = "나람군도 같은 평가에서 장려상을 받았다고 전했다.";
        assert_eq!(run(&["▲ 우수 : 가람구", a, "▲ 우수 : 가람구", c]), vec![true, true, true, true]);
    }

    fn doc(id: &str, text: &str) -> CleanDocument {
        CleanDocument::from_text(id, text)
    }

    #[test]
    fn duplicate_index_points_later_copies_to_the_first() {
        let mut index = DuplicateIndex::default();
        let (mut a, mut b, mut c) = (doc("a", "본문"), doc("b", "본문"), doc("c", "다른 본문"));
        index.mark(&mut a);
        index.mark(&mut b);
        index.mark(&mut c);
        assert_eq!((a.duplicate_of, b.duplicate_of.as_deref(), c.duplicate_of), (None, Some("a"), None));
    }
}
