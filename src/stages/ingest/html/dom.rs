//! A light document tree for extraction, built from html5gum's tokens
//! ([`super::tokens`]): the elements of a page (tag, parent, whether they
//! are page chrome, by the names of [`super::names`]) and, in document
//! order, the events that open and close them and the text between.
//! Browsers' implied end tags are followed where pages rely on them (`<p>`
//! closed by the next block, `<li>` by the next item, table cells and rows).
//! Bounded on hostile input: no element is opened deeper than [`MAX_DEPTH`]
//! and no more than [`MAX_ELEMENTS`] are made (past either, tags are ignored
//! and their text belongs to the deepest open element: a documented
//! truncation of the structure, never of the text).
//!
//! Why not a crate's tree: the one well-kept WHATWG tree builder, html5ever's
//! (behind `scraper`, `dom_query`), builds the tree at ~80 MB/s where this
//! one and the tokenizer run at ~300 MB/s, and it has no depth bound: its
//! scope checks walk the stack of open elements, so 20,000 nested `<div>`s
//! take 1.6 s and 100,000 take most of a minute
//! (bench/html-extractors/README.md). `tl` is fast but drops every end tag
//! that does not close the innermost element, so one unclosed `<p>` nests
//! the rest of the page into it.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::names::PageNames;
use super::tokens::{self, Tag, Token};

pub const MAX_DEPTH: usize = 256;
pub const MAX_ELEMENTS: usize = 500_000;

/// The index of an element.
pub type Id = u32;

/// One element.
#[derive(Debug, Clone)]
pub struct Element {
    pub tag: Cow<'static, str>,
    pub parent: Option<Id>,
    /// Page chrome by its tag, class, id or role (navigation, footers,
    /// comment blocks, ...), itself or through an ancestor.
    pub chrome: bool,
    /// Marked as the article by its tag, itemprop, class or id.
    pub article_hint: bool,
    /// Inside an `<a>` (itself or an ancestor).
    pub in_link: bool,
    /// Inside an `<article>`, `<main>` or a hinted article (not itself).
    pub in_article: bool,
    /// How its text is laid out.
    pub display: Display,
}

/// How an element's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// Part of the enclosing block's line (`a`, `span`, `b`, ...).
    Inline,
    /// Its own line (`div`, `li`, `tr`, ...).
    Line,
    /// A paragraph: a blank line before and after (`p`, `h1`, `ul`, `table`, ...).
    Paragraph,
}

/// Inline elements: their text belongs to the enclosing block.
const INLINE: [&str; 27] = [
    "a", "abbr", "b", "big", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd", "label",
    "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "u",
];

/// Elements that stand apart as paragraphs.
const PARAGRAPHS: [&str; 17] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "figure",
    "hr",
    "section",
    "article",
];

/// `KNOWN_TAGS`, and `known_tag`: a known element name's index in it (a
/// `match` on literals, compiled to length and integer compares).
macro_rules! known_tags {
    ($($tag:literal),+ $(,)?) => {
        const KNOWN_TAGS: &[&str] = &[$($tag),+];

        fn known_tag(name: &str) -> Option<usize> {
            match name {
                $($tag => Some(const { index_of($tag) }),)+
                _ => None,
            }
        }
    };
}

/// The index of `tag` in [`KNOWN_TAGS`] (at compile time).
const fn index_of(tag: &str) -> usize {
    let mut i = 0;
    while i < KNOWN_TAGS.len() {
        let (a, b) = (KNOWN_TAGS[i].as_bytes(), tag.as_bytes());
        let mut same = a.len() == b.len();
        let mut j = 0;
        while same && j < a.len() {
            same = a[j] == b[j];
            j += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("not a known tag")
}

known_tags! {
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big", "blockquote",
    "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist",
    "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure",
    "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map",
    "mark", "marquee", "menu", "meta", "meter", "nav", "noembed", "noframes", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s",
    "samp", "script", "search", "section", "select", "small", "source", "span", "strike", "strong", "style", "sub",
    "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
    "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp"
}

fn display(tag: &str) -> Display {
    if INLINE.contains(&tag) {
        Display::Inline
    } else if PARAGRAPHS.contains(&tag) {
        Display::Paragraph
    } else {
        Display::Line
    }
}

/// What the tree needs to know of an element name: looked up once per
/// start tag (a known name's from a table made once).
#[derive(Debug, Clone)]
struct TagKind {
    tag: Cow<'static, str>,
    void: bool,
    /// Its start closes an open `<p>`.
    closes_p: bool,
    display: Display,
    /// A tag of page chrome ([`PageNames::is_chrome_tag`]).
    chrome: bool,
}

impl TagKind {
    fn new(tag: Cow<'static, str>, names: &PageNames) -> TagKind {
        let name = tag.as_ref();
        let (void, closes_p) = (VOID.contains(&name), CLOSES_P.contains(&name));
        TagKind { void, closes_p, display: display(name), chrome: names.is_chrome_tag(name), tag }
    }

    /// The kind of the (lowercase) element name `name`.
    fn of(name: &str) -> TagKind {
        static KNOWN: LazyLock<Vec<TagKind>> = LazyLock::new(|| {
            KNOWN_TAGS.iter().map(|&tag| TagKind::new(Cow::Borrowed(tag), PageNames::get())).collect()
        });
        match known_tag(name) {
            Some(i) => KNOWN[i].clone(),
            None => TagKind::new(Cow::Owned(name.to_string()), PageNames::get()),
        }
    }
}

/// What happens, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Open(Id),
    Close(Id),
    /// Text (character references decoded, white space as written): its
    /// place in [`Dom::text`].
    Text(Range<usize>),
    /// A `<br>`.
    LineBreak,
}

/// A parsed page body.
#[derive(Debug, Default)]
pub struct Dom {
    pub elements: Vec<Element>,
    pub events: Vec<Event>,
    /// The text of every [`Event::Text`], one after the other.
    pub text: String,
}

const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose start closes an open `<p>`.
const CLOSES_P: [&str; 26] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
];

impl Dom {
    /// Parses `html`.
    pub fn parse(html: &str) -> Dom {
        Self::parse_with(html, |_| {})
    }

    /// Parses `html`, showing every token to `see` as well (one pass for
    /// the body and the metadata).
    pub fn parse_with(html: &str, mut see: impl FnMut(&Token<'_>)) -> Dom {
        // Room for a typical page's events and elements (growing them was ~1% of a WARC run).
        let mut dom = Dom {
            elements: Vec::with_capacity(html.len() / 128),
            events: Vec::with_capacity(html.len() / 48),
            text: String::with_capacity(html.len() / 4),
        };
        let mut open: Vec<Id> = Vec::new();
        tokens::tokenize(html, |token| {
            see(&token);
            match token {
                Token::Start(tag) => dom.start(&mut open, tag),
                Token::End(name) => {
                    if let Some(at) = open.iter().rposition(|&id| dom.elements[id as usize].tag == name) {
                        for id in open.drain(at..).rev() {
                            dom.events.push(Event::Close(id));
                        }
                    }
                }
                Token::Text(text) => {
                    let start = dom.text.len();
                    dom.text.push_str(text);
                    dom.events.push(Event::Text(start..dom.text.len()));
                }
                Token::Raw(_) => {}
            }
        });
        for id in open.into_iter().rev() {
            dom.events.push(Event::Close(id));
        }
        dom
    }

    /// The text of an [`Event::Text`].
    pub fn text(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    /// Opens the element of a start tag (within the bounds).
    fn start(&mut self, open: &mut Vec<Id>, tag: &Tag<'_>) {
        let name = tag.name;
        if name == "br" {
            self.events.push(Event::LineBreak);
            return;
        }
        let kind = TagKind::of(name);
        if kind.void {
            return;
        }
        self.close_implied(open, name, kind.closes_p);
        if open.len() >= MAX_DEPTH || self.elements.len() >= MAX_ELEMENTS {
            return;
        }
        let element = self.element(kind, open.last().copied(), |key| tag.attr(key));
        let id = self.elements.len() as Id;
        self.elements.push(element);
        self.events.push(Event::Open(id));
        if tag.self_closing && !matches!(name, "div" | "p" | "span" | "a") {
            self.events.push(Event::Close(id));
        } else {
            open.push(id);
        }
    }

    /// Closes what the start of `name` implicitly ends (`closes_p`: an
    /// open `<p>`, if it is the innermost element).
    fn close_implied(&mut self, open: &mut Vec<Id>, name: &str, closes_p: bool) {
        let stop_at: &[&str] = match name {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "td" | "th" => &["tr", "table"],
            "tr" => &["table", "tbody", "thead", "tfoot"],
            "option" => &["select", "datalist"],
            _ if closes_p => {
                if open.last().is_some_and(|&id| self.elements[id as usize].tag == "p") {
                    let id = open.pop().expect("checked");
                    self.events.push(Event::Close(id));
                }
                return;
            }
            _ => return,
        };
        let closes: &[&str] = match name {
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            other => std::slice::from_ref(match other {
                "li" => &"li",
                "tr" => &"tr",
                _ => &"option",
            }),
        };
        let tags = |id: &Id| self.elements[*id as usize].tag.as_ref();
        let scope = open.iter().rposition(|id| stop_at.contains(&tags(id))).map_or(0, |i| i + 1);
        if let Some(at) = open[scope..].iter().position(|id| closes.contains(&tags(id))) {
            for id in open.drain(scope + at..).rev() {
                self.events.push(Event::Close(id));
            }
        }
    }

    fn element<'v>(&self, kind: TagKind, parent: Option<Id>, attr: impl Fn(&str) -> Option<&'v str>) -> Element {
        let TagKind { tag: name, display, chrome: chrome_tag, .. } = kind;
        let tag = name.as_ref();
        let up = parent.map(|p| &self.elements[p as usize]);
        let in_link = tag == "a" || up.is_some_and(|p| p.in_link);
        let inside_article =
            up.is_some_and(|p| p.in_article || p.tag == "article" || p.tag == "main" || p.article_hint);
        if up.is_some_and(|p| p.chrome) {
            // Inside chrome everything is chrome: its names need no reading.
            let (chrome, article_hint) = (true, false);
            return Element { parent, chrome, article_hint, in_link, in_article: inside_article, display, tag: name };
        }
        let names = match (attr("class"), attr("id")) {
            (None, None) => String::new(),
            (class, id) => {
                let (class, id) = (class.unwrap_or(""), id.unwrap_or(""));
                let mut names = String::with_capacity(class.len() + 1 + id.len());
                names.extend([class, " ", id]);
                names.make_ascii_lowercase();
                names
            }
        };
        let role = attr("role").unwrap_or("").to_ascii_lowercase();
        let itemprop = attr("itemprop").unwrap_or("");
        let words = PageNames::get();
        let chrome_tag = chrome_tag || (tag == "header" && !inside_article);
        let chrome_role = words.is_chrome_role(&role);
        let article_hint =
            tag == "article" || itemprop.eq_ignore_ascii_case("articleBody") || words.is_article_name(&names);
        let chrome = chrome_tag
            || chrome_role
            || attr("hidden").is_some()
            || attr("aria-hidden") == Some("true")
            || (words.is_chrome_name(&names) && !article_hint);
        Element { parent, chrome, article_hint, in_link, in_article: inside_article, display, tag: name }
    }

    /// `id` and its ancestors, nearest first.
    pub fn ancestors(&self, id: Option<Id>) -> impl Iterator<Item = &Element> + '_ {
        std::iter::successors(id.map(|i| &self.elements[i as usize]), move |e| {
            e.parent.map(|p| &self.elements[p as usize])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of_open(dom: &Dom) -> Vec<String> {
        dom.events
            .iter()
            .map(|e| match e {
                Event::Open(id) => format!("<{}>", dom.elements[*id as usize].tag),
                Event::Close(id) => format!("</{}>", dom.elements[*id as usize].tag),
                Event::Text(t) => dom.text(t).to_string(),
                Event::LineBreak => "|".into(),
            })
            .collect()
    }

    #[test]
    fn implied_end_tags_are_followed() {
        let dom = Dom::parse("<p>a<p>b<div>c</div><ul><li>d<li>e</ul><table><tr><td>f<td>g<tr><td>h</table>");
        assert_eq!(
            tags_of_open(&dom).join(""),
            "<p>a</p><p>b</p><div>c</div><ul><li>d</li><li>e</li></ul><table><tr><td>f</td><td>g</td></tr><tr><td>h</td></tr></table>"
        );
        let dom = Dom::parse("a<br>b<img src=x>&amp;</span>c");
        assert_eq!(tags_of_open(&dom), ["a", "|", "b", "&", "c"]);
    }

    #[test]
    fn chrome_and_article_hints() {
        let dom = Dom::parse(
            "<header><h1>site</h1></header><div class='gnb'><a>x</a></div><article><header>h</header>\
             <div id=article_body>t</div><div class='article-comment'>c</div></article><footer><p>f</p></footer>",
        );
        let chrome: Vec<(&str, bool)> = dom.elements.iter().map(|e| (e.tag.as_ref(), e.chrome)).collect();
        assert_eq!(
            chrome,
            [
                ("header", true),
                ("h1", true),
                ("div", true),
                ("a", true),
                ("article", false),
                ("header", false),
                ("div", false),
                ("div", true),
                ("footer", true),
                ("p", true)
            ]
        );
        assert!(dom.elements[6].article_hint && dom.elements[4].article_hint && !dom.elements[5].article_hint);
        assert!(dom.elements[3].in_link);
    }

    #[test]
    fn depth_and_element_counts_are_bounded() {
        let deep = format!("{}text{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let dom = Dom::parse(&deep);
        assert_eq!(dom.elements.len(), MAX_DEPTH);
        assert_eq!(dom.text, "text");
        assert!(matches!(TagKind::of("div").tag, Cow::Borrowed("div")) && TagKind::of("my-tag").tag == "my-tag");
        assert_eq!(
            KNOWN_TAGS.iter().map(|&t| known_tag(t).map(|i| KNOWN_TAGS[i])).collect::<Vec<_>>(),
            KNOWN_TAGS.iter().map(|&t| Some(t)).collect::<Vec<_>>()
        );
    }
}
