//! Stage 2 (`clean`): removes page noise from a raw document, normalizes the
//! text and extracts metadata (title, date, outlet, reporter).

use crate::schema::{CleanDocument, RawDocument};

/// Cleans one document. `duplicate_of` is left null: it is set across
/// documents by [`DuplicateIndex`].
pub fn clean_document(raw: &RawDocument) -> CleanDocument {
    // TODO(clean): real cleaning lands with the foundation issue.
    CleanDocument {
        doc_id: raw.doc_id.clone(),
        source_path: raw.source_path.clone(),
        url: raw.url.clone(),
        title: raw.title.clone(),
        published_date: None,
        outlet: raw.outlet.clone(),
        reporter: None,
        section: None,
        clean_text: raw.text.clone(),
        translation_text: None,
        removed_line_count: 0,
        duplicate_of: None,
    }
}

/// Remembers the clean texts seen so far, to mark later copies as duplicates.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    first_by_text: std::collections::HashMap<blake3::Hash, String>,
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
