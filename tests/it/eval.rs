//! `welfare-awards eval` end to end: a run over a handful of pages written
//! for this test, scored against labels that are wrong on purpose in one
//! component each (and some missing, unkeyable or absent from the output),
//! gives the counts and the error kinds the labels were built for, as text
//! and as JSON; bad input fails with where it is bad.

use std::path::Path;

use serde_json::Value;

use crate::common::run_bin;

/// (file, text) of the pages. `c` is a byte copy of `a` (a `duplicate`
/// reject), `i` a copy with trailing blank lines (a clean-text duplicate),
/// `h` too short to be a document.
const PAGES: &[(&str, &str)] = &[
    (
        "a.txt",
        "성주군, 지역복지사업 평가 대상\n\
         경상북도 성주군은 보건복지부가 주관한 '2022년 지역복지사업 평가'에서 민관협력 및 자원연계 분야 대상을 받았다고 밝혔다.\n\
         군은 주민과 함께 복지 안전망을 넓혀 온 노력이 인정받았다고 설명했다.\n",
    ),
    (
        "b.txt",
        "충남 홍성군, 희망복지지원단 운영 최우수\n\
         충청남도 홍성군은 '2021년 지역복지사업 평가'에서 희망복지지원단 운영 분야 최우수상을 받았다.\n\
         같은 평가에서 전라남도 순천시는 희망복지지원단 운영 분야 우수상을 받았다.\n",
    ),
    (
        "e.txt",
        "원주시, 지역사회보장계획 우수\n\
         강원특별자치도 원주시는 '2023년 지역복지사업 평가'에서 지역사회보장계획 시행결과 분야 우수상을 받았다.\n",
    ),
    (
        "f.txt",
        "달서구 복지행정상\n\
         대구 달서구는 '2020년 지역복지사업 평가'에서 사회보장급여 및 사후관리 분야 최우수상을 수상했다.\n",
    ),
    ("g.txt", "광주 서구 장려상\n광주광역시 서구는 '2019년 지역복지사업 평가'에서 민관협력 및 자원연계 분야 장려상을 받았다.\n"),
    ("h.txt", "짧다\n"),
];

/// One gold line: id and awards as (year, recipient, field, grade).
fn gold_line(id: &str, awards: &[(i32, &str, &str, &str)]) -> String {
    let awards: Vec<Value> = awards
        .iter()
        .map(|(y, r, f, g)| {
            serde_json::json!({"eval_year": y, "recipient_full": r, "level": "sigungu", "category": f, "grade": g, "prize_krw": null})
        })
        .collect();
    serde_json::json!({"id": id, "published": null, "awards": awards, "doc_prize_total_krw": null}).to_string()
}

const SEONGJU: (i32, &str, &str, &str) = (2022, "경상북도 성주군", "민관협력 및 자원연계", "대상");

fn gold_text() -> String {
    [
        gold_line("a", &[SEONGJU, (2022, "??시", "민관협력 및 자원연계", "우수")]),
        gold_line("c", &[SEONGJU]),
        gold_line("i", &[SEONGJU]),
        // Found 2021 and 우수: a wrong year and a wrong grade.
        gold_line(
            "b",
            &[
                (2020, "충청남도 홍성군", "희망복지지원단 운영", "최우수"),
                (2021, "전라남도 순천시", "희망복지지원단 운영", "대상"),
            ],
        ),
        gold_line("e", &[(2023, "강원특별자치도 원주시", "민관협력 및 자원연계", "우수")]),
        gold_line("f", &[(2020, "대구광역시 수성구", "사회보장급여 및 사후관리", "최우수")]),
        // Region and grade both differ: one missed, one spurious.
        gold_line("g", &[(2019, "광주광역시 남구", "민관협력 및 자원연계", "대상")]),
        gold_line("h", &[(2021, "경기도", "희망복지지원단 운영", "우수")]),
    ]
    .join("\n")
        + "\n"
}

/// Writes the pages and the gold, runs the pipeline; returns (gold path, OUT).
fn setup(dir: &Path) -> (String, String) {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in PAGES {
        std::fs::write(input.join(name), text).unwrap();
    }
    std::fs::write(input.join("c.txt"), PAGES[0].1).unwrap();
    std::fs::write(input.join("i.txt"), format!("{}\n\n   \n", PAGES[0].1)).unwrap();
    let gold = dir.join("gold.jsonl");
    std::fs::write(&gold, gold_text()).unwrap();
    let out = dir.join("out");
    let run = run_bin([
        "run",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
        "--on-data-test-failure",
        "warn",
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    (gold.display().to_string(), out.display().to_string())
}

fn eval(args: &[&str]) -> (i32, String, String) {
    let o = run_bin([&["eval"], args].concat());
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn eval_counts_and_sorts_the_errors_by_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let (gold, out) = setup(tmp.path());

    let (code, text, stderr) = eval(&["--gold", &gold, "--out", &out]);
    assert_eq!(code, 0, "low scores are a measure, not a failure: {stderr}");
    // Found: a, c, i (right), b×2, e, f, g: 8 keys, 3 right; 9 keyable labels and 1 unkeyable.
    assert!(text.contains("pages 8 (with awards 8, not in the output 1); gold keys 9 (+1 unkeyable)"), "{text}");
    assert!(text.contains("precision 0.375  recall 0.333  F1 0.353   (tp 3, fp 5, fn 6)"), "{text}");
    assert!(text.contains("strict (unkeyable labels count as missed): recall 0.300"), "{text}");
    assert!(
        text.contains("errors: missed 2, spurious 1, wrong year 1, wrong grade 1, wrong field 1, wrong region 1"),
        "{text}"
    );
    // Each pair once, with both keys and the evidence sentence.
    let section = |kind: &str| {
        text.split(&format!("\n{kind} (")).nth(1).unwrap_or_default().split("\n\n").next().unwrap().to_string()
    };
    let wrong_year = section("wrong year");
    assert!(wrong_year.contains("b  gold  2020 | 44800 | 희망복지지원단 운영 | 최우수  (충청남도 홍성군)"), "{text}");
    assert!(wrong_year.contains("found 2021 | 44800 | 희망복지지원단 운영 | 최우수  (홍성군, resolved)"), "{text}");
    assert!(wrong_year.contains("«충청남도 홍성군은 '2021년 지역복지사업 평가'에서"), "{text}");
    assert!(section("wrong grade").contains("2021 | 46150 | 희망복지지원단 운영 | 우수  (순천시"), "{text}");
    assert!(section("wrong field").contains("지역사회보장계획 시행결과 | 우수  (원주시"), "{text}");
    assert!(section("wrong region").contains("gold  2020 | 27260 |"), "{text}");
    assert!(section("wrong region").contains("found 2020 | 27290 |"), "{text}");
    assert!(section("spurious").contains("g  2019 | 29140 | 민관협력 및 자원연계 | 장려  (서구, resolved)"), "{text}");
    let missed = section("missed");
    assert!(missed.contains("g  2019 | 29155 |") && missed.contains("h  2021 | 41000 |"), "{text}");
    assert!(
        !text.contains("  a  gold") && !missed.contains("  c  ") && !missed.contains("  i  "),
        "copies share a's mentions"
    );
    assert!(text.contains("unkeyable labels (1):\n  a  2022 | ??시 |"), "{text}");
    assert!(text.contains("pages not in the output (1):\n  h (rejected: too_short)"), "{text}");

    let (code, summary, _) = eval(&["--gold", &gold, "--out", &out, "--summary-only"]);
    assert_eq!(code, 0);
    assert!(
        summary.contains("(tp 3, fp 5, fn 6)") && !summary.contains('«') && !summary.contains("missed ("),
        "{summary}"
    );

    let (code, json, _) = eval(&["--gold", &gold, "--out", &out, "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (v["tp"].as_u64(), v["fp"].as_u64(), v["fn"].as_u64(), v["unkeyable"].as_u64()),
        (Some(3), Some(5), Some(6), Some(1))
    );
    assert_eq!(
        v["errors_by_kind"],
        serde_json::json!({"missed": 2, "spurious": 1, "wrong_year": 1, "wrong_grade": 1, "wrong_field": 1, "wrong_region": 1})
    );
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 7);
    let year = errors.iter().find(|e| e["kind"] == "wrong_year").unwrap();
    assert_eq!(
        (year["page"].as_str(), year["gold"]["key"]["eval_year"].as_i64(), year["found"]["key"]["eval_year"].as_i64()),
        (Some("b"), Some(2020), Some(2021))
    );
    assert!(year["found"]["evidence"].as_str().unwrap().starts_with("충청남도 홍성군은"));
    assert!((v["precision"].as_f64().unwrap() - 0.375).abs() < 1e-9);

    // Labels of rounds before --min-year are left out (b's 2020, f's, g's); the awards found stay.
    let (_, later, _) = eval(&["--gold", &gold, "--out", &out, "--min-year", "2021", "--summary-only"]);
    assert!(later.contains("gold keys 6 (+1 unkeyable)") && later.contains("(tp 3, fp 5, fn 3)"), "{later}");
}

#[test]
fn eval_fails_on_bad_input_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        format!("{}\n{{\"id\": \"x\", \"awards\": [{{\"eval_year\": 2020}}]}}\n", gold_line("a", &[SEONGJU])),
    )
    .unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("clean_documents")).unwrap();
    let (g, o) = (gold.to_str().unwrap(), out.to_str().unwrap());

    let (code, _, stderr) = eval(&["--gold", g, "--out", o]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("{g}:2: not a gold line")), "{stderr}");

    std::fs::write(&gold, gold_line("a", &[SEONGJU]) + "\n").unwrap();
    let (code, _, stderr) = eval(&["--gold", g, "--out", o]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("award_mentions is missing"), "{stderr}");

    let (code, _, stderr) = eval(&["--gold", &format!("{g}.nope"), "--out", o]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("reading gold file"), "{stderr}");
    let (code, _, _) = eval(&["--out", o]);
    assert_eq!(code, 2, "--gold is required");
}
