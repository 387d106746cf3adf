//! Stage 1 (`raw`): turns the bytes of one input file into decoded documents
//! (`raw_documents`) or rejects with a reason (`rejects`).
//!
//! [`ingest_input`] is pure (bytes in, rows out) and never panics: every input
//! file, and every non-blank line of a JSONL feed, ends as exactly one row of
//! one of the two tables. The file type comes from the name ([`kind`]), gzip
//! is inflated within the size limit ([`gzip`]), the encoding is detected
//! ([`decode`]) and feeds are split into records ([`jsonl`]). The text is
//! kept as decoded (only a byte order mark is removed): cleaning is stage 2's job.
//!
//! HTML pages (`.html`, a `.txt` holding HTML source, a JSONL `html`
//! field) become their main content's text ([`html`]); web archives are read
//! record by record ([`warc`], which adds its own reject reasons).
//!
//! Reject reasons, in the order they are checked: `unsupported_type` (by
//! name), `empty` (no bytes), `too_large` (over `max_bytes`, compressed or
//! decompressed), `corrupt_gzip`, `binary` (NUL bytes, undecodable, or mostly
//! control characters), then for a text file `empty` (only whitespace) and
//! `too_short`, and for each non-blank line of a feed `malformed_jsonl`,
//! `binary` and `too_short` (with its line number; a feed with no record at
//! all is `empty`). `unreadable` comes from the I/O edge, and `duplicate`
//! from the pipeline, which sees all documents.

pub mod decode;
pub mod gzip;
pub mod html;
pub mod jsonl;
pub mod kind;
pub mod warc;

use std::borrow::Cow;

pub use crate::schema::ids::{doc_id, doc_id_bytes, doc_id_key, RejectReason};
use crate::schema::{RawDocument, Reject, UtcMicros};
use decode::Decoded;
use gzip::GunzipError;
use kind::Format;

/// Limits applied while ingesting.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Larger inputs are rejected as `too_large` (default 20 MiB).
    pub max_bytes: u64,
    /// Decoded texts with fewer non-space characters are rejected as
    /// `too_short` (default 20: a one-sentence brief on an award is about
    /// 25, a "기사가 삭제되었습니다" stub under 20).
    pub min_chars: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_bytes: 20 * 1024 * 1024, min_chars: 20 }
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
        record_offset: None,
        reason: reason.as_str().to_string(),
        message: message.into(),
        byte_len,
        rejected_at: at,
    }
}

/// Decodes one input file's bytes into documents and rejects (at least one
/// outcome, one per record). The file type is chosen by name, see [`kind`].
pub fn ingest_input(source_path: &str, bytes: &[u8], opts: &IngestOptions, at: UtcMicros) -> Vec<Ingested> {
    let file = FileContext { source_path, opts, at, compression: None };
    let file_len = Some(bytes.len() as i64);
    let kind = match kind::classify(source_path) {
        Ok(kind) => kind,
        Err(suffix) => {
            let message = format!("unsupported file type {suffix}: accepted are {}", kind::ACCEPTED);
            return vec![file.reject(None, RejectReason::UnsupportedType, message, file_len)];
        }
    };
    if bytes.is_empty() {
        return vec![file.reject(None, RejectReason::Empty, "file is empty (0 bytes)", file_len)];
    }
    if kind.format == Format::Warc {
        // The limit is per record: archives are any size.
        let file = FileContext { compression: kind.gzip.then_some("gzip"), ..file };
        return warc::ingest_bytes(&file, bytes, kind.gzip);
    }
    if bytes.len() as u64 > opts.max_bytes {
        let message = format!("{} bytes is over the {} byte limit", bytes.len(), opts.max_bytes);
        return vec![file.reject(None, RejectReason::TooLarge, message, file_len)];
    }
    let (body, file) = if kind.gzip {
        match gzip::gunzip_limited(bytes, opts.max_bytes) {
            Ok(inflated) => (Cow::Owned(inflated), FileContext { compression: Some("gzip"), ..file }),
            Err(GunzipError::TooLarge { limit }) => {
                let message =
                    format!("decompresses to more than the {limit} byte limit ({} bytes compressed)", bytes.len());
                return vec![file.reject(None, RejectReason::TooLarge, message, None)];
            }
            Err(GunzipError::Corrupt(why)) => {
                return vec![file.reject(None, RejectReason::CorruptGzip, why, file_len)];
            }
        }
    } else if gzip::looks_gzipped(bytes) {
        let message = "file is gzip-compressed, but its name does not end in .gz";
        return vec![file.reject(None, RejectReason::Binary, message, file_len)];
    } else {
        (Cow::Borrowed(bytes), file)
    };
    let body_len = Some(body.len() as i64);
    if body.is_empty() {
        return vec![file.reject(None, RejectReason::Empty, "gzip stream decompresses to 0 bytes", body_len)];
    }
    if kind.format == Format::Html {
        return vec![file.html_document(None, &body, None)];
    }
    let decoded = match decode::decode(&body) {
        Ok(decoded) => decoded,
        Err(not_text) => {
            return vec![file.reject(None, RejectReason::Binary, format!("file {}", not_text.0), body_len)]
        }
    };
    match kind.format {
        Format::Text if html::looks_like_html(&decoded.text) => vec![file.html_document(None, &body, None)],
        Format::Text => vec![file.text_document(decoded, body.len())],
        Format::Jsonl => file.jsonl_records(&body, &decoded),
        Format::Html | Format::Warc => unreachable!("handled above"),
    }
}

/// What every outcome of one file shares.
pub struct FileContext<'a> {
    pub source_path: &'a str,
    pub opts: &'a IngestOptions,
    pub at: UtcMicros,
    pub compression: Option<&'static str>,
}

impl FileContext<'_> {
    fn reject(
        &self,
        line: Option<i64>,
        reason: RejectReason,
        message: impl Into<String>,
        len: Option<i64>,
    ) -> Ingested {
        Ingested::Rejected(reject(self.source_path, line, reason, message, len, self.at))
    }

    /// A whole file as one document, unless it holds (almost) no text.
    fn text_document(&self, decoded: Decoded<'_>, byte_len: usize) -> Ingested {
        let len = Some(byte_len as i64);
        if decoded.text.trim().is_empty() {
            let message = format!("file holds no text, only whitespace ({byte_len} bytes)");
            return self.reject(None, RejectReason::Empty, message, len);
        }
        if let Some(message) = self.too_short(&decoded.text) {
            return self.reject(None, RejectReason::TooShort, message, len);
        }
        let article = jsonl::Article { text: decoded.text.into_owned(), ..jsonl::Article::default() };
        self.document(None, decoded.encoding.name(), byte_len, article)
    }

    /// An HTML page as one document (its main content), unless it does not
    /// decode or holds (almost) no text.
    fn html_document(&self, line: Option<i64>, bytes: &[u8], http_charset: Option<&str>) -> Ingested {
        let len = Some(bytes.len() as i64);
        let page = match html::extract(bytes, http_charset) {
            Ok(page) => page,
            Err(why) => return self.reject(line, RejectReason::Binary, format!("page {why}"), len),
        };
        if page.text.trim().is_empty() {
            let message = format!("page holds no text outside its page chrome ({} bytes)", bytes.len());
            return self.reject(line, RejectReason::Empty, message, len);
        }
        if let Some(message) = self.too_short(&page.text) {
            return self.reject(line, RejectReason::TooShort, format!("page main content: {message}"), len);
        }
        let m = page.meta;
        let article = jsonl::Article {
            text: page.text,
            url: m.url,
            title: m.title,
            published: m.published,
            outlet: m.outlet,
            html: None,
        };
        self.document(line, page.encoding.name(), bytes.len(), article)
    }

    /// Every non-blank line of a feed as a document or a reject.
    fn jsonl_records(&self, body: &[u8], decoded: &Decoded<'_>) -> Vec<Ingested> {
        let mut out = Vec::new();
        for (number, raw) in jsonl::lines(&body[decoded.bom_len..], decoded.encoding) {
            let line = decoded.encoding.decode_without_bom_handling(raw).0;
            if line.trim().is_empty() {
                continue;
            }
            let len = Some(raw.len() as i64);
            let mut article = match jsonl::parse_line(&line) {
                Ok(article) => article,
                Err(why) => {
                    out.push(self.reject(
                        Some(number),
                        RejectReason::MalformedJsonl,
                        format!("line {number}: {why}"),
                        len,
                    ));
                    continue;
                }
            };
            if let Some(page) = article.html.take() {
                if page.len() as u64 > self.opts.max_bytes {
                    let message =
                        format!("line {number}: the field \"html\" is over the {} byte limit", self.opts.max_bytes);
                    out.push(self.reject(Some(number), RejectReason::TooLarge, message, len));
                    continue;
                }
                article = article_from_html(&page, article);
            }
            if let Err(why) = decode::check_text(&article.text) {
                let message = format!("line {number}: the field \"text\" {why}");
                out.push(self.reject(Some(number), RejectReason::Binary, message, len));
            } else if let Some(why) = self.too_short(&article.text) {
                out.push(self.reject(Some(number), RejectReason::TooShort, format!("line {number}: {why}"), len));
            } else {
                out.push(self.document(Some(number), decoded.encoding.name(), raw.len(), article));
            }
        }
        if out.is_empty() {
            let message = format!("JSONL file has no records, only blank lines ({} bytes)", body.len());
            out.push(self.reject(None, RejectReason::Empty, message, Some(body.len() as i64)));
        }
        out
    }

    /// Why a text is too short to be an article, if it is. A text that
    /// names the program is one, however short ("가람구, 복지행정상 대상").
    fn too_short(&self, text: &str) -> Option<String> {
        let chars = text.chars().filter(|c| !c.is_whitespace()).take(self.opts.min_chars).count();
        (chars < self.opts.min_chars && !crate::domain::names_program(text)).then(|| {
            format!("text has {chars} non-space characters, fewer than the {} an article needs", self.opts.min_chars)
        })
    }

    fn document(&self, line: Option<i64>, encoding: &str, byte_len: usize, article: jsonl::Article) -> Ingested {
        Ingested::Document(RawDocument {
            doc_id: doc_id(&article.text),
            source_path: self.source_path.to_string(),
            source_line: line,
            record_offset: None,
            warc_record_id: None,
            encoding: encoding.to_string(),
            compression: self.compression.map(str::to_string),
            byte_len: byte_len as i64,
            url: article.url,
            title: article.title,
            published: article.published,
            outlet: article.outlet,
            text: article.text,
            ingested_at: self.at,
        })
    }
}

/// A JSONL record's `html` page: its main content as the text, its
/// metadata where the record's own fields are missing.
fn article_from_html(page: &str, article: jsonl::Article) -> jsonl::Article {
    let page = html::page_of(page, encoding_rs::UTF_8);
    jsonl::Article {
        text: page.text,
        html: None,
        url: article.url.or(page.meta.url),
        title: article.title.or(page.meta.title),
        published: article.published.or(page.meta.published),
        outlet: article.outlet.or(page.meta.outlet),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;

    const AT: UtcMicros = UtcMicros(1_767_225_600_000_000);
    const ARTICLE: &str = "○○군은 보건복지부 주관 '2022년 지역복지사업 평가'에서 희망복지지원단 운영 분야 \
        우수기관으로 선정돼 포상금 1천만원을 받았다고 밝혔다. 군은 찾아가는 상담과 통합사례관리를 늘려 \
        위기가구를 빠르게 찾아낸 점을 높이 평가받았다.";

    fn opts() -> IngestOptions {
        IngestOptions { max_bytes: 64 * 1024, min_chars: 50 }
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn one(path: &str, bytes: &[u8]) -> Ingested {
        let mut out = ingest_input(path, bytes, &opts(), AT);
        assert_eq!(out.len(), 1, "{out:?}");
        out.remove(0)
    }

    fn reason(outcome: &Ingested) -> &str {
        match outcome {
            Ingested::Document(_) => "document",
            Ingested::Rejected(r) => &r.reason,
        }
    }

    #[test]
    fn a_text_file_becomes_one_document() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(ARTICLE.as_bytes());
        let Ingested::Document(doc) = one("in/a.txt", &bytes) else { panic!() };
        assert_eq!(doc.text, ARTICLE);
        assert_eq!(doc.doc_id, doc_id(ARTICLE));
        assert_eq!((doc.encoding.as_str(), doc.compression, doc.byte_len), ("UTF-8", None, bytes.len() as i64));
        assert_eq!((doc.source_path.as_str(), doc.source_line, doc.ingested_at), ("in/a.txt", None, AT));
    }

    #[test]
    fn gzip_records_sizes_after_decompression() {
        let Ingested::Document(doc) = one("in/a.txt.gz", &gzip(ARTICLE.as_bytes())) else { panic!() };
        assert_eq!((doc.compression.as_deref(), doc.byte_len), (Some("gzip"), ARTICLE.len() as i64));
        assert_eq!(doc.text, ARTICLE);
    }

    #[test]
    fn every_file_level_reject_has_its_reason() {
        let big = ARTICLE.repeat(400);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("a.pdf", b"%PDF-1.7".to_vec(), "unsupported_type"),
            ("a.txt", vec![], "empty"),
            ("a.txt", b" \n\t\r\n".to_vec(), "empty"),
            ("a.txt", b"\xEF\xBB\xBF".to_vec(), "empty"),
            ("a.txt.gz", gzip(b""), "empty"),
            ("a.txt", big.as_bytes().to_vec(), "too_large"),
            ("a.txt.gz", gzip(big.as_bytes()), "too_large"),
            ("a.txt.gz", b"not gzip at all".to_vec(), "corrupt_gzip"),
            ("a.txt.gz", gzip(ARTICLE.as_bytes())[..30].to_vec(), "corrupt_gzip"),
            ("a.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0".to_vec(), "binary"),
            ("a.txt", gzip(ARTICLE.as_bytes()), "binary"),
            ("a.txt", "짧은 글입니다.".as_bytes().to_vec(), "too_short"),
            ("a.jsonl", b"\n  \n\r\n".to_vec(), "empty"),
            ("a.jsonl", b"\0\x01\x02\x03\0\0\xff\xfe\x00".to_vec(), "binary"),
        ];
        for (path, bytes, expected) in cases {
            let outcome = one(path, &bytes);
            assert_eq!(reason(&outcome), expected, "{path} {outcome:?}");
            let Ingested::Rejected(r) = outcome else { unreachable!() };
            assert!(r.message.len() > 10, "{r:?}");
            assert_eq!((r.source_path.as_str(), r.source_line, r.rejected_at), (path, None, AT));
        }
    }

    #[test]
    fn a_short_text_that_names_the_program_is_a_document() {
        for brief in ["가람구 복지행정상 대상", "가람구, 지역복지사업 평가 우수"] {
            assert!(matches!(one("a.txt", brief.as_bytes()), Ingested::Document(_)), "{brief}");
        }
        assert_eq!(reason(&one("a.txt", "가람구 구정 소식 대상".as_bytes())), "too_short");
    }

    #[test]
    fn jsonl_lines_become_documents_or_rejects_with_line_numbers() {
        let good = serde_json::json!({"text": ARTICLE, "url": "https://news.example/1", "outlet": "한빛일보"});
        let feed = format!(
            "{good}\n\n{{\"text\": 1}}\n{{\"text\": \"짧다\"}}\n{{broken\n{{\"text\": \"{}\\u0000\"}}\r\n{{\"text\": \"{}\"}}",
            "가".repeat(60),
            "나".repeat(60),
        );
        let out = ingest_input("in/feed.jsonl", feed.as_bytes(), &opts(), AT);
        let summary: Vec<(Option<i64>, &str)> = out
            .iter()
            .map(|o| match o {
                Ingested::Document(d) => (d.source_line, "document"),
                Ingested::Rejected(r) => (r.source_line, r.reason.as_str()),
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (Some(1), "document"),
                (Some(3), "malformed_jsonl"),
                (Some(4), "too_short"),
                (Some(5), "malformed_jsonl"),
                (Some(6), "binary"),
                (Some(7), "document"),
            ]
        );
        let Ingested::Document(first) = &out[0] else { unreachable!() };
        assert_eq!(first.text, ARTICLE);
        assert_eq!(first.url.as_deref(), Some("https://news.example/1"));
        assert_eq!((first.outlet.as_deref(), first.title.as_deref()), (Some("한빛일보"), None));
        assert_eq!(first.byte_len, good.to_string().len() as i64);
        let Ingested::Rejected(r) = &out[1] else { unreachable!() };
        assert!(r.message.starts_with("line 3: "), "{}", r.message);
    }

    const NAMES: [&str; 14] = [
        "x.txt",
        "x.text",
        "x",
        "x.jsonl",
        "x.ndjson",
        "x.txt.gz",
        "x.jsonl.gz",
        "x.gz",
        "x.pdf",
        "x.tar.gz",
        "x.html",
        "x.htm.gz",
        "x.warc",
        "x.warc.gz",
    ];

    fn check_outcomes(path: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
        let out = ingest_input(path, bytes, &IngestOptions { max_bytes: 4096, min_chars: 5 }, AT);
        prop_assert!(!out.is_empty());
        for o in &out {
            match o {
                Ingested::Document(d) => {
                    prop_assert_eq!(d.doc_id.len(), 32);
                    prop_assert_eq!(&d.doc_id, &doc_id(&d.text));
                    prop_assert!(!d.text.trim().is_empty());
                }
                Ingested::Rejected(r) => prop_assert!(!r.message.is_empty()),
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000), name in 0..NAMES.len()) {
            check_outcomes(NAMES[name], &bytes)?;
            // The same bytes inside a valid gzip stream reach the decoders too.
            check_outcomes(NAMES[name], &gzip(&bytes))?;
        }

        #[test]
        fn arbitrary_feeds_never_panic(lines in proptest::collection::vec("[ -~가-힣\\n{}\\[\\]\":,\\\\]{0,80}", 0..12)) {
            let feed = lines.join("\n");
            check_outcomes("feed.jsonl", feed.as_bytes())?;
            let (cp949, _, _) = encoding_rs::EUC_KR.encode(&feed);
            check_outcomes("feed.ndjson", &cp949)?;
        }
    }
}
