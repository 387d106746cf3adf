//! Web archives (WARC 1.0/1.1, and Common Crawl's WET and WAT files), read
//! record by record ([`record::Reader`]; a `.warc.gz` member by member,
//! [`gz`]) so that a file of any size is never held. The framing is this
//! project's: [`record`] says which crates were weighed and what each lacks.
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
    pub fn warc_record(&self, mut record: Record) -> Option<Ingested> {
        let warc_type = record.warc_type();
        if record.problem.is_none() {
            record.problem = record::check_digest(&record);
        }
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

    /// The archive being read.
    pub fn path(&self) -> &str {
        &self.path
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;

    const AT: UtcMicros = UtcMicros(0);

    fn gzip_member(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        Ok(crate::stages::ingest::gzip::gzip(bytes))
    }

    fn http_response(status: u16, reason: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        [format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(), body].concat()
    }

    fn opts(max: u64) -> IngestOptions {
        IngestOptions { max_bytes: max, min_chars: 10 }
    }

    use super::record::tests::record;

    fn ingest(bytes: &[u8], gzip: bool, max: u64) -> Vec<Ingested> {
        let o = opts(max);
        let file = FileContext { source_path: "t.warc", opts: &o, at: AT, compression: None };
        ingest_bytes(&file, bytes, gzip)
    }

    fn reasons(items: &[Ingested]) -> Vec<&str> {
        items
            .iter()
            .map(|i| match i {
                Ingested::Document(_) => "document",
                Ingested::Rejected(r) => r.reason.as_str(),
            })
            .collect()
    }

    const TEXT: &str = "지역복지사업 평가에서 우수기관으로 선정됐다는 소식이 전해졌다.";

    #[test]
    fn a_gzip_bomb_record_is_skipped_within_the_limit_and_the_next_is_read() {
        // 64 MiB of spaces inflate from ~64 KiB; the limit is 1 MiB.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let head = format!("WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {}\r\n\r\n", 64 << 20);
        enc.write_all(head.as_bytes()).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..64 {
            enc.write_all(&zeros).unwrap();
        }
        enc.write_all(b"\r\n\r\n").unwrap();
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 200_000, "{}", bomb.len());
        let file = [bomb, gzip_member(&record("conversion", TEXT.as_bytes())).unwrap()].concat();
        assert_eq!(reasons(&ingest(&file, true, 1 << 20)), ["too_large", "document"]);
    }

    #[test]
    fn a_two_gigabyte_length_in_a_small_file_is_a_cut_record() {
        let mut liar = record("response", b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>");
        let text = String::from_utf8_lossy(&liar).into_owned();
        let at = text.find("Content-Length: ").unwrap() + 16;
        let end = at + text[at..].find('\r').unwrap();
        liar.splice(at..end, b"2147483648".iter().copied());
        assert_eq!(reasons(&ingest(&liar, false, 1 << 20)), ["truncated_record"]);
    }

    #[test]
    fn files_without_pages_and_responses_without_html() {
        assert_eq!(reasons(&ingest(&record("warcinfo", b"x: y"), false, 1000)), ["empty"]);
        let png = http_response(200, "OK", "image/png", b"\x89PNG\r\n");
        let mut file = record("response", &png);
        file.extend(record("response", &http_response(500, "Oops", "text/html", b"<p>error</p>")));
        file.extend(record("conversion", b"   \r\n"));
        assert_eq!(reasons(&ingest(&file, false, 1000)), ["not_html", "http_status", "empty"]);
    }

    /// A small valid archive: a page, a conversion and a request.
    fn archive() -> Vec<u8> {
        let html = format!("<html><body><div id=article_body>{TEXT}</div></body></html>");
        let mut file = record("response", &http_response(200, "OK", "text/html; charset=utf-8", html.as_bytes()));
        file.extend(record("conversion", TEXT.as_bytes()));
        file.extend(record("request", b"GET / HTTP/1.1\r\n\r\n"));
        file
    }

    fn check(items: &[Ingested]) -> Result<(), TestCaseError> {
        prop_assert!(!items.is_empty());
        for item in items {
            match item {
                Ingested::Document(d) => {
                    prop_assert_eq!(&d.doc_id, &crate::stages::ingest::doc_id(&d.text));
                    prop_assert!(d.record_offset.is_some() && d.source_line.is_some());
                }
                Ingested::Rejected(r) => prop_assert!(r.message.len() > 10),
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Damaged archives (bytes changed, cut out or put in, anywhere, plain
        /// or gzipped) never panic, hang or lose a record: every outcome is a
        /// document or a reject that says why.
        #[test]
        fn damaged_archives_never_panic(
            edits in proptest::collection::vec((0usize..2000, any::<u8>(), 0u8..3), 0..8),
            gzip in any::<bool>(),
        ) {
            let mut file = archive();
            for (at, byte, op) in edits {
                let at = at % (file.len() + 1);
                match op {
                    0 if at < file.len() => file[at] = byte,
                    1 => file.insert(at, byte),
                    _ if at < file.len() => { file.remove(at); }
                    _ => {}
                }
            }
            let bytes = if gzip { gzip_member(&file).unwrap() } else { file };
            check(&ingest(&bytes, gzip, 4096))?;
        }

        /// Tag soup of any shape through the HTML path: never a panic, and
        /// text only from the page.
        #[test]
        fn tag_soup_pages_never_panic(parts in proptest::collection::vec(
            prop_oneof![
                Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()), Just("<br>".to_string()),
                Just("<nav>".to_string()), Just("</nav>".to_string()), Just("<script>".to_string()), Just("<!--".to_string()),
                Just("-->".to_string()), Just("<a href='".to_string()), Just("&#x".to_string()), Just("<li>".to_string()),
                "[가-힣 ]{0,20}", "[<>/=\"'&;a-z ]{0,12}",
            ], 0..60)) {
            let html = parts.concat();
            let page = crate::stages::ingest::html::page_of(&html, encoding_rs::UTF_8);
            prop_assert!(page.text.chars().filter(|c| !c.is_whitespace()).count() <= html.chars().count());
        }
    }
}
