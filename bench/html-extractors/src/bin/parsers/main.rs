//! Parse throughput of HTML tokenizer/parser crates on the study's pages
//! (`render-pages`), against the pipeline's own extraction, interleaved
//! round by round so that the shared machine's load falls on all alike.
//! Each candidate reads every page and touches what the extraction needs
//! (tag names, the class/id/role attributes, text).
//!
//! `cargo run --release --bin parsers -- DIR [ROUNDS [NAME]]`; `-- --deep=N [NAME]` times
//! N nested `<div>`s.

use std::cell::Cell;
use std::time::Instant;

#[allow(dead_code)]
mod own;

fn own_full(html: &str) -> usize {
    own::content::main_text(&own::dom::Dom::parse(html)).len()
}

fn own_tokens(html: &str) -> usize {
    use own::tokens::Token;
    let mut n = 0;
    own::tokens::tokenize(html, |t| {
        n += match t {
            Token::Start(tag) => tag.name.len() + tag.attrs().count(),
            Token::End(name) => name.len(),
            Token::Text(t) | Token::Raw(t) => t.len(),
        }
    });
    n
}

fn html5gum_callback(html: &str) -> usize {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    let mut n = 0usize;
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _span: html5gum::Span<()>| -> Option<()> {
        n += match event {
            CallbackEvent::OpenStartTag { name } | CallbackEvent::EndTag { name } => name.len(),
            CallbackEvent::AttributeName { name } => name.len(),
            CallbackEvent::AttributeValue { value } | CallbackEvent::String { value } => value.len(),
            _ => 1,
        };
        None
    });
    emitter.naively_switch_states(true);
    for _ in html5gum::Tokenizer::new_with_emitter(html, emitter) {}
    n
}

/// An emitter that copies nothing: the ceiling of html5gum's state machine.
#[derive(Default)]
struct Bare(usize);

impl html5gum::Emitter for Bare {
    type Token = ();
    fn set_last_start_tag(&mut self, _: Option<&[u8]>) {}
    fn emit_eof(&mut self) {}
    fn emit_error(&mut self, _: html5gum::Error) {}
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    fn pop_token(&mut self) -> Option<()> {
        None
    }
    fn emit_string(&mut self, c: &[u8]) {
        self.0 += c.len();
    }
    fn init_start_tag(&mut self) {}
    fn init_end_tag(&mut self) {}
    fn init_comment(&mut self) {}
    fn emit_current_tag(&mut self) -> Option<html5gum::State> {
        None
    }
    fn emit_current_comment(&mut self) {}
    fn emit_current_doctype(&mut self) {}
    fn set_self_closing(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_tag_name(&mut self, s: &[u8]) {
        self.0 += s.len();
    }
    fn push_comment(&mut self, _: &[u8]) {}
    fn push_doctype_name(&mut self, _: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn init_attribute(&mut self) {}
    fn push_attribute_name(&mut self, s: &[u8]) {
        self.0 += s.len();
    }
    fn push_attribute_value(&mut self, s: &[u8]) {
        self.0 += s.len();
    }
    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        false
    }
}

fn html5gum_bare(html: &str) -> usize {
    let mut t = html5gum::Tokenizer::new_with_emitter(html, Bare::default());
    for _ in &mut t {}
    1
}

fn html5gum_default(html: &str) -> usize {
    let mut n = 0;
    for token in html5gum::Tokenizer::new(html).flatten() {
        n += match token {
            html5gum::Token::StartTag(t) => t.name.len() + t.attributes.len(),
            html5gum::Token::EndTag(t) => t.name.len(),
            html5gum::Token::String(s) => s.len(),
            _ => 1,
        };
    }
    n
}

struct Sink(Cell<usize>);

impl html5ever::tokenizer::TokenSink for Sink {
    type Handle = ();
    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let n = match token {
            Token::TagToken(tag) => {
                let n = tag.name.len() + tag.attrs.len();
                if tag.kind == TagKind::StartTag {
                    let raw = match &*tag.name {
                        "script" => Some(html5ever::tokenizer::states::RawKind::ScriptData),
                        "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => {
                            Some(html5ever::tokenizer::states::RawKind::Rawtext)
                        }
                        "title" | "textarea" => Some(html5ever::tokenizer::states::RawKind::Rcdata),
                        _ => None,
                    };
                    self.0.set(self.0.get() + n);
                    if let Some(kind) = raw {
                        return TokenSinkResult::RawData(kind);
                    }
                    return TokenSinkResult::Continue;
                }
                n
            }
            Token::CharacterTokens(t) => t.len(),
            _ => 1,
        };
        self.0.set(self.0.get() + n);
        TokenSinkResult::Continue
    }
}

fn html5ever_tokenizer(html: &str) -> usize {
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let tok = Tokenizer::new(Sink(Cell::new(0)), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html5ever::tendril::StrTendril::from_slice(html));
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.0.get()
}

fn tl_parse(html: &str) -> usize {
    let dom = tl::parse(html, tl::ParserOptions::default()).expect("tl");
    let mut n = 0;
    for node in dom.nodes() {
        n += match node {
            tl::Node::Tag(tag) => {
                tag.name().as_bytes().len()
                    + tag.attributes().class().map_or(0, |c| c.as_bytes().len())
                    + tag.attributes().id().map_or(0, |c| c.as_bytes().len())
            }
            tl::Node::Raw(t) => t.as_bytes().len(),
            tl::Node::Comment(_) => 1,
        };
    }
    n
}

fn scraper_tree(html: &str) -> usize {
    let doc = scraper::Html::parse_document(html);
    doc.tree.values().map(|node| node.as_text().map_or(1, |t| t.len())).sum()
}

fn lol(html: &str) -> usize {
    use lol_html::{doc_text, element, HtmlRewriter, Settings};
    let n = std::rc::Rc::new(Cell::new(0usize));
    let (a, b) = (n.clone(), n.clone());
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("*", move |el| {
                let k = el.tag_name().len() + el.get_attribute("class").map_or(0, |c| c.len());
                a.set(a.get() + k);
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t| {
                b.set(b.get() + t.as_str().len());
                Ok(())
            })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).expect("lol_html");
    rewriter.end().expect("lol_html");
    n.get()
}

/// Passes over all pages per timing.
const PASSES: usize = 10;

type Candidate = (&'static str, fn(&str) -> usize);

fn candidates() -> [Candidate; 9] {
    [
        ("pipeline: tokens+tree+content", own_full),
        ("pipeline: tokens (html5gum+adapter)", own_tokens),
        ("html5gum 0.9 (callback emitter)", html5gum_callback),
        ("html5gum 0.9 (default emitter)", html5gum_default),
        ("html5gum 0.9 (no-op emitter)", html5gum_bare),
        ("html5ever 0.40 tokenizer", html5ever_tokenizer),
        ("tl 0.7 (parse)", tl_parse),
        ("lol_html 3 (element *, text)", lol),
        ("scraper 0.29 (html5ever tree)", scraper_tree),
    ]
}

/// Seconds each candidate takes on `depth` nested `<div>`s (a hostile page).
fn deep(depth: usize, candidates: &[Candidate]) {
    let html = format!("{}text{}", "<div>".repeat(depth), "</div>".repeat(depth));
    for (name, f) in candidates {
        let t = Instant::now();
        std::hint::black_box(f(&html));
        println!("{name:34} {depth} deep: {:.3} s", t.elapsed().as_secs_f64());
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: parsers DIR [ROUNDS]"));
    if let Some(depth) = dir.to_str().and_then(|d| d.strip_prefix("--deep=")) {
        let only = args.next().unwrap_or_default();
        let chosen: Vec<Candidate> = candidates().into_iter().filter(|(name, _)| name.contains(&only)).collect();
        return deep(depth.parse().expect("--deep=N"), &chosen);
    }
    let rounds: usize = args.next().map_or(5, |r| r.parse().expect("ROUNDS"));
    let mut pages: Vec<_> = std::fs::read_dir(dir.join("pages")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    let pages: Vec<String> = pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mb = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    // A third argument keeps the candidates whose name contains it (for a profiler).
    let only = args.next().unwrap_or_default();
    let candidates: Vec<Candidate> = candidates().into_iter().filter(|(name, _)| name.contains(&only)).collect();
    let mut times = vec![Vec::new(); candidates.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in candidates.iter().enumerate() {
            let t = Instant::now();
            // Ten passes a timing (~43 MB): one pass takes a few ms, too short on a loaded machine.
            let n: usize = (0..PASSES).map(|_| pages.iter().map(|p| f(p)).sum::<usize>()).sum();
            times[i].push(t.elapsed().as_secs_f64() / PASSES as f64);
            std::hint::black_box(n);
        }
    }
    println!("{} pages, {mb:.1} MB, {rounds} rounds interleaved; MB/s on one core (median, best)", pages.len());
    for ((name, _), mut t) in candidates.iter().zip(times) {
        t.sort_by(f64::total_cmp);
        println!("{name:34} {:7.1} {:7.1}", mb / t[t.len() / 2], mb / t[0]);
    }
}
