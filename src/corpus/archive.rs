//! Generated pages as web-archive records (`gen-corpus --format warc|wet`).
//!
//! `warc`: what a crawler writes for each page: the `request`, the
//! `response` (the page as HTML, [`super::html`]; old-site pages in CP949,
//! declared only in `<meta>`) and a `metadata` record; between pages, now
//! and then, a response that is no page (an image, a redirect, a 404) or a
//! `revisit`. `wet`: Common Crawl's extracted text, one `conversion` record
//! per page. Each record is its own gzip member; the members of a page are
//! built in parallel (their ids and dates come from the document index, not
//! from their place in a file), and the writer appends them in order.

use chrono::{Duration, NaiveDate};

use super::html::{render_html, PageInfo};
use super::rng::Rng;
use super::warc::{gzip_member, http_request, http_response, record_bytes, record_id, RecordSpec};
use super::Document;

/// The records of one document, gzipped, in file order.
pub struct Archived {
    /// (WARC-Type, gzip member) of each record.
    pub members: Vec<(&'static str, Vec<u8>)>,
    /// Which member is the page (the response or conversion record).
    pub page: usize,
    /// Bytes of the records before gzip.
    pub uncompressed: usize,
    /// Encoding of the page (utf-8 or cp949).
    pub encoding: &'static str,
}

/// Shares of the extra records before a page (warc format).
const IMAGE_SHARE: f64 = 0.03;
const REDIRECT_SHARE: f64 = 0.02;
const NOT_FOUND_SHARE: f64 = 0.01;
const REVISIT_SHARE: f64 = 0.01;

/// The `warcinfo` record that starts every archive file.
pub fn warcinfo(file_name: &str) -> std::io::Result<Vec<u8>> {
    let block = b"software: welfare-awards gen-corpus\r\nformat: WARC File Format 1.0\r\nrobots: obey\r\n";
    let spec = RecordSpec { warc_type: "warcinfo", target_uri: None, content_type: "application/warc-fields", block };
    gzip_member(&record_bytes(&spec, &record_id(file_name, 0), "2026-03-01T00:00:00Z"))
}

/// The records of document `doc` in the `wet` (text) or `warc` (HTML) form.
pub fn archive(doc: &Document, seed: u64, wet: bool) -> std::io::Result<Archived> {
    let date = (NaiveDate::from_ymd_opt(2026, 3, 1).expect("date").and_hms_opt(0, 0, 0).expect("time")
        + Duration::seconds(doc.index as i64))
    .format("%Y-%m-%dT%H:%M:%SZ")
    .to_string();
    let mut out = Builder { doc, date, members: Vec::new(), uncompressed: 0 };
    if wet {
        out.add("conversion", Some(&doc.url), "text/plain", doc.text.as_bytes())?;
        return Ok(out.finish(0, "utf-8"));
    }
    let mut r = Rng::derive(seed, 4, doc.index);
    out.extra(&mut r)?;
    let (body, encoding, content_type) = page_body(doc);
    out.add("request", Some(&doc.url), "application/http; msgtype=request", &http_request(&doc.url))?;
    let page = out.members.len();
    let response = http_response(200, "OK", content_type, &body);
    out.add("response", Some(&doc.url), "application/http; msgtype=response", &response)?;
    let outlinks = format!("outlink: {}/ L a/@href\r\n", doc.url.split("/news").next().unwrap_or(&doc.url));
    out.add("metadata", Some(&doc.url), "application/warc-fields", outlinks.as_bytes())?;
    Ok(out.finish(page, encoding))
}

/// The page's HTML bytes, encoding and HTTP Content-Type.
fn page_body(doc: &Document) -> (Vec<u8>, &'static str, &'static str) {
    let charset = if doc.legacy { "euc-kr" } else { "utf-8" };
    let info = PageInfo {
        title: Some(&doc.title),
        outlet: &doc.outlet,
        url: &doc.url,
        published: doc.published,
        charset,
        style: doc.index.wrapping_mul(0x9E37_79B9) >> 7,
    };
    let html = render_html(&doc.text, &info);
    if doc.legacy {
        let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&html);
        if !unmappable {
            // Old sites: the charset only in <meta>.
            return (bytes.into_owned(), "cp949", "text/html");
        }
    }
    let html = if doc.legacy { html.replace("charset=\"euc-kr\"", "charset=\"utf-8\"") } else { html };
    (html.into_bytes(), "utf-8", "text/html; charset=UTF-8")
}

struct Builder<'a> {
    doc: &'a Document,
    date: String,
    members: Vec<(&'static str, Vec<u8>)>,
    uncompressed: usize,
}

impl Builder<'_> {
    fn add(
        &mut self,
        warc_type: &'static str,
        uri: Option<&str>,
        content_type: &str,
        block: &[u8],
    ) -> std::io::Result<()> {
        let id = record_id(&format!("doc{}", self.doc.index), self.members.len() as i64);
        let bytes = record_bytes(&RecordSpec { warc_type, target_uri: uri, content_type, block }, &id, &self.date);
        self.uncompressed += bytes.len();
        self.members.push((warc_type, gzip_member(&bytes)?));
        Ok(())
    }

    /// Now and then a record before the page that holds no page.
    fn extra(&mut self, r: &mut Rng) -> std::io::Result<()> {
        let base = self.doc.url.split("/news").next().unwrap_or(&self.doc.url).to_string();
        let roll = (r.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let http = "application/http; msgtype=response";
        if roll < IMAGE_SHARE {
            let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
            jpeg.extend((0..2000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
            let uri = format!("{base}/news/photo/{}.jpg", self.doc.index);
            self.add("response", Some(&uri), http, &http_response(200, "OK", "image/jpeg", &jpeg))?;
        } else if roll < IMAGE_SHARE + REDIRECT_SHARE {
            let uri = format!("{base}/m/{}", self.doc.index);
            let body = format!("<html><body><a href=\"{}\">Moved</a></body></html>", self.doc.url);
            self.add(
                "response",
                Some(&uri),
                http,
                &http_response(301, "Moved Permanently", "text/html", body.as_bytes()),
            )?;
        } else if roll < IMAGE_SHARE + REDIRECT_SHARE + NOT_FOUND_SHARE {
            let uri = format!("{base}/news/old/{}", self.doc.index);
            let body = b"<html><body><h1>404 Not Found</h1></body></html>";
            self.add("response", Some(&uri), http, &http_response(404, "Not Found", "text/html", body))?;
        } else if roll < IMAGE_SHARE + REDIRECT_SHARE + NOT_FOUND_SHARE + REVISIT_SHARE {
            let uri = format!("{base}/");
            self.add("revisit", Some(&uri), http, b"HTTP/1.1 304 Not Modified\r\n\r\n")?;
        }
        Ok(())
    }

    fn finish(self, page: usize, encoding: &'static str) -> Archived {
        Archived { members: self.members, page, uncompressed: self.uncompressed, encoding }
    }
}
