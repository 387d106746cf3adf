//! Page metadata from the markup: the declared charset, canonical URL,
//! title, publication date and outlet, from `<meta>`, `<link>`, `<title>`
//! and JSON-LD (`<script type="application/ld+json">`). A date given here
//! is the publisher's own and beats any date in the text; what a crawler
//! adds (the WARC date) is not read here.

use serde_json::Value;

use super::tokens::{tokenize, Token};

/// How many leading bytes are searched for a `<meta>` charset (browsers
/// look at 1024; pages with long `<head>`s put it later).
const CHARSET_PREFIX: usize = 4096;

/// What the markup says about the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
}

/// The charset label a `<meta charset>` or `<meta http-equiv=Content-Type>`
/// declares in the first bytes of a page (read as ASCII).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let prefix = &bytes[..bytes.len().min(CHARSET_PREFIX)];
    // Read as ASCII (a legacy page's other bytes become '?').
    let ascii: String;
    let head = match std::str::from_utf8(prefix) {
        Ok(head) => head,
        Err(_) => {
            ascii = prefix.iter().map(|&b| if b.is_ascii() { b as char } else { '?' }).collect();
            &ascii
        }
    };
    let mut found = None;
    tokenize(head, |token| match token {
        Token::Start(tag) if found.is_none() && tag.name == "meta" => found = meta_charset(|key| tag.attr(key)),
        _ => {}
    });
    found
}

/// The charset a `<meta>` tag declares, by its attributes.
fn meta_charset<'v>(attr: impl Fn(&str) -> Option<&'v str>) -> Option<String> {
    if let Some(charset) = attr("charset").map(str::trim).filter(|c| !c.is_empty()) {
        return Some(charset.to_string());
    }
    let equiv = attr("http-equiv").is_some_and(|e| e.trim().eq_ignore_ascii_case("content-type"));
    let content = attr("content").filter(|_| equiv)?;
    charset_param(content).map(str::to_string)
}

/// The media type of a `Content-Type` value, lowercased.
pub fn media_type(content_type: &str) -> Option<String> {
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// Reads the metadata of a decoded page.
pub fn page_meta(html: &str) -> PageMeta {
    let mut reader = MetaReader::default();
    tokenize(html, |token| reader.see(&token));
    reader.finish()
}

/// Collects the metadata of a page from its tokens, in one pass with the
/// parse of its body ([`super::dom::Dom::parse_with`]).
#[derive(Default)]
pub struct MetaReader {
    found: Found,
    in_title: bool,
    in_json_ld: bool,
}

impl MetaReader {
    /// Looks at the next token of the page.
    pub fn see(&mut self, token: &Token<'_>) {
        let found = &mut self.found;
        match token {
            Token::Start(tag) => {
                let attr = |key: &str| tag.attr(key);
                (self.in_title, self.in_json_ld) = (false, false);
                match tag.name {
                    "meta" => found.meta(attr("property").or(attr("name")).or(attr("itemprop")), attr("content")),
                    "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                        set(&mut found.canonical, attr("href"));
                    }
                    "title" => self.in_title = found.title.is_none(),
                    "script" => {
                        self.in_json_ld = attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                    }
                    _ => {}
                }
            }
            Token::End(_) => (self.in_title, self.in_json_ld) = (false, false),
            Token::Raw(text) if self.in_title => {
                set(&mut found.title, Some(text));
                self.in_title = false;
            }
            Token::Raw(text) if self.in_json_ld => {
                if let Ok(value) = serde_json::from_str::<Value>(text) {
                    json_ld(&value, found, 0);
                }
                self.in_json_ld = false;
            }
            _ => {}
        }
    }

    pub fn finish(self) -> PageMeta {
        self.found.finish()
    }
}

/// Every candidate value, by where it came from.
#[derive(Default)]
struct Found {
    og_url: Option<String>,
    canonical: Option<String>,
    og_title: Option<String>,
    title: Option<String>,
    ld_headline: Option<String>,
    published_meta: Option<String>,
    ld_published: Option<String>,
    site_name: Option<String>,
}

impl Found {
    fn meta(&mut self, key: Option<&str>, content: Option<&str>) {
        let Some(key) = key.map(str::to_ascii_lowercase) else { return };
        match key.as_str() {
            "og:url" => set(&mut self.og_url, content),
            "og:title" => set(&mut self.og_title, content),
            "og:site_name" => set(&mut self.site_name, content),
            "article:published_time"
            | "date"
            | "pubdate"
            | "publishdate"
            | "datepublished"
            | "article.published"
            | "dc.date.issued"
            | "dcterms.created" => set(&mut self.published_meta, content),
            _ => {}
        }
    }

    fn finish(self) -> PageMeta {
        let outlet = self.site_name;
        // A <title> that is only the site's name is no headline.
        let title = (self.og_title.or(self.ld_headline).or(self.title)).filter(|t| Some(t) != outlet.as_ref());
        PageMeta {
            url: self.canonical.or(self.og_url),
            title,
            published: self.published_meta.or(self.ld_published),
            outlet,
        }
    }
}

/// Sets `slot` to the value, white space collapsed, unless it holds one.
fn set(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_some() {
        return;
    }
    let value = value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "));
    *slot = value.filter(|v| !v.is_empty());
}

/// `datePublished` and `headline` of a JSON-LD value (objects, arrays, `@graph`).
fn json_ld(value: &Value, found: &mut Found, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_ld(v, found, depth + 1)),
        Value::Object(map) => {
            set(&mut found.ld_published, map.get("datePublished").and_then(Value::as_str));
            set(&mut found.ld_headline, map.get("headline").and_then(Value::as_str));
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, found, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_meta_charset_or_http_equiv() {
        assert_eq!(declared_charset(b"<html><head><meta charset=\"euc-kr\">").as_deref(), Some("euc-kr"));
        let equiv = b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ks_c_5601-1987'>";
        assert_eq!(declared_charset(equiv).as_deref(), Some("ks_c_5601-1987"));
        assert_eq!(declared_charset(b"<meta name=description content='charset=x'>"), None);
    }

    #[test]
    fn open_graph_beats_title_and_json_ld_dates_count() {
        let html = r#"<head><title>제목 : 가람일보</title><meta property="og:title" content="기사 &amp; 제목">
            <meta property="og:site_name" content="가람일보"><meta property="og:url" content="https://a.example/1">
            <link rel="canonical" href="https://a.example/news/1">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-05-13T09:00:00+09:00"}]}</script>
            </head>"#;
        let meta = page_meta(html);
        assert_eq!(meta.title.as_deref(), Some("기사 & 제목"));
        assert_eq!(meta.outlet.as_deref(), Some("가람일보"));
        assert_eq!(meta.url.as_deref(), Some("https://a.example/news/1"));
        assert_eq!(meta.published.as_deref(), Some("2024-05-13T09:00:00+09:00"));
        let meta = page_meta(
            r#"<meta property="article:published_time" content="2023-01-05"><title>가람일보</title><meta property="og:site_name" content="가람일보">"#,
        );
        assert_eq!((meta.published.as_deref(), meta.title), (Some("2023-01-05"), None));
    }
}
