//! The tokens of a page, as the WHATWG tokenizer of the `html5gum` crate
//! reads them: start tags (lowercase names, attributes with character
//! references decoded), end tags and text (references decoded). The text of
//! `script`, `style`, `title`, `textarea` and the other raw-text elements is
//! [`Token::Raw`], up to the end tag that closes it. Comments and doctypes
//! are read past.
//!
//! This module is only the adapter: an [`html5gum::Emitter`] that builds
//! each token in buffers it reuses and lends it to a visitor, so that no
//! token allocates (html5gum's own emitters copy every token into new
//! vectors and run 3× slower; bench/html-extractors/README.md). Text that
//! html5gum hands over as consecutive pieces of the page (most of it: only
//! character references and line ends are rewritten) is lent as a slice of
//! the page, neither copied nor checked to be UTF-8 again. The tokenizer is
//! linear in the input and never panics on any input.

use std::borrow::Cow;
use std::ops::Range;

use html5gum::{naive_next_state, Emitter, Error, State, Tokenizer};

/// One token of a page, borrowed from the tokenizer until the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'t> {
    Start(&'t Tag<'t>),
    /// An end tag's lowercase name.
    End(&'t str),
    /// Text, character references decoded.
    Text(&'t str),
    /// The text of a raw-text element (`script`, `style`, `title`, ...).
    Raw(&'t str),
}

/// A start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'t> {
    /// The lowercase name.
    pub name: &'t str,
    pub self_closing: bool,
    /// The name, then each attribute's name and value, one after the other.
    text: &'t str,
    /// Each attribute's (name start, value start, end) in `text`.
    spans: &'t [[usize; 3]],
}

impl Tag<'_> {
    /// The value of the first attribute called `key` (lowercase).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Every attribute's (lowercase name, value), as written.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.spans.iter().map(|&[name, value, end]| (&self.text[name..value], &self.text[value..end]))
    }
}

/// Shows every token of `html` to `visit`, in order.
pub fn tokenize(html: &str, visit: impl FnMut(Token<'_>)) {
    let tokenizer = Tokenizer::new_with_emitter(html, Lender::new(html, visit));
    // The emitter lends every token to `visit` and yields none (its token
    // type is uninhabited): running the iterator drives the tokenizer.
    tokenizer.for_each(|token| match token {
        Ok(never) | Err(never) => match never {},
    });
}

/// Whether the tag being read is a start or an end tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    End,
}

/// The emitter: builds each token in reused buffers and lends it to `visit`.
struct Lender<'p, F> {
    /// The page being read.
    page: &'p str,
    visit: F,
    /// Text not yet shown, while it is one run of the page's bytes (held
    /// as their place in the page); html5gum hands text over in pieces.
    run: Option<Range<usize>>,
    /// Text not yet shown, once it is not (then `run` is `None`).
    text: Vec<u8>,
    /// Whether that text is the content of a raw-text element.
    raw: bool,
    kind: Kind,
    /// The tag's name, then its attributes' names and values.
    tag: Vec<u8>,
    name_len: usize,
    spans: Vec<[usize; 3]>,
    self_closing: bool,
    last_start_tag: Vec<u8>,
}

impl<'p, F: FnMut(Token<'_>)> Lender<'p, F> {
    fn new(page: &'p str, visit: F) -> Self {
        Lender {
            page,
            visit,
            run: None,
            text: Vec::new(),
            raw: false,
            kind: Kind::Start,
            tag: Vec::new(),
            name_len: 0,
            spans: Vec::new(),
            self_closing: false,
            last_start_tag: Vec::new(),
        }
    }

    /// Where `piece` sits in the page, if it is a piece of the page.
    fn place_in_page(&self, piece: &[u8]) -> Option<usize> {
        // Addresses only: html5gum gives either slices of the page or bytes
        // of its own (a decoded reference, a line feed for a carriage return).
        let at = (piece.as_ptr() as usize).checked_sub(self.page.as_ptr() as usize)?;
        (at + piece.len() <= self.page.len()).then_some(at)
    }

    /// Adds a piece of text: the borrowed run grows while the pieces follow
    /// each other in the page, and is copied out once one does not.
    fn push_text(&mut self, piece: &[u8]) {
        let at = self.place_in_page(piece);
        match (&mut self.run, at) {
            (Some(run), Some(at)) if at == run.end => run.end += piece.len(),
            (None, Some(at)) if self.text.is_empty() => self.run = Some(at..at + piece.len()),
            _ => {
                if let Some(run) = self.run.take() {
                    self.text.extend_from_slice(&self.page.as_bytes()[run]);
                }
                self.text.extend_from_slice(piece);
            }
        }
    }

    /// Shows the text read so far, if any.
    fn flush_text(&mut self) {
        let page = self.page;
        let text = match self.run.take() {
            // A run that does not start and end on character boundaries is
            // read lossily, as a copy of it would be.
            Some(run) => page.get(run.clone()).map_or_else(|| utf8(&page.as_bytes()[run]), Cow::Borrowed),
            None if self.text.is_empty() => return,
            None => utf8(&self.text),
        };
        (self.visit)(if self.raw { Token::Raw(&text) } else { Token::Text(&text) });
        self.text.clear();
    }

    fn init_tag(&mut self, kind: Kind) {
        self.kind = kind;
        self.tag.clear();
        self.spans.clear();
        self.name_len = 0;
        self.self_closing = false;
    }

    fn show_start_tag(&mut self) {
        let text = utf8(&self.tag);
        // The buffer holds pieces of a `&str` (or U+FFFD), so it is UTF-8;
        // were it not, the lossy copy's spans would be off: keep the name only.
        let lossless = matches!(text, Cow::Borrowed(_));
        let name_len = if lossless { self.name_len } else { text.len() };
        let spans = if lossless { &self.spans[..] } else { &[] };
        let name = if lossless { &text[..name_len] } else { &text[..] };
        let tag = Tag { name, self_closing: self.self_closing, text: &text, spans };
        (self.visit)(Token::Start(&tag));
    }
}

/// `bytes` as text (invalid UTF-8 replaced).
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

impl<F: FnMut(Token<'_>)> Emitter for Lender<'_, F> {
    type Token = std::convert::Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn emit_error(&mut self, _: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Self::Token> {
        None
    }

    fn emit_string(&mut self, s: &[u8]) {
        self.push_text(s);
    }

    fn init_start_tag(&mut self) {
        self.init_tag(Kind::Start);
    }

    // Inside raw text an end tag may be begun and then turn out to be text
    // (`</p` in a script): text is only shown once a tag is complete.
    fn init_end_tag(&mut self) {
        self.init_tag(Kind::End);
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        let name = &self.tag[..self.name_len];
        match self.kind {
            Kind::Start => {
                self.last_start_tag.clear();
                self.last_start_tag.extend_from_slice(name);
                self.show_start_tag();
            }
            Kind::End => {
                self.last_start_tag.clear();
                (self.visit)(Token::End(&utf8(name)));
            }
        }
        let next = if self.kind == Kind::Start { naive_next_state(&self.tag[..self.name_len]) } else { None };
        self.raw = next.is_some();
        next
    }

    fn emit_current_comment(&mut self) {
        self.flush_text();
        self.raw = false;
    }

    fn emit_current_doctype(&mut self) {
        self.flush_text();
        self.raw = false;
    }

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag.extend_from_slice(s);
        self.name_len = self.tag.len();
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        let end = self.tag.len();
        self.spans.push([end, end, end]);
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.tag.extend_from_slice(s);
        if let Some(span) = self.spans.last_mut() {
            span[1] = self.tag.len();
            span[2] = self.tag.len();
        }
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.tag.extend_from_slice(s);
        if let Some(span) = self.spans.last_mut() {
            span[2] = self.tag.len();
        }
    }

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.kind == Kind::End
            && !self.last_start_tag.is_empty()
            && self.tag[..self.name_len] == self.last_start_tag[..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(html, |t| {
            out.push(match t {
                Token::Start(tag) => format!("<{}>", tag.name),
                Token::End(name) => format!("</{name}>"),
                Token::Text(t) => format!("T{t}"),
                Token::Raw(t) => format!("R{t}"),
            })
        });
        out
    }

    #[test]
    fn tags_text_and_raw_text() {
        let html =
            "<!DOCTYPE html><P Class=\"a b\" id=x>가 < 나 &amp; 다</p><!-- c > --><script>if (a<b) x='</p>'</script>끝";
        assert_eq!(names(html), ["<p>", "T가 < 나 & 다", "</p>", "<script>", "Rif (a<b) x='</p>'", "</script>", "T끝"]);
        let mut attrs = Vec::new();
        tokenize("<a HREF='/x?a=1&amp;b' data-x=y disabled href=2>", |t| {
            if let Token::Start(tag) = t {
                attrs = tag.attrs().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                assert_eq!((tag.attr("href"), tag.attr("disabled"), tag.attr("x")), (Some("/x?a=1&b"), Some(""), None));
            }
        });
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(attrs, [("href", "/x?a=1&b"), ("data-x", "y"), ("disabled", ""), ("href", "2")]);
    }

    #[test]
    fn a_title_and_a_textarea_are_raw_text_with_references_decoded() {
        assert_eq!(names("<title>가 &amp; <b>나</title>"), ["<title>", "R가 & <b>나", "</title>"]);
    }

    #[test]
    fn broken_markup_never_loops_or_panics() {
        for html in
            ["<", "<a", "<a href=\"x", "</", "<!--", "<script>never closed", "a<1b", "<a/ b/>", "<<<>>>", "<\u{AC00}>"]
        {
            let tokens = names(html);
            assert!(tokens.len() <= html.len() + 1, "{html}");
        }
        assert_eq!(names("a<1b"), ["Ta<1b"]);
        assert_eq!(names("<script>never closed"), ["<script>", "Rnever closed"]);
    }

    #[test]
    fn text_lent_from_the_page_and_text_rewritten_read_the_same() {
        assert_eq!(names("가나\r\n다 &lt;라&gt;\r마<br>바"), ["T가나\n다 <라>\n마", "<br>", "T바"]);
        assert_eq!(names("<p>\0가</p>"), ["<p>", "T\0가", "</p>"]);
        assert_eq!(names("<title>a\r\nb</title>c"), ["<title>", "Ra\nb", "</title>", "Tc"]);
    }

    #[test]
    fn character_references() {
        assert_eq!(names("a &amp; b &#44032;&#xAC01; &unknown; &lt")[0], "Ta & b 가각 &unknown; <");
        assert_eq!(names("&#0;&#x110000;&hellip;&middot;")[0], "T\u{FFFD}\u{FFFD}…·");
    }
}
