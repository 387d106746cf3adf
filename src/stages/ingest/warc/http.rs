//! The HTTP response inside a WARC `response` record: status line, headers
//! and the body as the server sent it, with its transfer coding (chunked)
//! and content coding (gzip, deflate) undone within a size limit.

use std::borrow::Cow;
use std::io::Read;

use super::record::header;
use crate::stages::ingest::html::meta::{charset_param, media_type};

/// A parsed HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<'a> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as sent (borrowed from the block) or decoded.
    pub body: Cow<'a, [u8]>,
}

impl Response<'_> {
    /// The media type of `Content-Type`, lowercased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        media_type(header(&self.headers, "Content-Type")?)
    }

    /// The `charset` parameter of `Content-Type`, if any.
    pub fn charset(&self) -> Option<&str> {
        charset_param(header(&self.headers, "Content-Type")?)
    }
}

/// Why a response body could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// Not an HTTP response (no status line, no header end).
    Malformed(String),
    /// A coding that does not decode, or is not supported.
    Undecodable(String),
    /// The decoded body is over the limit.
    TooLarge(u64),
}

/// Parses a response block; the body is decoded to at most `limit` bytes.
pub fn parse(block: &[u8], limit: u64) -> Result<Response<'_>, HttpError> {
    let head_end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or_else(|| HttpError::Malformed("no end of the HTTP headers".into()))?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next().map(str::parse::<u16>)) {
        (Some(v), Some(Ok(code))) if v.starts_with("HTTP/") => code,
        _ => {
            let shown: String = status_line.chars().take(40).collect();
            return Err(HttpError::Malformed(format!("no HTTP status line (found {shown:?})")));
        }
    };
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    let raw = &block[head_end.1..];
    let chunked = header(&headers, "Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = match chunked.then(|| dechunk(raw)).flatten() {
        Some(dechunked) => Cow::Owned(dechunked),
        None => Cow::Borrowed(raw),
    };
    let body = match header(&headers, "Content-Encoding").map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("identity") => body,
        Some("gzip") | Some("x-gzip") => {
            Cow::Owned(inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit, "gzip")?)
        }
        Some("deflate") => Cow::Owned(match inflate(flate2::read::ZlibDecoder::new(&body[..]), limit, "deflate") {
            Err(HttpError::Undecodable(_)) => inflate(flate2::read::DeflateDecoder::new(&body[..]), limit, "deflate")?,
            other => other?,
        }),
        Some(other) => return Err(HttpError::Undecodable(format!("unsupported Content-Encoding {other:?}"))),
    };
    if body.len() as u64 > limit {
        return Err(HttpError::TooLarge(limit));
    }
    Ok(Response { status, headers, body })
}

/// Reads a decoder to its end, at most `limit` bytes.
fn inflate(decoder: impl Read, limit: u64, coding: &str) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::new();
    match decoder.take(limit + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => Err(HttpError::TooLarge(limit)),
        Ok(_) => Ok(out),
        Err(e) => Err(HttpError::Undecodable(format!("the {coding} Content-Encoding does not decode: {e}"))),
    }
}

/// The body of a chunked transfer coding; `None` when it is not one
/// (crawlers often store the body already de-chunked but keep the header).
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = memchr::memchr(b'\n', raw)?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").or_else(|| raw.strip_prefix(b"\n")).unwrap_or(raw);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn status_headers_and_plain_body() {
        let r = parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-KR\r\n\r\n<p>hi</p>", 100).unwrap();
        assert_eq!((r.status, &r.body[..]), (200, &b"<p>hi</p>"[..]));
        assert_eq!((r.media_type().as_deref(), r.charset()), (Some("text/html"), Some("EUC-KR")));
        assert_eq!(parse(b"HTTP/1.0 404 Not Found\n\nnope", 100).unwrap().status, 404);
    }

    #[test]
    fn chunked_and_gzip_bodies_decode_within_the_limit() {
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n";
        assert_eq!(&parse(chunked, 100).unwrap().body[..], b"Wikipedia");
        let already = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>";
        assert_eq!(&parse(already, 100).unwrap().body[..], b"<html>");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&[b'a'; 10_000]).unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(enc.finish().unwrap());
        assert_eq!(parse(&block, 10_000).unwrap().body.len(), 10_000);
        assert_eq!(parse(&block, 9_999), Err(HttpError::TooLarge(9_999)));
        let n = block.len();
        block.truncate(n - 10);
        assert!(matches!(parse(&block, 10_000), Err(HttpError::Undecodable(_))));
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(matches!(parse(br, 100), Err(HttpError::Undecodable(m)) if m.contains("br")));
    }

    #[test]
    fn not_http() {
        assert!(matches!(parse(b"<html>no head</html>", 100), Err(HttpError::Malformed(_))));
        assert!(matches!(parse(b"GET / HTTP/1.1\r\n\r\n", 100), Err(HttpError::Malformed(_))));
    }
}
