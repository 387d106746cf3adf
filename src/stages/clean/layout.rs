//! Page layout: decides the fate of every line of a page from the line's own
//! kind ([`super::noise`]) and its neighbours — weather-widget blocks and
//! their crawl date, menu and trending-keyword runs, lists of other articles,
//! promo links in brackets between the closing byline and the site's
//! buttons, and the masthead / section lines above the headline.

use super::chrome;
use super::dates::{find_dates, is_bare_weekday_date};
use super::lexicon::Lexicon;
use super::noise::{self, Line};
use super::text::{char_len, hangul_count};

/// What a single line is, judged alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Blank,
    Weather,
    ServerWarning,
    Copyright,
    /// A publisher's registration footer.
    Footer,
    ImageFile,
    Caption,
    ListHeader,
    OtherArticle,
    Ui,
    /// Breadcrumb with its meaningful part.
    Breadcrumb(String),
    Number,
    /// Byline, dateline or e-mail line.
    Meta,
    /// Section label with its text.
    Section(String),
    English,
    Text,
}

/// Why a line left the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Removed {
    Blank,
    Weather,
    CrawlDate,
    ServerWarning,
    Menu,
    Ui,
    Breadcrumb,
    Section,
    Masthead,
    OtherArticles,
    Copyright,
    ImageFile,
    Caption,
    Byline,
    Duplicate,
}

/// What happens to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Keep,
    Translation,
    Drop(Removed),
}

/// The classified page.
#[derive(Debug, Clone)]
pub struct Page {
    pub kinds: Vec<Kind>,
    pub fates: Vec<Fate>,
    /// Whether each line ends like a sentence ([`Line::sentence`]).
    pub sentences: Vec<bool>,
    /// Index of the headline line, when the page has one.
    pub headline: Option<usize>,
    /// Lines dropped above the headline (mastheads, section labels).
    pub masthead: Vec<usize>,
}

impl Page {
    /// Whether line `i` is kept body text that ends like prose: a body
    /// sentence, not a listed headline ending in "... 처음".
    pub fn is_prose(&self, lines: &[String], i: usize) -> bool {
        self.kinds[i] == Kind::Text && self.fates[i] == Fate::Keep && self.sentences[i] && ends_like_prose(&lines[i])
    }

    /// Lines that may carry the article's own date and reporter: bylines and
    /// datelines (never body text, file names, the widget's crawl date or the
    /// dates of listed other articles).
    pub fn own_meta_lines<'a>(&'a self, lines: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
        self.own_meta_indices().map(|i| lines[i].as_str())
    }

    /// The indices of [`Page::own_meta_lines`].
    pub fn own_meta_indices(&self) -> impl Iterator<Item = usize> + '_ {
        let own = |f: Fate| !matches!(f, Fate::Drop(Removed::CrawlDate) | Fate::Drop(Removed::OtherArticles));
        (0..self.kinds.len()).filter(move |&i| self.kinds[i] == Kind::Meta && own(self.fates[i]))
    }
}

/// Classifies one line alone. Order matters: the most specific shapes first.
pub fn kind_of(line: &Line, lex: &Lexicon) -> Kind {
    let text = line.text;
    if text.is_empty() {
        Kind::Blank
    } else if noise::is_server_warning(text, lex) {
        Kind::ServerWarning
    } else if noise::is_weather(line, lex) {
        Kind::Weather
    } else if chrome::is_footer(line, lex) {
        Kind::Footer
    } else if noise::is_copyright(line, lex) && !has_labelled_date(text) {
        // "기사입력 2030/11/25 [11:20] 최종편집: ⓒ 가람뉴스" is a date line.
        Kind::Copyright
    } else if noise::is_image_file(line) {
        Kind::ImageFile
    } else if noise::is_caption_noise(line, lex) {
        Kind::Caption
    } else if noise::is_list_header(line, lex) {
        Kind::ListHeader
    } else if noise::is_other_article_ref(text, lex) {
        Kind::OtherArticle
    } else if noise::is_meta(line, lex) {
        // Before the UI check: a byline row may end with a "댓글 0" button.
        Kind::Meta
    } else if chrome::is_ui(line, lex) {
        Kind::Ui
    } else if let Some(b) = noise::breadcrumb(line, lex) {
        Kind::Breadcrumb(b)
    } else if noise::is_number_only(text) {
        Kind::Number
    } else if let Some(s) = noise::section_label(line, lex) {
        Kind::Section(s)
    } else if noise::is_english(text) {
        Kind::English
    } else {
        Kind::Text
    }
}

fn has_labelled_date(text: &str) -> bool {
    find_dates(text).iter().any(|d| d.label.is_some())
}

fn initial_fate(kind: &Kind) -> Fate {
    match kind {
        Kind::Text | Kind::English => Fate::Keep,
        Kind::Blank => Fate::Drop(Removed::Blank),
        Kind::Weather => Fate::Drop(Removed::Weather),
        Kind::ServerWarning => Fate::Drop(Removed::ServerWarning),
        Kind::Copyright | Kind::Footer => Fate::Drop(Removed::Copyright),
        Kind::ImageFile => Fate::Drop(Removed::ImageFile),
        Kind::Caption => Fate::Drop(Removed::Caption),
        Kind::ListHeader | Kind::OtherArticle => Fate::Drop(Removed::OtherArticles),
        Kind::Ui => Fate::Drop(Removed::Ui),
        Kind::Breadcrumb(_) => Fate::Drop(Removed::Breadcrumb),
        Kind::Number => Fate::Drop(Removed::Menu),
        Kind::Meta => Fate::Drop(Removed::Byline),
        Kind::Section(_) => Fate::Drop(Removed::Section),
    }
}

/// Minimum run of short lines that is a menu or a trending list.
const MENU_RUN: usize = 5;
/// A line this short (in characters) may be a menu entry.
const MENU_ENTRY_CHARS: usize = 12;
/// A body sentence that ends a list of other articles is at least this long.
const BODY_SENTENCE_CHARS: usize = 25;
/// A line this long (characters) above the body may be the headline.
const HEADLINE_CHARS: usize = 8;
/// A masthead or tagline line is at most this long.
const MASTHEAD_CHARS: usize = 15;
/// A slogan in a site's header is at most this long.
const SLOGAN_CHARS: usize = 20;
/// How far (non-blank lines) a crawl date may sit from its widget.
const WIDGET_REACH: usize = 4;

/// Classifies every line of a normalized page.
pub fn classify(lines: &[String], lex: &Lexicon) -> Page {
    let lines: Vec<Line> = lines.iter().map(|l| Line::new(l)).collect();
    let lines = lines.as_slice();
    let kinds: Vec<Kind> = lines.iter().map(|l| kind_of(l, lex)).collect();
    let mut fates: Vec<Fate> = kinds.iter().map(initial_fate).collect();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i] != Kind::Blank).collect();

    mark_crawl_dates(lines, &kinds, &nonblank, &mut fates);
    mark_menu_runs(lines, &kinds, &nonblank, &mut fates, lex);
    mark_other_article_lists(lines, &kinds, &mut fates);
    mark_bracketed_promos(lines, &kinds, &mut fates);
    mark_comment_rule_lists(lines, &kinds, &mut fates, lex);
    let (headline, masthead) = mark_preamble(lines, &kinds, &mut fates, lex);
    let sentences = lines.iter().map(|l| l.sentence).collect();
    Page { kinds, fates, sentences, headline, masthead }
}

/// Is line `i` kept body text that is a real sentence?
fn is_body_sentence(lines: &[Line], kinds: &[Kind], fates: &[Fate], i: usize, min_chars: usize) -> bool {
    kinds[i] == Kind::Text && fates[i] == Fate::Keep && lines[i].sentence && lines[i].chars >= min_chars
}

/// A bare weekday date next to a weather widget is the crawl date; so is
/// one in the site's header, above every text line of the page (the day the
/// page was served: an article's own date comes with a time or a label).
fn mark_crawl_dates(lines: &[Line], kinds: &[Kind], nonblank: &[usize], fates: &mut [Fate]) {
    for (k, &i) in nonblank.iter().enumerate() {
        if !is_bare_weekday_date(lines[i].text) {
            continue;
        }
        let after = nonblank.iter().skip(k + 1).take(WIDGET_REACH);
        let before = nonblank[..k].iter().rev().take(WIDGET_REACH);
        let in_header = nonblank[..k].iter().all(|&j| kinds[j] != Kind::Text);
        if in_header || after.chain(before).any(|&j| kinds[j] == Kind::Weather) {
            fates[i] = Fate::Drop(Removed::CrawlDate);
        }
    }
}

/// Pages open with login links, menus and trending keywords: long runs of
/// very short lines and numbers. Such a run is dropped whole.
fn mark_menu_runs(lines: &[Line], kinds: &[Kind], nonblank: &[usize], fates: &mut [Fate], lex: &Lexicon) {
    let is_short_text = |i: usize| {
        let l = &lines[i];
        kinds[i] == Kind::Text
            && l.chars <= MENU_ENTRY_CHARS
            && !l.sentence
            && !l.text.contains(':')
            && !l.text.starts_with(['▲', '△'])
            && !noise::may_be_award_content(l.text, lex)
    };
    let is_weak = |i: usize| {
        is_short_text(i)
            || matches!(kinds[i], Kind::Number | Kind::Ui | Kind::Section(_) | Kind::Breadcrumb(_) | Kind::ListHeader)
    };
    let mut k = 0;
    while k < nonblank.len() {
        if !is_weak(nonblank[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < nonblank.len() && is_weak(nonblank[k]) {
            k += 1;
        }
        let run = &nonblank[start..k];
        let entries = run.iter().filter(|&&i| is_short_text(i) || kinds[i] == Kind::Number).count();
        if run.len() >= MENU_RUN && entries >= 3 {
            for &i in run {
                if is_short_text(i) {
                    fates[i] = Fate::Drop(Removed::Menu);
                }
            }
        }
    }
}

/// After a "많이 본 뉴스" / "관련기사" header come headlines of other
/// articles. Below the article body, everything up to the next body sentence
/// goes; above it (a sidebar before the article), only list-shaped lines go.
fn mark_other_article_lists(lines: &[Line], kinds: &[Kind], fates: &mut [Fate]) {
    let mut body_seen = false;
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] != Kind::ListHeader {
            body_seen |= is_body_sentence(lines, kinds, fates, i, BODY_SENTENCE_CHARS);
            i += 1;
            continue;
        }
        if body_seen {
            mark_unheaded_items_above(lines, kinds, fates, i);
        }
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            let list_shaped = matches!(kinds[j], Kind::Blank | Kind::Number | Kind::Ui | Kind::OtherArticle)
                || noise::is_numbered_item(l)
                || noise::is_bulleted_item(l.text)
                || (kinds[j] == Kind::Text && l.chars <= 15 && !l.sentence);
            // A listed headline may end like a sentence ("... 퇴임\"", "... 껐다"); body prose ends with its period.
            let ends_list = if body_seen {
                (is_body_sentence(lines, kinds, fates, j, BODY_SENTENCE_CHARS) && ends_with_a_period(l.text))
                    || kinds[j] == Kind::ListHeader
            } else {
                !list_shaped
            };
            if ends_list {
                break;
            }
            // Dates and bylines in the list belong to the other articles.
            if fates[j] == Fate::Keep || kinds[j] == Kind::Meta {
                fates[j] = Fate::Drop(Removed::OtherArticles);
            }
            j += 1;
        }
        i = j;
    }
}

/// Below the article, a list's header may come after its first items (a
/// tab bar above them was cut): the headlines between the article's
/// closing byline and the header belong to the list. Only lines without
/// a closing period go, and only when a byline or copyright line closes
/// them from above.
fn mark_unheaded_items_above(lines: &[Line], kinds: &[Kind], fates: &mut [Fate], header: usize) {
    let mut items = Vec::new();
    for k in (0..header).rev() {
        match kinds[k] {
            Kind::Blank => continue,
            Kind::Meta | Kind::Copyright | Kind::Footer => {
                for &i in &items {
                    fates[i] = Fate::Drop(Removed::OtherArticles);
                }
                return;
            }
            Kind::Text if fates[k] == Fate::Keep && !ends_with_a_period(lines[k].text) => items.push(k),
            _ => return,
        }
    }
}

/// Promo links in brackets between the article's closing byline and the
/// site's buttons ("[행사] 가람증권 초청 투자 강연회 (무료)", "[이슈] ...
/// 특허출원! 수익 대폭 상승"): every line between a byline and a chrome line
/// below the body opens with a bracketed tag and has no closing period. A
/// lead with an outlet tag ("[가람뉴스] 홍길동 기자 = ... 밝혔다.") ends with
/// its period and stays; so does everything when a line between is prose.
fn mark_bracketed_promos(lines: &[Line], kinds: &[Kind], fates: &mut [Fate]) {
    let mut body_seen = false;
    for k in 0..lines.len() {
        if kinds[k] != Kind::Ui || !body_seen {
            body_seen |= is_body_sentence(lines, kinds, fates, k, BODY_SENTENCE_CHARS);
            continue;
        }
        let mut items = Vec::new();
        for i in (0..k).rev() {
            match kinds[i] {
                Kind::Blank => continue,
                Kind::Meta if !items.is_empty() => {
                    for &item in &items {
                        fates[item] = Fate::Drop(Removed::Ui);
                    }
                    break;
                }
                Kind::Text if fates[i] == Fate::Keep && is_bracketed_promo(lines[i].text) => items.push(i),
                _ => break,
            }
        }
    }
}

/// A line opening with a short bracketed tag and text after it, without a
/// closing period ("[이슈] 새 앱 출시! 혜택 대폭").
fn is_bracketed_promo(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('[') else { return false };
    let Some((tag, after)) = rest.split_once(']') else { return false };
    (1..=10).contains(&char_len(tag)) && !after.trim().is_empty() && !ends_with_a_period(text)
}

/// Whether a line ends with a period, before closing quotes or not: body
/// prose does, a listed headline ("... 방송 껐다") does not.
fn ends_with_a_period(text: &str) -> bool {
    text.trim_end().trim_end_matches(['"', '\'', ')', ']', '”', '’']).ends_with('.')
}

/// The numbered rules under a comment widget's notice ("1. 욕설 또는
/// 비방", "2. 권한 제한") belong to it: after a comment rule, a run of
/// numbered lines (and more chrome) is chrome.
fn mark_comment_rule_lists(lines: &[Line], kinds: &[Kind], fates: &mut [Fate], lex: &Lexicon) {
    let mut in_rules = false;
    for i in 0..lines.len() {
        match kinds[i] {
            Kind::Blank => {}
            Kind::Ui => in_rules = in_rules || chrome::is_comment_rule(&lines[i], lex),
            Kind::Text if in_rules && noise::is_numbered_item(&lines[i]) => fates[i] = Fate::Drop(Removed::Ui),
            _ => in_rules = false,
        }
    }
}

/// Whether a sentence ends like prose: with a period (before closing
/// quotes or not), or with 다 / 요 and no quote. A listed headline ends
/// without a period, often inside quotes ("…국힘 \"이성 잃었다\"").
pub fn ends_like_prose(text: &str) -> bool {
    let text = text.trim_end();
    let end = text.trim_end_matches(['"', '\'', ')', ']']);
    end.ends_with(['.', '!', '?']) || text.ends_with(['다', '요'])
}

/// A headline is not a sentence, not a list item, and longer than a masthead
/// or menu word: at least [`HEADLINE_CHARS`] characters, or several words
/// with a number ("달서구 5관왕").
fn could_be_headline(line: &Line, lex: &Lexicon) -> bool {
    let text = line.text;
    let long_enough = line.chars >= HEADLINE_CHARS || (text.contains(' ') && text.chars().any(|c| c.is_ascii_digit()));
    // A Korean article's headline holds Hangul; a script's leftover ("check 3d gpu") does not.
    long_enough
        && hangul_count(text) > 0
        && !is_masthead(line, lex)
        && !text.contains('▲')
        && !line.sentence
        && !noise::is_numbered_item(line)
}

/// A site name or tagline line ("가람일보", "우리동네 실시간 뉴스"): short,
/// ends like an outlet name, without the commas and quotes of a headline.
fn is_masthead(line: &Line, lex: &Lexicon) -> bool {
    line.chars <= MASTHEAD_CHARS
        && !line.text.contains([',', '…', '\'', '"', '·'])
        && lex.outlets.suffixes.iter().any(|s| line.text.ends_with(s.as_str()))
}

/// Above the first body sentence: the headline is the first kept line long
/// enough to be one below the site's navigation (a breadcrumb or a menu),
/// else the first one; kept lines above it are mastheads, slogans or
/// section labels, and numbered lists there are tables of contents.
fn mark_preamble(lines: &[Line], kinds: &[Kind], fates: &mut [Fate], lex: &Lexicon) -> (Option<usize>, Vec<usize>) {
    let first_body = (0..lines.len())
        .find(|&i| is_body_sentence(lines, kinds, fates, i, BODY_SENTENCE_CHARS))
        .unwrap_or(lines.len());
    let kept_text = |i: usize, fates: &[Fate]| kinds[i] == Kind::Text && fates[i] == Fate::Keep;
    let navigation = |i: usize| {
        matches!(kinds[i], Kind::Breadcrumb(_)) || (kinds[i] == Kind::Text && fates[i] == Fate::Drop(Removed::Menu))
    };
    // Only a header of short lines (a site's slogans) goes above the navigation.
    let below_navigation = (0..first_body)
        .rev()
        .find(|&i| navigation(i))
        .filter(|&n| (0..n).all(|i| !kept_text(i, fates) || lines[i].chars <= SLOGAN_CHARS))
        .map_or(0, |n| n + 1);

    let numbered: Vec<usize> =
        (0..first_body).filter(|&i| kept_text(i, fates) && noise::is_numbered_item(&lines[i])).collect();
    if numbered.len() >= 2 {
        for i in numbered {
            fates[i] = Fate::Drop(Removed::Menu);
        }
    }

    let could_be = |i: usize, fates: &[Fate]| kept_text(i, fates) && could_be_headline(&lines[i], lex);
    let headline = (below_navigation..first_body)
        .find(|&i| could_be(i, fates))
        .or_else(|| (0..first_body).find(|&i| could_be(i, fates)));
    let mut masthead = Vec::new();
    let above = headline.unwrap_or(first_body.min(lines.len()));
    if headline.is_some() {
        for i in 0..above {
            if kept_text(i, fates) {
                fates[i] = Fate::Drop(Removed::Masthead);
                masthead.push(i);
            }
        }
    }
    (headline, masthead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> (Vec<String>, Page) {
        let lines = super::super::normalize::normalized_lines(text);
        let page = classify(&lines, Lexicon::get());
        (lines, page)
    }

    fn kept(lines: &[String], page: &Page) -> Vec<String> {
        lines.iter().zip(&page.fates).filter(|(_, f)| **f == Fate::Keep).map(|(l, _)| l.clone()).collect()
    }

    const BODY: &str = "가람구는 올해 지역복지사업 평가에서 우수상을 받았다고 밝혔다.";

    #[test]
    fn crawl_date_of_a_weather_widget() {
        let (lines, p) = page(&format!(
            "2030.01.07 (월)\n\n · 맑음가람10.1℃\n · 흐림나람3.2℃\n기상청 제공\n가람구, 복지 평가 우수상\n{BODY}"
        ));
        assert_eq!(p.fates[0], Fate::Drop(Removed::CrawlDate));
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        assert_eq!(p.headline, Some(5));
    }

    #[test]
    fn a_date_line_with_a_copyright_sign_is_a_date_line() {
        let (_, p) =
            page(&format!("기사입력: 2031/03/04 [11:20] 최종편집: ⓒ 가람뉴스\n{BODY}\nⓒ 가람뉴스 무단전재 금지"));
        assert_eq!(p.kinds[0], Kind::Meta);
        assert_eq!(p.kinds[2], Kind::Copyright);
    }

    /// A bare weekday date atop the page, above the headline, is the day the
    /// page was served; below a text line it may be the article's.
    #[test]
    fn a_weekday_date_in_the_sites_header_is_a_crawl_date() {
        let (_, p) = page(&format!("2030.01.07 (월)\n\n가람구, 복지 평가 우수상\n· 해당된 기사를 공유합니다\n{BODY}"));
        assert_eq!(p.fates[0], Fate::Drop(Removed::CrawlDate));
        let (_, p) = page(&format!("가람구, 복지 평가 우수상\n2030.01.07 (월)\n{BODY}"));
        assert_eq!(p.fates[1], Fate::Drop(Removed::Byline));
    }

    #[test]
    fn weekday_date_without_widget_is_not_a_crawl_date() {
        let (_, p) = page(&format!("■ 2030년 1월 7일(월)\n가람구, 복지 평가 우수상\n{BODY}"));
        assert_eq!(p.fates[0], Fate::Drop(Removed::Byline));
    }

    #[test]
    fn menu_and_trending_runs() {
        let text = format!("로그인\n회원가입\n뉴스스토어\n1,234\n1\n사과\n2\n배추\n3\n무\n실시간 인기검색어\n1\n사과\n전체섹션\n정치\n가람구, 복지 평가 우수상\n{BODY}");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
    }

    #[test]
    fn a_flattened_table_of_winners_is_not_a_menu() {
        let text = format!("{BODY}\n[대상]\n가람구\n나람군\n[최우수]\n다람시\n라람구");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p).len(), 7);
    }

    #[test]
    fn other_article_lists_after_the_body() {
        let text = format!("가람구, 복지 평가 우수상\n{BODY}\n[홍길동 기자]\n많이 본 뉴스\n1 나람군, 복지 평가 2개 부문 대상\n2 다람시 야간 조명 설치\n모바일 버전으로 보기");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        let text = format!(
            "가람구, 복지 평가 우수상\n{BODY}\n관련기사\n나람군, 복지 평가 2개 부문 대상\n다람시 야간 조명 설치"
        );
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
    }

    /// A list whose header sits below its first items: the items between
    /// the closing byline and the header go; the body above stays.
    #[test]
    fn list_items_above_their_header_after_the_byline() {
        let text = format!(
            "가람구, 복지 평가 우수상\n{BODY}\n나람·홍길동기자 hong@example.kr\n다람시 새 청사 착공…내년 완공 목표\n라람군 버스 노선 두 곳 늘렸다\n많이 본 뉴스\n다람시 새 청사 착공…내년 완공 목표"
        );
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        // Without a byline closing the article, the lines above the header stay.
        let text = format!("{BODY}\n다람시 새 청사 착공…내년 완공 목표\n많이 본 뉴스\n라람군 버스 노선 두 곳 늘렸다");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec![BODY, "다람시 새 청사 착공…내년 완공 목표"]);
    }

    /// Promo links in brackets between the closing byline and the site's
    /// buttons go; a tagged lead and tagged lines with prose among them stay.
    #[test]
    fn bracketed_promos_below_the_byline() {
        let text = format!(
            "가람구, 복지 평가 우수상\n{BODY}\n홍길동 기자 hong@example.kr\n[행사] 나람증권 초청 재테크 강연회 (무료)\n[화제] 새 앱으로 수익 두 배!\n공유하기"
        );
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        let text = format!(
            "가람구, 복지 평가 우수상\n{BODY}\n홍길동 기자 hong@example.kr\n[알림] 시상식은 다음 달 열린다.\n[행사] 나람증권 초청 재테크 강연회\n공유하기"
        );
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p).len(), 4);
    }

    /// The numbered rules under a comment policy go with it.
    #[test]
    fn numbered_rules_of_a_comment_policy() {
        let text = format!(
            "가람구, 복지 평가 우수상\n{BODY}\n가람일보 댓글 운영 원칙\n아래와 같은 댓글은 운영자가 알리지 않고 삭제합니다.\n1. 남을 헐뜯는 글\n2. 같은 글 되풀이\n3. 광고"
        );
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        // A numbered list of the body stays.
        let text = format!("{BODY}\n1. 찾아가는 상담\n2. 안부 전화");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p).len(), 3);
    }

    #[test]
    fn masthead_and_section_above_the_headline() {
        let text = format!("가람일보\n사회일반\n가람구, 복지 평가 우수상\n대상 3개·최우수 2개\n{BODY}");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", "대상 3개·최우수 2개", BODY]);
        assert_eq!(p.masthead, vec![0]);
        assert_eq!(p.kinds[1], Kind::Section("사회일반".into()));
        let (lines, p) = page(&format!("가람 실시간 뉴스\n가람구 5관왕\n{BODY}"));
        assert_eq!(kept(&lines, &p), vec!["가람구 5관왕", BODY]);
        // A script's leftover without Hangul is no headline: it is above one.
        let (lines, p) = page(&format!("probe webgl ok\n가람구, 복지 평가 우수상\n{BODY}"));
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
    }

    /// Slogans of a site's header above its menu or breadcrumb are not the
    /// headline: the headline is below the navigation.
    #[test]
    fn the_headline_is_below_the_sites_navigation() {
        let header = "가람을 여는 새로운 미래\n주민과 함께 만들어 가겠습니다.\n";
        let menu = " • 홈\n • 소식\n • 구정소식\n • 보도자료\n • 고시공고\n";
        for nav in [menu, "홈 > 소식 > 보도자료\n"] {
            let (lines, p) = page(&format!("{header}{nav}가람구, 복지 평가 우수상\n{BODY}"));
            assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY], "{nav}");
            assert_eq!(p.masthead, vec![0, 1]);
        }
        // A long line above the navigation is no slogan: the headline stays the first.
        let title = "가람구 복지 정책 토론회 자료집 일시: 2031년 3월 4일 장소: 가람구청 대회의실";
        let (_, p) = page(&format!("{title}\n{menu}가람구, 복지 평가 우수상\n{BODY}"));
        assert_eq!(p.headline, Some(0));
        // Without a headline below it, the navigation moves nothing.
        let (lines, p) = page(&format!("가람구, 복지 평가 우수상\n{menu}{BODY}"));
        assert_eq!(kept(&lines, &p), vec!["가람구, 복지 평가 우수상", BODY]);
        assert_eq!(p.headline, Some(0));
    }

    #[test]
    fn body_bullets_survive() {
        let text = format!("{BODY}\n▲ 희망복지지원단 운영 : 가람구, 나람구\n▲ 민관협력 및 자원연계 : 다람군\n▲환경·사회 경영과 연계한 예방체계 구축");
        let (lines, p) = page(&text);
        assert_eq!(kept(&lines, &p).len(), 4);
    }
}
