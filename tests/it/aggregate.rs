//! Stage 5 on a synthetic output directory whose aggregates are worked out by
//! hand below: several years and provinces, every grade, 시도- and 구-level
//! recipients, awards without category or prize, a prize conflict, doc-level
//! totals that must stay out of the sums, and national totals on which
//! articles disagree.

use std::path::Path;

use chrono::NaiveDate;
use welfare_awards::io::out_dir::OutDir;
use welfare_awards::io::parquet::{read_rows, write_rows};
use welfare_awards::pipeline::derive::aggregates as aggregate_stage;
use welfare_awards::schema::{
    AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, DocFact, Region, Table,
};

pub const VISITING: &str = "찾아가는 보건복지서비스 제공";
pub const HOPE: &str = "희망복지지원단 운영";
pub const PARTNERS: &str = "민관협력 및 자원연계";
pub const PLAN: &str = "지역사회보장계획 시행결과";
const GRADE_WORDS: [&str; 5] = ["대상", "최우수", "우수", "장려", "선정"];

/// Batches of the per-batch `doc_facts` table in the fixture.
pub const BATCHES: [&str; 2] = ["20240110T020000Z", "20260101T010000Z"];

struct Place {
    code: &'static str,
    sido: &'static str,
    sigungu: Option<&'static str>,
    level: &'static str,
    iso: &'static str,
}

const DALSEO: Place =
    Place { code: "2729000000", sido: "대구광역시", sigungu: Some("달서구"), level: "sigungu", iso: "KR-27" };
const JONGNO: Place =
    Place { code: "1111000000", sido: "서울특별시", sigungu: Some("종로구"), level: "sigungu", iso: "KR-11" };
const GANGNAM: Place =
    Place { code: "1168000000", sido: "서울특별시", sigungu: Some("강남구"), level: "sigungu", iso: "KR-11" };
const GANGWON_OLD: Place = Place { code: "4200000000", sido: "강원도", sigungu: None, level: "sido", iso: "KR-42" };
const GANGWON: Place =
    Place { code: "5100000000", sido: "강원특별자치도", sigungu: None, level: "sido", iso: "KR-51" };
const JANGAN: Place =
    Place { code: "4111100000", sido: "경기도", sigungu: Some("수원시 장안구"), level: "gu", iso: "KR-41" };
const BUCHEON: Place =
    Place { code: "4119000000", sido: "경기도", sigungu: Some("부천시"), level: "sigungu", iso: "KR-41" };
const GYEONGGI: Place = Place { code: "4100000000", sido: "경기도", sigungu: None, level: "sido", iso: "KR-41" };
const JEJU: Place =
    Place { code: "5000000000", sido: "제주특별자치도", sigungu: None, level: "sido", iso: "KR-50" };

fn award(year: i32, p: &Place, category: Option<&str>, rank: i32, prize: Option<i64>, n: u32) -> Award {
    let date = NaiveDate::from_ymd_opt(year, 12, 1 + n % 27).unwrap();
    Award {
        award_id: format!("aw{year}{n:02}"),
        eval_year: year,
        region_code: p.code.into(),
        sido_code: p.code[..2].into(),
        sigungu_code: (p.level != "sido").then(|| p.code[..5].to_string()),
        sido_name: p.sido.into(),
        sigungu_name: p.sigungu.map(String::from),
        iso_3166_2: Some(p.iso.into()),
        level: p.level.into(),
        category: category.map(String::from),
        grade: GRADE_WORDS[rank as usize - 1].into(),
        grade_rank: rank,
        prize_krw: prize,
        prize_conflict: false,
        prize_candidates: prize.into_iter().collect(),
        grade_conflict: false,
        grade_alternatives: vec![],
        mention_count: 1 + i64::from(n % 3),
        doc_ids: vec![format!("doc{year}{n:02}")],
        first_published: Some(date),
        evidence: format!(
            "{} {}이(가) {year}년 지역복지사업 평가에서 {}을 받았다.",
            p.sido,
            p.sigungu.unwrap_or(""),
            GRADE_WORDS[rank as usize - 1]
        ),
        evidence_doc_id: format!("doc{year}{n:02}"),
        source: Some(format!("https://news.example/{year}/{n}?a=1&b=2")),
    }
}

/// The fixture's awards (12), as the resolve stage would store them.
pub fn fixture_awards() -> Vec<Award> {
    let mut conflict = award(2023, &DALSEO, Some(HOPE), 2, None, 5);
    conflict.prize_conflict = true;
    conflict.prize_candidates = vec![20_000_000, 25_000_000];
    let mut tricky = award(2024, &JONGNO, Some(HOPE), 4, Some(5_000_000), 11);
    tricky.evidence = "종로구는 <script>alert('x')</script> & \"장려\"상을 받았다.".into();
    tricky.source = Some("<b>지역일보</b>".into());
    tricky.first_published = None;
    vec![
        award(2022, &DALSEO, Some(HOPE), 1, Some(50_000_000), 1),
        award(2022, &JONGNO, Some(VISITING), 2, Some(30_000_000), 2),
        award(2022, &GANGNAM, None, 3, None, 3),
        award(2022, &GANGWON_OLD, Some(PLAN), 4, Some(10_000_000), 4),
        conflict,
        award(2023, &JANGAN, Some(PARTNERS), 3, Some(15_000_000), 6),
        award(2023, &GANGWON, Some(VISITING), 5, None, 7),
        award(2023, &BUCHEON, None, 5, None, 8),
        award(2024, &DALSEO, Some(VISITING), 1, Some(100_000_000), 9),
        award(2024, &GYEONGGI, Some(HOPE), 2, Some(40_000_000), 10),
        tricky,
        award(2024, &JEJU, None, 3, None, 12),
    ]
}

fn region(p: &Place, from: Option<(i32, u32, u32)>, to: Option<(i32, u32, u32)>) -> Region {
    let date = |d: Option<(i32, u32, u32)>| d.map(|(y, m, day)| NaiveDate::from_ymd_opt(y, m, day).unwrap());
    Region {
        region_code: p.code.into(),
        level: p.level.into(),
        sido_code: p.code[..2].into(),
        sigungu_code: (p.level != "sido").then(|| p.code[..5].to_string()),
        sido_name: p.sido.into(),
        sigungu_name: p.sigungu.map(String::from),
        valid_from: date(from),
        valid_to: date(to),
        predecessor_code: None,
        successor_code: None,
        iso_3166_2: Some(p.iso.into()),
    }
}

/// The fixture's region dimension. 부천시 has an older name recorded
/// (the dimension's latest name wins); 제주 is missing (its award's name is used).
pub fn fixture_regions() -> Vec<Region> {
    let bucheon_old = Place { sigungu: Some("부천시(구)"), ..BUCHEON };
    vec![
        region(&JONGNO, None, None),
        region(&GANGNAM, None, None),
        region(&DALSEO, Some((1988, 5, 1)), None),
        region(&GANGWON_OLD, None, Some((2023, 6, 11))),
        region(&GANGWON, Some((2023, 6, 11)), None),
        region(&GYEONGGI, None, None),
        region(&JANGAN, None, None),
        region(&bucheon_old, Some((1990, 1, 1)), Some((2016, 7, 4))),
        region(&BUCHEON, Some((2016, 7, 4)), None),
    ]
}

fn fact(doc: &str, fact: &str, value: i64, year: Option<i32>) -> DocFact {
    DocFact {
        doc_id: doc.into(),
        fact: fact.into(),
        value,
        eval_year: year,
        evidence: format!("{fact} = {value}"),
        evidence_start: 0,
        evidence_end: 10,
    }
}

/// The fixture's doc_facts, by batch.
pub fn fixture_facts() -> [Vec<DocFact>; 2] {
    [
        vec![
            // 2023: two documents say 26억, one says 25억 → 26억, from doc a1.
            fact("a2", "national_prize_total_krw", 2_600_000_000, Some(2023)),
            fact("a1", "national_prize_total_krw", 2_600_000_000, Some(2023)),
            fact("a3", "national_prize_total_krw", 2_500_000_000, Some(2023)),
            fact("a1", "national_institution_count", 122, Some(2023)),
            // A document total over several awards: never a per-award amount.
            fact("a4", "prize_total_krw", 300_000_000, Some(2022)),
            fact("a4", "award_count", 3, Some(2022)),
        ],
        vec![
            // 2024: one document each → the lowest doc_id (b0) wins.
            fact("b1", "national_prize_total_krw", 3_000_000_000, Some(2024)),
            fact("b0", "national_prize_total_krw", 3_100_000_000, Some(2024)),
            fact("b1", "national_prize_total_krw", 3_000_000_000, Some(2024)),
            // No year: cannot be placed.
            fact("b2", "national_institution_count", 100, None),
            // A year without extracted awards still gets its row.
            fact("b3", "national_institution_count", 90, Some(2021)),
        ],
    ]
}

/// Writes the fixture's `awards`, `regions` and `doc_facts` into `out`.
pub fn write_fixture(out: &Path) {
    let dir = OutDir::new(out);
    write_rows(&dir.table_dir(Award::NAME), fixture_awards()).unwrap();
    write_rows(&dir.table_dir(Region::NAME), fixture_regions()).unwrap();
    for (batch, facts) in BATCHES.iter().zip(fixture_facts()) {
        write_rows(&dir.batch_dir(DocFact::NAME, batch), facts).unwrap();
    }
}

fn aggregated() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_fixture(tmp.path());
    aggregate_stage(&OutDir::new(tmp.path())).unwrap();
    tmp
}

fn read<T: Table>(out: &Path) -> Vec<T> {
    read_rows(&OutDir::new(out).table_dir(T::NAME)).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn province(
    year: i32,
    p: &Place,
    total: i64,
    grades: [i64; 5],
    sigungu: i64,
    sido: i64,
    prize: i64,
    with_prize: i64,
) -> AggAwardsByProvince {
    AggAwardsByProvince {
        eval_year: year,
        sido_code: p.code[..2].into(),
        sido_name: p.sido.into(),
        iso_3166_2: Some(p.iso.into()),
        awards_total: total,
        grade_daesang: grades[0],
        grade_choeusu: grades[1],
        grade_usu: grades[2],
        grade_jangnyeo: grades[3],
        grade_seonjeong: grades[4],
        sigungu_awards: sigungu,
        sido_awards: sido,
        prize_krw_known_sum: prize,
        awards_with_prize: with_prize,
    }
}

#[test]
fn awards_by_province_counts_grades_levels_and_known_prizes() {
    let tmp = aggregated();
    let expected = vec![
        province(2022, &JONGNO, 2, [0, 1, 1, 0, 0], 2, 0, 30_000_000, 1),
        province(2022, &DALSEO, 1, [1, 0, 0, 0, 0], 1, 0, 50_000_000, 1),
        province(2022, &GANGWON_OLD, 1, [0, 0, 0, 1, 0], 0, 1, 10_000_000, 1),
        province(2023, &DALSEO, 1, [0, 1, 0, 0, 0], 1, 0, 0, 0),
        province(2023, &GYEONGGI, 2, [0, 0, 1, 0, 1], 2, 0, 15_000_000, 1),
        province(2023, &GANGWON, 1, [0, 0, 0, 0, 1], 0, 1, 0, 0),
        province(2024, &JONGNO, 1, [0, 0, 0, 1, 0], 1, 0, 5_000_000, 1),
        province(2024, &DALSEO, 1, [1, 0, 0, 0, 0], 1, 0, 100_000_000, 1),
        province(2024, &GYEONGGI, 1, [0, 1, 0, 0, 0], 0, 1, 40_000_000, 1),
        province(2024, &JEJU, 1, [0, 0, 1, 0, 0], 0, 1, 0, 0),
    ];
    assert_eq!(read::<AggAwardsByProvince>(tmp.path()), expected);
}

#[test]
fn prize_by_year_sums_per_award_prizes_and_keeps_stated_totals_apart() {
    let tmp = aggregated();
    let row = |year, total, with, sum, prize: Option<(i64, &str)>, count: Option<(i64, &str)>| AggPrizeByYear {
        eval_year: year,
        awards_total: total,
        awards_with_prize: with,
        prize_krw_known_sum: sum,
        stated_national_prize_krw: prize.map(|p| p.0),
        stated_national_prize_doc_id: prize.map(|p| p.1.to_string()),
        stated_institution_count: count.map(|c| c.0),
        stated_institution_count_doc_id: count.map(|c| c.1.to_string()),
    };
    let expected = vec![
        row(2021, 0, 0, 0, None, Some((90, "b3"))),
        // The 3억 document total of 2022 is not added to the 9천만원 of per-award prizes.
        row(2022, 4, 3, 90_000_000, None, None),
        row(2023, 4, 1, 15_000_000, Some((2_600_000_000, "a1")), Some((122, "a1"))),
        row(2024, 4, 3, 145_000_000, Some((3_100_000_000, "b0")), None),
    ];
    assert_eq!(read::<AggPrizeByYear>(tmp.path()), expected);
}

#[test]
fn awards_by_category_year_puts_missing_categories_last() {
    let tmp = aggregated();
    let row = |category: Option<&str>, year, total, g: [i64; 5]| AggAwardsByCategoryYear {
        category: category.map(String::from),
        eval_year: year,
        awards_total: total,
        grade_daesang: g[0],
        grade_choeusu: g[1],
        grade_usu: g[2],
        grade_jangnyeo: g[3],
        grade_seonjeong: g[4],
    };
    // Sorted by category in code-point order: 민관… < 지역… < 찾아가는… < 희망….
    let expected = vec![
        row(Some(PARTNERS), 2023, 1, [0, 0, 1, 0, 0]),
        row(Some(PLAN), 2022, 1, [0, 0, 0, 1, 0]),
        row(Some(VISITING), 2022, 1, [0, 1, 0, 0, 0]),
        row(Some(VISITING), 2023, 1, [0, 0, 0, 0, 1]),
        row(Some(VISITING), 2024, 1, [1, 0, 0, 0, 0]),
        row(Some(HOPE), 2022, 1, [1, 0, 0, 0, 0]),
        row(Some(HOPE), 2023, 1, [0, 1, 0, 0, 0]),
        row(Some(HOPE), 2024, 2, [0, 1, 0, 1, 0]),
        row(None, 2022, 1, [0, 0, 1, 0, 0]),
        row(None, 2023, 1, [0, 0, 0, 0, 1]),
        row(None, 2024, 1, [0, 0, 1, 0, 0]),
    ];
    assert_eq!(read::<AggAwardsByCategoryYear>(tmp.path()), expected);
}

#[test]
fn top_recipients_rank_by_awards_then_grade_points() {
    let tmp = aggregated();
    let row = |p: &Place, awards, points, years, first, last, cats: &[&str]| AggTopRecipients {
        region_code: p.code.into(),
        sido_name: p.sido.into(),
        sigungu_name: p.sigungu.map(String::from),
        level: p.level.into(),
        awards,
        grade_points: points,
        years_active: years,
        first_year: first,
        last_year: last,
        categories: cats.iter().map(|c| c.to_string()).collect(),
    };
    let expected = vec![
        row(&DALSEO, 3, 4 + 3 + 4, 3, 2022, 2024, &[VISITING, HOPE]),
        row(&JONGNO, 2, 3 + 1, 2, 2022, 2024, &[VISITING, HOPE]),
        row(&GYEONGGI, 1, 3, 1, 2024, 2024, &[HOPE]),
        row(&GANGNAM, 1, 2, 1, 2022, 2022, &[]),
        row(&JANGAN, 1, 2, 1, 2023, 2023, &[PARTNERS]),
        row(&JEJU, 1, 2, 1, 2024, 2024, &[]),
        row(&BUCHEON, 1, 1, 1, 2023, 2023, &[]),
        row(&GANGWON_OLD, 1, 1, 1, 2022, 2022, &[PLAN]),
        row(&GANGWON, 1, 1, 1, 2023, 2023, &[VISITING]),
    ];
    assert_eq!(read::<AggTopRecipients>(tmp.path()), expected);
}

#[test]
fn reruns_give_byte_identical_files() {
    let a = aggregated();
    let b = aggregated();
    aggregate_stage(&OutDir::new(b.path())).unwrap();
    for table in ["agg_awards_by_province", "agg_prize_by_year", "agg_awards_by_category_year", "agg_top_recipients"] {
        let file = |root: &Path| std::fs::read(root.join(table).join("part-00000.parquet")).unwrap();
        assert_eq!(file(a.path()), file(b.path()), "{table}");
        let names: Vec<_> = std::fs::read_dir(b.path().join(table)).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("part-00000.parquet")], "{table}: no temporary file left");
    }
}

#[test]
fn no_awards_still_gives_every_table_and_the_stated_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = OutDir::new(tmp.path());
    write_rows::<Award>(&out.table_dir(Award::NAME), Vec::new()).unwrap();
    write_rows::<Region>(&out.table_dir(Region::NAME), Vec::new()).unwrap();
    write_rows(&out.batch_dir(DocFact::NAME, BATCHES[0]), fixture_facts()[0].clone()).unwrap();
    let summary = aggregate_stage(&out).unwrap();
    assert_eq!(
        summary.tables,
        vec![
            ("agg_awards_by_province", 0),
            ("agg_prize_by_year", 1),
            ("agg_awards_by_category_year", 0),
            ("agg_top_recipients", 0)
        ]
    );
    let prize = read::<AggPrizeByYear>(tmp.path());
    assert_eq!(
        (prize[0].eval_year, prize[0].awards_total, prize[0].stated_national_prize_krw),
        (2023, 0, Some(2_600_000_000))
    );
    assert!(tmp.path().join("report.html").is_file());
}

#[test]
fn a_missing_input_table_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = aggregate_stage(&OutDir::new(tmp.path())).unwrap_err();
    assert!(format!("{err:#}").contains("awards has no Parquet files"), "{err:#}");
}
