//! Stage 2 (clean) on the real seed pages and the dev set: every kind of page
//! noise is gone, every body sentence is kept exactly once, and the
//! publication date matches the gold labels. Expectations are derived from
//! each raw page by general detectors, never copied from the texts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use welfare_awards::schema::{CleanDocument, RawDocument};
use welfare_awards::stages::clean::{clean_document, normalize_line};

use crate::common::{devset_files, seed_files, shared_dir};

fn raw_document(path: &Path, text: String) -> RawDocument {
    let doc = RawDocument::from_text(&welfare_awards::stages::ingest::doc_id(&text), &text);
    RawDocument { source_path: path.display().to_string(), ..doc }
}

/// UTF-8, else CP949 (the dev set has both).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::EUC_KR.decode(bytes);
            assert!(!had_errors, "neither UTF-8 nor CP949");
            text.into_owned()
        }
    }
}

fn read_doc(path: &Path) -> RawDocument {
    raw_document(path, decode(&std::fs::read(path).unwrap()))
}

/// `id -> published` from a gold JSONL file.
fn gold_published(path: &Path) -> HashMap<String, Option<NaiveDate>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let id = v["id"].as_str().unwrap().to_string();
            let date = v["published"].as_str().map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
            (id, date)
        })
        .collect()
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn hangul(s: &str) -> usize {
    s.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)).count()
}

fn latin(s: &str) -> usize {
    s.chars().filter(|c| c.is_ascii_alphabetic()).count()
}

fn is_english_paragraph(line: &str) -> bool {
    latin(line) >= 20 && hangul(line) * 10 < latin(line)
}

/// A body sentence of the raw page: a long Korean line ending like a
/// sentence (a syndication notice about "콘텐츠" is worded like one, but is not).
fn is_body_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '\'', ')', ' ']);
    hangul(line) >= 20
        && !line.contains("콘텐츠")
        && (end.ends_with("다.") || end.ends_with('다') || end.ends_with("다.\"") || end.ends_with("니다."))
}

/// Every noise kind of a scraped page, by general detectors.
fn assert_no_page_noise(name: &str, doc: &CleanDocument) {
    let text = &doc.clean_text;
    let email = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+").unwrap();
    let image = regex::Regex::new(r"(?i)\.(jpe?g|png|gif)\b").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        assert!(!line.contains('℃'), "{name}: weather widget line {line:?}");
        for php in ["Warning:", "Deprecated:", "Notice:", "Fatal error", ".php"] {
            assert!(!line.contains(php), "{name}: server warning {line:?}");
        }
        for mark in ["무단", "ⓒ", "©", "저작권", "Copyright", "All rights"] {
            assert!(!line.contains(mark), "{name}: copyright line {line:?}");
        }
        assert!(!email.is_match(line), "{name}: e-mail line {line:?}");
        assert!(!image.is_match(line), "{name}: image file name {line:?}");
        for ui in [
            "공유합니다",
            "모바일 버전",
            "기상청",
            "로그인",
            "회원가입",
            "인기검색어",
            "바로가기",
            "다른기사",
            "댓글",
            "자동등록",
        ] {
            assert!(!line.contains(ui), "{name}: page chrome {line:?}");
        }
        assert!(!line.chars().all(|c| c.is_ascii_digit() || c == ','), "{name}: bare number line {line:?}");
        assert!(!is_english_paragraph(line), "{name}: English paragraph left in clean_text {line:?}");
        assert!(!line.contains(" 기자 ="), "{name}: byline prefix left {line:?}");
        assert!(!line.trim().is_empty(), "{name}: blank line in clean_text");
    }
    // Menus and trending lists are runs of very short lines.
    for w in lines.windows(3) {
        assert!(!w.iter().all(|l| l.chars().count() <= 6), "{name}: run of short menu lines {w:?}");
    }
    // No paragraph twice.
    let mut seen = std::collections::HashSet::new();
    for line in lines.iter().filter(|l| l.chars().count() >= 10) {
        assert!(seen.insert(*line), "{name}: repeated paragraph {line:?}");
    }
}

/// Every body sentence of the raw page is in clean_text exactly once (its
/// ending is compared, so a byline prefix cut from a lead sentence is fine).
fn assert_body_kept(name: &str, raw: &RawDocument, doc: &CleanDocument) {
    let mut checked = 0;
    for line in raw.text.lines().map(normalize_line).filter(|l| is_body_sentence(l) && !is_english_paragraph(l)) {
        let tail: String = {
            let chars: Vec<char> = line.chars().collect();
            chars[chars.len().saturating_sub(30)..].iter().collect()
        };
        assert_eq!(doc.clean_text.matches(tail.as_str()).count(), 1, "{name}: body sentence ending {tail:?}");
        checked += 1;
    }
    assert!(checked >= 3, "{name}: only {checked} body sentences found in the raw page");
}

/// The headline comes first: the title is the first clean line.
fn assert_headline_first(name: &str, doc: &CleanDocument) {
    if let Some(title) = &doc.title {
        assert_eq!(doc.clean_text.lines().next(), Some(title.as_str()), "{name}: title is not the first line");
        assert!(hangul(title) >= 6, "{name}: title {title:?} is not a headline");
        // A headline names its subject ("가람구, ...", "... 복지부 ...") or has
        // the punctuation of one; a masthead or tagline has neither.
        let subject = regex::Regex::new(r"[가-힣](시|군|구|도|부)(\s|,|'|$)").unwrap();
        assert!(
            title.contains([',', '\'', '"', '…', '·']) || subject.is_match(title),
            "{name}: title {title:?} looks like a masthead, not a headline"
        );
    }
}

/// Headlines listed under "많이 본 뉴스" / "관련기사" are not article text.
fn assert_other_article_lists_gone(name: &str, raw: &RawDocument, doc: &CleanDocument) {
    let headers = ["많이 본 뉴스", "가장 많이 본 뉴스", "댓글 많은 뉴스", "관련기사", "관련 기사", "인기기사"];
    let lines: Vec<String> = raw.text.lines().map(normalize_line).collect();
    for (i, line) in lines.iter().enumerate() {
        if !headers.contains(&line.as_str()) {
            continue;
        }
        for item in lines[i + 1..].iter().take_while(|l| !l.is_empty()) {
            let item = item.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | ' ' | '·'));
            if hangul(item) >= 5 {
                assert!(!doc.clean_text.contains(item), "{name}: other article's headline kept: {item:?}");
            }
        }
    }
}

#[test]
fn seeds_lose_every_kind_of_page_noise_and_keep_their_body() {
    let Some(shared) = shared_dir() else { return };
    for path in seed_files(&shared) {
        let name = stem(&path);
        let raw = read_doc(&path);
        let doc = clean_document(&raw);
        assert_no_page_noise(&name, &doc);
        assert_body_kept(&name, &raw, &doc);
        assert_headline_first(&name, &doc);
        assert!(doc.removed_line_count > 0, "{name}: nothing removed");
        let server = ["Warning:", "Deprecated:", "Notice:", "Fatal error:"];
        let english_lines =
            raw.text.lines().filter(|l| is_english_paragraph(l) && !server.iter().any(|s| l.starts_with(s))).count();
        assert_eq!(doc.translation_text.is_some(), english_lines >= 2, "{name}: translation_text");
        if let Some(t) = &doc.translation_text {
            assert!(t.lines().all(is_english_paragraph), "{name}: translation holds non-English lines");
            assert_eq!(t.lines().count(), english_lines, "{name}: translation lines");
        }
    }
}

#[test]
fn devset_pages_lose_their_noise_and_keep_their_body() {
    let Some(shared) = shared_dir() else { return };
    for path in devset_files(&shared) {
        let name = format!("devset {}", stem(&path));
        let raw = read_doc(&path);
        let doc = clean_document(&raw);
        assert_no_page_noise(&name, &doc);
        assert_body_kept(&name, &raw, &doc);
        assert_headline_first(&name, &doc);
        assert_other_article_lists_gone(&name, &raw, &doc);
    }
}

/// The date a weather widget shows: the page's first line, when ℃ lines follow.
fn widget_date(text: &str) -> Option<NaiveDate> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next()?.trim();
    let has_widget = lines.take(5).any(|l| l.contains('℃') || l.contains("기상청"));
    let day = first.split(' ').next()?;
    has_widget.then(|| NaiveDate::parse_from_str(day, "%Y.%m.%d").ok()).flatten()
}

#[test]
fn published_dates_match_the_gold_labels_and_skip_crawl_dates() {
    let Some(shared) = shared_dir() else { return };
    let seeds_gold = gold_published(&shared.join("gold/seeds.jsonl"));
    let dev_gold = gold_published(&shared.join("devset/gold.jsonl"));
    let mut pages: Vec<(String, PathBuf, Option<NaiveDate>, bool)> = Vec::new();
    for path in seed_files(&shared) {
        let id = stem(&path);
        pages.push((id.clone(), path, seeds_gold[&id], true));
    }
    for path in devset_files(&shared) {
        let id = stem(&path);
        pages.push((format!("devset {id}"), path, dev_gold[&id], false));
    }
    assert_eq!(pages.len(), seeds_gold.len() + dev_gold.len());
    let mut widget_pages_without_date = 0;
    let mut wrong = Vec::new();
    for (name, path, gold, is_seed) in &pages {
        let raw = read_doc(path);
        let doc = clean_document(&raw);
        if let Some(crawl) = widget_date(&raw.text) {
            if *gold != Some(crawl) {
                assert_ne!(doc.published_date, Some(crawl), "{name}: the widget's crawl date became published_date");
            }
            if *is_seed && crawl.year() == 2024 {
                assert_eq!(doc.published_date, None, "{name}: only a crawl date on the page");
                widget_pages_without_date += 1;
            }
        }
        if doc.published_date != *gold {
            wrong.push(format!("{name}: got {:?}, gold {:?}", doc.published_date, gold));
        }
    }
    assert_eq!(widget_pages_without_date, 2, "the two seed pages with a 2024 weather widget");
    assert!(
        wrong.is_empty(),
        "published_date differs from gold on {} of {} pages:\n{}",
        wrong.len(),
        pages.len(),
        wrong.join("\n")
    );
}

/// The project's own sample articles (`make run` input) clean up like the
/// real pages, and need no `../shared`.
#[test]
fn sample_articles_lose_their_noise() {
    let dir = crate::common::repo_dir().join("data/sample/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "expected the sample articles in {}", dir.display());
    // Publication dates the sample pages state (01 shows only a crawl date).
    let expected: HashMap<&str, Option<NaiveDate>> = [
        ("01", None),
        ("02", NaiveDate::from_ymd_opt(2023, 12, 18)),
        ("03", NaiveDate::from_ymd_opt(2024, 12, 11)),
        ("04", NaiveDate::from_ymd_opt(2022, 12, 9)),
        ("05", NaiveDate::from_ymd_opt(2024, 12, 6)),
        ("06", NaiveDate::from_ymd_opt(2021, 12, 15)),
        ("07", NaiveDate::from_ymd_opt(2023, 11, 30)),
        ("08", NaiveDate::from_ymd_opt(2024, 1, 15)),
        ("09", NaiveDate::from_ymd_opt(2019, 12, 10)),
    ]
    .into_iter()
    .collect();
    let mut translations = 0;
    for path in &files {
        let name = stem(path);
        let raw = read_doc(path);
        let doc = clean_document(&raw);
        assert_no_page_noise(&name, &doc);
        assert_body_kept(&name, &raw, &doc);
        assert_headline_first(&name, &doc);
        assert_other_article_lists_gone(&name, &raw, &doc);
        assert!(doc.title.is_some(), "{name}: no headline found");
        assert!(doc.outlet.is_some(), "{name}: no outlet found");
        if let Some(crawl) = widget_date(&raw.text) {
            assert_ne!(doc.published_date, Some(crawl), "{name}: crawl date taken");
        }
        if let Some(date) = expected.get(&name[..2]) {
            assert_eq!(doc.published_date, *date, "{name}: published_date");
        }
        translations += usize::from(doc.translation_text.is_some());
    }
    assert_eq!(translations, 1, "one sample carries an English translation");
}
