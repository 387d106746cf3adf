//! Stage 3 (`award_mentions`): finds every award of the 지역복지사업 평가
//! stated in a cleaned document, with its evidence span, and the
//! document-level facts (stated totals and counts).

use crate::domain::Knowledge;
use crate::schema::{AwardMention, CleanDocument, DocFact};

/// What one document yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<AwardMention>,
    pub facts: Vec<DocFact>,
}

/// Extracts the awards of one document. Resolution columns are left
/// `resolve_status = "pending"`; the resolve stage fills them.
pub fn extract_document(doc: &CleanDocument, knowledge: &Knowledge) -> Extraction {
    // TODO(extract): lands with the award extraction issue.
    let _ = (doc, knowledge);
    Extraction::default()
}
