//! Stage 4: the region table and its importer, the resolver, and the
//! `awards` table, checked against the official files, the seed labels and
//! the dev set (`../shared`, skipped with a reason when absent).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;
use welfare_awards::domain::Particles;
use welfare_awards::pipeline::DomainData;
use welfare_awards::regions::{Query, RegionTable, ResolveStatus, Resolver};
use welfare_awards::schema::{Award, AwardMention, CleanDocument, UtcMicros};
use welfare_awards::stages::clean::{clean_document, DuplicateIndex};
use welfare_awards::stages::extract::extract_document;
use welfare_awards::stages::ingest::{ingest_input, IngestOptions, Ingested};
use welfare_awards::stages::resolve::{award_date, build_awards, resolve_mentions, DocMeta};

use crate::common::{repo_dir, run_bin, shared_dir};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn resolver() -> Resolver {
    Resolver::new(&RegionTable::embedded().unwrap(), &Particles::embedded().unwrap()).unwrap()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// One resolution case: what is written, what the article says around it, what it must give.
struct Case {
    recipient: &'static str,
    date: &'static str,
    sido_context: Option<&'static str>,
    level_hint: Option<&'static str>,
    other_recipients: &'static [&'static str],
    article: &'static [&'static str],
    nearest: &'static [&'static str],
    section: &'static [&'static str],
    outlet: &'static [&'static str],
    /// The code, or `None` for a non-resolution.
    code: Option<&'static str>,
    /// For non-resolutions: ambiguous (with these candidates among the listed ones) or unknown.
    status: ResolveStatus,
    candidates: &'static [&'static str],
}

const BASE: Case = Case {
    recipient: "",
    date: "2021-12-31",
    sido_context: None,
    level_hint: None,
    other_recipients: &[],
    article: &[],
    nearest: &[],
    section: &[],
    outlet: &[],
    code: None,
    status: ResolveStatus::Resolved,
    candidates: &[],
};

const fn ok(recipient: &'static str, date: &'static str, code: &'static str) -> Case {
    Case { recipient, date, code: Some(code), ..BASE }
}

const fn ambiguous(recipient: &'static str, date: &'static str, candidates: &'static [&'static str]) -> Case {
    Case { recipient, date, status: ResolveStatus::Ambiguous, candidates, ..BASE }
}

const fn unknown(recipient: &'static str) -> Case {
    Case { recipient, status: ResolveStatus::Unknown, ..BASE }
}

fn cases() -> Vec<Case> {
    vec![
        // Temporal: renames, transfers, new codes.
        ok("인천 남구", "2017-12-31", "2817000000"),
        ok("인천 남구", "2019-12-31", "2817700000"),
        ok("미추홀구", "2019-12-20", "2817700000"),
        ok("미추홀구", "2017-12-31", "2817000000"),
        ok("강원", "2022-12-31", "4200000000"),
        ok("강원도", "2023-12-31", "5100000000"),
        ok("강원도", "2023-06-08", "4200000000"),
        ok("강원특별자치도", "2023-06-09", "5100000000"),
        ok("춘천시", "2022-12-31", "4211000000"),
        ok("춘천시", "2024-12-31", "5111000000"),
        ok("전북", "2023-12-31", "4500000000"),
        ok("전북", "2024-01-18", "5200000000"),
        ok("전라북도 완주군", "2022-12-08", "4571000000"),
        ok("장수군", "2024-12-31", "5274000000"),
        ok("군위군", "2022-12-31", "4772000000"),
        ok("군위군", "2023-12-31", "2772000000"),
        ok("경북 군위군", "2024-12-31", "2772000000"),
        ok("여주군", "2012-12-31", "4173000000"),
        ok("여주군", "2015-12-31", "4167000000"),
        ok("당진군", "2011-12-31", "4483000000"),
        ok("당진군", "2013-12-31", "4427000000"),
        ok("청원군", "2012-12-31", "4371000000"),
        ok("청원군", "2015-12-31", "4311000000"),
        ok("연기군", "2011-12-31", "4473000000"),
        ok("제주도", "2005-12-31", "4900000000"),
        ok("제주도", "2020-12-31", "5000000000"),
        ok("부천시 원미구", "2015-12-31", "4119500000"),
        ok("부천시 원미구", "2024-12-31", "4119200000"),
        // The source ends 부천 원미구 on 2016-07-04 with no successor: a day's tolerance.
        ok("원미구", "2016-07-04", "4119500000"),
        unknown("원미구").with_date("2020-12-31"),
        ok("창원시", "2009-12-31", "4811000000"),
        ok("창원시", "2020-12-31", "4812000000"),
        ok("마산시", "2015-12-31", "4812000000"),
        // Short forms and 일반구.
        ok("대구시", "2021-12-31", "2700000000"),
        ok("대구", "2021-12-31", "2700000000"),
        ok("대구광역시", "2021-12-31", "2700000000"),
        ok("경남", "2021-12-31", "4800000000"),
        ok("전남도", "2021-12-31", "4600000000"),
        ok("충남", "2021-12-31", "4400000000"),
        ok("세종시", "2021-12-31", "3600000000"),
        ok("세종", "2021-12-31", "3600000000"),
        ok("서울 관악구", "2023-12-15", "1162000000"),
        ok("경기 고양시", "2019-12-31", "4128000000"),
        ok("고양시", "2019-12-31", "4128000000"),
        ok("수원특례시", "2023-12-31", "4111000000"),
        ok("창원특례시", "2023-12-31", "4812000000"),
        ok("수원시 영통구", "2021-12-31", "4111700000"),
        ok("영통구", "2021-12-31", "4111700000"),
        ok("수원시영통구", "2021-12-31", "4111700000"),
        ok("포항시 남구", "2021-12-31", "4711100000"),
        ok("서울특별시 성동구", "2022-12-08", "1120000000"),
        ok("제주특별자치도 서귀포시", "2021-12-31", "5013000000"),
        ok("대구남구", "2021-12-31", "2720000000"),
        // Particles, offices, titles, trailing words.
        ok("수성구가", "2021-12-31", "2726000000"),
        ok("달서구는", "2021-12-31", "2729000000"),
        ok("관악구(청장 박준희)", "2023-12-15", "1162000000"),
        ok("고양시 희망복지지원단", "2019-12-31", "4128000000"),
        ok("성북구청", "2016-12-07", "1129000000"),
        ok("계양구가", "2024-12-31", "2824500000"),
        // Ambiguous names, with and without context.
        ambiguous("남구", "2021-12-31", &["2629000000", "2720000000", "2915500000", "3114000000", "4711100000"]),
        ok("광주 남구", "2021-12-31", "2915500000"),
        Case { sido_context: Some("광주"), ..ok("남구", "2021-12-31", "2915500000") },
        Case { other_recipients: &["대구"], ..ok("남구", "2021-12-31", "2720000000") },
        Case {
            other_recipients: &["대구", "광주"], ..ambiguous("북구", "2021-12-31", &["2723000000", "2917000000"])
        },
        Case { article: &["울산"], ..ok("중구", "2021-12-31", "3111000000") },
        Case { nearest: &["대전"], ..ok("서구", "2022-12-31", "3017000000") },
        Case { section: &["대구", "경북"], ..ok("동구", "2021-12-31", "2714000000") },
        Case { outlet: &["부산"], ..ok("강서구", "2021-12-31", "2644000000") },
        ambiguous("강서구", "2021-12-31", &["1150000000", "2644000000"]),
        ambiguous("고성군", "2021-12-31", &["4282000000", "4882000000"]),
        ok("강원 고성군", "2021-12-31", "4282000000"),
        Case { section: &["강원"], ..ok("고성군", "2024-12-31", "5182000000") },
        ambiguous("광주시", "2021-12-31", &["2900000000", "4161000000"]),
        ok("경기 광주시", "2021-12-31", "4161000000"),
        Case { level_hint: Some("sigungu"), ..ok("광주시", "2021-12-31", "4161000000") },
        Case { level_hint: Some("sido"), ..ok("광주시", "2021-12-31", "2900000000") },
        Case { other_recipients: &["경기"], ..ok("광주시", "2021-12-31", "4161000000") },
        // The earlier context step wins over a later one.
        Case { other_recipients: &["대구"], outlet: &["부산"], ..ok("남구", "2021-12-31", "2720000000") },
        // Unknown.
        unknown("가나다시"),
        unknown(""),
        unknown("보건복지부"),
        unknown("희망복지지원단"),
    ]
}

impl Case {
    fn with_date(self, date: &'static str) -> Case {
        Case { date, ..self }
    }
}

#[test]
fn resolution_cases() {
    let r = resolver();
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let q = Query {
            recipient: c.recipient,
            date: Some(d(c.date)),
            level_hint: c.level_hint,
            sido_context: c.sido_context,
            other_recipients: set(c.other_recipients),
            article: set(c.article),
            nearest: set(c.nearest),
            section: set(c.section),
            outlet: set(c.outlet),
        };
        let got = r.resolve(&q);
        let expected_status = if c.code.is_some() { ResolveStatus::Resolved } else { c.status };
        let candidates_ok = c.candidates.iter().all(|k| got.candidates.iter().any(|g| g == k))
            && (c.status != ResolveStatus::Ambiguous || !c.candidates.is_empty());
        if got.status != expected_status || got.code.as_deref() != c.code || !candidates_ok {
            failures.push(format!(
                "{} on {}: got {} {:?} {:?} (rule {}), want {} {:?} {:?}",
                c.recipient,
                c.date,
                got.status,
                got.code,
                got.candidates,
                got.rule,
                expected_status,
                c.code,
                c.candidates
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

// ---------------------------------------------------------------- importer

const OFFICIAL_FILES: [&str; 4] = [
    "molit_legal_dong_20260609.csv",
    "molit_legal_dong_20250807.csv",
    "codegokr_legal_dong_full_2025.tsv",
    "sido_iso3166_2.csv",
];

fn valid_count(t: &RegionTable, level: &str, on: &str) -> usize {
    t.records().iter().filter(|r| r.level.as_str() == level && r.is_valid_on(d(on))).count()
}

#[test]
fn importer_reproduces_the_official_facts_and_the_committed_table() {
    let Some(shared) = shared_dir() else { return };
    let src = shared.join("reference/regions");
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["reference".into(), "import-regions".into()];
    // Reverse order on purpose: editions are recognised by content and date, not position.
    args.extend(OFFICIAL_FILES.iter().rev().map(|f| src.join(f).to_string_lossy().into_owned()));
    args.extend(["--out-dir".into(), out.path().to_string_lossy().into_owned()]);
    let run = run_bin(&args);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "import-regions failed: {stderr}");
    assert!(stderr.contains("2026-07-01"), "the report names the missing 2026-07-01 changes: {stderr}");

    let written = std::fs::read_to_string(out.path().join("regions.csv")).unwrap();
    let committed = std::fs::read_to_string(repo_dir().join("data/reference/regions.csv")).unwrap();
    assert!(
        written == committed,
        "data/reference/regions.csv is stale: rerun `welfare-awards reference import-regions`"
    );
    let aliases = std::fs::read_to_string(out.path().join("region_aliases.generated.csv")).unwrap();
    let committed = std::fs::read_to_string(repo_dir().join("data/reference/region_aliases.generated.csv")).unwrap();
    assert!(aliases == committed, "data/reference/region_aliases.generated.csv is stale");

    let t = RegionTable::from_csv(&written).unwrap();
    t.validate().unwrap();

    // Every 시도/시군구-level code of both editions (the independently derived
    // sido_sigungu_temporal.csv lists them) is kept, or dropped for a stated reason.
    let derived = std::fs::read_to_string(src.join("sido_sigungu_temporal.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(derived.as_bytes());
    let mut derived_codes = BTreeSet::new();
    let mut derived_sido = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let code = row.get(0).unwrap().to_string();
        derived_sido += usize::from(row.get(1) == Some("sido"));
        let (created, deleted) = (row.get(7).unwrap(), row.get(8).unwrap());
        let name = row.get(5).unwrap();
        let never_valid = created == deleted && !["4371000000", "4473000000"].contains(&code.as_str());
        let branch = row.get(1) == Some("sigungu") && !["시", "군", "구"].iter().any(|s| name.ends_with(s));
        assert_eq!(t.get(&code).is_some(), !never_valid && !branch, "{code} {name} {created} {deleted}");
        derived_codes.insert(code);
    }
    assert_eq!(derived_codes.len(), 531);
    assert!(t.records().iter().all(|r| derived_codes.contains(&r.code10)), "no code is invented");
    let levels: BTreeMap<&str, usize> = t.records().iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r.level.as_str()).or_default() += 1;
        m
    });
    assert_eq!(levels.get("sido"), Some(&25));
    assert_eq!(derived_sido, 25);
    assert_eq!(levels.values().sum::<usize>(), 470);

    // Row counts on known dates: 17 광역; 226 기초 + 제주 2 행정시 + 세종's 36110 row;
    // 35 일반구 in 2024, 39 once 화성's four 구 exist (2026-02-01).
    assert_eq!(valid_count(&t, "sido", "2024-06-30"), 17);
    assert_eq!(valid_count(&t, "sido", "2011-12-31"), 16, "before 세종");
    assert_eq!(valid_count(&t, "sigungu", "2024-06-30"), 229);
    assert_eq!(valid_count(&t, "gu", "2024-06-30"), 35);
    assert_eq!(valid_count(&t, "gu", "2026-03-01"), 39);
    assert_eq!(valid_count(&t, "gu", "2020-06-30"), 32, "부천 had no 구 2016-2023");

    // The verified reorganisations of changes_sido_sigungu.md.
    let rec = |c: &str| t.get(c).unwrap_or_else(|| panic!("{c} missing"));
    let span = |c: &str| (rec(c).valid_from.map(|x| x.to_string()), rec(c).valid_to.map(|x| x.to_string()));
    let some = |s: &str| Some(s.to_string());
    for (old, new, date) in [("42", "51", "2023-06-09"), ("45", "52", "2024-01-18")] {
        let moved: Vec<_> =
            t.records().iter().filter(|r| r.sido_code == old && r.is_valid_on(d(date).pred_opt().unwrap())).collect();
        assert!(moved.len() >= 17, "{old}: {}", moved.len());
        for r in moved {
            let succ = format!("{new}{}", &r.code10[2..]);
            assert_eq!(r.valid_to, Some(d(date)), "{}", r.code10);
            assert_eq!(r.successor_code.as_deref(), Some(succ.as_str()), "{} → {succ} by suffix", r.code10);
            assert_eq!(rec(&succ).sigungu_name, r.sigungu_name);
            assert_eq!(rec(&succ).valid_from, Some(d(date)));
        }
    }
    assert_eq!(span("2817000000").1, some("2018-07-01"));
    assert_eq!(span("2817700000").0, some("2018-07-01"));
    assert_eq!(rec("2817700000").predecessor_code.as_deref(), Some("2817000000"), "not the 동 code 2817010100");
    assert_eq!(span("4772000000").1, some("2023-06-30"));
    assert_eq!(rec("4772000000").successor_code.as_deref(), Some("2772000000"));
    assert_eq!(span("2772000000").0, some("2023-06-30"));
    assert_eq!(span("4311200000").0, some("2014-07-01"));
    assert_eq!(span("4311400000").0, some("2014-07-01"));
    assert_eq!(span("4371000000"), (some("1988-04-23"), some("2014-07-01")), "청원군 override");
    assert_eq!(rec("4371000000").successor_code.as_deref(), Some("4311000000"));
    assert_eq!(span("4473000000"), (some("1988-04-23"), some("2012-07-01")), "연기군 override");
    for old in ["4119500000", "4119700000", "4119900000"] {
        assert_eq!(span(old).1, some("2016-07-04"), "{old}");
    }
    for new in ["4119200000", "4119400000", "4119600000"] {
        assert_eq!(span(new), (some("2023-12-29"), None), "{new}");
    }
    assert_eq!(span("3600000000").0, some("2012-07-01"), "blank in 20250807, filled from 20260609");
    assert_eq!(span("3611000000").0, some("2012-07-01"));
    assert_eq!(span("4173000000").1, some("2013-09-23"));
    assert_eq!(rec("4167000000").predecessor_code.as_deref(), Some("4173000000"));
    assert_eq!(span("4483000000").1, some("2012-01-01"), "day-before deletion 2011-12-31 closed");
    assert_eq!(rec("4427000000").predecessor_code.as_deref(), Some("4483000000"));
    assert_eq!(rec("5000000000").predecessor_code.as_deref(), Some("4900000000"));
    for gu in ["4159100000", "4159300000", "4159500000", "4159700000"] {
        assert_eq!(span(gu).0, some("2026-02-01"), "{gu}");
        assert_eq!(rec(gu).level.as_str(), "gu");
    }
    assert!(rec("4159000000").is_valid_on(d("2026-03-01")), "화성시 stays the parent city");
    assert_eq!(rec("4111700000").sigungu_name.as_deref(), Some("수원시 영통구"));

    // ISO 3166-2 differs from the 시도 code for 세종, 제주, 강원, 전북.
    for (code, iso) in
        [("3600000000", "KR-50"), ("5000000000", "KR-49"), ("5100000000", "KR-42"), ("5200000000", "KR-45")]
    {
        assert_eq!(rec(code).iso_3166_2.as_deref(), Some(iso), "{code}");
    }
    assert_eq!(rec("1162000000").iso_3166_2.as_deref(), Some("KR-11"));
    assert_eq!(rec("2100000000").iso_3166_2, None, "직할시 codes have no ISO code");

    // The 2026-07-01 changes are not in the files and are not invented.
    for absent in ["2812500000", "2815500000", "2827500000", "2829000000", "1200000000"] {
        assert!(t.get(absent).is_none(), "{absent} must not be invented");
    }
    // Their end is a documented override (region_overrides.csv): the 구 they
    // replaced give no code after 2026-06-30.
    for code in ["2811000000", "2814000000", "2826000000"] {
        assert!(rec(code).is_valid_on(d("2026-06-30")) && !rec(code).is_valid_on(d("2026-07-01")), "{code}");
    }
    // So do 광주광역시, 전라남도 and every unit of both (merged into
    // 전남광주통합특별시, whose codes no official edition has yet).
    for code in ["2900000000", "2917000000", "4600000000", "4615000000", "4691000000"] {
        assert!(rec(code).is_valid_on(d("2026-06-30")) && !rec(code).is_valid_on(d("2026-07-01")), "{code}");
    }
}

#[test]
fn importer_rejects_bad_input_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, "a,b,c\n1,2,3\n").unwrap();
    let out = dir.path().join("out");
    let args: Vec<std::ffi::OsString> =
        vec!["reference".into(), "import-regions".into(), junk.into(), "--out-dir".into(), out.clone().into()];
    let run = run_bin(&args);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("junk.csv") && stderr.contains("not a recognised file"), "{stderr}");
    assert!(!out.exists(), "nothing written on failure");
    let missing = run_bin(["reference", "import-regions", "/nonexistent/molit.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/molit.csv"));
}

// ---------------------------------------------------------------- seeds

/// A mention as the extractor produces it, with its evidence found in the text.
fn mention(doc: &CleanDocument, n: usize, recipient: &str, evidence: &str, year: i32, grade: &str) -> AwardMention {
    let byte = doc.clean_text.find(evidence).expect("evidence in text");
    let start = doc.clean_text[..byte].chars().count() as i64;
    AwardMention {
        mention_id: format!("{}:{n}", doc.doc_id),
        doc_id: doc.doc_id.clone(),
        eval_year: year,
        year_source: "stated".into(),
        recipient_text: recipient.into(),
        recipient_level_hint: None,
        sido_context: None,
        doc_places: Vec::new(),
        category: None,
        category_text: None,
        grade: grade.into(),
        grade_rank: 3,
        prize_krw: None,
        program: "지역복지사업 평가".into(),
        evidence: evidence.into(),
        evidence_start: start,
        evidence_end: start + evidence.chars().count() as i64,
        rule: "fixture".into(),
        confidence: 1.0,
        published_date: doc.published_date,
        announced_on: d("1900-01-01"),
        resolve_status: "pending".into(),
        region_code: None,
        region_candidates: Vec::new(),
    }
}

fn clean_doc(id: &str, text: &str, published: Option<&str>) -> CleanDocument {
    CleanDocument { published_date: published.map(d), ..CleanDocument::from_text(id, text) }
}

/// The seed awards' recipients as their articles write them, in contexts
/// written here (not the seed text), resolve to the right codes.
#[test]
fn seed_recipients_resolve_in_context() {
    let r = resolver();
    // A 대구 round-up: the city and its districts; 남구 only by context.
    let text = "대구시가 올해 지역복지사업 평가에서 대상을 받았다. 시·군·구 부문에서는 수성구와 달서구가 최우수상을, \
                달서구가 대상을, 남구가 우수상을 받았다. 남구는 또 다른 분야에서 최우수상을 받았다.";
    let doc = clean_doc("seed-like-0", text, None);
    let sentence2 = "시·군·구 부문에서는 수성구와 달서구가 최우수상을, 달서구가 대상을, 남구가 우수상을 받았다.";
    let sentence3 = "남구는 또 다른 분야에서 최우수상을 받았다.";
    let mut ms = vec![
        mention(&doc, 0, "대구시", "대구시가 올해 지역복지사업 평가에서 대상을 받았다.", 2021, "대상"),
        mention(&doc, 1, "수성구", sentence2, 2021, "최우수"),
        mention(&doc, 2, "달서구", sentence2, 2021, "최우수"),
        mention(&doc, 3, "달서구", sentence2, 2021, "대상"),
        mention(&doc, 4, "남구", sentence2, 2021, "우수"),
        mention(&doc, 5, "달서구", sentence2, 2021, "대상"),
        mention(&doc, 6, "수성구", sentence2, 2021, "우수"),
        mention(&doc, 7, "남구는", sentence3, 2021, "최우수"),
    ];
    resolve_mentions(&mut ms, &doc, &r);
    let codes: Vec<&str> = ms.iter().map(|m| m.region_code.as_deref().unwrap_or("-")).collect();
    assert_eq!(
        codes,
        [
            "2700000000",
            "2726000000",
            "2729000000",
            "2729000000",
            "2720000000",
            "2729000000",
            "2726000000",
            "2720000000"
        ]
    );
    assert!(ms.iter().all(|m| m.announced_on == d("2021-12-31")), "no publication date: end of the year");

    let singles = [
        (
            "성북구(구청장 홍길동)",
            "성북구(구청장 홍길동)가 평가에서 최우수구로 뽑혔다.",
            Some("2016-12-07"),
            2016,
            "1129000000",
        ),
        ("관악구", "서울 관악구는 올해 평가에서 두 분야 우수상을 받았다.", Some("2023-12-15"), 2023, "1162000000"),
        ("관악구", "서울 관악구는 올해 평가에서 두 분야 우수상을 받았다.", Some("2023-12-15"), 2023, "1162000000"),
        ("계양구", "계양구가 올해 평가에서 우수 기관으로 뽑혔다.", None, 2024, "2824500000"),
        ("고양시", "고양시 희망복지지원단이 평가에서 우수 지자체가 됐다.", None, 2019, "4128000000"),
    ];
    for (i, (recipient, text, published, year, code)) in singles.into_iter().enumerate() {
        let doc = clean_doc(&format!("seed-like-{}", i + 1), text, published);
        let mut ms = vec![mention(&doc, 0, recipient, text, year, "우수")];
        resolve_mentions(&mut ms, &doc, &r);
        assert_eq!(ms[0].region_code.as_deref(), Some(code), "{recipient}");
    }
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Award key: (eval_year, region_code, category, grade).
type Key = (i32, String, Option<String>, String);

/// The gold awards of a label file, keyed by the code the resolver gives
/// `recipient_full` on the award date. Every gold recipient must resolve,
/// at the level the label states.
fn gold_keys(labels: &[Value], r: &Resolver) -> BTreeSet<Key> {
    let mut keys = BTreeSet::new();
    for doc in labels {
        let published = doc["published"].as_str().map(d);
        for a in doc["awards"].as_array().unwrap() {
            let year = a["eval_year"].as_i64().unwrap() as i32;
            let name = a["recipient_full"].as_str().unwrap();
            let on = award_date(year, published);
            let res = r.resolve_name(name, on);
            let code = res.code.clone().unwrap_or_else(|| panic!("gold {name} on {on} did not resolve: {res:?}"));
            let level = r.table().get(&code).unwrap().level.as_str();
            let gold_level = a["level"].as_str().unwrap();
            assert!(
                level == gold_level || (gold_level == "sigungu" && level == "gu"),
                "{name}: {level} vs {gold_level}"
            );
            let category = a["category"].as_str().map(str::to_string);
            keys.insert((year, code, category, a["grade"].as_str().unwrap().to_string()));
        }
    }
    keys
}

#[test]
fn seed_gold_recipients_map_to_the_right_codes() {
    let Some(shared) = shared_dir() else { return };
    let r = resolver();
    let labels = read_jsonl(&shared.join("gold/seeds.jsonl"));
    let keys = gold_keys(&labels, &r);
    assert_eq!(keys.len(), 13);
    let codes: BTreeMap<String, usize> = keys.iter().fold(BTreeMap::new(), |mut m, k| {
        *m.entry(k.1.clone()).or_default() += 1;
        m
    });
    let expected: BTreeMap<String, usize> = [
        ("1129000000", 1), // 서울 성북구
        ("1162000000", 2), // 서울 관악구
        ("2700000000", 1), // 대구광역시
        ("2720000000", 2), // 대구 남구
        ("2726000000", 2), // 대구 수성구
        ("2729000000", 3), // 대구 달서구
        ("2824500000", 1), // 인천 계양구
        ("4128000000", 1), // 경기 고양시
    ]
    .into_iter()
    .map(|(c, n)| (c.to_string(), n))
    .collect();
    assert_eq!(codes, expected);
}

/// Runs the real stages (ingest → clean → extract → resolve → build_awards) in memory.
fn run_stages(files: &[PathBuf]) -> (Vec<AwardMention>, Vec<Award>) {
    let ctx = DomainData::load().unwrap();
    let opts = IngestOptions::default();
    let mut dups = DuplicateIndex::default();
    let mut docs = Vec::new();
    let mut mentions = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        for item in ingest_input(&f.to_string_lossy(), &bytes, &opts, UtcMicros(0)) {
            let Ingested::Document(raw) = item else { continue };
            let mut clean = clean_document(&raw);
            dups.mark(&mut clean);
            if clean.duplicate_of.is_some() {
                continue;
            }
            let mut e = extract_document(&clean, &ctx.knowledge);
            resolve_mentions(&mut e.mentions, &clean, &ctx.resolver);
            docs.push(DocMeta::of(&clean));
            mentions.extend(e.mentions);
        }
    }
    let awards = build_awards(&mentions, &docs, &ctx.regions);
    (mentions, awards)
}

fn award_keys(awards: &[Award]) -> BTreeSet<Key> {
    awards.iter().map(|a| (a.eval_year, a.region_code.clone(), a.category.clone(), a.grade.clone())).collect()
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn seed_awards_get_their_codes_end_to_end() {
    let Some(shared) = shared_dir() else { return };
    let gold = gold_keys(&read_jsonl(&shared.join("gold/seeds.jsonl")), &resolver());
    let (mentions, awards) = run_stages(&crate::common::seed_files(&shared));
    let got = award_keys(&awards);
    let missing: Vec<_> = gold.difference(&got).collect();
    let unresolved: Vec<_> = mentions
        .iter()
        .filter(|m| m.resolve_status != "resolved")
        .map(|m| format!("{} {} {:?}", m.recipient_text, m.resolve_status, m.region_candidates))
        .collect();
    eprintln!(
        "seeds end to end: {} mentions, {} awards, {} unresolved {unresolved:?}",
        mentions.len(),
        awards.len(),
        unresolved.len()
    );
    assert!(missing.is_empty(), "seed awards missing from `awards`: {missing:?}\nunresolved mentions: {unresolved:?}");
}

/// The same award reported by three outlets (articles written for this test)
/// becomes one row with three mentions.
#[test]
fn the_same_award_from_three_articles_is_one_row_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        "달서구, 지역복지사업 평가 대상 수상\n\n2022.12.09 10:00 입력\n\n대구 달서구는 보건복지부가 주관한 '2022년 지역복지사업 평가'에서 \
         찾아가는 보건복지서비스 제공 분야 대상을 받았다고 9일 밝혔다. 구는 동 행정복지센터의 방문 상담을 늘리고 위기가구를 \
         꾸준히 찾아낸 점을 인정받았다.\n",
        "대구 달서구, 복지부 평가서 대상\n\n2022.12.10 입력\n\n대구 달서구가 2022년 지역복지사업 평가 찾아가는 보건복지서비스 제공 \
         분야에서 대상을 차지했다. 달서구는 주민 누구나 가까운 곳에서 복지 상담을 받을 수 있도록 했다고 설명했다. \
         구청장은 직원들의 노력 덕분이라고 말했다.\n",
        "달서구 '찾아가는 보건복지서비스' 대상\n\n2022-12-12 입력\n\n보건복지부의 2022년 지역복지사업 평가에서 대구 달서구가 \
         찾아가는 보건복지서비스 제공 분야 대상 기관으로 뽑혔다. 구는 통합사례관리와 민관 협력을 넓혀 왔다. \
         시상식은 이달 중 열린다.\n",
    ];
    for (i, text) in articles.iter().enumerate() {
        std::fs::write(dir.path().join(format!("outlet{i}.txt")), text).unwrap();
    }
    let (mentions, awards) = run_stages(&sorted_files(dir.path()));
    let dalseo: Vec<&Award> = awards.iter().filter(|a| a.region_code == "2729000000").collect();
    assert_eq!(dalseo.len(), 1, "one award row: {awards:#?}\nmentions: {mentions:#?}");
    assert_eq!(dalseo[0].mention_count, 3);
    assert_eq!(dalseo[0].doc_ids.len(), 3);
    assert_eq!((dalseo[0].eval_year, dalseo[0].grade.as_str()), (2022, "대상"));
}

#[test]
fn dev_set_award_score_by_region_code() {
    let Some(shared) = shared_dir() else { return };
    let r = resolver();
    let labels = read_jsonl(&shared.join("devset/gold.jsonl"));
    let gold = gold_keys(&labels, &r);
    assert_eq!(gold.len(), 143, "the dev set README states 143 distinct keys");
    let files: Vec<PathBuf> = crate::common::devset_files(&shared);
    let (mentions, awards) = run_stages(&files);
    let got = award_keys(&awards);
    let hit = gold.intersection(&got).count();
    let precision = if got.is_empty() { 0.0 } else { hit as f64 / got.len() as f64 };
    let recall = hit as f64 / gold.len() as f64;
    let by_status: BTreeMap<&str, usize> = mentions.iter().fold(BTreeMap::new(), |mut m, x| {
        *m.entry(x.resolve_status.as_str()).or_default() += 1;
        m
    });
    // Codes only (year, region): how much of the miss is the region.
    let gold_regions: BTreeSet<(i32, &str)> = gold.iter().map(|k| (k.0, k.1.as_str())).collect();
    let got_regions: BTreeSet<(i32, &str)> = got.iter().map(|k| (k.0, k.1.as_str())).collect();
    let region_hit = gold_regions.intersection(&got_regions).count();
    eprintln!(
        "dev set (key = eval_year, region_code, category, grade): gold {} predicted {} correct {hit} \
         precision {precision:.3} recall {recall:.3}; (year, region) recall {}/{}; mentions by status {by_status:?}",
        gold.len(),
        got.len(),
        region_hit,
        gold_regions.len()
    );
    for k in got.difference(&gold) {
        eprintln!("  predicted, not in gold: {k:?}");
    }
    for k in gold.difference(&got) {
        eprintln!("  gold, not predicted: {k:?}");
    }
    for m in mentions.iter().filter(|m| m.resolve_status != "resolved") {
        eprintln!("  unresolved: {:?} {} {:?}", m.recipient_text, m.resolve_status, m.region_candidates);
    }
}

/// The resolver on the dev-set and seed articles, with each gold recipient given the
/// hard way: its bare name as the article writes it (남구, not 대구광역시
/// 남구), located in a sentence of the cleaned text that states a grade, and
/// no 시도 beside it. Context must decide the ambiguous ones; a wrong code is
/// never acceptable, an `ambiguous` is.
#[test]
fn resolver_on_labelled_articles_never_guesses() {
    let Some(shared) = shared_dir() else { return };
    let r = resolver();
    let mut labelled = Vec::new();
    for (labels, dir) in [("devset/gold.jsonl", "devset/articles"), ("gold/seeds.jsonl", "seeds")] {
        for label in read_jsonl(&shared.join(labels)) {
            let path = shared.join(dir).join(format!("{}.txt", label["id"].as_str().unwrap()));
            labelled.push((label, path));
        }
    }
    let (mut right, mut ambiguous_left, mut not_found) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (label, path) in &labelled {
        let id = label["id"].as_str().unwrap();
        let bytes = std::fs::read(path).unwrap();
        let raw = ingest_input(&path.to_string_lossy(), &bytes, &IngestOptions::default(), UtcMicros(0))
            .into_iter()
            .find_map(|i| match i {
                Ingested::Document(raw) => Some(raw),
                Ingested::Rejected(_) => None,
            });
        let Some(raw) = raw else { continue };
        let doc = clean_document(&raw);
        let published = label["published"].as_str().map(d);
        let mut ms = Vec::new();
        let mut expected = Vec::new();
        for (n, a) in label["awards"].as_array().unwrap().iter().enumerate() {
            let year = a["eval_year"].as_i64().unwrap() as i32;
            let full = a["recipient_full"].as_str().unwrap();
            let code = r.resolve_name(full, award_date(year, published)).code.unwrap();
            let record = r.table().get(&code).unwrap();
            let stem = welfare_awards::regions::aliases::sido_stem(&record.sido_name);
            let forms: Vec<String> = match &record.sigungu_name {
                Some(s) => vec![s.clone(), s.trim_end_matches(['시', '군', '구']).to_string() + "특례시"],
                None => vec![record.sido_name.clone(), format!("{stem}시"), format!("{stem}도"), stem.clone()],
            };
            let lines: Vec<&str> = doc.clean_text.lines().collect();
            let graded = |l: &&&str| ["대상", "최우수", "우수", "장려", "선정"].iter().any(|g| l.contains(g));
            let found = forms.iter().find_map(|form| {
                let mut hits = lines.iter().filter(|l| l.contains(form.as_str()));
                let line = hits.clone().find(graded).or_else(|| hits.next())?;
                Some((form.clone(), line.to_string()))
            });
            let Some((form, line)) = found else {
                not_found += 1;
                continue;
            };
            let mut m = mention(&doc, n, &form, &line, year, a["grade"].as_str().unwrap());
            m.published_date = published;
            ms.push(m);
            expected.push((full.to_string(), code));
        }
        resolve_mentions(&mut ms, &doc, &r);
        for (m, (full, code)) in ms.iter().zip(expected) {
            match m.region_code.as_deref() {
                Some(c) if c == code => right += 1,
                Some(c) => wrong.push(format!("{id}: {:?} for {full}: {c}, want {code}", m.recipient_text)),
                None => {
                    ambiguous_left += 1;
                    assert!(
                        m.region_candidates.contains(&code),
                        "{id}: {full} ({code}) not among {:?}",
                        m.region_candidates
                    );
                    eprintln!(
                        "  {id}: {:?} ({full}) left {}: {:?}",
                        m.recipient_text, m.resolve_status, m.region_candidates
                    );
                }
            }
        }
    }
    eprintln!("dev-set and seed recipients by bare name: {right} right, {} wrong, {ambiguous_left} left ambiguous, {not_found} not written in the clean text", wrong.len());
    assert!(wrong.is_empty(), "wrong codes:\n{}", wrong.join("\n"));
    assert!(right >= 130, "only {right} resolved");
}

/// One-sentence briefs (written for this test) naming places in the short,
/// old, glued and renamed ways articles write them: each award gets the code
/// valid in its year, and none is lost as too short.
#[test]
fn short_briefs_get_the_codes_of_their_year() {
    let dir = tempfile::tempdir().unwrap();
    let briefs: [(&str, &[(i32, &str)]); 12] = [
        ("인천 남구가 2017년 지역복지사업 평가 희망복지지원단 운영 분야에서 대상을 받았다.", &[(2017, "2817000000")]),
        (
            "대구 군위군이 2024년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 우수상을 받았다.",
            &[(2024, "2772000000")],
        ),
        (
            "경북 군위군이 2022년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 우수상을 받았다.",
            &[(2022, "4772000000")],
        ),
        (
            "2019년 지역복지사업 평가 민관협력 및 자원연계 분야에서 부산 남·북구가 나란히 최우수상을 받았다.",
            &[(2019, "2629000000"), (2019, "2632000000")],
        ),
        (
            "충남서천군이 2019년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 대상을 받았다.",
            &[(2019, "4477000000")],
        ),
        (
            "여주군이 2012년 지방자치단체 복지정책 평가에서 희망복지지원단 운영 분야 우수상을 받았다.",
            &[(2012, "4173000000")],
        ),
        (
            "전북 완주군이 2024년 지역복지사업 평가 지역사회보장계획 시행결과 분야에서 대상을 받았다.",
            &[(2024, "5271000000")],
        ),
        (
            "강원 원주시가 2023년 지역복지사업 평가 지역사회보장계획 시행결과 분야에서 우수상을 받았다.",
            &[(2023, "5113000000")],
        ),
        (
            "수원특례시가 2022년 지역복지사업 평가 희망복지지원단 운영 분야에서 최우수상을 받았다.",
            &[(2022, "4111000000")],
        ),
        (
            "경남 고성군이 2020년 지역복지사업 평가 사회보장급여 및 사후관리 분야에서 우수상을 받았다.",
            &[(2020, "4882000000")],
        ),
        ("대전 서가 2020년 지역복지사업 평가 희망복지지원단 운영 분야에서 우수상을 받았다.", &[(2020, "3017000000")]),
        (
            "경북 성주·칠곡군이 2019년 지역복지사업 평가 민관협력 및 자원연계 분야에서 나란히 우수상을 받았다.",
            &[(2019, "4784000000"), (2019, "4785000000")],
        ),
    ];
    let mut files = Vec::new();
    for (i, (text, _)) in briefs.iter().enumerate() {
        let f = dir.path().join(format!("brief{i:02}.txt"));
        std::fs::write(&f, text).unwrap();
        files.push(f);
    }
    let (mentions, _) = run_stages(&files);
    for (i, (text, want)) in briefs.iter().enumerate() {
        let name = format!("brief{i:02}.txt");
        let mut got: Vec<(i32, String)> = mentions
            .iter()
            .filter(|m| m.evidence == *text)
            .map(|m| (m.eval_year, m.region_code.clone().unwrap_or_default()))
            .collect();
        got.sort();
        let want: Vec<(i32, String)> = want.iter().map(|(y, c)| (*y, c.to_string())).collect();
        assert_eq!(got, want, "{name}: {text}");
    }
}

/// The 구 인천 created on 2026-07-01 are in no official edition yet: a
/// 2026 award to one is read but stays without a code, and the 구 they
/// replaced get no code after that day either; nor do the units of 광주
/// and 전남, merged that day into a 시도 whose codes no edition has.
#[test]
fn units_created_after_the_newest_edition_stay_without_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let briefs: [(&str, Option<&str>); 6] = [
        ("인천 제물포구가 2026년 지역복지사업 평가 희망복지지원단 운영 분야에서 대상을 받았다.", None),
        ("인천 영종구가 2026년 지역복지사업 평가 민관협력 및 자원연계 분야에서 우수상을 받았다.", None),
        ("인천 서구가 2026년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 우수상을 받았다.", None),
        (
            "인천 서구가 2025년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 우수상을 받았다.",
            Some("2826000000"),
        ),
        // 광주·전남 merged on 2026-07-01: no old code for a 2026 award.
        ("전남 순천시가 2026년 지역복지사업 평가 희망복지지원단 운영 분야에서 대상을 받았다.", None),
        ("전남 순천시가 2025년 지역복지사업 평가 희망복지지원단 운영 분야에서 대상을 받았다.", Some("4615000000")),
    ];
    let mut files = Vec::new();
    for (i, (text, _)) in briefs.iter().enumerate() {
        let f = dir.path().join(format!("new{i}.txt"));
        std::fs::write(&f, text).unwrap();
        files.push(f);
    }
    let (mentions, _) = run_stages(&files);
    for (text, want) in briefs {
        let got: Vec<_> = mentions.iter().filter(|m| m.evidence == text).collect();
        assert_eq!(got.len(), 1, "{text}: the award is read");
        assert_eq!(got[0].region_code.as_deref(), want, "{text}");
        if want.is_none() {
            assert_eq!(got[0].resolve_status, "unknown", "{text}");
        }
    }
}
