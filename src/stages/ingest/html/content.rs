//! Main content: which element of a page holds the article, and its text.
//!
//! Rules (the "own DOM rules" of the extractor comparison in the README):
//! 1. page chrome is never text: `nav`, `aside`, `footer`, `form`, a
//!    `header` outside the article, scripts, and elements whose class or id
//!    is made of chrome words (`gnb`, `side_banner`, `article-comment`,
//!    `ranking`, ...) or whose role is navigation, banner, contentinfo;
//! 2. every run of text counts for its block (the nearest element that is
//!    not inline), minus twice the text inside links; a block passes its
//!    score to its parent whole and to its grandparent half (readability's
//!    propagation), so the element that holds the article's paragraphs wins
//!    over each paragraph and over the whole page;
//! 3. an element named as the article (`<article>`, `itemprop=articleBody`,
//!    class or id like `article_body`, `news_view_content`) counts 1.5×;
//! 4. the winner's text is rendered with one line per block and a blank
//!    line between paragraphs (`<br>` is a line break), chrome inside it
//!    left out. A page with no scoring text gives its whole non-chrome text.

use super::dom::{Display, Dom, Event, Id};

/// The article text of a parsed page (see the module doc).
pub fn main_text(dom: &Dom) -> String {
    match best_element(dom) {
        Some(id) => render(dom, Some(id)),
        None => render(dom, None),
    }
}

/// The element with the best score, if any text scores.
pub fn best_element(dom: &Dom) -> Option<Id> {
    let n = dom.elements.len();
    let mut score = vec![0f64; n];
    let mut text = vec![0u64; n];
    let mut links = vec![0u64; n];
    let mut open: Vec<Id> = Vec::new();
    for event in &dom.events {
        match event {
            Event::Open(id) => open.push(*id),
            Event::Close(id) => {
                open.pop();
                if let Some(parent) = dom.elements[*id as usize].parent {
                    text[parent as usize] += text[*id as usize];
                    links[parent as usize] += links[*id as usize];
                }
            }
            Event::Text(t) => {
                let Some(&top) = open.last() else { continue };
                let element = &dom.elements[top as usize];
                if element.chrome {
                    continue;
                }
                let chars = visible_chars(dom.text(t));
                text[top as usize] += chars;
                if element.in_link {
                    links[top as usize] += chars;
                }
                let block = block_of(dom, top);
                let value = chars as f64 - if element.in_link { 2.0 * chars as f64 } else { 0.0 };
                score[block as usize] += value;
                if let Some(parent) = dom.elements[block as usize].parent {
                    score[parent as usize] += value;
                    if let Some(grand) = dom.elements[parent as usize].parent {
                        score[grand as usize] += value / 2.0;
                    }
                }
            }
            Event::LineBreak => {}
        }
    }
    (0..n)
        .filter(|&i| !dom.elements[i].chrome && score[i] > 0.0)
        .map(|i| {
            let density = links[i] as f64 / text[i].max(1) as f64;
            let hint = if dom.elements[i].article_hint { 1.5 } else { 1.0 };
            (i, score[i] * (1.0 - density) * hint)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i as Id)
}

/// Characters of text other than ASCII white space (counted on the UTF-8
/// bytes: every byte that does not continue a character).
fn visible_chars(text: &str) -> u64 {
    // Byte counts, 255 bytes at a time (no count overflows), of `&`-ed
    // tests without branches: the compiler vectorizes it (a filtered count
    // with `&&` ran byte by byte, ~1.5% of a WARC run).
    let visible = |b: u8| u8::from((b & 0xC0 != 0x80) & !ascii_space(b));
    let chunk = |bytes: &[u8]| u64::from(bytes.iter().fold(0u8, |n, &b| n.wrapping_add(visible(b))));
    text.as_bytes().chunks(255).map(chunk).sum()
}

/// [`u8::is_ascii_whitespace`], without branches.
fn ascii_space(b: u8) -> bool {
    (b == b' ') | (b == b'\t') | (b == b'\n') | (b == 0x0C) | (b == b'\r')
}

/// The positions of the bytes that may start white space, in order: a
/// byte up to ' ', or the lead byte of U+0085/U+00A0 (0xC2), U+1680 (0xE1),
/// U+2000.. (0xE2) or U+3000 (0xE3). Hangul never is: 16 bytes are tested
/// at once (the compiler vectorizes the mask), where decoding every char of
/// a page was ~2% of a WARC run.
fn white_space_candidates(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let candidate = |b: u8| (b <= b' ') | (b == 0xC2) | (b.wrapping_sub(0xE1) < 3);
    bytes.chunks(16).enumerate().flat_map(move |(n, chunk)| {
        let mut mask = chunk.iter().enumerate().fold(0u32, |m, (k, &b)| m | (u32::from(candidate(b)) << k));
        std::iter::from_fn(move || {
            let k = (mask != 0).then(|| mask.trailing_zeros() as usize)?;
            mask &= mask - 1;
            Some(n * 16 + k)
        })
    })
}

/// The nearest element at or above `id` that is not inline.
fn block_of(dom: &Dom, mut id: Id) -> Id {
    loop {
        let element = &dom.elements[id as usize];
        match element.parent {
            Some(parent) if element.display == Display::Inline => id = parent,
            _ => return id,
        }
    }
}

/// The text of element `root` (or of the whole page), without chrome.
fn render(dom: &Dom, root: Option<Id>) -> String {
    let mut out = Writer::default();
    let mut inside = root.is_none();
    let mut chrome_depth = 0usize;
    for event in &dom.events {
        match event {
            Event::Open(id) => {
                inside |= Some(*id) == root;
                let element = &dom.elements[*id as usize];
                if element.chrome {
                    chrome_depth += 1;
                } else if inside && chrome_depth == 0 {
                    out.block(element.display);
                }
            }
            Event::Close(id) => {
                let element = &dom.elements[*id as usize];
                if element.chrome {
                    chrome_depth = chrome_depth.saturating_sub(1);
                } else if inside && chrome_depth == 0 {
                    out.block(element.display);
                }
                if Some(*id) == root {
                    break;
                }
            }
            Event::Text(t) if inside && chrome_depth == 0 => out.text(dom.text(t)),
            Event::LineBreak if inside && chrome_depth == 0 => out.line_break(),
            _ => {}
        }
    }
    out.text
}

/// Text with collapsed white space and pending line breaks.
#[derive(Default)]
struct Writer {
    text: String,
    /// Line breaks owed before the next text: 0, 1 (new line) or 2 (blank line).
    breaks: u8,
    space: bool,
}

impl Writer {
    fn block(&mut self, display: Display) {
        let breaks = match display {
            Display::Inline => return,
            Display::Line => 1,
            Display::Paragraph => 2,
        };
        self.breaks = self.breaks.max(breaks);
    }

    fn line_break(&mut self) {
        // Two `<br>` in a row make a blank line, as they show.
        self.breaks = (self.breaks + 1).min(2);
    }

    /// Adds text: its words, white space (Unicode's) collapsed.
    fn text(&mut self, t: &str) {
        let mut start = 0;
        for i in white_space_candidates(t.as_bytes()) {
            // Candidates are ASCII bytes or lead bytes: `i` is on a char boundary.
            let Some(width) = t[i..].chars().next().filter(|c| c.is_whitespace()).map(char::len_utf8) else {
                continue;
            };
            self.word(&t[start..i]);
            self.space = true;
            start = i + width;
        }
        self.word(&t[start..]);
    }

    /// Adds a word (none if empty) after the breaks or the space owed.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if !self.text.is_empty() && self.breaks > 0 {
            self.text.push_str(if self.breaks >= 2 { "\n\n" } else { "\n" });
        } else if !self.text.is_empty() && self.space {
            self.text.push(' ');
        }
        self.breaks = 0;
        self.space = false;
        self.text.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        main_text(&Dom::parse(html))
    }

    #[test]
    fn the_article_wins_over_chrome_and_lists_of_links() {
        let html = "<html><body><div class=gnb><ul><li><a>정치</a><li><a>경제</a></ul></div>\
            <div class=wrap><h1>제목입니다</h1><div id=article_body>첫 문단은 충분히 긴 기사 본문입니다.<br><br>\
            둘째 문단도 <b>굵게</b> 이어집니다.<br>같은 문단의 다음 줄.</div>\
            <div class=side_ranking><ol><li><a>많이 본 뉴스 하나는 꽤 긴 제목을 가졌습니다</a></ol></div></div>\
            <footer>Copyright 가람일보</footer></body></html>";
        assert_eq!(
            text(html),
            "첫 문단은 충분히 긴 기사 본문입니다.\n\n둘째 문단도 굵게 이어집니다.\n같은 문단의 다음 줄."
        );
    }

    #[test]
    fn paragraphs_are_gathered_by_their_parent() {
        let html = "<body><div><p>하나의 문단이 여기에 있습니다.</p><p>둘째 문단도 여기에 있습니다.</p>\
            <p>셋째 문단까지 있습니다.</p></div><div><p>다른 상자의 짧은 글</p></div></body>";
        assert_eq!(
            text(html),
            "하나의 문단이 여기에 있습니다.\n\n둘째 문단도 여기에 있습니다.\n\n셋째 문단까지 있습니다."
        );
    }

    proptest::proptest! {
        #[test]
        fn visible_chars_reads_bytes_as_chars_do(
            text in "([ \t\n\u{0B}\u{0C}\r\u{1C}-\u{1F}\u{85}\u{A0}\u{1680}\u{2000}-\u{206F}\u{3000}\u{3001}가-힣a-z]|\\PC){0,600}"
        ) {
            let visible = text.chars().filter(|c| !c.is_ascii_whitespace()).count() as u64;
            proptest::prop_assert_eq!(visible_chars(&text), visible);
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_split_at_unicode_white_space(
            pieces in proptest::collection::vec("([ \t\n\u{0B}\u{0C}\r\u{1C}-\u{1F}\u{85}\u{A0}\u{1680}\u{180E}\u{2000}-\u{206F}\u{3000}\u{3001}가-힣a-z]|\\PC){0,40}", 0..4),
            breaks in 0u8..3,
        ) {
            let mut fast = Writer { breaks, ..Writer::default() };
            let mut slow = Writer { breaks, ..Writer::default() };
            for piece in &pieces {
                fast.text(piece);
                for (i, word) in piece.split(char::is_whitespace).enumerate() {
                    slow.space |= i > 0;
                    slow.word(word);
                }
            }
            proptest::prop_assert_eq!(fast.text, slow.text);
        }
    }

    #[test]
    fn pages_without_scoring_text_give_their_non_chrome_text() {
        assert_eq!(text("<nav>메뉴</nav>"), "");
        assert_eq!(text("그냥 글자"), "그냥 글자");
    }
}
