//! Stage 1 (`raw`): turns the bytes of one input file into decoded documents
//! (`raw_documents`) or rejects with a reason (`rejects`).

use crate::schema::{RawDocument, Reject, UtcMicros};

/// Limits applied while ingesting.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Larger inputs are rejected as `too_large` (default 20 MiB).
    pub max_bytes: u64,
    /// Decoded texts with fewer non-space characters are rejected as `too_short`.
    pub min_chars: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_bytes: 20 * 1024 * 1024, min_chars: 100 }
    }
}

/// Why an input did not become a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectReason {
    Empty,
    Binary,
    TooShort,
    TooLarge,
    Unreadable,
    MalformedJsonl,
    CorruptGzip,
    Duplicate,
    UnsupportedType,
}

impl RejectReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Empty => "empty",
            RejectReason::Binary => "binary",
            RejectReason::TooShort => "too_short",
            RejectReason::TooLarge => "too_large",
            RejectReason::Unreadable => "unreadable",
            RejectReason::MalformedJsonl => "malformed_jsonl",
            RejectReason::CorruptGzip => "corrupt_gzip",
            RejectReason::Duplicate => "duplicate",
            RejectReason::UnsupportedType => "unsupported_type",
        }
    }
}

/// One outcome of ingesting an input: a document or a reject.
#[derive(Debug, Clone, PartialEq)]
pub enum Ingested {
    Document(RawDocument),
    Rejected(Reject),
}

/// Builds a rejects row.
pub fn reject(
    source_path: &str,
    source_line: Option<i64>,
    reason: RejectReason,
    message: impl Into<String>,
    byte_len: Option<i64>,
    at: UtcMicros,
) -> Reject {
    Reject {
        source_path: source_path.to_string(),
        source_line,
        reason: reason.as_str().to_string(),
        message: message.into(),
        byte_len,
        rejected_at: at,
    }
}

/// Decodes one input file's bytes. The file type is chosen by extension:
/// `.txt`, `.jsonl`/`.ndjson`, and any of those inside `.gz`.
pub fn ingest_input(source_path: &str, bytes: &[u8], opts: &IngestOptions, at: UtcMicros) -> Vec<Ingested> {
    // TODO(ingest): real decoding lands with the foundation issue.
    let _ = (bytes, opts);
    vec![Ingested::Rejected(reject(source_path, None, RejectReason::UnsupportedType, "not implemented", None, at))]
}
