//! A page's text as a news site's HTML page: the text is the article body
//! (a blank line between paragraphs, a `<br>` between the lines of one), and
//! around it the chrome real sites have: a header with the section menu, a
//! breadcrumb, a "most read" list in an aside (with award headlines of other
//! places, which an extractor must not keep), a comment block, a footer,
//! inline styles and scripts, and the metadata of `<head>`. Three layouts,
//! chosen by `style`: an HTML5 page with `<article>`, a `div` layout with a
//! `#article_body`, and an old table layout. Written for this project; the
//! words of the chrome are our own.

use chrono::NaiveDateTime;
use html_escape::{encode_double_quoted_attribute, encode_text};

/// What the page says about itself.
#[derive(Debug, Clone)]
pub struct PageInfo<'a> {
    pub title: Option<&'a str>,
    pub outlet: &'a str,
    pub url: &'a str,
    /// Written as `article:published_time` (and in JSON-LD) when known.
    pub published: Option<NaiveDateTime>,
    /// The `<meta charset>` label.
    pub charset: &'a str,
    /// Picks the layout and the chrome's variations.
    pub style: u64,
}

pub const SECTIONS: [&str; 12] =
    ["정치", "경제", "사회", "지역", "문화", "스포츠", "오피니언", "복지", "교육", "환경", "포토", "영상"];

/// Headlines of the "most read" list: award news of other places, which are
/// page chrome here and must never count as the article's awards.
pub const MOST_READ: [&str; 6] = [
    "나람군, 지역복지사업 평가 최우수상 영예",
    "다솜시 복지행정상 대상… 포상금 5천만원",
    "가온구 희망복지지원단 운영 분야 우수 기관 선정",
    "도심 하천 정비사업 내년 착공",
    "겨울철 한파 쉼터 120곳 운영",
    "청년 주거비 지원 신청 접수 시작",
];

/// Headline endings of the other lists of a page (latest news, photos).
const OTHER_NEWS: [&str; 8] = [
    "주민 설명회 열려",
    "내년 예산안 확정",
    "도로 정비 공사 마무리",
    "가을 축제 일정 발표",
    "장학금 전달식 개최",
    "청소년 문화공간 문 열어",
    "전통시장 주차장 확충",
    "공공도서관 야간 개방",
];

/// Sub-menus under every section of the menu.
const SUBMENU: [&str; 5] = ["전체", "일반", "기획", "인물", "포토"];

pub const COMMENTS: [&str; 3] = [
    "우리 동네도 지역복지사업 평가 대상 받았으면 좋겠네요",
    "좋은 소식이네요. 앞으로도 잘 부탁드립니다",
    "기사 잘 읽었습니다",
];

/// The article body: paragraphs (split at blank lines) of `<br>`-joined
/// lines, as `<p>` elements or, as many Korean sites write it, one run of
/// text with `<br><br>` between paragraphs.
fn body_html(text: &str, p_tags: bool) -> String {
    let paragraphs = text.split("\n\n").map(|p| p.trim_matches(['\n', '\r'])).filter(|p| !p.trim().is_empty());
    let rendered: Vec<String> =
        paragraphs.map(|p| p.lines().map(|l| encode_text(l).into_owned()).collect::<Vec<_>>().join("<br>\n")).collect();
    if p_tags {
        rendered.iter().map(|p| format!("<p>{p}</p>\n")).collect()
    } else {
        rendered.join("<br><br>\n") + "\n"
    }
}

fn head(info: &PageInfo<'_>) -> String {
    let attr = |s: &str| encode_double_quoted_attribute(s).into_owned();
    let mut h = format!("<meta charset=\"{}\">\n", attr(info.charset));
    let shown_title = info.title.map_or_else(|| info.outlet.to_string(), |t| format!("{t} - {}", info.outlet));
    h.push_str(&format!("<title>{}</title>\n", encode_text(&shown_title)));
    h.push_str(&format!("<meta property=\"og:site_name\" content=\"{}\">\n", attr(info.outlet)));
    h.push_str(&format!("<meta property=\"og:url\" content=\"{}\">\n", attr(info.url)));
    if let Some(title) = info.title {
        h.push_str(&format!("<meta property=\"og:title\" content=\"{}\">\n", attr(title)));
    }
    if let Some(p) = info.published {
        let iso = p.format("%Y-%m-%dT%H:%M:%S+09:00");
        h.push_str(&format!("<meta property=\"article:published_time\" content=\"{iso}\">\n"));
        h.push_str(&format!(
            "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"datePublished\":\"{iso}\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"{}\"}}}}</script>\n",
            info.outlet.replace('"', "'")
        ));
    }
    h.push_str(&style_block(info.style));
    h.push_str(&script_block(info.style, "head"));
    h
}

/// A stylesheet of the size real pages inline.
fn style_block(style: u64) -> String {
    let mut css = String::from("<style>\n");
    for (i, section) in SECTIONS.iter().enumerate() {
        css.push_str(&format!(
            ".gnb .m{i}{{float:left;padding:0 {}px;font-size:{}px}} /* {section} */\n.box-{i} .tit{{color:#{:06x};margin:{}px 0}}\n",
            8 + (style + i as u64) % 7,
            13 + i % 4,
            (style.wrapping_mul(2_654_435_761) >> (i % 8)) & 0xFF_FFFF,
            (i * 3) % 11
        ));
    }
    css.push_str("</style>\n");
    css
}

/// Analytics and ad configuration, as inline scripts (never text).
fn script_block(style: u64, place: &str) -> String {
    let mut js =
        format!("<script>window.dataLayer=window.dataLayer||[];var _cfg_{place}={{site:\"n{}\",slots:[", style % 97);
    for i in 0..100u64 {
        js.push_str(&format!(
            "{{id:\"ad-{place}-{i}\",size:[{},{}],refresh:{}}},",
            300 + i * 10,
            250 + (style + i) % 90,
            i % 2 == 0
        ));
    }
    js.push_str("]};function loadAd(s){if(s&&s.id){var e=document.getElementById(s.id);if(e&&e.offsetWidth>0){e.innerHTML='<div class=\"ad\">광고</div>';}}}_cfg_");
    js.push_str(place);
    js.push_str(".slots.forEach(loadAd);</script>\n");
    // The page state a front-end framework inlines.
    js.push_str(&format!("<script>window.__STATE_{place}__={{\"articles\":["));
    for i in 0..60u64 {
        js.push_str(&format!(
            "{{\"id\":{},\"sec\":{},\"views\":{},\"thumb\":\"/news/photo/{}/{}_{}.jpg\"}},",
            100_000 + style % 9000 + i,
            i % 12,
            (style.wrapping_mul(31) + i * 977) % 100_000,
            2020 + i % 6,
            style % 9973,
            i
        ));
    }
    js.push_str("]};</script>\n");
    js
}

fn site_header(info: &PageInfo<'_>) -> String {
    let mut h = format!("<div class=\"logo\"><a href=\"/\">{}</a></div>\n<ul class=\"gnb\">", encode_text(info.outlet));
    for (i, s) in SECTIONS.iter().enumerate() {
        h.push_str(&format!("<li class=\"m{i}\"><a href=\"/news/section.html?sec={i}\">{s}</a><ul class=\"sub\">"));
        for (j, sub) in SUBMENU.iter().enumerate() {
            h.push_str(&format!("<li><a href=\"/news/section.html?sec={i}&amp;sub={j}\">{sub}</a></li>"));
        }
        h.push_str("</ul></li>");
    }
    h.push_str(
        "</ul>\n<div class=\"util\"><a href=\"/member/login\">로그인</a> <a href=\"/member/join\">회원가입</a></div>\n",
    );
    h
}

fn most_read(style: u64) -> String {
    let mut h = String::from("<h3 class=\"tit\">많이 본 뉴스</h3>\n<ol>");
    for k in 0..MOST_READ.len() {
        let headline = MOST_READ[(k + style as usize) % MOST_READ.len()];
        h.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={}\">{headline}</a></li>",
            1000 + k as u64 + style % 500
        ));
    }
    h.push_str("</ol>\n");
    for (title, class) in [("최신 기사", "latest"), ("포토 뉴스", "photo")] {
        h.push_str(&format!("<h3 class=\"tit\">{title}</h3>\n<ul class=\"{class}\">"));
        for k in 0..10u64 {
            let n = style.wrapping_add(k * 7);
            let headline = format!("{} {}", SECTIONS[(n % 12) as usize], OTHER_NEWS[(n % 8) as usize]);
            h.push_str(&format!(
                "<li><a href=\"/news/articleView.html?idxno={}\"><img src=\"/news/thumb/{n}.jpg\" alt=\"\">{headline}</a></li>",
                2000 + n % 5000
            ));
        }
        h.push_str("</ul>\n");
    }
    h
}

fn comments(style: u64) -> String {
    let mut h = String::from("<h4>댓글 3</h4><ul class=\"cmt_list\">");
    for (k, c) in COMMENTS.iter().enumerate() {
        h.push_str(&format!("<li><span class=\"nick\">독자{}</span><p>{c}</p></li>", (style + k as u64) % 1000));
    }
    h.push_str("</ul><form action=\"/comment\"><textarea name=\"c\"></textarea><button>등록</button></form>\n");
    h
}

fn site_footer(info: &PageInfo<'_>) -> String {
    format!(
        "<p>제호: {o} | 등록번호: 가람 아 00{s:03} | 발행인·편집인: 홍길동 | 청소년보호책임자: 김아무</p>\n<p>Copyright ⓒ {o}. All rights reserved.</p>\n",
        o = encode_text(info.outlet),
        s = info.style % 1000
    )
}

/// The whole HTML page for `text` (see the module doc).
pub fn render_html(text: &str, info: &PageInfo<'_>) -> String {
    let section = SECTIONS[(info.style % SECTIONS.len() as u64) as usize];
    let (header, aside, footer) = (site_header(info), most_read(info.style), site_footer(info));
    let mut page = format!("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n{}</head>\n<body>\n", head(info));
    match info.style % 3 {
        0 => page.push_str(&format!(
            "<header id=\"header\">{header}</header>\n<nav class=\"breadcrumb\"><a href=\"/\">홈</a> &gt; <a href=\"/sec\">{section}</a></nav>\n\
             <main><article class=\"article-view\">\n<div class=\"article-body\" itemprop=\"articleBody\">\n{}</div>\n\
             <div class=\"article-comment\">{}</div>\n</article>\n<aside class=\"side\">{aside}</aside></main>\n<footer>{footer}</footer>\n",
            body_html(text, true),
            comments(info.style)
        )),
        1 => page.push_str(&format!(
            "<div id=\"wrap\"><div id=\"top\">{header}</div>\n<div id=\"container\"><div class=\"location\">홈 &gt; {section}</div>\n\
             <div id=\"article_body\" class=\"view_con\">\n{}</div>\n<div class=\"reply_area\">{}</div>\n\
             <div class=\"right_ranking\">{aside}</div></div>\n<div id=\"footer\">{footer}</div></div>\n",
            body_html(text, false),
            comments(info.style)
        )),
        _ => page.push_str(&format!(
            "<table width=\"100%\"><tr><td class=\"top_menu\">{header}</td></tr>\n<tr><td valign=\"top\">\
             <table><tr><td class=\"news_text\">\n{}</td></tr></table></td>\n<td class=\"side_banner\" width=\"200\">{aside}</td></tr>\n\
             <tr><td colspan=\"2\" class=\"copyright\">{footer}</td></tr></table>\n",
            body_html(text, true)
        )),
    }
    page.push_str(&script_block(info.style, "body"));
    page.push_str("</body>\n</html>\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_the_text_and_their_chrome() {
        let info = PageInfo {
            title: Some("제목"),
            outlet: "가람일보",
            url: "https://a.example/1",
            published: None,
            charset: "utf-8",
            style: 4,
        };
        let page = render_html("첫 줄 <b>\n둘째 줄\n\n다음 문단", &info);
        assert!(page.contains("첫 줄 &lt;b&gt;<br>\n둘째 줄"), "{page}");
        assert!(page.contains("많이 본 뉴스") && page.contains("og:title") && !page.contains("published_time"));
    }
}
