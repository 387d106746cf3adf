//! The identifiers every table shares: a document's id (the content hash of
//! its decoded text, [`doc_id`]) and the reason codes of `rejects`
//! ([`RejectReason`]). The ingest stage makes them; the incremental state,
//! the duplicate decisions and the data tests read them.

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
    /// A WARC response that is not an HTML page (an image, a PDF), or a
    /// conversion record that is not text.
    NotHtml,
    /// A WARC response whose HTTP status is not 2xx.
    HttpStatus,
    /// A WARC record cut short by the end of the file.
    TruncatedRecord,
    /// A WARC record whose block does not match its `WARC-Block-Digest`.
    BadDigest,
    /// Not a WARC file, or a record whose headers or length are broken.
    MalformedWarc,
    /// An HTTP body whose content or transfer coding does not decode.
    Undecodable,
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
            RejectReason::NotHtml => "not_html",
            RejectReason::HttpStatus => "http_status",
            RejectReason::TruncatedRecord => "truncated_record",
            RejectReason::BadDigest => "bad_digest",
            RejectReason::MalformedWarc => "malformed_warc",
            RejectReason::Undecodable => "undecodable",
        }
    }
}

/// The content hash of a decoded text: the first 16 bytes of its blake3
/// hash, as 32 lowercase hex characters.
pub fn doc_id(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

/// The 16 bytes a [`doc_id`] is written from: its 32 lowercase hex digits
/// decoded. `None` for any other string (never made by this program), so
/// that distinct strings never share bytes (`"AB…"` is not `"ab…"`).
pub fn doc_id_bytes(doc_id: &str) -> Option<[u8; 16]> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let hex = doc_id.as_bytes();
    if hex.len() != 32 {
        return None;
    }
    let mut out = [0; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = nibble(hex[2 * i])? << 4 | nibble(hex[2 * i + 1])?;
    }
    Some(out)
}

/// A compact key for any doc id: [`doc_id_bytes`], or for a string of another
/// form the first 16 bytes of its blake3 hash (its own key, all the same).
pub fn doc_id_key(doc_id: &str) -> [u8; 16] {
    doc_id_bytes(doc_id)
        .unwrap_or_else(|| *blake3::hash(doc_id.as_bytes()).as_bytes().first_chunk::<16>().expect("32-byte hash"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "가람군은 보건복지부 주관 지역복지사업 평가에서 우수기관으로 선정됐다.";

    #[test]
    fn doc_ids_are_32_hex_of_blake3() {
        let id = doc_id(TEXT);
        assert_eq!(id.len(), 32);
        assert_eq!(id, blake3::hash(TEXT.as_bytes()).to_hex()[..32]);
        assert_ne!(id, doc_id("다른 글"));
    }

    #[test]
    fn doc_ids_decode_to_their_bytes_and_other_strings_do_not() {
        let id = doc_id(TEXT);
        assert_eq!(doc_id_bytes(&id).as_ref(), blake3::hash(TEXT.as_bytes()).as_bytes().first_chunk::<16>());
        assert_eq!(doc_id_key(&id), doc_id_bytes(&id).unwrap());
        assert_eq!(doc_id_bytes(&id.to_uppercase()), None);
        assert_eq!(doc_id_bytes(&id[..31]), None);
        assert_eq!(doc_id_bytes(&format!("{}g", &id[..31])), None);
        assert_ne!(doc_id_key(&id.to_uppercase()), doc_id_key(&id));
        assert_eq!(doc_id_key("x"), doc_id_key("x"));
        assert_ne!(doc_id_key("x"), doc_id_key("y"));
    }
}
