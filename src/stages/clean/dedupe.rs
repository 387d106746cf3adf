//! Repeats: a paragraph (or a whole body) scraped twice keeps its first
//! occurrence inside a document ([`mark_repeated_lines`]); a document whose
//! clean text equals an earlier one's is marked across documents
//! ([`DuplicateIndex`]).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::schema::CleanDocument;
use crate::stages::ingest::doc_id_bytes;

use super::layout::{Fate, Removed};
use super::lexicon::WordHasher;
use super::text::char_len;

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
///
/// It holds one entry per stored document (2.45 million at 10 GB of input),
/// so entries are compact (issue 7: memory): the key is the first 128 bits
/// of the text's blake3 hash, the value the first document's id as its 128
/// bits when it has the contract's form (32 lowercase hex digits, as
/// [`doc_id_bytes`] reads them), about 40 bytes an entry
/// instead of 110. Ids of any other form (hand-made tables) are kept as text.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    first_by_text: HashMap<u128, u128, BuildHasherDefault<WordHasher>>,
    other_ids: HashMap<u128, String, BuildHasherDefault<WordHasher>>,
}

impl DuplicateIndex {
    /// Sets `duplicate_of` when an earlier document had the same clean text.
    pub fn mark(&mut self, doc: &mut CleanDocument) {
        let hash = blake3::hash(doc.clean_text.as_bytes());
        let key = u128::from_le_bytes(hash.as_bytes()[..16].try_into().expect("16 bytes"));
        let first = match self.first_by_text.get(&key) {
            Some(id) => Some(format!("{id:032x}")),
            None => self.other_ids.get(&key).cloned(),
        };
        match first {
            Some(first) if first != doc.doc_id => doc.duplicate_of = Some(first),
            Some(_) => {}
            None => match doc_id_bytes(&doc.doc_id).map(u128::from_be_bytes) {
                Some(id) => {
                    self.first_by_text.insert(key, id);
                }
                None => {
                    self.other_ids.insert(key, doc.doc_id.clone());
                }
            },
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
    fn duplicate_index_keeps_contract_ids_compact_and_exact() {
        let first = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        let bytes = doc_id_bytes(first).map(u128::from_be_bytes);
        assert_eq!(bytes.map(|v| format!("{v:032x}")).as_deref(), Some(first), "written back exactly");
        let mut index = DuplicateIndex::default();
        let (mut a, mut b, mut c) = (doc(first, "본문"), doc("b", "본문"), doc("c", "다른 본문"));
        let mut d = doc("00000000000000000000000000000001", "다른 본문");
        for x in [&mut a, &mut b, &mut c, &mut d] {
            index.mark(x);
        }
        assert_eq!((a.duplicate_of, b.duplicate_of.as_deref()), (None, Some(first)));
        assert_eq!((c.duplicate_of, d.duplicate_of.as_deref()), (None, Some("c")));
        assert_eq!((index.first_by_text.len(), index.other_ids.len()), (1, 1));
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
