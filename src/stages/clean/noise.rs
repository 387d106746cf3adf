//! Line classifiers: each answers "is this one (normalized) line page noise
//! of kind X?" from the line alone. Context rules (widget blocks, menu runs,
//! related-article lists, the lines above the headline) are in
//! [`super::layout`]. The words come from [`Lexicon`]; the shapes are here.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::Lexicon;
use super::metadata::{find_dates, REPORTER};

/// A line of page chrome is at most this long.
const UI_LINE_CHARS: usize = 60;
/// An entry of a pipe-separated menu bar is at most this long.
const MENU_BAR_ENTRY_CHARS: usize = 8;

/// Leading list bullets, trimmed before matching a line against vocabulary.
const BULLETS: &[char] = &['·', '-', '*', '■', '□', '▶', '▷', '►', '○', '●', '◆', '◇', '※', '>', '|', '–', '—'];

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}").unwrap());
static IMAGE_FILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\.(?:jpe?g|png|gif|bmp|webp|tiff?|heic)\s*[)\]]?$").unwrap());
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:다|요|음|함|임|됨|죠|습니다|니다)\s*[.!?…]*\s*["'”’)\]>]*\s*[.!?]*$"#).unwrap());
static PHOTO_CREDIT_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[<\[(]\s*[^<>\[\]()]{0,40}(?:제공|사진|촬영)\s*[>\])]$").unwrap());
static NUMBERED_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}(?:[.)]\s*|\s+)\S").unwrap());
static PHP_LOCATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\.php\b.* on line \d+").unwrap());

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The line without leading bullets and surrounding brackets / punctuation.
pub fn core(line: &str) -> &str {
    line.trim_start_matches(|c: char| BULLETS.contains(&c) || c == ' ')
        .trim_end_matches(|c: char| matches!(c, ' ' | '.' | '!' | ':' | '|' | '>' | '»' | '›'))
}

/// A body sentence: ends like a Korean declarative / polite sentence
/// (…했다. …합니다 …했다" …함) and is long enough to be one.
pub fn is_sentence(line: &str) -> bool {
    char_len(line) >= 15 && SENTENCE_END.is_match(line)
}

/// Hangul syllables in a line.
pub fn hangul_count(s: &str) -> usize {
    s.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)).count()
}

/// Part of a weather widget: a short line with a temperature ("맑음속초15.8℃"),
/// or a widget label line ("기상청 제공").
pub fn is_weather(line: &str, lex: &Lexicon) -> bool {
    let c = core(line);
    (char_len(line) <= 40 && lex.weather.temperature_marks.iter().any(|m| line.contains(m.as_str())))
        || lex.weather.widget_lines.iter().any(|w| w == c)
}

/// A PHP / server error message ("Warning: ... on line 88").
pub fn is_server_warning(line: &str, lex: &Lexicon) -> bool {
    lex.server.warning_prefixes.iter().any(|p| line.starts_with(p.as_str())) || PHP_LOCATION.is_match(line)
}

/// A copyright or redistribution notice ("[ⓒ 세계뉴스. 무단전재-재배포 금지]").
pub fn is_copyright(line: &str, lex: &Lexicon) -> bool {
    char_len(line) <= 200 && !is_long_prose(line) && lex.copyright.markers.iter().any(|m| line.contains(m.as_str()))
}

/// More than two sentences of prose: never a one-line notice.
fn is_long_prose(line: &str) -> bool {
    char_len(line) > 120 && line.matches("다. ").count() >= 2
}

/// A bare image file name ("화면 캡처 2021-12-16 191715.jpg", "고양시-ci.jpg").
pub fn is_image_file(line: &str) -> bool {
    char_len(line) <= 150 && IMAGE_FILE.is_match(line) && !is_sentence(line)
}

/// A photo caption that is not a sentence ("▲ 김영배 성북구청장 |") or a bare
/// photo credit ("<포항시 제공>"). Bullet items of the body ("▲ 희망복지지원단
/// 운영 : 수성구") and captions that are sentences are not noise.
pub fn is_caption_noise(line: &str, lex: &Lexicon) -> bool {
    let starts_with_marker = line.starts_with(['▲', '△', '▷']);
    if starts_with_marker && line.trim_end().ends_with('|') && !is_sentence(line.trim_end_matches([' ', '|'])) {
        return true;
    }
    if PHOTO_CREDIT_ONLY.is_match(line) {
        return true;
    }
    char_len(line) <= 40 && !is_sentence(line) && lex.captions.credits.iter().any(|c| line.starts_with(c.as_str()))
}

/// Removes a photo credit at the end of a caption sentence
/// ("... 기념촬영을 하고 있다. <포항시 제공>" keeps the sentence).
pub fn strip_trailing_credit(line: &str) -> &str {
    static TRAILING_CREDIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[<\[(]\s*(?:사진\s*)?[^<>\[\]()]{0,30}(?:제공|사진|촬영)\s*[>\])]$").unwrap());
    match TRAILING_CREDIT.find(line) {
        Some(m) if m.start() > 0 && is_sentence(&line[..m.start()]) => line[..m.start()].trim_end(),
        _ => line,
    }
}

/// Splits a byline glued to the end of a paragraph ("...밝혔다. /홍길동 기자
/// hong@x.kr", "...말했다. [홍길동 기자]", "...말했다. hong@x.kr") from the
/// sentence. Returns the sentence and the byline, if any.
pub fn split_trailing_byline(line: &str) -> (&str, Option<&str>) {
    static TRAILING_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"\s*(?:[/\[(]\s*)?(?:[가-힣]{2,4}\s?기자\s*)?",
            r"(?:[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})?\s*[\])]?$"
        ))
        .unwrap()
    });
    match TRAILING_BYLINE.find(line) {
        Some(m) if m.start() > 0 && m.as_str().trim().len() > 1 => {
            let (body, tail) = line.split_at(m.start());
            let tail = tail.trim();
            let is_byline = tail.contains("기자") || EMAIL.is_match(tail);
            if is_byline && is_sentence(body.trim_end()) {
                (body.trim_end(), Some(tail))
            } else {
                (line, None)
            }
        }
        _ => (line, None),
    }
}

/// Page chrome: share and login buttons, menus, comment boxes, footers.
pub fn is_ui(line: &str, lex: &Lexicon) -> bool {
    let c = core(line);
    if c.is_empty() {
        return !line.is_empty() && line.chars().all(|ch| BULLETS.contains(&ch) || ch == ' ');
    }
    if lex.ui.lines.iter().any(|l| l == c) {
        return true;
    }
    let short = char_len(line) <= UI_LINE_CHARS;
    if short && !is_sentence(line) && lex.ui.contains.iter().any(|p| line.contains(p.as_str())) {
        return true;
    }
    // Chrome worded as a sentence ("해당된 기사를 공유합니다").
    if short && lex.ui.sentences.iter().any(|p| line.contains(p.as_str())) {
        return true;
    }
    // A tag row: "#복지 #지역복지사업".
    if c.split(' ').all(|t| t.starts_with('#') && char_len(t) > 1) {
        return true;
    }
    // A menu bar: three or more short entries between pipes ("뉴스홈 | 정치 | 경제").
    let entries: Vec<&str> = line.split('|').map(str::trim).filter(|e| !e.is_empty()).collect();
    if entries.len() >= 3 && entries.iter().all(|e| char_len(e) <= MENU_BAR_ENTRY_CHARS && !is_sentence(e)) {
        return true;
    }
    let tokens: Vec<&str> = c.split([' ', '|', '·', '/']).filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2 && tokens.iter().all(|t| lex.ui.tokens.iter().any(|v| v == t))
}

/// A very short line that may be award content rather than a menu entry:
/// it has a grade word ("대상", "최우수") or ends like a place ("달서구").
pub fn may_be_award_content(line: &str, lex: &Lexicon) -> bool {
    let c = core(line).trim_end_matches(|ch: char| matches!(ch, ',' | ')' | ']' | '\'' | '"'));
    lex.menus.keep_words.iter().any(|w| c.contains(w.as_str()))
        || (hangul_count(c) >= 2 && lex.menus.place_endings.iter().any(|e| c.ends_with(e.as_str())))
}

/// The header of a list of other articles ("많이 본 뉴스", "관련기사").
pub fn is_list_header(line: &str, lex: &Lexicon) -> bool {
    let c = core(line).trim_matches(|ch: char| matches!(ch, '[' | ']' | '<' | '>' | '【' | '】' | ' '));
    lex.lists.headers.iter().any(|h| h == c)
}

/// A line naming one other article ("[이전기사] ...").
pub fn is_other_article_ref(line: &str, lex: &Lexicon) -> bool {
    lex.lists.item_prefixes.iter().any(|p| line.starts_with(p.as_str()))
}

/// A line that is only a number (rank numbers and counters of trending lists).
pub fn is_number_only(line: &str) -> bool {
    line.chars().any(|c| c.is_ascii_digit())
        && line.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '+' | '-' | ' ' | '▲' | '▼'))
}

/// A list item with a rank number ("1 창녕군, ...", "2. ...").
pub fn is_numbered_item(line: &str) -> bool {
    NUMBERED_ITEM.is_match(line) && !is_sentence(line)
}

/// A list item with a bullet ("- 광주 동구, ...").
pub fn is_bulleted_item(line: &str) -> bool {
    line.starts_with(['-', '·', '*', '■', '□', '▶', '▷', '►', '○', '●', '◆', '◇', '–', '—'])
}

/// A breadcrumb ("HOME > 뉴스 > 군·구", "> 사회 > 복지"). Returns its
/// meaningful parts ("군·구", "사회 > 복지").
pub fn breadcrumb(line: &str, lex: &Lexicon) -> Option<String> {
    if !line.contains(['>', '›', '»']) || is_sentence(line) || char_len(line) > 60 {
        return None;
    }
    let parts: Vec<&str> = line.split(['>', '›', '»']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let starts_with_arrow = line.starts_with(['>', '›', '»']);
    if parts.is_empty() || (parts.len() < 2 && !starts_with_arrow) {
        return None;
    }
    if parts.iter().any(|p| char_len(p) > 15 || p.split(' ').count() > 3) {
        return None;
    }
    let meaningful: Vec<&str> =
        parts.into_iter().filter(|p| !lex.sections.breadcrumb_generic.iter().any(|g| g == p)).collect();
    if meaningful.is_empty() {
        return Some(String::new());
    }
    Some(meaningful.join(" > "))
}

/// A section label line ("사회일반", "대구·경북"): a section name, or region
/// names joined by · / , .
pub fn section_label(line: &str, lex: &Lexicon) -> Option<String> {
    let c = core(line);
    if c.is_empty() || char_len(c) > 15 {
        return None;
    }
    if lex.sections.names.iter().any(|n| n == c) {
        return Some(c.to_string());
    }
    let parts: Vec<&str> = c.split(['·', '/', ',', ' ']).filter(|p| !p.is_empty()).collect();
    if !parts.is_empty() && parts.iter().all(|p| lex.sections.region_names.iter().any(|r| r == p)) {
        return Some(c.to_string());
    }
    None
}

/// Contains an e-mail address.
pub fn has_email(line: &str) -> bool {
    EMAIL.is_match(line)
}

/// Removes e-mail addresses (used on byline remainders).
pub fn without_emails(line: &str) -> String {
    EMAIL.replace_all(line, "").into_owned()
}

/// A byline / dateline / e-mail line: "정서영 기자", "news@x.com | 2016-12-07
/// 12:50:54", "repoter : 송예은 기자 ( ... )", "[이상우 기자]", "입력
/// 2022.12.08 09:40", "[코리아복지신문 2013-11-28 09:10]", "2024-12-05 11:17".
pub fn is_meta(line: &str, lex: &Lexicon) -> bool {
    let n = char_len(line);
    // A sentence, or a sentence with a byline glued on, is body text.
    if n > 100 || is_sentence(line) || split_trailing_byline(line).1.is_some() {
        return false;
    }
    let lower = line.to_lowercase();
    if lower.starts_with("repoter") || lower.starts_with("reporter") || line.starts_with("기자명") {
        return true;
    }
    if has_email(line) && n <= 80 {
        return true;
    }
    if n <= 40 && REPORTER.is_match(line) && hangul_count(line) <= 20 {
        return true;
    }
    let dates = find_dates(line);
    if dates.is_empty() {
        return false;
    }
    let labelled = dates.iter().any(|d| d.label.is_some());
    if labelled && n <= 90 {
        return true;
    }
    // Mostly a date: what remains is at most one short word (an outlet, "15면").
    let mut rest = String::new();
    let mut last = 0;
    for d in &dates {
        rest.push_str(&line[last..d.start]);
        rest.push(' ');
        last = d.end;
    }
    rest.push_str(&line[last..]);
    let rest: String = rest.chars().map(|c| if c.is_alphanumeric() || c.is_whitespace() { c } else { ' ' }).collect();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let _ = lex;
    words.len() <= 1 && words.iter().all(|w| char_len(w) <= 12) || (words.len() <= 3 && REPORTER.is_match(line))
}

/// Mostly Latin letters: a line of an English translation.
pub fn is_english(line: &str) -> bool {
    let latin = line.chars().filter(|c| c.is_ascii_alphabetic()).count();
    latin >= 20 && hangul_count(line) * 10 < latin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::get()
    }

    #[test]
    fn weather_widget_lines() {
        assert!(is_weather("· 맑음속초15.8℃", lex()));
        assert!(is_weather("· 구름많음동두천 -3.9℃", lex()));
        assert!(is_weather("기상청 제공", lex()));
        assert!(!is_weather(
            "기온이 영하 10℃ 아래로 떨어지는 한파 속에서도 구는 위기가구 300곳을 찾아가 난방비를 지원했다고 밝혔다.",
            lex()
        ));
    }

    #[test]
    fn server_warnings() {
        assert!(is_server_warning("Warning: Undefined variable $x in /var/www/a.php on line 12", lex()));
        assert!(is_server_warning("Deprecated: strlen(): Passing null is deprecated", lex()));
        assert!(is_server_warning("Fatal error: Uncaught Error in /srv/x.php on line 3", lex()));
        assert!(!is_server_warning("경고: 올해는 한파가 길다는 예보가 있다.", lex()));
    }

    #[test]
    fn copyright_lines() {
        assert!(is_copyright("[ⓒ 한마을신문. 무단전재-재배포 금지]", lex()));
        assert!(is_copyright("<저작권자(c) 동네소식, 무단 전재-재배포 금지>", lex()));
        assert!(is_copyright("Copyright © 가람뉴스 All rights reserved.", lex()));
        assert!(!is_copyright("구는 이번 평가에서 대상을 받았다.", lex()));
    }

    #[test]
    fn image_file_names() {
        assert!(is_image_file("화면 캡처 2023-01-02 101010.jpg"));
        assert!(is_image_file("안동시-ci.JPG"));
        assert!(is_image_file("시상식_단체사진_1212.png"));
        assert!(!is_image_file("구는 누리집에 결과를 올렸다."));
    }

    #[test]
    fn captions_versus_body_bullets() {
        assert!(is_caption_noise("▲ 홍길동 구청장 |", lex()));
        assert!(is_caption_noise("<영주시 제공>", lex()));
        assert!(!is_caption_noise("▲ 희망복지지원단 운영 : 중구, 동구", lex()));
        assert!(!is_caption_noise("▲민관협력 및 자원연계 부문 '대상'", lex()));
        assert!(!is_caption_noise("▲ 14일 구청장(가운데)이 직원들과 기념촬영을 하고 있다.", lex()));
        assert_eq!(
            strip_trailing_credit("직원들이 기념촬영을 하고 있다. <군청 제공>"),
            "직원들이 기념촬영을 하고 있다."
        );
    }

    #[test]
    fn bylines_glued_to_the_last_paragraph() {
        let s = "구는 상을 받았다고 밝혔다.";
        assert_eq!(
            split_trailing_byline(&format!("{s} /홍길동 기자 hong@example.kr")),
            (s, Some("/홍길동 기자 hong@example.kr"))
        );
        assert_eq!(split_trailing_byline(&format!("{s} [홍길동 기자]")), (s, Some("[홍길동 기자]")));
        assert_eq!(split_trailing_byline(&format!("{s} hong@example.kr")), (s, Some("hong@example.kr")));
        assert_eq!(split_trailing_byline(s), (s, None));
        let q = "구청장은 \"함께한 기자 여러분께 감사하다\"고 말했다.";
        assert_eq!(split_trailing_byline(q), (q, None));
    }

    #[test]
    fn ui_lines() {
        assert!(is_ui("· 해당된 기사를 공유합니다", lex()));
        assert!(is_ui("로그인", lex()));
        assert!(is_ui("페이스북 트위터 카카오스토리 밴드 URL복사", lex()));
        assert!(is_ui("모바일 버전으로 보기", lex()));
        assert!(is_ui("뉴스홈 | 정치 | 경제 | 사회 | 지역", lex()));
        assert!(is_ui("#복지 #지역복지사업평가 #가람구", lex()));
        assert!(!is_ui("위기가구 제보하기 캠페인에 주민 300명이 참여했다.", lex()));
        assert!(!is_ui("누리집에 로그인 후 신청하면 된다.", lex()));
        assert!(may_be_award_content("[최우수]", lex()));
        assert!(may_be_award_content("달서구", lex()));
        assert!(!may_be_award_content("난방비", lex()));
        assert!(is_ui("(끝)", lex()));
        assert!(is_ui("박아무 기자 다른기사 보기", lex()));
        assert!(!is_ui("구는 로그인 없이 쓸 수 있는 복지 상담 창구를 열었다.", lex()));
    }

    #[test]
    fn list_headers_and_items() {
        assert!(is_list_header("많이 본 뉴스", lex()));
        assert!(is_list_header("관련기사", lex()));
        assert!(is_list_header("실시간 인기검색어", lex()));
        assert!(!is_list_header("관련기사를 모아 사례집을 냈다.", lex()));
        assert!(is_other_article_ref("[이전기사] 겨울철 대책 가동", lex()));
        assert!(is_numbered_item("1 ○○군, 평가 2개 부문 대상"));
        assert!(is_number_only("83,960"));
        assert!(!is_number_only("83명"));
    }

    #[test]
    fn breadcrumbs_and_sections() {
        assert_eq!(breadcrumb("HOME > 뉴스 > 군·구", lex()).as_deref(), Some("군·구"));
        assert_eq!(breadcrumb("홈 > 지역 > 충남", lex()).as_deref(), Some("지역 > 충남"));
        assert_eq!(breadcrumb("> 사회 > 복지", lex()).as_deref(), Some("사회 > 복지"));
        assert_eq!(breadcrumb("구는 A > B 순으로 점수를 받았다.", lex()), None);
        assert_eq!(section_label("대구·경북", lex()).as_deref(), Some("대구·경북"));
        assert_eq!(section_label("사회일반", lex()).as_deref(), Some("사회일반"));
        assert_eq!(section_label("달서구 대상", lex()), None);
    }

    #[test]
    fn bylines_and_date_lines() {
        assert!(is_meta("홍길동 기자", lex()));
        assert!(is_meta("[김아무 기자]", lex()));
        assert!(is_meta("desk@example.com | 2019-03-04 10:11:12", lex()));
        assert!(is_meta("repoter : 이아무 기자 ( lee@example.com )", lex()));
        assert!(is_meta("입력 2022.12.08 09:40 | 수정 2022.12.08 10:00", lex()));
        assert!(is_meta("[가람일보 2015-01-02 09:10]", lex()));
        assert!(is_meta("2024-12-05 11:17", lex()));
        assert!(is_meta("박아무 기자 lee@example.kr", lex()));
        assert!(!is_meta("2019년 지역복지사업 평가", lex()));
        assert!(!is_meta("[가람일보] 박아무 기자 = 구는 2022년 12월 8일 대상을 받았다고 밝혔다.", lex()));
    }

    #[test]
    fn sentences_and_english() {
        assert!(is_sentence("구는 이번 평가에서 우수상을 받았다."));
        assert!(is_sentence("구청장은 \"더 노력하겠다\"고 말했다."));
        assert!(is_sentence("앞으로도 최선을 다하겠습니다"));
        assert!(!is_sentence("달서구, 지역복지사업 평가 2관왕"));
        assert!(is_english("Gangnam-gu was selected as an excellent institution this year."));
        assert!(!is_english("강남구는 'Happy Together' 사업으로 높은 평가를 받았다."));
    }
}
