//! HTML pages: the bytes of one page become its decoded main-content text
//! and its metadata. The text then goes through the clean stage like any
//! other, so page noise inside the article body is still removed there.
//!
//! The encoding is taken, in order, from the HTTP `Content-Type` header (in
//! a WARC response), the page's `<meta charset>` or `http-equiv`, its byte
//! order mark, and detection ([`decode::decode`]). A declared charset is
//! used only if the page decodes in it as cleanly as any text input must
//! (servers and pages often declare a charset they do not use); otherwise
//! the next source decides.

pub mod content;
pub mod dom;
pub mod meta;
pub mod names;
pub mod tokens;

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::decode::{self, Decoded};
pub use meta::PageMeta;

/// The text and metadata of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub encoding: &'static Encoding,
    pub meta: PageMeta,
}

/// Decodes a page (see the module doc) and extracts its main content; `Err`
/// says why the bytes are not text.
pub fn extract(bytes: &[u8], http_charset: Option<&str>) -> Result<Page, String> {
    let decoded = decode_page(bytes, http_charset)?;
    let page = page_of(&decoded.text, decoded.encoding);
    decode::check_text(&page.text).map_err(|why| format!("text {why}"))?;
    Ok(page)
}

/// The main content and metadata of decoded HTML.
pub fn page_of(html: &str, encoding: &'static Encoding) -> Page {
    let mut meta = meta::MetaReader::default();
    let dom = dom::Dom::parse_with(html, |token| meta.see(token));
    Page { text: content::main_text(&dom), encoding, meta: meta.finish() }
}

/// The page's bytes decoded in the first encoding that fits (module doc).
pub fn decode_page<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Result<Decoded<'a>, String> {
    // The page's own declaration costs a tokenizer pass over its head: it
    // is read only when the server's charset does not decide.
    let from_meta = std::iter::once_with(|| meta::declared_charset(bytes).map(Cow::Owned)).flatten();
    for label in http_charset.map(Cow::Borrowed).into_iter().chain(from_meta) {
        let Some(mut encoding) = Encoding::for_label(label.trim().as_bytes()) else { continue };
        // A page read as ASCII cannot have declared UTF-16 truthfully.
        if encoding == UTF_16LE || encoding == UTF_16BE {
            encoding = UTF_8;
        }
        if let Ok(decoded) = decode::decode_declared(encoding, bytes) {
            return Ok(decoded);
        }
    }
    decode::decode_markup(bytes).map_err(|e| e.0)
}

/// Whether decoded text is HTML source: it starts (after white space) with
/// a doctype, `<html>`, `<head>` or a comment followed by one of these.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    for _ in 0..4 {
        if !rest.starts_with("<!--") {
            break;
        }
        let end = rest.find("-->").map_or(rest.len(), |i| i + 3);
        rest = rest[end..].trim_start();
    }
    let head: String = rest.chars().take(14).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head")
}

#[cfg(test)]
mod tests {
    use encoding_rs::EUC_KR;

    use super::*;

    const BODY: &str = "<body><div id=article_body>지역복지사업 평가에서 우수기관으로 선정됐다.</div></body>";

    #[test]
    fn a_euc_kr_page_declared_only_in_meta_decodes() {
        let html = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head>{BODY}</html>"
        );
        let (bytes, _, _) = EUC_KR.encode(&html);
        let page = extract(&bytes, None).unwrap();
        assert_eq!((page.encoding, page.text.as_str()), (EUC_KR, "지역복지사업 평가에서 우수기관으로 선정됐다."));
    }

    #[test]
    fn the_http_header_wins_unless_it_lies() {
        let html = format!("<meta charset=utf-8>{BODY}");
        let (cp949, _, _) = EUC_KR.encode(&html);
        // Header says EUC-KR, meta says UTF-8, bytes are EUC-KR: the header wins.
        assert_eq!(extract(&cp949, Some("EUC-KR")).unwrap().encoding, EUC_KR);
        // Header and meta say UTF-8, the bytes are not: detection decides.
        assert_eq!(extract(&cp949, Some("utf-8")).unwrap().encoding, EUC_KR);
        // A BOM decides when nothing is declared.
        let with_bom = [&b"\xEF\xBB\xBF"[..], BODY.as_bytes()].concat();
        let page = extract(&with_bom, Some("nonsense")).unwrap();
        assert_eq!((page.encoding, page.text.starts_with('지')), (UTF_8, true));
    }

    #[test]
    fn html_source_is_recognised() {
        assert!(looks_like_html("\n <!DOCTYPE html><html>"));
        assert!(looks_like_html("<!-- saved --><HTML lang=ko>"));
        assert!(!looks_like_html("지역복지사업 평가 <b>결과</b>"));
    }
}
