//! Page chrome, one line at a time: the furniture a site puts around an
//! article. Its families: buttons, share rows and copy-link feedback,
//! comment widgets (counts, delete prompts, login prompts, etiquette
//! notices), reading aids and their notices (font size, read aloud, AI
//! summaries, reading-time widgets), subscription and app promos, link
//! lines, skip links, ad slots, rows of section tabs, a board's posting
//! rules, a reporter's beat line and the publisher's registration footer;
//! with [`super::addressed`] notices to the reader, [`super::leftovers`]
//! (skip links, script names) and [`super::particulars`] (contact fields,
//! a footer's address, a broadcast's air time and presenter).
//! A share row may have lost the spaces between its buttons
//! ("트위터페이스북밴드"): a word glued from button words is a button.
//!
//! The words are in `data/clean/noise.toml` (`[ui]`, `[copyright]`); this
//! module holds the shapes: how long a line may be for a word to make it
//! chrome, whether a sentence may be chrome, what a button row, a link line
//! or an ad slot looks like. A body sentence that merely contains a chrome
//! word ("공유하기 위해", "구독") is longer than chrome, or is a sentence the
//! word does not make chrome.

use super::addressed::{is_addressed_notice, is_polite_notice, without_closing_marks};
use super::leftovers::{is_script_name, is_skip_link};
use super::lexicon::{lists, Lexicon};
use super::noise::{is_sentence, Line, BULLETS};
use super::text::{char_len, hangul_count};

/// A line of page chrome is at most this long.
const UI_LINE_CHARS: usize = 60;
/// A notice of a reading aid (an AI summary's disclaimer) is at most this long.
const NOTICE_CHARS: usize = 300;
/// An entry of a pipe-separated menu bar is at most this long.
const MENU_BAR_ENTRY_CHARS: usize = 8;
/// A link line has at most this many Hangul syllables beside its address.
const LINK_LINE_HANGUL: usize = 10;
/// A link line is at most this long.
const LINK_LINE_CHARS: usize = 120;
/// A registration footer names at least this many of its fields.
const FOOTER_FIELDS: usize = 2;
/// A counter line is at most this long (in bytes).
const COUNTER_BYTES: usize = 40;
/// A registration footer is at most this long.
const FOOTER_CHARS: usize = 600;
/// A reading-time widget is at most this long (in bytes).
const READING_TIME_BYTES: usize = 60;
/// A reporter's beat line is at most this long.
const BEAT_LINE_CHARS: usize = 100;
/// A row of section tabs is at most this long.
const SECTION_ROW_CHARS: usize = 120;
/// A row of section tabs has at least this many words.
const SECTION_ROW_WORDS: usize = 6;
/// A bracketed outlet credit is at most this long (in bytes).
const CREDIT_BYTES: usize = 40;

/// Page chrome: buttons, menus, share and comment widgets, reading aids,
/// promos, link lines, ad slots.
pub fn is_ui(line: &Line, lex: &Lexicon) -> bool {
    let (text, c) = (line.text, line.core);
    if c.is_empty() {
        return !text.is_empty() && text.chars().all(|ch| BULLETS.contains(&ch) || matches!(ch, ' ' | '.' | ':' | '!'));
    }
    let m = lex.matchers();
    if m.ui_lines.has(c) {
        return true;
    }
    // A button after a pointer mark ("▲ 제보하기", "☞ 댓글쓰기"); gate: the mark.
    if let Some(rest) = c.strip_prefix(['▲', '△', '☞', '▸', '▹']) {
        if m.ui_lines.has(rest.trim_start()) {
            return true;
        }
    }
    // A short line with chrome words, or chrome worded as a sentence
    // ("해당된 기사를 공유합니다"); any line up to a paragraph, the notice of
    // a reading aid ("... 3줄로 요약한 결과입니다. ... 본문 전체 읽기를
    // 권장합니다."). One search a line: `ui_contains` and `ui_sentences` hold
    // the notices too.
    let words = match (line.chars, line.sentence || ends_like_a_sentence(text)) {
        (0..=UI_LINE_CHARS, false) => Some((lists::UI_CONTAINS | lists::UI_NOTICES, &m.ui_contains)),
        (0..=UI_LINE_CHARS, true) => Some((lists::UI_SENTENCES | lists::UI_NOTICES, &m.ui_sentences)),
        (0..=NOTICE_CHARS, _) => Some((lists::UI_NOTICES, &m.ui_notices)),
        _ => None,
    };
    if words.is_some_and(|(bits, any)| line.has_word(lex, bits, any)) {
        return true;
    }
    is_tag_row(c)
        || is_menu_bar(text)
        || is_button_row(line, lex)
        || is_counter(c, lex)
        || is_link_line(line)
        || is_slot_name(c)
        || is_fragment(c)
        || is_comment_rule(line, lex)
        || is_source_line(line, lex)
        || is_char_counter(c)
        || is_relative_time(c)
        || is_rule_line(c)
        || is_bracketed_credit(text.trim(), lex)
        || is_reading_time(c, lex)
        || is_beat_line(line, lex)
        || is_section_row(line, lex)
        || is_skip_link(c, lex)
        || is_script_name(c)
        || is_addressed_notice(line, lex)
        || super::particulars::is_particular(line, lex)
}

/// A reading-time widget ("읽는 시간 2분", "아이콘 읽는시간 40초"): a
/// reading-time phrase, then only a duration, on a short line. A headline
/// about reading ("책 읽는 시간 늘린 가람구") names no duration after it.
fn is_reading_time(core: &str, lex: &Lexicon) -> bool {
    // Gate: short, ending with a unit of a duration.
    if core.len() > READING_TIME_BYTES || !(core.ends_with('초') || core.ends_with('분')) {
        return false;
    }
    lex.ui.reading_time.iter().any(|w| {
        core.split_once(w.as_str()).is_some_and(|(_, rest)| {
            let rest = rest.trim_start_matches([' ', ':', '약']);
            !rest.is_empty() && rest.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, ' ' | '초' | '분'))
        })
    })
}

/// A reporter's beat line under the byline ("가람구청, 나람군을 담당하고
/// 있습니다."): one short polite sentence ending with a beat phrase. News
/// prose says "담당하고 있다" and stays; so does a quote (it ends with its
/// speech verb).
fn is_beat_line(line: &Line, lex: &Lexicon) -> bool {
    // Gate: short, ending in "니다".
    let end = line.text.trim_end_matches(['.', ' ']);
    if line.chars > BEAT_LINE_CHARS || !end.ends_with("니다") {
        return false;
    }
    lex.ui.beat_endings.iter().any(|e| end.ends_with(e.as_str()))
        && !end.contains(['"', '\'', '“', '”'])
        && !end.contains("다. ")
}

/// A row of section tabs ("머니 산업 IT·과학 사회 오피니언 라이프"): six or
/// more short words without punctuation, at least three of them (and a
/// third) section names, alone or joined by ·, & or /. Award content ("대상",
/// "분야") is never such a row.
fn is_section_row(line: &Line, lex: &Lexicon) -> bool {
    // Gate: long enough for six words, short enough for a row, no sentence.
    if line.sentence || line.chars < 12 || line.chars > SECTION_ROW_CHARS || line.text.contains([',', '.', '"']) {
        return false;
    }
    let m = lex.matchers();
    let words: Vec<&str> = line.core.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < SECTION_ROW_WORDS || words.iter().any(|w| char_len(w) > MENU_BAR_ENTRY_CHARS) {
        return is_glued_section_row(line.core, lex);
    }
    let sections = words.iter().filter(|w| w.split(['·', '&', '/']).any(|p| m.section_names.has(p))).count();
    sections >= 3 && sections * 3 >= words.len() && !m.keep_words.is_in(line.text)
}

/// A row of section tabs that lost the spaces between its tabs
/// ("정치/지방자치사회/경제교육 기획/특집지방의회"): every piece between
/// spaces, slashes and dots a section name or section names glued together,
/// six names at least.
fn is_glued_section_row(core: &str, lex: &Lexicon) -> bool {
    let names = &lex.matchers().section_names;
    let mut count = 0;
    let all_names = core.split([' ', '/', '·', '&']).filter(|p| !p.is_empty()).all(|p| {
        let n = if names.has(p) { 1 } else { glued_buttons(p, names) };
        count += n;
        n > 0
    });
    all_names && count >= SECTION_ROW_WORDS && !lex.matchers().keep_words.is_in(core)
}

/// A separator rule alone on a line ("//////////", "==========", "~~~~~~"):
/// only rule marks, at least three.
fn is_rule_line(core: &str) -> bool {
    const MARKS: &[u8] = b"/=_~+#.*-";
    // Gate: the first byte is a rule mark (most lines fail on it).
    core.len() >= 3 && MARKS.contains(&core.as_bytes()[0]) && core.bytes().all(|b| MARKS.contains(&b) || b == b' ')
}

/// A news agency's or outlet's credit alone in brackets, under a caption or
/// atop a repost ("(가람뉴스)", "[나람일보]", "<ABC>"): the name ends like an
/// outlet's name, or is a call sign of two to eight capital letters.
fn is_bracketed_credit(core: &str, lex: &Lexicon) -> bool {
    // Gate: the line opens with a bracket and is short (most lines fail on the first byte).
    if core.len() > CREDIT_BYTES || !core.starts_with(['(', '[', '<', '【', '〈', '《']) {
        return false;
    }
    let mut chars = core.chars();
    let (open, close) = (chars.next(), chars.next_back());
    let pair = matches!(
        (open, close),
        (Some('('), Some(')'))
            | (Some('['), Some(']'))
            | (Some('<'), Some('>'))
            | (Some('【'), Some('】'))
            | (Some('〈'), Some('〉'))
            | (Some('《'), Some('》'))
    );
    let name = chars.as_str().trim();
    if !pair || name.is_empty() || name.contains([' ', '=', ':', '(', '[', '<']) {
        return false;
    }
    let call_sign = (2..=8).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && name.bytes().any(|b| b.is_ascii_uppercase());
    call_sign || (super::metadata::looks_like_outlet(name, lex) && !lex.matchers().keep_words.is_in(name))
}

/// A rule of the comment widget: a polite notice naming a comment and a
/// sanction ("... 댓글은 예고 없이 삭제합니다.", "... 댓글을 달 수 없게
/// 됩니다."), a short polite request about comments ("댓글에 예의를 지켜
/// 주세요."), or a short heading of the policy ("건전한 댓글 운영 원칙").
/// News prose about comments ends in 했다 / 밝혔다, not in 니다, and stays;
/// so does a headline that names a sanction but no policy.
pub fn is_comment_rule(line: &Line, lex: &Lexicon) -> bool {
    if line.chars > NOTICE_CHARS {
        return false;
    }
    let m = lex.matchers();
    // Gate: the line names a comment; else it may be a board's posting rule
    // ("... 게시물은 약관에 따라 제재를 받을 수 있습니다."): a polite notice
    // naming a post and a sanction.
    if !line.text.contains("댓글") {
        return is_polite_notice(line.text) && m.posting_words.is_in(line.text) && m.comment_sanctions.is_in(line.text);
    }
    let short = line.chars <= UI_LINE_CHARS;
    if is_polite_notice(line.text) {
        return short || m.comment_sanctions.is_in(line.text);
    }
    short && !line.sentence && m.comment_policies.is_in(line.text)
}

/// A source line: a source label, a colon (or '=') and the source, alone
/// on a short line, maybe in brackets ("출처: 가람군 보도자료", "【자료제공:
/// 가람구 홍보과】", "[뉴스출처 : 가람시]").
fn is_source_line(line: &Line, lex: &Lexicon) -> bool {
    // Gate: short, not a sentence, with a colon or '='.
    if line.chars > UI_LINE_CHARS || line.sentence || !(line.text.contains(':') || line.text.contains('=')) {
        return false;
    }
    let c = line.core.trim_start_matches(['[', '(', '<', '【', '〔', '*', ' ']);
    if !lex.matchers().source_labels.starts(c) {
        return false;
    }
    lex.ui
        .source_labels
        .iter()
        .any(|l| c.strip_prefix(l.as_str()).is_some_and(|rest| rest.trim_start().starts_with([':', '='])))
}

/// The character counter of a comment box ("0 /300자", "12/400자").
fn is_char_counter(core: &str) -> bool {
    let Some(rest) = core.strip_suffix('자') else { return false };
    let Some((typed, limit)) = rest.split_once('/') else { return false };
    let digits = |s: &str| {
        let s = s.trim();
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b',')
    };
    digits(typed) && digits(limit)
}

/// A relative time stamp alone on a line ("4시간전", "3분 전", "2일전").
fn is_relative_time(core: &str) -> bool {
    let Some(rest) = core.strip_suffix('전') else { return false };
    let rest = rest.trim_end();
    let number = ["초", "분", "시간", "일", "주", "개월", "달", "년"].iter().find_map(|u| rest.strip_suffix(u));
    number.is_some_and(|n| !n.is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit()) && !n.trim().is_empty())
}

/// Whether a line ends like a sentence or a question, however short
/// ("공유하세요.", "삭제하시겠습니까?").
fn ends_like_a_sentence(text: &str) -> bool {
    without_closing_marks(text).ends_with(['다', '요', '까', '죠', '음', '함', '임', '됨'])
}

/// A tag row: "#복지 #지역복지사업" ('#' is one byte: a longer tag has more bytes).
fn is_tag_row(core: &str) -> bool {
    core.split(' ').all(|t| t.starts_with('#') && t.len() > 1)
}

/// A menu bar: three or more short entries between pipes ("뉴스홈 | 정치 | 경제").
fn is_menu_bar(text: &str) -> bool {
    if !text.contains('|') {
        return false;
    }
    let mut entries = 0;
    let all_short = text
        .split('|')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .inspect(|_| entries += 1)
        .all(|e| char_len(e) <= MENU_BAR_ENTRY_CHARS && !is_sentence(e));
    all_short && entries >= 3
}

/// A button row: two or more words, every one a button word ("fa tw gp",
/// "카카오톡 링크", "기사듣기실행 기사듣기중지"), or one button word after a
/// bullet ("· ba"). A word may be button words glued together, as a page
/// loses the spaces between its icons ("유튜브페이스북인스타", "보내기카카오톡").
fn is_button_row(line: &Line, lex: &Lexicon) -> bool {
    let buttons = &lex.matchers().ui_tokens;
    let (mut tokens, mut glued) = (0, false);
    let may_glue = line.chars <= UI_LINE_CHARS;
    let all_buttons = line.core.split([' ', '|', '·', '/', '+']).filter(|t| !t.is_empty()).all(|t| {
        tokens += 1;
        buttons.has(t)
            || (may_glue && glued_buttons(t, buttons) >= 2 && {
                glued = true;
                true
            })
    });
    all_buttons && (tokens >= 2 || glued || (tokens == 1 && line.text.starts_with(BULLETS)))
}

/// A glued piece of a button word is at most this long (characters).
const GLUED_BUTTON_CHARS: usize = 8;

/// How many button words (or words of another set: section names) of two or
/// more characters `word` is made of, glued together ("트위터페이스북밴드" is
/// three); 0 when it is not made of them.
/// Gate: the first piece must be a button word, so most words fail within a
/// few lookups.
fn glued_buttons(word: &str, buttons: &super::lexicon::OneOf) -> usize {
    // The ends of the word's first 2..=GLUED_BUTTON_CHARS characters, short of the whole word.
    let mut first_piece_ends = word.char_indices().skip(2).take(GLUED_BUTTON_CHARS - 1).map(|(i, _)| i);
    if !first_piece_ends.any(|end| buttons.has(&word[..end])) {
        return 0;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
    // pieces[k]: the fewest pieces that make word[..bounds[k]], if any.
    let mut pieces: Vec<Option<usize>> = vec![None; bounds.len()];
    pieces[0] = Some(0);
    for k in 0..bounds.len() {
        let Some(n) = pieces[k] else { continue };
        for j in k + 2..=(k + GLUED_BUTTON_CHARS).min(bounds.len() - 1) {
            if buttons.has(&word[bounds[k]..bounds[j]]) && pieces[j].is_none_or(|m| m > n + 1) {
                pieces[j] = Some(n + 1);
            }
        }
    }
    pieces[bounds.len() - 1].unwrap_or(0)
}

/// A counter: a counter word, then a number ("조회 : 358", "조회수 98",
/// "추천 0", "댓글 3건").
fn is_counter(core: &str, lex: &Lexicon) -> bool {
    // Gate: short, ending with a digit or a counting unit.
    if core.len() > COUNTER_BYTES || !core.ends_with(|c: char| c.is_ascii_digit() || c == '회' || c == '건') {
        return false;
    }
    lex.ui.counters.iter().any(|w| {
        core.strip_prefix(w.as_str()).is_some_and(|rest| {
            let n = rest.trim_start_matches([' ', ':']).trim_end_matches(['회', '건']);
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b',')
        })
    })
}

/// A line that is a web address, an image reference or a link with a few
/// words ("가람.example.kr", "![](https://...)", "▶홈페이지: http://...").
/// Gate: a URL has "http" or "www.", an image reference starts with "![",
/// a bare domain has a dot and no space.
fn is_link_line(line: &Line) -> bool {
    let (text, c) = (line.text, line.core);
    if text.starts_with("![") {
        return true;
    }
    if (text.contains("http") || text.contains("www."))
        && (text.contains("://") || text.contains("www."))
        && !line.sentence
        && line.chars <= LINK_LINE_CHARS
    {
        return hangul_count(text) <= LINK_LINE_HANGUL;
    }
    is_bare_domain(c)
}

/// "bombom.example.com": letters, digits, dots and hyphens only, ending in
/// a top-level domain of letters.
fn is_bare_domain(core: &str) -> bool {
    // Gate: every byte of a bare domain is one of these (most lines fail on their first).
    if !core.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
        return false;
    }
    let Some((host, tld)) = core.rsplit_once('.') else {
        return false;
    };
    (2..=4).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && host.bytes().any(|b| b.is_ascii_lowercase())
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// The name of an ad slot or template block ("default_news_ad1",
/// "feature-top"): lowercase ASCII words joined by underscores or hyphens.
fn is_slot_name(core: &str) -> bool {
    // Gate: every byte of a slot name is one of these (most lines fail on their first).
    core.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && core.contains(['_', '-'])
        && core.bytes().any(|b| b.is_ascii_lowercase())
        && core
            .split(['_', '-'])
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A lone letter or syllable left of a cut-off widget ("다", "저"); a
/// number alone is not one (rank numbers are judged elsewhere).
fn is_fragment(core: &str) -> bool {
    let mut chars = core.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_numeric())
}

/// The publisher's registration footer ("주소 | 대표전화 : ... | 청소년보호책임자
/// : ... | 등록번호 : ..."): several of its field names, written as fields.
/// Its dates are the outlet's registration, never the article's.
pub fn is_footer(line: &Line, lex: &Lexicon) -> bool {
    let fields = &lex.matchers().footer_fields;
    // Gate: fields are written "name : value" or between pipes.
    line.chars <= FOOTER_CHARS
        && line.has_word(lex, lists::FOOTER_FIELDS, fields)
        && (line.text.contains(':') || line.text.contains('|'))
        && fields.distinct_in(line.text) >= FOOTER_FIELDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::get()
    }

    fn ui(text: &str) -> bool {
        is_ui(&Line::new(text), lex())
    }

    #[test]
    fn ui_lines() {
        assert!(ui("· 해당된 기사를 공유합니다"));
        assert!(ui("로그인"));
        assert!(ui("페이스북 트위터 카카오스토리 밴드 URL복사"));
        assert!(ui("모바일 버전으로 보기"));
        assert!(ui("뉴스홈 | 정치 | 경제 | 사회 | 지역"));
        assert!(ui("#복지 #지역복지사업평가 #가람구"));
        assert!(!ui("위기가구 제보하기 캠페인에 주민 300명이 참여했다."));
        assert!(!ui("누리집에 로그인 후 신청하면 된다."));
        assert!(ui("(끝)"));
        assert!(ui("Print Friendly"));
        assert!(!ui("Print friendly pages were added to the welfare board."));
        assert!(ui("박아무 기자 다른기사 보기"));
        assert!(!ui("구는 로그인 없이 쓸 수 있는 복지 상담 창구를 열었다."));
    }

    /// Every line of `chrome` is page chrome; no line of `body` is.
    fn family(chrome: &[&str], body: &[&str]) {
        for line in chrome {
            assert!(ui(line), "chrome kept: {line}");
        }
        for line in body {
            assert!(!ui(line), "body dropped: {line}");
        }
    }

    /// Share rows with the spaces between their icons lost; a body line
    /// naming the same services stays.
    #[test]
    fn glued_share_rows() {
        family(
            &["인스타유튜브페이스북", "카카오톡으로 보내기네이버 밴드", "밴드트위터"],
            &["유튜브", "유튜브와 인스타그램으로 소식을 알린다", "유튜브 채널에서 복지 정책을 소개하는 영상을 올렸다."],
        );
        assert_eq!(glued_buttons("밴드트위터", &lex().matchers().ui_tokens), 2);
        assert_eq!(glued_buttons("가람구청", &lex().matchers().ui_tokens), 0);
    }

    /// A reading-time widget names a duration; a headline about reading does not.
    #[test]
    fn reading_time_widgets() {
        family(
            &["아이콘읽는 시간 2분", "읽는시간 45초", "예상 읽기 시간: 약 3분"],
            &["책 읽는 시간 늘린 가람구", "아이와 책 읽는 시간을 10분 늘렸다"],
        );
    }

    /// Posting rules of a board, worded without "댓글"; news about posts stays.
    #[test]
    fn posting_rules_without_the_word_comment() {
        family(
            &["비방이나 광고성 게시물은 운영정책에 따라 예고 없이 삭제될 수 있습니다."],
            &[
                "구는 허위 게시물을 올린 계정에 대해 삭제를 요청했다고 밝혔다.",
                "게시물 삭제 요청이 늘었다",
                "누리집 게시물은 언제든 확인할 수 있습니다.",
            ],
        );
    }

    /// A reporter's beat line under the byline; prose about duties stays.
    #[test]
    fn reporter_beat_lines() {
        family(
            &["나람시청과 가람군, 교육 분야를 담당하고 있습니다.", "시의회와 경찰서를 출입하고 있습니다"],
            &["홍 팀장은 위기가구 발굴 업무를 담당하고 있다.", "\"저희 팀이 이 업무를 담당하고 있습니다\"라고 말했다."],
        );
    }

    /// Rows of section tabs; a body line listing fields with award words stays.
    #[test]
    fn section_tab_rows() {
        family(
            &["산업 금융 IT·과학 사회 문화 오피니언 라이프 연재", "정치&정책 경제 사회 지역 스포츠 포토 영상"],
            &["정치 경제 사회 문화 복지 분야 우수", "가람구는 정치 경제 사회 문화 분야의 협력을 강화했다고 밝혔다."],
        );
        // The tabs glued together, spaces lost (furniture study 4).
        family(
            &["정치/지방자치사회/경제교육/문화농업/환경 기관동정오피니언기획/특집지방의회"],
            &["교육문화 복지행정 종합평가", "사회복지/보건복지 우수 기관 선정", "경제교육 문화농업 축제"],
        );
    }

    /// Read-aloud buttons, share targets, period tabs of a most-read box,
    /// the boxes of a site's own videos and digests, a contact footer; body
    /// lines with the same words stay.
    #[test]
    fn read_aloud_share_targets_tabs_boxes_and_contact_footer() {
        family(
            &["· 트위터 엑스", "기사듣기 중지", "음성 듣기 서비스", "본문 음성듣기", "일간 주간 월간"],
            &["오늘", "가람구는 음성 듣기 서비스를 어르신 가구에 보급했다고 밝혔다.", "오늘 주간 회의가 열렸다"],
        );
        for header in ["오늘의 영상", "인기영상", "종합 뉴스", "출향인 소식"] {
            assert!(crate::stages::clean::noise::is_list_header(&Line::new(header), lex()), "{header}");
        }
        assert!(!crate::stages::clean::noise::is_list_header(&Line::new("가람구 소식이 종합 뉴스에 실렸다"), lex()));
        assert!(is_footer(&Line::new("Tel : 02-000-0000 팩스 : 02-000-0001"), lex()));
        assert!(!is_footer(&Line::new("구는 전화번호와 팩스 번호를 새로 안내했다."), lex()));
    }

    /// Payment forms, e-paper and article links, image-zoom hints, subscription
    /// buttons; body sentences with the same words stay.
    #[test]
    fn payment_forms_links_and_zoom_hints() {
        family(
            &[
                "무통장입금 정보",
                "금액을 확인하고 입금하실 분의 이름을 적어 주세요.",
                "PDF 지면보기",
                "가람뉴스 기사보기",
                "<사진을 클릭하시면 크게 보실 수 있습니다>",
                "[가람+ 구독신청] [기사구매]",
            ],
            &[
                "구는 무통장입금 방식의 후원 창구도 열었다고 밝혔다.",
                "사진전은 작품을 크게 볼 수 있도록 꾸몄다고 밝혔다.",
                "신문 지면보기 서비스 이용자가 늘었다고 구는 밝혔다.",
            ],
        );
    }

    /// Furniture study 4: zoom buttons, counter labels, reading-aid controls
    /// and notices cut mid-line, a copyright notice cut mid-line; body lines
    /// with the same words stay.
    #[test]
    fn zoom_counters_reading_aids_and_cut_notices() {
        family(
            &[
                "이미지 확대",
                "조회수",
                "듣기 읽어주기 기능은 가람 브라우저의",
                "음성재생 설정",
                "키보드 단축키 안내",
                "번역beta Translated by garam",
                "호수 683",
            ],
            &[
                "구는 이미지 확대 기능을 갖춘 돋보기를 어르신에게 나눠줬다고 밝혔다.",
                "조회수 1위",
                "호수 공원 2곳",
                "책 읽어주기 기능을 갖춘 로봇을 경로당에 보급했다.",
                "구는 음성재생 장치를 복지관 30곳에 놓았다고 밝혔다.",
            ],
        );
        let copyright = |t: &str| crate::stages::clean::noise::is_copyright(&Line::new(t), lex());
        assert!(copyright("< 가람일보의 콘텐츠는 저작권법의 보호"));
        assert!(!copyright("전시 작품은 저작권법의 보호를 받는다고 구는 설명했다."));
    }

    /// Comment widgets: counts, the delete prompt, login and etiquette notices.
    #[test]
    fn comment_widgets() {
        let chrome = [
            "댓글 0",
            "댓글0",
            "--comment--",
            "댓글삭제",
            "삭제한 댓글은 되살릴 수 없습니다. 그래도 삭제하시겠습니까?",
            "삭제하시겠습니까?",
            "계정을 선택하시면 로그인·계정인증을 거쳐",
            "댓글을 남기실 수 있습니다.",
            "첫 번째 댓글을 작성해 보세요.",
            "12 개의 댓글",
            "3 개의 의견이 있습니다.",
            "기사에 대한 의견을 남겨주세요.",
            "의견쓰기",
            "※ 아래 댓글은 고지 없이 삭제하겠습니다.",
            "·욕설 ·개인정보 노출 ·명예훼손 소지가 있는 댓글 ·같은 글 반복 게시 ·광고성 글 ·기타 법령에 어긋나는 글",
        ];
        let body = [
            "구는 주민 댓글 300건을 모아 복지 계획에 반영했다고 밝혔다.",
            "구청장은 주민에게 \"함께 하시겠습니까\"라고 물었다.",
            "주민 10명의 의견이 있었다고 구는 전했다.",
            "주민들은 온라인 의견 남기기 창구를 통해 모두 120건의 제안을 냈다고 구는 설명했다.",
            "이 밖에 청소년 유해 정보 차단 사업도 함께 평가받았다.",
        ];
        family(&chrome, &body);
    }

    #[test]
    fn share_and_copy_link_feedback() {
        let chrome = [
            "기사 URL이 복사되었습니다.",
            "주소복사가 완료되었습니다",
            "· 카카오톡 링크",
            "· 페이스북 공유하기",
            "fa tw gp",
            "· ka ks url",
            "add remove print link",
            "SNS 공유하기",
            "이 콘텐츠를 공유하세요.",
            "트위터페이스북구글플러스",
        ];
        family(&chrome, &["구는 복지 정보를 이웃과 공유하기 위해 안내 책자를 냈다.", "복지 정보 공유하기 캠페인"]);
        // The generic words: the address, the clipboard, a login wall.
        family(
            &["기사 URL 공유 ✕", "클립보드로 옮겼어요 ✓", "로그인 후 추천 가능 ▷"],
            &["구는 로그인 후 바로 쓸 수 있는 복지 앱을 만들었다고 밝혔다."],
        );
    }

    /// A newsroom's toolbar, site search, satisfaction survey and a table's
    /// screen-reader caption; body lines on surveys and tables stay.
    #[test]
    fn newsroom_toolbars_surveys_and_table_captions() {
        family(
            &[
                "도구모음",
                "해당 메뉴에서 검색하기",
                "Text Size",
                "이 페이지 안내에 만족하셨습니까?",
                "게시물 목록 - 번호, 제목, 등록일 정보를 제공하는 표입니다.",
            ],
            &[
                "구는 주민 만족도 조사에서 복지 서비스가 높은 점수를 받았다고 밝혔다.",
                "구는 수급자 정보를 제공하는 시스템을 고쳐 평가에서 우수상을 받았다.",
            ],
        );
    }

    #[test]
    fn reading_aids_and_their_notices() {
        let chrome = [
            "· 기사듣기실행 기사듣기중지",
            "· 글자사이즈",
            "본문 글자 크기 조정",
            "이 글자크기로 변경됩니다.",
            "· 작게보기",
            "3줄 요약",
            "본문전체읽기",
            "가람픽의 문장 추출 기술로 \"가람일보\" 기사를 3줄로 요약한 결과입니다. 빠진 내용이 있을 수 있어 본문 전체 읽기를 권장합니다.",
            "요약 기술은 줄거리만 보여 줍니다. 자세한 맥락은 기사 본문을 확인해주세요.",
            "정확한 내용은 본문 보기를 권장합니다.",
            "이 기사는 가람일보 보도준칙 및 윤리강령에 따라 편집국장이 최종 확인했습니다.",
            // A notice cut short, not ending like a sentence.
            "(다음은 위 글을 번역기로 번역한 영문 기사 전문. '번역기'",
        ];
        let body = [
            "구는 어르신을 위해 큰 글자 크기의 복지 안내서를 만들었다고 밝혔다.",
            "구는 인공지능이 자동으로 안부 전화를 거는 돌봄 서비스로 높은 점수를 받았다.",
        ];
        family(&chrome, &body);
    }

    #[test]
    fn promos_links_skip_links_and_slots() {
        let chrome = [
            "가람뉴스 모바일 구독자 100만",
            "▶가람뉴스 홈페이지: http://news.example.kr/report",
            "- 가람 메인에서 구독하고 [특종보기▶]",
            "garam.example.com",
            "![](https://img.example.kr/2031/03/04/a.jpg)",
            "![다른 기사 제목](https://img.example.kr/b.jpg)",
            "컨텐츠 바로가기",
            "본문 바로가기 주메뉴 바로가기",
            "default_news_ad1",
            "상태바",
            "반응형",
            "담당업무 : 가람권 취재본부장",
            "좌우명 : 늘 성실하게",
            "다",
            "<가람뉴스 편집국>",
            "다른기사 더보기 ▶",
            "네이버 뉴스 구독하기 ▷",
            "카카오톡에서 채널 추가 ▷",
            "· 조회 : 358",
            "조회수 1,024회",
            "· ba",
        ];
        let body = [
            "구청 누리집(www.example.go.kr)에서 신청서를 내려받아 제출하면 된다고 구는 설명했다.",
            "가람구 우수상",
            "3",
            "조회수 1위",
            "ba ba black sheep",
            "kim_il_sung Was Here",
            "유튜브 구독자 10만 돌파한 가람구 복지 채널",
            "왜 가람구였을까?",
        ];
        family(&chrome, &body);
    }

    /// Comment policies: polite notices naming a sanction, short polite
    /// requests, headings of the policy, the box's character counter and
    /// its comment count. News prose and headlines about comments stay.
    #[test]
    fn comment_policies() {
        let chrome = [
            "가람일보 댓글 운영 원칙",
            "욕설이 담긴 댓글은 운영자가 예고 없이 삭제합니다.",
            "규칙을 어긴 이용자는 한 달 동안 댓글 작성이 차단됩니다.",
            "서로 존중하는 댓글을 남겨 주세요.",
            "12/400자",
            "0 /500자",
            "5건의 의견이 있습니다.",
            "댓글 없음:",
            "Close",
        ];
        let body = [
            "구는 악성 댓글을 삭제해 달라고 포털 운영사에 요청했다고 밝혔다.",
            "가람구, 악성 댓글 차단 캠페인 나서",
            "구는 주민 게시판의 댓글 운영 원칙을 새로 마련했다고 밝혔다.",
            "주민들은 게시판 댓글로 복지관 운영 시간을 늘려 달라고 요청했다.",
            "300자 이내로 사연을 적어 내면 된다.",
        ];
        family(&chrome, &body);
    }

    /// Source lines, disclaimers of supplied content, slot names and
    /// relative time stamps.
    #[test]
    fn sources_disclaimers_slots_and_time_stamps() {
        let chrome = [
            "출처: 가람군청 보도자료",
            "【자료제공: 나람구 복지정책과】",
            "[뉴스출처 : 다람시]",
            "※ 이 글은 기고자의 견해이며 본지의 편집방향과 다를 수 있습니다.",
            "* 이 콘텐츠는 가람구가 직접 게재한 자료입니다.",
            "news-banner-top",
            "3시간전",
            "7분 전",
            "2일전",
            "Tag",
        ];
        let body = [
            "출처를 밝히지 않은 자료는 심사에서 빼기로 했다고 구는 설명했다.",
            "자료제공 기관은 모두 12곳이다.",
            "주민 의견과 다를 수 있다는 지적도 나왔다.",
            "2021-05-11",
            "3시간 전부터 주민들이 줄을 섰다.",
        ];
        family(&chrome, &body);
    }

    /// Furniture study 2: separator rules, bracketed outlet credits,
    /// template labels joined by '+', comment form fields and the delete
    /// prompt cut short.
    #[test]
    fn rules_credits_labels_and_comment_forms() {
        let chrome = [
            "~~~~~~~~~~",
            "=========",
            "/ / / / / /",
            "......",
            "(가람뉴스)",
            "[나람일보]",
            "〈다람방송〉",
            "<GRN>",
            "(GRTV1)",
            "타이틀+헤드라인",
            "헤드라인 + 타이틀",
            "이름 *",
            "비밀번호 *",
            "등록",
            "그래도 삭제하시",
            "정말 삭제하시겠습니까",
            "로그인후 이용하실 수 있습니다.",
            "암호는 6자 이상 12자 이하로 입력하시고, 숫자를 섞어 주세요.",
            "▲ 댓글쓰기",
            "☞ 제보하기",
            "베스트 댓글",
            "공감과 답글 수를 추천수를 합산하여 순위를 정합니다.",
            "자동으로 노출됩니다.",
            "글자크기 설정",
        ];
        let body = [
            "(가람뉴스 공동취재)",
            "[대상]",
            "<우수상>",
            "(가람구 복지정책과)",
            "(AB)형 혈액이 모자라 헌혈을 호소했다고 밝혔다.",
            "+3",
            "타이틀 방어에 성공한 선수단은 구청을 찾았다.",
            "헤드라인을 장식한 소식은 경로당 개소였다.",
            "등록 주민은 모두 1200명으로 늘었다.",
            "구는 지난달 비밀번호를 잊은 어르신을 위한 안내 창구를 열었다.",
            "구는 게시물을 삭제하시겠다는 민원인의 요청을 받아들였다고 밝혔다.",
            "▲ 제보하기 쉬운 창구를 만든 가람구 직원들",
            "베스트 댓글로 뽑힌 글은 구청 소식지에 실렸다.",
            "안내문은 승강기 화면에 자동으로 노출된다.",
        ];
        family(&chrome, &body);
    }

    #[test]
    fn registration_footers() {
        let footer = |t: &str| is_footer(&Line::new(t), lex());
        assert!(footer("가람시 나람로 1 | 대표전화 : 000-000-0000 | 청소년보호책임자 : 홍길동 | 등록번호 : 가람 아 00000 | 등록일 : 2001-01-01"));
        assert!(footer("제호 : 가람일보 | 법인명 : 가람미디어 | 발행인 : 김아무"));
        assert!(!footer("가람일보 발행인 겸 편집인 홍길동씨가 복지 유공 표창을 받았다."));
        assert!(!footer("대표전화 : 000-000-0000"));
    }
}
