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

/// A page of our own: a headline, the given lines above and below a body
/// of three sentences.
fn own_page(above: &[&str], below: &[&str]) -> String {
    let mut lines: Vec<&str> = vec!["가람구, 지역복지사업 평가 '우수' 선정"];
    lines.extend(above);
    lines.extend(OWN_BODY);
    lines.extend(below);
    lines.join("\n")
}

const OWN_BODY: [&str; 3] = [
    "가람구는 올해 지역복지사업 평가에서 희망복지지원단 운영 분야 우수 기관으로 뽑혔다고 4일 밝혔다.",
    "구는 위기가구를 이웃과 함께 찾는 동네 돌봄단을 꾸려 복지 정보를 공유하기 위해 애썼다.",
    "구청장은 \"주민이 함께 만든 상\"이라며 소식지 구독 신청도 늘었다고 말했다.",
];

fn clean_own(text: &str) -> CleanDocument {
    clean_document(&RawDocument::from_text("own", text))
}

/// Every date form and label of real pages, on pages written for this
/// test: the publication date is found, the first publication wins over a
/// revision, and the body stays whole.
#[test]
fn own_pages_state_their_date_in_every_form() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let cases: Vec<(Vec<&str>, Vec<&str>, Option<NaiveDate>)> = vec![
        (vec!["입력 2031-03-04 09:10"], vec![], d(2031, 3, 4)),
        (vec!["기사입력 2031.03.04 (화) 09:10"], vec![], d(2031, 3, 4)),
        (vec!["승인 2031. 3. 4. 오후 2:05"], vec![], d(2031, 3, 4)),
        (vec!["등록 2031/03/04"], vec![], d(2031, 3, 4)),
        (vec!["발행일 2031년 3월 4일 화요일"], vec![], d(2031, 3, 4)),
        (vec!["게재 2031-03-04"], vec![], d(2031, 3, 4)),
        (vec![], vec!["2031/03/04 10:21 송고"], d(2031, 3, 4)),
        (vec!["date 2031-03-04"], vec![], d(2031, 3, 4)),
        (vec!["Posted on 2031. 3. 4."], vec![], d(2031, 3, 4)),
        (vec!["Published: 2031-03-04"], vec![], d(2031, 3, 4)),
        (vec!["Updated 2031-03-06"], vec![], d(2031, 3, 6)),
        // 입력 wins over 수정, written in either order.
        (vec!["수정 2031-03-06 11:00", "입력 2031-03-04 09:10"], vec![], d(2031, 3, 4)),
        (vec!["입력 2031.03.04 | 수정 2031.03.06"], vec![], d(2031, 3, 4)),
        // The label on one line, the date on the next.
        (vec!["홍길동 선임기자", "승인", "2031.03.04 20:04", "의견", "0"], vec![], d(2031, 3, 4)),
        // Bylines carrying the date.
        (vec!["홍길동 기자 | desk@example.kr | 2031-03-04 12:28:37"], vec![], d(2031, 3, 4)),
        (vec!["가람경제 나람판 홍길동 기자 2031.03.04 17:42 카카오톡 페이스북 트위터"], vec![], d(2031, 3, 4)),
        (vec![], vec!["홍길동 기자", "2031. 3. 4."], d(2031, 3, 4)),
        (vec!["by 가람 정책노트 2031. 3. 4."], vec![], d(2031, 3, 4)),
        // Print-edition stamps.
        (vec![], vec!["[2031년 3월 4일 제95호 6면]"], d(2031, 3, 4)),
        (vec![], vec!["2031-03-04 15면"], d(2031, 3, 4)),
        (vec![], vec!["2031-03-04 0:0:0 12면"], d(2031, 3, 4)),
        // Two-digit years after a label, on a board page.
        (vec!["페이지 정보", "작성자 관리자 작성일 31-03-04 23:22본문"], vec![], d(2031, 3, 4)),
        // Not publication dates: a month stamp, a listed article's stamp, a
        // header date without a year.
        (vec!["date 2031-03"], vec![], None),
        (vec![], vec!["나람시, 광역 버스 협의", "온라인 기사 ( 2031.05.01 10:00 )"], None),
        (vec!["03.04 (화)"], vec![], None),
    ];
    // A photo caption is content: it stays, and its date is the photo's.
    let caption = "가람구 청사 [사진=가람구] 2031.03.01 desk@example.kr |";
    let doc = clean_own(&own_page(&[caption], &[]));
    assert_eq!(doc.published_date, None);
    assert!(doc.clean_text.contains(caption));
    // A bare date below the body with no byline beside it is a listed post's.
    let doc = clean_own(&own_page(&[], &["다른 글의 요약 한 줄", "2031. 5. 1."]));
    assert_eq!(doc.published_date, None);
    for (above, below, date) in cases {
        let text = own_page(&above, &below);
        let doc = clean_own(&text);
        assert_eq!(doc.published_date, date, "{above:?} {below:?}");
        for line in OWN_BODY {
            assert!(doc.clean_text.contains(line), "{above:?} {below:?}: body line lost {line:?}");
        }
        for line in above.iter().chain(&below) {
            assert!(!doc.clean_text.lines().any(|l| l == *line), "{above:?} {below:?}: {line:?} kept");
        }
    }
}

/// A label and date glued to the lead lose their line break: the date is
/// read and the lead stays whole (its byline prefix cut).
#[test]
fn an_own_label_glued_to_the_lead_is_split_off() {
    let lead = "[가람일보=홍길동 기자] 가람구가 올해 지역복지사업 평가에서 우수상을 받았다.";
    let doc = clean_own(&format!("가람구, 복지 평가 우수상\n date 2031-03-04 {lead}\n{}", OWN_BODY[1]));
    assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2031, 3, 4));
    assert_eq!(
        doc.clean_text,
        format!("가람구, 복지 평가 우수상\n가람구가 올해 지역복지사업 평가에서 우수상을 받았다.\n{}", OWN_BODY[1])
    );
    assert_eq!(doc.reporter.as_deref(), Some("홍길동"));
    let notice = "요약 기술은 줄거리만 보여 줍니다. 자세한 맥락은 기사 본문을 확인해주세요.";
    let doc = clean_own(&format!(" date 2031-03-04 {notice}\n가람구, 복지 평가 우수상\n{}", OWN_BODY.join("\n")));
    assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2031, 3, 4));
    assert_eq!(doc.clean_text, format!("가람구, 복지 평가 우수상\n{}", OWN_BODY.join("\n")));
}

/// Crawl dates, related-list dates, event dates in the body and URL dates
/// never become the publication date.
#[test]
fn own_pages_with_dates_that_are_not_theirs() {
    let widget = "2031.05.01 (목)\n · 맑음가람 15.1℃\n · 흐림나람 16.5℃\n기상청 제공\n";
    let doc = clean_own(&format!("{widget}{}", own_page(&[], &[])));
    assert_eq!(doc.published_date, None);
    let body_event = "구는 지난 2031년 3월 2일 열린 시상식에서 상을 받았다고 밝혔다.";
    let image = "![](https://img.example.kr/2031/03/01/photo.jpg)";
    let related = ["관련기사", "나람군, 복지 평가 대상 2031-02-01", "다람시, 복지 평가 최우수 2031-02-02"];
    let mut below = vec![body_event, image];
    below.extend(related);
    let doc = clean_own(&own_page(&[], &below));
    assert_eq!(doc.published_date, None);
    assert!(doc.clean_text.contains(body_event) && !doc.clean_text.contains("img.example.kr"));
    assert!(!doc.clean_text.contains("나람군, 복지 평가 대상"));
}

/// Each family of page furniture, in words written for this test, leaves
/// clean_text; the body, whose sentences hold some of the same words
/// (공유하기 위해, 구독), stays whole.
#[test]
fn own_furniture_families_leave_clean_text() {
    let families: [(&str, &[&str]); 8] = [
        (
            "comment widget",
            &[
                "댓글삭제",
                "지운 댓글은 다시 복구할 수 없습니다.",
                "그래도 삭제하시겠습니까?",
                "댓글 0",
                "0 / 400",
                "댓글쓰기",
                "계정을 선택하시면 로그인·계정인증을 거쳐 댓글을 남기실 수 있습니다.",
                "※ 아래 댓글은 고지 없이 삭제하겠습니다.",
                "· 욕설 · 광고성 글 · 명예훼손 소지가 있는 댓글 · 같은 글 반복 · 기타 법령에 어긋나는 글",
                "첫 번째 댓글을 작성해 보세요.",
                "12 개의 의견이 있습니다.",
            ],
        ),
        ("copy-link and share", &["기사 URL이 복사되었습니다.", "주소복사가 완료되었습니다", "· 카카오톡 링크", "SNS 공유하기", "fa tw gp"]),
        (
            "reading aids and AI summaries",
            &[
                "· 기사듣기실행 기사듣기중지",
                "본문 글자 크기 조정",
                "이 글자크기로 변경됩니다.",
                "가람픽이 문장을 뽑아 \"가람일보\" 기사를 3줄로 요약한 결과입니다. 빠진 내용이 있을 수 있어 본문 전체 읽기를 권장합니다.",
                "정확한 내용은 본문 보기를 권장합니다.",
            ],
        ),
        (
            "subscription and app promos",
            &[
                "가람일보 모바일 구독자 100만",
                "▶가람일보 제보: http://news.example.kr/report",
                "- 가람 메인에서 가람일보 구독하고 [소식보기▶]",
                "◎함께 읽는 가람통신 [email protected]",
                "여러분의 제보를 기다립니다.",
            ],
        ),
        ("skip links", &["본문 바로가기", "주메뉴 바로가기", "컨텐츠 바로가기"]),
        ("rating buttons", &["훈훈해요", "슬퍼요", "후속기사 원해요", "· 조회 : 358"]),
        ("sign-offs and cut notices", &["<가람일보 편집국>", "동네 소식 길잡이 가람소식(www.example.kr) 취재팀 편집", "(다음은 위 글을 번역기로 번역한 영문 기사 전문. '번역기'"]),
        (
            "registration footer",
            &["가람시 나람로 1 | 대표전화 : 000-000-0000 | 청소년보호책임자 : 홍길동 | 등록번호 : 가람 아 00000 | 등록일 : 2001-01-01"],
        ),
    ];
    for (family, furniture) in families {
        let doc = assert_furniture_leaves(family, furniture);
        assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2031, 3, 4), "{family}: the footer's date was taken");
    }
}

/// Cleans a page of our own with `furniture` below its body: no furniture
/// line is left in clean_text, and the body stays whole.
fn assert_furniture_leaves(family: &str, furniture: &[&str]) -> CleanDocument {
    let doc = clean_own(&own_page(&["입력 2031-03-04 09:10"], furniture));
    for line in furniture {
        let kept: Vec<&str> = doc.clean_text.lines().filter(|l| normalize_line(line).contains(*l)).collect();
        assert!(kept.is_empty(), "{family}: {line:?} left as {kept:?}");
    }
    assert_eq!(doc.clean_text.lines().skip(1).collect::<Vec<_>>(), OWN_BODY, "{family}: body changed");
    doc
}

/// Furniture study 4, each family in words written for this test, below
/// the body of a page of our own: it leaves clean_text and the body stays
/// whole. (Each family's body lines holding its words are unit tests of
/// the module that judges it.)
#[test]
fn own_furniture_families_of_study_four_leave_clean_text() {
    let families: [(&str, &[&str]); 7] = [
        (
            "portal category notes",
            &["이 글의 카테고리는 제공한 언론사가 정합니다.", "한 기사는 여러 카테고리에 함께 실릴 수 있습니다."],
        ),
        (
            "reading aids and their notices cut mid-line",
            &[
                "듣기 읽어주기 기능은 가람",
                "브라우저에서만 이용하실 수 있습니다.",
                "음성재생 설정",
                "키보드 단축키 안내",
            ],
        ),
        (
            "tip promos and contact fields",
            &["가람소식에 제보해 주세요.", "▷ 전화 : 000-000-0000", "카카오톡 : @가람소식"],
        ),
        ("footer address", &["  • 가람광역시 나람구 다람로12(라람동 3-4)", "  • 대표전화 : "]),
        ("broadcast air time and presenter", &["평일 오후 6시 30분", "앵커 홍길동"]),
        (
            "copyright cut mid-line, zoom button, counter label",
            &["< 가람일보의 콘텐츠는 저작권법의 보호", "이미지 확대", "조회수"],
        ),
        (
            "latest-news list with its header spaced",
            &[
                "최신 뉴스",
                "- 나람시, 새벽 버스 노선 두 개 늘린다",
                "- 다람군 축제에 관광객 몰려…주차난",
                "- 라람항 어획량 3년 만에 반등",
            ],
        ),
    ];
    for (family, furniture) in families {
        assert_furniture_leaves(family, furniture);
    }
    // Skip links and a script's leftover above the headline; other
    // articles' items closing the page without a header.
    let items = [
        "- 나람시, 새벽 버스 노선 두 개 늘린다",
        "- 다람군 축제에 관광객 몰려…주차난",
        "- 라람항 어획량 3년 만에 반등",
    ];
    let text = format!("probe webgl ok\n메뉴로 이동\n본문으로 이동\n{}", own_page(&[], &items));
    let doc = clean_own(&text);
    assert_eq!(doc.clean_text.lines().collect::<Vec<_>>()[1..], OWN_BODY);
    assert_eq!(doc.title.as_deref(), Some("가람구, 지역복지사업 평가 '우수' 선정"));
}

/// A bare weekday date atop the page is the day it was served; a repost's
/// byline of names closing with a stamp and its time dates the article.
#[test]
fn own_pages_header_dates_and_stamps_with_names() {
    let doc = clean_own(&format!("2031.05.01 (목)\n{}", own_page(&[], &[])));
    assert_eq!(doc.published_date, None);
    let doc = clean_own(&own_page(&["가람신문 홍팀장 2031. 3. 4. 14:06"], &[]));
    assert_eq!(doc.published_date, NaiveDate::from_ymd_opt(2031, 3, 4));
    assert_eq!(doc.clean_text.lines().skip(1).collect::<Vec<_>>(), OWN_BODY);
}
