//! `OUT/report.html`: one self-contained page with four SVG charts and every
//! award with its evidence and source, all text escaped. Rendered for real in
//! headless Chromium when it is installed (required under CI).

use std::path::{Path, PathBuf};
use std::process::Command;

use welfare_awards::io::out_dir::OutDir;
use welfare_awards::pipeline::derive::aggregates as aggregate_stage;

use crate::aggregate::{fixture_awards, write_fixture};

/// The report page has exactly this many charts.
const CHARTS: usize = 4;

fn report_of_fixture() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    write_fixture(tmp.path());
    aggregate_stage(&OutDir::new(tmp.path())).unwrap();
    let path = tmp.path().join("report.html");
    let html = std::fs::read_to_string(&path).unwrap();
    (tmp, path, html)
}

#[test]
fn report_shows_charts_and_every_award_with_its_evidence_escaped() {
    let (_tmp, _, html) = report_of_fixture();
    assert_eq!(html.matches("<svg").count(), CHARTS);
    for award in fixture_awards() {
        assert!(html.contains(&award.region_code), "{} missing", award.region_code);
        assert!(html.contains(&award.evidence_doc_id), "{} missing", award.evidence_doc_id);
    }
    // Data is text, never markup.
    assert!(html.contains(
        "종로구는 &lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt; &amp; &quot;장려&quot;상을 받았다."
    ));
    assert!(html.contains("&lt;b&gt;지역일보&lt;&#x2F;b&gt;"));
    assert!(!html.contains("<script"), "the page has a script");
    // URLs become links, with the query's & escaped.
    assert!(html.contains("<a href=\"https:&#x2F;&#x2F;news.example&#x2F;2022&#x2F;1?a=1&amp;b=2\">"));
    assert!(html.contains("conflicting: 20,000,000원 &#x2F; 25,000,000원"));
    assert!(html.contains("50,000,000원"));
    // The national total stated in articles is labelled apart from the sums.
    assert!(html.contains("national total stated in articles (not a sum)"));
}

#[test]
fn report_loads_nothing_from_elsewhere() {
    let (_tmp, _, html) = report_of_fixture();
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for needle in [" src=", "<link", "@import", "url(", "<iframe", "<object"] {
        assert!(!html.contains(needle), "the page refers to an outside resource: {needle}");
    }
}

/// `chromium` (or `chromium-browser`), or `None` with the reason printed;
/// fatal when `WELFARE_REQUIRE_CHROMIUM` is set.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        let found = Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
        if found {
            return Some(PathBuf::from(name));
        }
    }
    if std::env::var_os("WELFARE_REQUIRE_CHROMIUM").is_some_and(|v| !v.is_empty() && v != "0") {
        panic!("chromium is not installed, and WELFARE_REQUIRE_CHROMIUM is set (.ci/run installs it)");
    }
    eprintln!("SKIP: chromium is not installed; the headless rendering test is skipped (apt-get install chromium)");
    None
}

/// What headless Chromium made of a page.
struct Rendered {
    dom: String,
    log: String,
    png: Vec<u8>,
}

fn render(browser: &Path, page: &Path, work: &Path) -> Rendered {
    let screenshot = work.join("page.png");
    let profile = work.join("profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("running chromium");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "chromium failed:\n{log}");
    let png = std::fs::read(&screenshot).unwrap_or_default();
    Rendered { dom: String::from_utf8_lossy(&output.stdout).into_owned(), log, png }
}

/// Console errors and blocked loads in Chromium's log.
fn console_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| {
            l.contains("Uncaught")
                || (l.contains(":CONSOLE") && (l.contains("Error") || l.contains("error")))
                || l.contains("Refused to")
                || l.contains("net::ERR_")
        })
        .collect()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&png[16..20]), be(&png[20..24])))
}

#[test]
fn chromium_renders_the_report_with_its_charts_and_no_console_error() {
    let Some(browser) = chromium() else { return };
    let (tmp, page, _) = report_of_fixture();
    let shot = render(&browser, &page, tmp.path());

    assert_eq!(shot.dom.matches("<svg").count(), CHARTS, "charts in the rendered DOM");
    assert!(shot.dom.contains("지역복지사업 평가 awards"), "page title missing from the DOM");
    assert!(shot.dom.contains("<table class=\"awards\">"));
    let errors = console_errors(&shot.log);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let (w, h) = png_size(&shot.png).expect("a PNG screenshot");
    assert!(w >= 1000 && h >= 1000, "screenshot is {w}x{h}");
    assert!(shot.png.len() > 20_000, "screenshot of {} bytes is nearly blank", shot.png.len());
    if let Ok(keep) = std::env::var("WELFARE_KEEP_SCREENSHOT") {
        std::fs::write(keep, &shot.png).unwrap();
    }
}

#[test]
fn the_console_check_sees_a_script_error() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("broken.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>")
        .unwrap();
    let shot = render(&browser, &page, tmp.path());
    assert!(!console_errors(&shot.log).is_empty(), "a thrown error went unseen:\n{}", shot.log);
}

#[test]
fn same_tables_give_the_same_page() {
    let (_a, _, first) = report_of_fixture();
    let (_b, _, second) = report_of_fixture();
    assert!(first == second, "the report is not deterministic");
}

#[test]
fn an_output_without_awards_still_has_every_chart() {
    use welfare_awards::io::parquet::write_rows;
    use welfare_awards::schema::{Award, DocFact, Region, Table};
    let tmp = tempfile::tempdir().unwrap();
    let out = OutDir::new(tmp.path());
    write_rows::<Award>(&out.table_dir(Award::NAME), Vec::new()).unwrap();
    write_rows::<Region>(&out.table_dir(Region::NAME), Vec::new()).unwrap();
    write_rows::<DocFact>(&out.batch_dir(DocFact::NAME, "20260101T010000Z"), Vec::new()).unwrap();
    aggregate_stage(&out).unwrap();
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), CHARTS);
    assert_eq!(html.matches("no awards in this output yet").count(), CHARTS);
    assert!(html.contains("<h2>Awards (0)</h2>"));
}
