//! Stage 2 (`clean`): removes page noise from a raw document, normalizes the
//! text and extracts metadata (title, date, outlet, reporter, section).
//!
//! Steps, in order:
//! 1. [`normalize`]: NFC, quote / dot / space folding, one paragraph per line;
//!    ([`dates`]: a date label glued to the text after it is split off);
//! 2. [`layout`]: every line gets a kind ([`noise`] and [`chrome`]
//!    classifiers) and a fate from its neighbours (weather widgets, menus,
//!    lists of other articles, mastheads above the headline), then
//!    [`widgets`] (page titles, [`headline_list`]s above the article,
//!    summary boxes, stamps of listed articles, the site's own name lines);
//! 3. byline prefixes are cut from lead sentences ("[가람뉴스] 홍길동 기자 = ");
//! 4. [`translation`]: an appended English translation moves to `translation_text`;
//! 5. [`dedupe`]: repeated paragraphs and bodies keep their first copy;
//! 6. [`metadata`] and [`published`]: title, publication date, outlet,
//!    reporter and section are read from the dropped lines (the JSONL fields
//!    win when given). A page without a section or breadcrumb line gets its
//!    dateline place as `section` ("(창녕=가람뉴스)" → 창녕), a context hint
//!    for the resolver.
//!
//! `clean_text` is the kept lines joined by `\n`: the headline and subhead
//! first, then the body paragraphs, one per line, no blank lines.

pub mod addressed;
pub mod chrome;
pub mod dates;
pub mod dedupe;
pub mod headline_list;
pub mod layout;
pub mod leftovers;
pub mod lexicon;
pub mod metadata;
pub mod noise;
pub mod normalize;
pub mod particulars;
pub mod published;
pub mod text;
pub mod translation;
pub mod widgets;

use chrono::Datelike;

use crate::schema::{CleanDocument, RawDocument};

pub use dedupe::DuplicateIndex;
use layout::{Fate, Kind, Page};
use lexicon::Lexicon;
pub use normalize::{normalize_line, normalize_text};

/// Cleans one document. `duplicate_of` is left null: it is set across
/// documents by [`DuplicateIndex`].
pub fn clean_document(raw: &RawDocument) -> CleanDocument {
    let lex = Lexicon::get();
    let lines = dates::split_glued_dates(normalize::normalized_lines(&raw.text), lex);
    let mut page = layout::classify(&lines, lex);

    // Outlets named in copyright lines help recognize "[가람일보]" prefixes.
    let copyright_outlets: Vec<String> = (0..lines.len())
        .filter(|&i| page.kinds[i] == Kind::Copyright)
        .filter_map(|i| metadata::outlet_from_copyright(&lines[i]))
        .collect();
    widgets::mark(&lines, &mut page, lex, &copyright_outlets);

    // Final text of each line: byline prefixes and photo credits cut.
    let mut texts: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut prefix_reporters = Vec::new();
    let mut prefix_outlets = Vec::new();
    let mut dateline_places = Vec::new();
    for i in 0..lines.len() {
        if page.fates[i] != Fate::Keep || page.kinds[i] != Kind::Text {
            continue;
        }
        let mut text = lines[i].as_str();
        if Some(i) == page.headline {
            text = metadata::strip_headline_tag(text, &copyright_outlets, lex);
        } else if let Some(prefix) = metadata::byline_prefix(text, &copyright_outlets, lex) {
            prefix_reporters.extend(prefix.reporter);
            prefix_outlets.extend(prefix.outlet);
            dateline_places.extend(prefix.place);
            text = text[prefix.rest_start..].trim_start();
        }
        let (body, byline) = noise::split_trailing_byline(noise::strip_trailing_credit(text));
        if let Some(byline) = byline {
            prefix_reporters.extend(metadata::reporter_names(byline));
        }
        texts[i] = body;
    }

    translation::mark_translation(&lines, &mut page);
    dedupe::mark_repeated_lines(&texts, &mut page.fates);

    let collect = |fate: Fate| -> Vec<&str> {
        (0..lines.len()).filter(|&i| page.fates[i] == fate && !texts[i].is_empty()).map(|i| texts[i]).collect()
    };
    let mut kept = collect(Fate::Keep);
    let translation = collect(Fate::Translation);
    // Every non-blank input line that is not in clean_text (translation lines included).
    let removed_line_count =
        (0..lines.len()).filter(|&i| page.kinds[i] != Kind::Blank && page.fates[i] != Fate::Keep).count() as i64;

    let given_title = raw
        .title
        .as_deref()
        .map(normalize_line)
        .map(|t| metadata::strip_title_outlet(&t, &copyright_outlets, lex).to_string())
        .filter(|t| !t.is_empty());
    // A record's own title is its headline: it opens clean_text like a page's
    // headline does (headline-only claims stay visible to the extractor).
    if let Some(t) = &given_title {
        if !kept.contains(&t.as_str()) {
            kept.insert(0, t);
        }
    }
    let clean_text = kept.join("\n");
    let title = given_title.clone().or_else(|| page.headline.map(|i| texts[i].to_string()));
    let published_date = raw
        .published
        .as_deref()
        .and_then(dates::parse_date_field)
        .or_else(|| published::published_on_page(&lines, &page));
    let published_month = published_date
        .map(|d| (d.year(), d.month()))
        .or_else(|| raw.published.as_deref().and_then(dates::parse_month_field))
        .or_else(|| published::month_on_page(&lines, &page))
        .map(|(y, m)| format!("{y:04}-{m:02}"));

    CleanDocument {
        doc_id: raw.doc_id.clone(),
        source_path: raw.source_path.clone(),
        url: raw.url.clone(),
        title,
        published_date,
        published_month,
        outlet: raw
            .outlet
            .as_deref()
            .map(normalize_line)
            .filter(|o| !o.is_empty())
            .or_else(|| outlet_on_page(&lines, &page, &copyright_outlets, &prefix_outlets, lex)),
        reporter: reporters(&lines, &page, prefix_reporters),
        section: section_on_page(&page).or_else(|| dateline_places.first().cloned()),
        clean_text,
        translation_text: (!translation.is_empty()).then(|| translation.join("\n")),
        removed_line_count,
        duplicate_of: None,
    }
}

/// Copyright line first, then the dateline bracket of the lead, then a byline
/// line, then the masthead.
fn outlet_on_page(
    lines: &[String],
    page: &Page,
    copyright: &[String],
    prefixes: &[String],
    lex: &Lexicon,
) -> Option<String> {
    copyright
        .first()
        .or(prefixes.first())
        .cloned()
        .or_else(|| page.own_meta_lines(lines).find_map(|l| metadata::outlet_in_meta_line(l, lex)))
        .or_else(|| {
            page.masthead
                .iter()
                .map(|&i| lines[i].as_str())
                .find(|l| metadata::looks_like_outlet(l, lex))
                .map(str::to_string)
        })
}

/// Reporter names from byline lines and lead prefixes, in page order, once each.
fn reporters(lines: &[String], page: &Page, from_prefixes: Vec<String>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for name in page.own_meta_lines(lines).flat_map(metadata::reporter_names).chain(from_prefixes) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// The breadcrumb's meaningful part, else a section label line. (When the
/// page has neither, the caller falls back to the lead's dateline place.)
fn section_on_page(page: &Page) -> Option<String> {
    let crumb = page.kinds.iter().find_map(|k| match k {
        Kind::Breadcrumb(b) if !b.is_empty() => Some(b.clone()),
        _ => None,
    });
    crumb.or_else(|| {
        page.kinds.iter().find_map(|k| match k {
            Kind::Section(s) => Some(s.clone()),
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn raw(text: &str) -> RawDocument {
        RawDocument::from_text("d", text)
    }

    const PAGE: &str = "2030.03.02 (토)\n · 맑음가람10.1℃\n · 흐림나람3.2℃\n기상청 제공\n가람구, 지역복지사업 평가 우수상\n · 해당된 기사를 공유합니다\n대구·경북\n가람구, 지역복지사업 평가 우수상\n희망복지지원단 운영 분야\n시상식_사진_0301.jpg\n[가람뉴스] 홍길동 기자 = 가람구가 올해 지역복지사업 평가에서 우수상을 받았다고 1일 밝혔다.\nWarning: getimagesize(x.JPG): failed in /a/b.php on line 8\n▲ 홍길동 구청장 |\n구청장은 “주민과 함께 만든 결과”라고 말했다.\n홍길동 기자 hong@example.kr | 입력 2029-12-01 10:00\n[ⓒ 가람뉴스. 무단전재-재배포 금지]\n관련기사\n- 나람군, 복지 평가 대상\n모바일 버전으로 보기";

    #[test]
    fn a_noisy_page_becomes_headline_subhead_and_body() {
        let doc = clean_document(&raw(PAGE));
        assert_eq!(
            doc.clean_text,
            "가람구, 지역복지사업 평가 우수상\n희망복지지원단 운영 분야\n가람구가 올해 지역복지사업 평가에서 우수상을 받았다고 1일 밝혔다.\n구청장은 \"주민과 함께 만든 결과\"라고 말했다."
        );
        assert_eq!(doc.title.as_deref(), Some("가람구, 지역복지사업 평가 우수상"));
        assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2029, 12, 1));
        assert_eq!(doc.outlet.as_deref(), Some("가람뉴스"));
        assert_eq!(doc.reporter.as_deref(), Some("홍길동"));
        assert_eq!(doc.section.as_deref(), Some("대구·경북"));
        assert_eq!(doc.translation_text, None);
        let nonblank = PAGE.lines().filter(|l| !l.trim().is_empty()).count() as i64;
        assert_eq!(doc.removed_line_count, nonblank - 4);
    }

    #[test]
    fn wire_and_portal_page_shapes() {
        let text = "가람구, 지역복지사업 평가 '민관협력' 대상\n입력2030.12.14. 오전 10:21\n수정2030.12.15. 오후 3:00\n기사원문\n공감\n훈훈해요\n(세종=가람통신) 홍길동 기자 = 가람구가 올해 지역복지사업 평가 민관협력 및 자원연계 분야에서 대상을 받았다고 14일 밝혔다.\n구는 포상금 3천만원을 받는다.\n#복지 #가람구\nhong@example.kr\n2030/12/14 10:21 송고\n<저작권자(c) 가람통신, 무단 전재-재배포, AI 학습 및 활용 금지>\n▷ 카카오톡 : 가람통신 검색해 채널 추가";
        let doc = clean_document(&raw(text));
        assert_eq!(
            doc.clean_text,
            "가람구, 지역복지사업 평가 '민관협력' 대상\n가람구가 올해 지역복지사업 평가 민관협력 및 자원연계 분야에서 대상을 받았다고 14일 밝혔다.\n구는 포상금 3천만원을 받는다."
        );
        assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2030, 12, 14));
        assert_eq!(doc.outlet.as_deref(), Some("가람통신"));
        assert_eq!(doc.reporter.as_deref(), Some("홍길동"));
        assert_eq!(doc.section.as_deref(), Some("세종"));
    }

    #[test]
    fn a_record_title_opens_clean_text_once() {
        let mut r = raw("가람구가 올해 평가에서 우수상을 받았다고 밝혔다. /김아무 기자 kim@example.kr");
        r.title = Some("가람구, 복지 평가 우수상 - 가람일보".into());
        let doc = clean_document(&r);
        assert_eq!(doc.title.as_deref(), Some("가람구, 복지 평가 우수상"));
        assert_eq!(doc.clean_text, "가람구, 복지 평가 우수상\n가람구가 올해 평가에서 우수상을 받았다고 밝혔다.");
        assert_eq!(doc.reporter.as_deref(), Some("김아무"));
        let mut r = raw("가람구, 복지 평가 우수상\n가람구가 올해 평가에서 우수상을 받았다고 밝혔다.");
        r.title = Some("가람구, 복지 평가 우수상".into());
        assert_eq!(clean_document(&r).clean_text.matches("우수상\n").count(), 1);
    }

    #[test]
    fn crawl_date_only_gives_no_date_and_jsonl_fields_win() {
        let text = "2030.03.02 (토)\n · 맑음가람10.1℃\n기상청 제공\n가람구, 지역복지사업 평가 우수상\n가람구가 올해 지역복지사업 평가에서 우수상을 받았다고 1일 밝혔다.";
        let doc = clean_document(&raw(text));
        assert_eq!(doc.published_date, None);
        let mut r = raw(text);
        r.published = Some("2029-12-03".into());
        r.title = Some("  제목\u{3000}그대로 ".into());
        r.outlet = Some("가람신문".into());
        let doc = clean_document(&r);
        assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2029, 12, 3));
        assert_eq!(doc.title.as_deref(), Some("제목 그대로"));
        assert_eq!(doc.outlet.as_deref(), Some("가람신문"));
        assert_eq!(doc.published_month.as_deref(), Some("2029-12"));
    }

    #[test]
    fn a_feed_month_without_a_day_gives_the_month_only() {
        let mut r =
            raw("가람구, 지역복지사업 평가 우수상\n가람구가 올해 지역복지사업 평가에서 우수상을 받았다고 밝혔다.");
        r.published = Some("2029-11".into());
        let doc = clean_document(&r);
        assert_eq!(doc.published_date, None);
        assert_eq!(doc.published_month.as_deref(), Some("2029-11"));
    }

    #[test]
    fn cleaning_is_deterministic_and_idempotent_on_its_output() {
        let once = clean_document(&raw(PAGE));
        assert_eq!(clean_document(&raw(PAGE)), once);
        let twice = clean_document(&raw(&once.clean_text));
        assert_eq!(twice.clean_text, once.clean_text);
    }
}
