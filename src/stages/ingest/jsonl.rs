//! JSON Lines feeds: one article per line, as a JSON object with a required
//! non-empty string `text` (or, for a scraped page, `html`: the page's
//! source, read like an `.html` file) and optional string (or null) `url`,
//! `title`, `published` and `outlet`. Other fields are ignored. Blank lines are not
//! records; line numbers count every line, from 1.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use serde_json::{Map, Value};

/// The fields of one JSONL article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub text: String,
    /// The `html` field, when the record gives a page's source instead of `text`.
    pub html: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
}

/// Splits the (BOM-less) bytes of a feed into lines without their line
/// terminators (`\n` or `\r\n`), numbered from 1. Works on the raw bytes so
/// each record's `byte_len` is exact; UTF-16 is split on whole code units.
pub fn lines<'a>(body: &'a [u8], encoding: &'static Encoding) -> Vec<(i64, &'a [u8])> {
    let (unit, newline, carriage): (usize, &[u8], &[u8]) = if encoding == UTF_16LE {
        (2, b"\n\0", b"\r\0")
    } else if encoding == UTF_16BE {
        (2, b"\0\n", b"\0\r")
    } else {
        (1, b"\n", b"\r")
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at + unit <= body.len() {
        if &body[at..at + unit] == newline {
            out.push(&body[start..at]);
            start = at + unit;
        }
        at += unit;
    }
    if start < body.len() {
        out.push(&body[start..]);
    }
    out.into_iter().enumerate().map(|(i, line)| (i as i64 + 1, line.strip_suffix(carriage).unwrap_or(line))).collect()
}

/// Parses one non-blank line into an article, or says what is wrong with it.
pub fn parse_line(line: &str) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line 1 column N" (N counts bytes); the
        // caller names the line, and the input ends where the line does.
        let what = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
        format!("not valid JSON ({}, at byte {} of the line)", what.replace("EOF", "end of line"), e.column())
    })?;
    let Value::Object(object) = value else {
        return Err(format!("expected a JSON object, found {}", type_name(&value)));
    };
    let html = optional(&object, "html")?;
    let text = match object.get("text") {
        None if html.is_some() => String::new(),
        None => return Err("the required field \"text\" (or \"html\") is missing".to_string()),
        Some(Value::String(s)) if s.trim().is_empty() => return Err("the field \"text\" is empty".to_string()),
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(format!("the field \"text\" must be a string, found {}", type_name(other))),
    };
    Ok(Article {
        text,
        html: html.filter(|_| object.get("text").is_none()),
        url: optional(&object, "url")?,
        title: optional(&object, "title")?,
        published: optional(&object, "published")?,
        outlet: optional(&object, "outlet")?,
    })
}

/// An optional string field: absent, null and "" are all `None`.
fn optional(object: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("the field \"{field}\" must be a string, found {}", type_name(other))),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;

    use super::*;

    #[test]
    fn lines_are_numbered_from_one_without_terminators() {
        let body = b"{\"a\":1}\r\n\n{\"b\":2}\nlast";
        let got = lines(body, UTF_8);
        let expected: Vec<(i64, &[u8])> = vec![(1, b"{\"a\":1}"), (2, b""), (3, b"{\"b\":2}"), (4, b"last")];
        assert_eq!(got, expected);
        assert_eq!(lines(b"one\n", UTF_8), vec![(1, &b"one"[..])]);
    }

    #[test]
    fn utf16_lines_split_on_whole_code_units() {
        // U+0A0A (Gurmukhi) is the unit 0a 0a: neither byte alone is a line break.
        let text = "\u{0A0A}a\r\nb";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let got: Vec<String> =
            lines(&le, UTF_16LE).iter().map(|(_, l)| UTF_16LE.decode_without_bom_handling(l).0.into_owned()).collect();
        assert_eq!(got, vec!["\u{0A0A}a", "b"]);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let got: Vec<String> =
            lines(&be, UTF_16BE).iter().map(|(_, l)| UTF_16BE.decode_without_bom_handling(l).0.into_owned()).collect();
        assert_eq!(got, vec!["\u{0A0A}a", "b"]);
    }

    #[test]
    fn articles_parse_with_optional_fields() {
        let a = parse_line(r#"{"text":"본문","url":"https://news.example/1","title":null,"outlet":"","extra":[1]}"#)
            .unwrap();
        assert_eq!(
            a,
            Article { text: "본문".into(), url: Some("https://news.example/1".into()), ..Article::default() }
        );
    }

    #[test]
    fn malformed_lines_say_what_is_wrong() {
        let cases = [
            (r#"{"text": "본문""#, "not valid JSON (end of line while parsing an object, at byte 17 of the line)"),
            ("[1, 2]", "expected a JSON object, found an array"),
            (r#"{"title": "제목"}"#, "\"text\" (or \"html\") is missing"),
            (r#"{"text": 42}"#, "\"text\" must be a string, found a number"),
            (r#"{"text": "  "}"#, "\"text\" is empty"),
            (r#"{"text": "본문", "published": 20230105}"#, "\"published\" must be a string, found a number"),
        ];
        for (line, expected) in cases {
            let err = parse_line(line).unwrap_err();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }
}
