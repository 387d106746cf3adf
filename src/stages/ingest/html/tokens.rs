//! An HTML tokenizer for extraction (not a browser's): start and end tags
//! with their attributes, text and comments, in one forward pass over the
//! decoded page. The contents of `script`, `style` and the other raw-text
//! elements are one text token up to their end tag; anything that is not a
//! well-formed tag is text. Linear time on any input, never a panic.

use std::borrow::Cow;

/// One token of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag; the name is lowercase.
    Start {
        name: Cow<'a, str>,
        attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
        self_closing: bool,
    },
    End {
        name: Cow<'a, str>,
    },
    /// Text as written (entities not yet decoded).
    Text(&'a str),
    /// Text of a raw-text element (`script`, `style`, ...).
    Raw(&'a str),
    Comment,
}

/// Elements whose content is not markup.
const RAW_TEXT: [&str; 8] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// The tokens of `html`, in order.
pub struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// After a raw-text start tag: its name, to find its end.
    raw: Option<&'static str>,
}

impl<'a> Tokens<'a> {
    pub fn new(html: &'a str) -> Self {
        Tokens { html, at: 0, raw: None }
    }

    fn raw_text(&mut self, name: &'static str) -> Token<'a> {
        let rest = &self.html.as_bytes()[self.at..];
        let mut from = 0;
        let end = loop {
            match memchr::memmem::find(&rest[from..], b"</") {
                None => break rest.len(),
                Some(i) => {
                    let tag = &rest[from + i + 2..];
                    if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
                        break from + i;
                    }
                    from += i + 2;
                }
            }
        };
        let text = &self.html[self.at..self.at + end];
        self.at += end;
        Token::Raw(text)
    }

    /// A tag, comment or declaration at `self.at` (which is `<`), or `None`
    /// when the `<` starts no markup (it is then text).
    fn markup(&mut self) -> Option<Token<'a>> {
        let bytes = self.html.as_bytes();
        let rest = &bytes[self.at..];
        match rest.get(1)? {
            b'!' | b'?' => {
                let (token, len) = if rest.starts_with(b"<!--") {
                    let end = memchr::memmem::find(&rest[4..], b"-->").map_or(rest.len(), |i| i + 7);
                    (Token::Comment, end)
                } else {
                    (Token::Comment, memchr::memchr(b'>', rest).map_or(rest.len(), |i| i + 1))
                };
                self.at += len;
                Some(token)
            }
            b'/' => {
                let name_len = rest[2..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                if name_len == 0 || !rest[2].is_ascii_alphabetic() {
                    return None;
                }
                let name = lower(&self.html[self.at + 2..self.at + 2 + name_len]);
                let end = memchr::memchr(b'>', rest).map_or(rest.len(), |i| i + 1);
                self.at += end;
                Some(Token::End { name })
            }
            c if c.is_ascii_alphabetic() => self.start_tag(),
            _ => None,
        }
    }

    fn start_tag(&mut self) -> Option<Token<'a>> {
        let bytes = self.html.as_bytes();
        let mut i = self.at + 1;
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        let name = lower(&self.html[name_start..i]);
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let key_start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b'/') && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let key = lower(&self.html[key_start..i]);
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = Cow::Borrowed("");
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (v, next) = attr_value(self.html, i);
                value = Cow::Borrowed(v);
                i = next;
            }
            if key_start == i {
                i += 1; // a stray character: step over it
            }
            attrs.push((key, value));
        }
        self.at = i;
        self.raw = RAW_TEXT.iter().copied().find(|raw| *raw == name);
        Some(Token::Start { name, attrs, self_closing })
    }
}

/// An attribute value at `i` (quoted or not) and the index after it.
fn attr_value(html: &str, i: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    match bytes.get(i) {
        Some(&q) if q == b'"' || q == b'\'' => match memchr::memchr(q, &bytes[i + 1..]) {
            Some(end) => (&html[i + 1..i + 1 + end], i + end + 2),
            None => (&html[i + 1..], bytes.len()),
        },
        _ => {
            let end =
                bytes[i..].iter().position(|b| b.is_ascii_whitespace() || *b == b'>').map_or(bytes.len(), |n| i + n);
            (&html[i..end], end)
        }
    }
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw.take() {
            if self.at < self.html.len() {
                return Some(self.raw_text(name));
            }
        }
        let bytes = self.html.as_bytes();
        if self.at >= bytes.len() {
            return None;
        }
        if bytes[self.at] == b'<' {
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        // Text up to the next `<` that starts markup.
        let start = self.at;
        let mut i = start + 1;
        loop {
            match memchr::memchr(b'<', &bytes[i.min(bytes.len())..]) {
                None => i = bytes.len(),
                Some(n) => i += n,
            }
            let starts_markup =
                bytes.get(i + 1).is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!' || c == b'?');
            if i >= bytes.len() || starts_markup {
                break;
            }
            i += 1;
        }
        self.at = i;
        Some(Token::Text(&self.html[start..i]))
    }
}

/// Decodes character references (`&amp;`, `&#44032;`, `&#xAC00;` and the
/// common named ones); unknown ones stay as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map_or(rest.len(), |n| n + 1);
        let name = &rest[1..end];
        let semicolon = rest[end..].starts_with(';');
        match entity(name) {
            Some(c) => {
                out.push(c);
                rest = &rest[end + usize::from(semicolon)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "middot" => '·',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "times" => '×',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        Tokens::new(html)
            .map(|t| match t {
                Token::Start { name, .. } => format!("<{name}>"),
                Token::End { name } => format!("</{name}>"),
                Token::Text(t) => format!("T{t}"),
                Token::Raw(t) => format!("R{t}"),
                Token::Comment => "C".into(),
            })
            .collect()
    }

    #[test]
    fn tags_text_comments_and_raw_text() {
        let html =
            "<!DOCTYPE html><P Class=\"a b\" id=x>가 < 나 &amp; 다</p><!-- c > --><script>if (a<b) x='</p>'</script>끝";
        assert_eq!(
            names(html),
            ["C", "<p>", "T가 < 나 &amp; 다", "</p>", "C", "<script>", "Rif (a<b) x='</p>'", "</script>", "T끝"]
        );
        let Some(Token::Start { attrs, .. }) = Tokens::new("<a HREF='/x?a=1&amp;b' data-x=y disabled>").next() else {
            panic!()
        };
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
        assert_eq!(attrs, [("href", "/x?a=1&amp;b"), ("data-x", "y"), ("disabled", "")]);
    }

    #[test]
    fn broken_markup_never_loops_or_panics() {
        for html in
            ["<", "<a", "<a href=\"x", "</", "<!--", "<script>never closed", "a<1b", "<a/ b/>", "<<<>>>", "<\u{AC00}>"]
        {
            let tokens: Vec<_> = Tokens::new(html).collect();
            assert!(tokens.len() <= html.len() + 1, "{html}");
        }
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("a &amp; b &#44032;&#xAC01; &nbsp;&unknown; &lt"), "a & b 가각  &unknown; <");
        assert_eq!(decode_entities("&#0;&#x110000;"), "\u{FFFD}\u{FFFD}");
    }
}
