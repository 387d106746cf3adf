//! Which inputs are accepted, decided by file name (case-insensitive):
//!
//! | name                         | read as                                  |
//! |------------------------------|------------------------------------------|
//! | `*.txt`, `*.text`, no extension | one article per file                  |
//! | `*.jsonl`, `*.ndjson`        | one article per line (JSON object)       |
//! | `*.html`, `*.htm`, `*.xhtml` | one web page per file (main content)     |
//! | `*.warc`, `*.wet`, `*.wat`   | a web archive: one document per `response` or `conversion` record |
//! | any of the above + `.gz`     | the same, gzip-compressed (a WARC record by record) |
//!
//! Anything else (`.pdf`, `.docx`, `.zip`, `.tar.gz`, ...) is
//! rejected as `unsupported_type`: guessing at other formats would put page
//! markup or document internals into the text. Files without an extension are
//! text because scrapers often save pages under bare ids.

use std::path::Path;

/// How the records of an input are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The whole file is one article.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One HTML page.
    Html,
    /// A web archive (WARC 1.0/1.1, Common Crawl's WET and WAT files too).
    Warc,
}

/// What an input file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputKind {
    pub format: Format,
    /// The file is gzip-compressed (`.gz`).
    pub gzip: bool,
}

/// The accepted names, for messages.
pub const ACCEPTED: &str =
    ".txt, .text, .jsonl, .ndjson, .html, .htm, .xhtml, .warc, .wet, .wat, no extension, or any of these + .gz";

/// Classifies an input by its file name; `Err` holds the unsupported suffix.
pub fn classify(source_path: &str) -> Result<InputKind, String> {
    let name = Path::new(source_path).file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let (inner, gzip) = match name.strip_suffix(".gz") {
        Some(inner) => (inner, true),
        None => (name.as_str(), false),
    };
    let extension = Path::new(inner).extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    let format = match extension.as_str() {
        "" | "txt" | "text" => Format::Text,
        "jsonl" | "ndjson" => Format::Jsonl,
        "html" | "htm" | "xhtml" => Format::Html,
        "warc" | "wet" | "wat" => Format::Warc,
        other => return Err(format!(".{other}{}", if gzip { ".gz" } else { "" })),
    };
    Ok(InputKind { format, gzip })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str) -> Result<(Format, bool), String> {
        classify(name).map(|k| (k.format, k.gzip))
    }

    #[test]
    fn accepted_names() {
        assert_eq!(kind("in/a.txt"), Ok((Format::Text, false)));
        assert_eq!(kind("in/a.TEXT"), Ok((Format::Text, false)));
        assert_eq!(kind("in/20230105_0001"), Ok((Format::Text, false)));
        assert_eq!(kind("in/2023.01.05.txt"), Ok((Format::Text, false)));
        assert_eq!(kind("in/a.txt.gz"), Ok((Format::Text, true)));
        assert_eq!(kind("in/a.GZ"), Ok((Format::Text, true)));
        assert_eq!(kind("in/feed.jsonl"), Ok((Format::Jsonl, false)));
        assert_eq!(kind("in/feed.ndjson.gz"), Ok((Format::Jsonl, true)));
        assert_eq!(kind("in/.hidden"), Ok((Format::Text, false)));
        assert_eq!(kind("in/page.HTML"), Ok((Format::Html, false)));
        assert_eq!(kind("in/page.htm.gz"), Ok((Format::Html, true)));
        assert_eq!(kind("in/crawl.warc"), Ok((Format::Warc, false)));
        assert_eq!(kind("in/CC-MAIN-1.warc.gz"), Ok((Format::Warc, true)));
        assert_eq!(kind("in/CC-MAIN-1.warc.wet.gz"), Ok((Format::Warc, true)));
    }

    #[test]
    fn other_types_are_unsupported() {
        assert_eq!(kind("in/report.pdf"), Err(".pdf".into()));
        assert_eq!(kind("in/report.DOCX"), Err(".docx".into()));
        assert_eq!(kind("in/pages.tar.gz"), Err(".tar.gz".into()));
        assert_eq!(kind("in/a.txt.gz.gz"), Err(".gz.gz".into()));
    }
}
