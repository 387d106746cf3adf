//! Web archives (WARC 1.0/1.1, and Common Crawl's WET and WAT files), read
//! record by record ([`record::Reader`]; a `.warc.gz` member by member,
//! [`gz`]) so that a file of any size is never held.
//!
//! What each record becomes:
//! - `response` with an HTTP status 2xx and an HTML body: one document, the
//!   page's main content ([`super::html`]); a body that is not HTML (an image,
//!   a PDF) is `not_html`, any other status `http_status`, a coding that does
//!   not decode `undecodable`;
//! - `conversion` (text/plain, as in WET files): one document, its text as is;
//! - `request`, `metadata`, `warcinfo`, `revisit`, `resource` and any
//!   other type: not documents, counted by type ([`Part::record_types`]);
//! - a record whose framing fails: `truncated_record`, `bad_digest`,
//!   `malformed_warc` (also a file that is not a WARC), `too_large`,
//!   `corrupt_gzip` (reading stops there: the rest of a gzip stream cannot
//!   be found).
//!
//! Each document or reject carries the record's number (`source_line`), its
//! offset (`record_offset`) and its `WARC-Record-ID`. The `url` is
//! `WARC-Target-URI`; `WARC-Date` is when the page was crawled, never its
//! publication date, and is not kept.

pub mod gz;
pub mod http;
pub mod record;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

use super::{html, FileContext, IngestOptions, Ingested, RejectReason};
use crate::schema::UtcMicros;
use record::{Plain, Problem, Reader, Record};

/// Records read per [`Records::next_part`], at most.
pub const PART_RECORDS: usize = 1024;
/// Record bytes read per part, at most (the last record may pass it).
pub const PART_BYTES: usize = 64 << 20;

/// The outcomes of some consecutive records of a file.
#[derive(Debug, Default)]
pub struct Part {
    /// One per `response` or `conversion` record, and per broken record.
    pub items: Vec<Ingested>,
    /// Every record read, by `WARC-Type` (lowercase).
    pub record_types: BTreeMap<String, u64>,
    /// The file has no more records.
    pub done: bool,
}

/// A stream of WARC records, read part by part.
pub struct Records {
    reader: Box<dyn Iterator<Item = Record> + Send>,
}

impl Records {
    /// The records of an uncompressed stream.
    pub fn plain(src: impl BufRead + Send + 'static, max_record: u64) -> Self {
        Records { reader: Box::new(Reader::new(Plain(src), max_record)) }
    }

    /// The records of a gzip-compressed stream.
    pub fn gzip(src: impl BufRead + Send + 'static, max_record: u64) -> Self {
        let members = BufReader::with_capacity(1 << 16, gz::Members::new(src));
        Records { reader: Box::new(Reader::new(members, max_record)) }
    }

    /// The next records, up to [`PART_RECORDS`] or [`PART_BYTES`]: read in
    /// order, then turned into outcomes in parallel (HTML parsing is most of
    /// the work).
    pub fn next_part(&mut self, file: &FileContext<'_>) -> Part {
        let mut records = Vec::new();
        let mut bytes = 0;
        let mut part = Part::default();
        while records.len() < PART_RECORDS && bytes < PART_BYTES {
            let Some(record) = self.reader.next() else {
                part.done = true;
                break;
            };
            bytes += record.block.len();
            *part.record_types.entry(record.warc_type()).or_default() += 1;
            records.push(record);
        }
        use rayon::prelude::*;
        let outcomes: Vec<Option<Ingested>> = records.into_par_iter().map(|r| file.warc_record(r)).collect();
        part.items = outcomes.into_iter().flatten().collect();
        part
    }
}

impl FileContext<'_> {
    /// What one record becomes: a document, a reject, or nothing (a record
    /// type that holds no page).
    pub fn warc_record(&self, record: Record) -> Option<Ingested> {
        let warc_type = record.warc_type();
        if let Some(problem) = &record.problem {
            return Some(self.record_reject(&record, problem_reason(problem), problem_message(problem)));
        }
        let outcome = match warc_type.as_str() {
            "response" => self.response(&record),
            "conversion" => self.conversion(&record),
            _ => return None,
        };
        Some(match outcome {
            Ok(mut doc) => {
                if let Ingested::Document(d) = &mut doc {
                    d.source_line = Some(record.number);
                    d.record_offset = Some(record.offset as i64);
                    d.warc_record_id = record.header("WARC-Record-ID").map(str::to_string);
                    if let Some(uri) = record.header("WARC-Target-URI").filter(|u| !u.is_empty()) {
                        d.url = Some(uri.to_string());
                    }
                }
                if let Ingested::Rejected(r) = &mut doc {
                    r.source_line = Some(record.number);
                    r.record_offset = Some(record.offset as i64);
                    r.message = format!("{} {}", record_name(&record), r.message);
                }
                doc
            }
            Err((reason, message)) => self.record_reject(&record, reason, message),
        })
    }

    /// A `response` record: its HTTP body as an HTML page.
    fn response(&self, record: &Record) -> Result<Ingested, (RejectReason, String)> {
        let response = http::parse(&record.block, self.opts.max_bytes).map_err(|e| match e {
            http::HttpError::Malformed(why) => (RejectReason::MalformedWarc, format!("is not an HTTP response: {why}")),
            http::HttpError::Undecodable(why) => (RejectReason::Undecodable, why),
            http::HttpError::TooLarge(limit) => {
                (RejectReason::TooLarge, format!("has an HTTP body that decodes to more than {limit} bytes"))
            }
        })?;
        if !(200..300).contains(&response.status) {
            return Err((RejectReason::HttpStatus, format!("has HTTP status {}: not a page", response.status)));
        }
        let media = response.media_type();
        let html_like = match media.as_deref() {
            Some("text/html") | Some("application/xhtml+xml") => true,
            None | Some("text/plain") | Some("application/octet-stream") => {
                let head = &response.body[..response.body.len().min(1024)];
                html::looks_like_html(&String::from_utf8_lossy(head))
            }
            Some(_) => false,
        };
        if !html_like {
            let what = media.unwrap_or_else(|| "no Content-Type".into());
            return Err((RejectReason::NotHtml, format!("is a response of {what}, not an HTML page")));
        }
        Ok(self.html_document(None, &response.body, response.charset()))
    }

    /// A `conversion` record (WET): its block is the page's text.
    fn conversion(&self, record: &Record) -> Result<Ingested, (RejectReason, String)> {
        let content_type = record.header("Content-Type").unwrap_or("text/plain");
        let media = html::meta::media_type(content_type).unwrap_or_default();
        if !media.starts_with("text/") {
            return Err((RejectReason::NotHtml, format!("is a conversion to {media}, not text")));
        }
        if record.block.iter().all(u8::is_ascii_whitespace) {
            return Err((RejectReason::Empty, "holds no text".into()));
        }
        let declared = html::meta::charset_param(content_type)
            .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
        let decoded = match declared.map(|e| super::decode::decode_declared(e, &record.block)) {
            Some(Ok(decoded)) => decoded,
            _ => super::decode::decode(&record.block)
                .map_err(|e| (RejectReason::Binary, format!("has a block that {}", e.0)))?,
        };
        Ok(self.text_document(decoded, record.block.len()))
    }

    fn record_reject(&self, record: &Record, reason: RejectReason, message: String) -> Ingested {
        let len = Some(record.block.len() as i64);
        let mut outcome = self.reject(Some(record.number), reason, format!("{} {message}", record_name(record)), len);
        if let Ingested::Rejected(r) = &mut outcome {
            r.record_offset = Some(record.offset as i64);
        }
        outcome
    }
}

/// "record 3 (response <urn:uuid:...>, at byte 1234)".
fn record_name(record: &Record) -> String {
    let id = record.header("WARC-Record-ID").map(|id| format!(" {id}")).unwrap_or_default();
    format!("record {} ({}{id}, at byte {})", record.number, record.warc_type(), record.offset)
}

fn problem_reason(problem: &Problem) -> RejectReason {
    match problem {
        Problem::NotAWarc(_) | Problem::Malformed(_) => RejectReason::MalformedWarc,
        Problem::Truncated { .. } => RejectReason::TruncatedRecord,
        Problem::TooLarge { .. } => RejectReason::TooLarge,
        Problem::BadDigest { .. } => RejectReason::BadDigest,
        Problem::Unreadable(_) => RejectReason::CorruptGzip,
    }
}

fn problem_message(problem: &Problem) -> String {
    match problem {
        Problem::NotAWarc(why) => format!("is not a WARC file: {why}"),
        Problem::Malformed(why) => format!("is malformed: {why}; reading went on at the next record"),
        Problem::Truncated { expected, got } => {
            format!("is cut short: the file ends after {got} of its {expected} content bytes")
        }
        Problem::TooLarge { length, limit } => {
            format!("has {length} content bytes, over the {limit} byte limit per record (skipped)")
        }
        Problem::BadDigest { stated, computed } => {
            format!("does not match its WARC-Block-Digest (stated {stated}, computed {computed})")
        }
        Problem::Unreadable(why) => format!("could not be read, nor anything after it: {why}"),
    }
}

/// A WARC file being read, part by part, with what its outcomes share.
pub struct WarcStream {
    path: String,
    opts: IngestOptions,
    at: UtcMicros,
    gzip: bool,
    records: Records,
    /// Outcomes given so far.
    items: usize,
}

impl WarcStream {
    /// Reads `src`, the bytes of the file `path` (gzip-compressed if `gzip`).
    pub fn new(
        path: String,
        src: impl BufRead + Send + 'static,
        gzip: bool,
        opts: &IngestOptions,
        at: UtcMicros,
    ) -> Self {
        let records = if gzip { Records::gzip(src, opts.max_bytes) } else { Records::plain(src, opts.max_bytes) };
        WarcStream { path, opts: opts.clone(), at, gzip, records, items: 0 }
    }

    /// The outcomes of the next records (see [`Records::next_part`]). A
    /// file that ends without any response or conversion record is one
    /// `empty` reject, so that every file has an outcome.
    pub fn next_part(&mut self) -> Part {
        let compression = self.gzip.then_some("gzip");
        let file = FileContext { source_path: &self.path, opts: &self.opts, at: self.at, compression };
        let mut part = self.records.next_part(&file);
        self.items += part.items.len();
        if part.done && self.items == 0 {
            part.items.push(file.reject(None, RejectReason::Empty, NO_PAGE_RECORD, None));
            self.items = 1;
        }
        part
    }
}

const NO_PAGE_RECORD: &str = "WARC file holds no response or conversion record (nothing to read as a page)";

/// Every outcome of a whole WARC file held in memory (tests and one-off
/// ingests; runs stream the file part by part, see [`Records`]).
pub fn ingest_bytes(file: &FileContext<'_>, bytes: &[u8], gzip: bool) -> Vec<Ingested> {
    let src = std::io::Cursor::new(bytes.to_vec());
    let mut stream = WarcStream::new(file.source_path.to_string(), src, gzip, file.opts, file.at);
    let mut out = Vec::new();
    loop {
        let part = stream.next_part();
        out.extend(part.items);
        if part.done {
            return out;
        }
    }
}
