//! Writes web archives as crawlers do: WARC/1.0 records, each its own gzip
//! member in a `.warc.gz` ("record-at-a-time" compression), with
//! `WARC-Record-ID`, `WARC-Date`, `WARC-Target-URI`, a sha1 `WARC-Block-Digest`
//! and `Content-Length`. Record ids are derived from the file name and the
//! record number, dates from the crawl start: the same inputs give the same
//! bytes. Used by `gen-corpus --format warc|wet` and by the tests.

use std::io::{self, Write};

use chrono::{Duration, NaiveDateTime};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::stages::ingest::warc::record::base32;

/// An archive being written.
pub struct WarcWriter<W: Write> {
    out: W,
    name: String,
    gzip: bool,
    crawl_start: NaiveDateTime,
    /// Bytes written so far (the offset of the next record).
    pub offset: u64,
    /// Records written so far (the number of the last one).
    pub records: i64,
}

/// One record to write.
#[derive(Debug, Clone)]
pub struct RecordSpec<'a> {
    pub warc_type: &'a str,
    pub target_uri: Option<&'a str>,
    pub content_type: &'a str,
    pub block: &'a [u8],
}

impl<W: Write> WarcWriter<W> {
    /// A writer named `name` (for record ids), gzip per record if `gzip`.
    pub fn new(out: W, name: &str, gzip: bool, crawl_start: NaiveDateTime) -> Self {
        WarcWriter { out, name: name.to_string(), gzip, crawl_start, offset: 0, records: 0 }
    }

    /// Writes one record; returns its (number, offset).
    pub fn write(&mut self, spec: &RecordSpec<'_>) -> io::Result<(i64, u64)> {
        let number = self.records + 1;
        let bytes = record_bytes(spec, &record_id(&self.name, number), &self.date(number));
        let bytes = if self.gzip { gzip_member(&bytes)? } else { bytes };
        self.out.write_all(&bytes)?;
        let at = self.offset;
        self.offset += bytes.len() as u64;
        self.records = number;
        Ok((number, at))
    }

    /// Writes what a crawler writes for one fetch of `uri`: the `request`
    /// record and the `response` record holding `response` (an HTTP
    /// response block). Returns the response's (number, offset).
    pub fn fetched(&mut self, uri: &str, response: &[u8]) -> io::Result<(i64, u64)> {
        let request = http_request(uri);
        let http = "application/http; msgtype=";
        let content_type = format!("{http}request");
        self.write(&RecordSpec {
            warc_type: "request",
            target_uri: Some(uri),
            content_type: &content_type,
            block: &request,
        })?;
        let content_type = format!("{http}response");
        self.write(&RecordSpec {
            warc_type: "response",
            target_uri: Some(uri),
            content_type: &content_type,
            block: response,
        })
    }

    /// Appends a record already encoded (and gzipped, in a `.warc.gz`):
    /// a damaged one, for tests. Returns its (number, offset).
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<(i64, u64)> {
        self.out.write_all(bytes)?;
        let at = self.offset;
        self.offset += bytes.len() as u64;
        self.records += 1;
        Ok((self.records, at))
    }

    fn date(&self, number: i64) -> String {
        (self.crawl_start + Duration::seconds(number)).format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// `<urn:uuid:...>` from a hash of the file name and record number.
pub fn record_id(name: &str, number: i64) -> String {
    let hex = blake3::hash(format!("{name}#{number}").as_bytes()).to_hex();
    format!("<urn:uuid:{}-{}-{}-{}-{}>", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The bytes of one uncompressed record.
pub fn record_bytes(spec: &RecordSpec<'_>, id: &str, date: &str) -> Vec<u8> {
    let digest = base32(&crate::stages::ingest::warc::record::sha1_digest(spec.block));
    let mut head =
        format!("WARC/1.0\r\nWARC-Type: {}\r\nWARC-Record-ID: {id}\r\nWARC-Date: {date}\r\n", spec.warc_type);
    if let Some(uri) = spec.target_uri {
        head.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
    }
    head.push_str(&format!(
        "WARC-Block-Digest: sha1:{digest}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
        spec.content_type,
        spec.block.len()
    ));
    let mut out = Vec::with_capacity(head.len() + spec.block.len() + 4);
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(spec.block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// One gzip member (mtime 0, no name: byte-identical output).
pub fn gzip_member(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::new(6));
    enc.write_all(bytes)?;
    enc.finish()
}

/// An HTTP/1.1 response block with a body; `content_type` as sent (with
/// or without a charset).
pub fn http_response(status: u16, reason: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nServer: nginx\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body].concat()
}

/// The HTTP request a crawler sent for `uri`.
pub fn http_request(uri: &str) -> Vec<u8> {
    let (host, path) = uri.split_once("://").map_or(("localhost", uri), |(_, rest)| {
        rest.split_once('/').map_or((rest, "/"), |(h, p)| (h, &uri[uri.len() - p.len() - 1..]))
    });
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: welfare-awards-test-crawler/1.0\r\nAccept: text/html\r\n\r\n")
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::ingest::warc::record::{Plain, Reader};

    #[test]
    fn written_records_read_back_with_their_offsets() {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        for gzip in [false, true] {
            let mut w = WarcWriter::new(Vec::new(), "t.warc", gzip, start);
            let a = w
                .write(&RecordSpec {
                    warc_type: "warcinfo",
                    target_uri: None,
                    content_type: "application/warc-fields",
                    block: b"software: x\r\n",
                })
                .unwrap();
            let uri = "https://news.example/a?b=1";
            let body = http_response(200, "OK", "text/html", b"<p>hi</p>");
            let b = w
                .write(&RecordSpec {
                    warc_type: "response",
                    target_uri: Some(uri),
                    content_type: "application/http; msgtype=response",
                    block: &body,
                })
                .unwrap();
            let bytes = w.into_inner();
            let records: Vec<_> = if gzip {
                let members = std::io::BufReader::new(crate::stages::ingest::warc::gz::Members::new(&bytes[..]));
                Reader::new(members, 1000).collect()
            } else {
                Reader::new(Plain(&bytes[..]), 1000).collect()
            };
            assert_eq!(records.len(), 2);
            assert_eq!((records[0].number, records[0].offset), a);
            assert_eq!((records[1].number, records[1].offset), b);
            assert!(records.iter().all(|r| r.problem.is_none()), "{records:?}");
            assert_eq!(records[1].header("WARC-Target-URI"), Some(uri));
        }
        assert!(String::from_utf8(http_request("https://news.example/a?b=1"))
            .unwrap()
            .starts_with("GET /a?b=1 HTTP/1.1\r\nHost: news.example\r\n"));
    }
}
