//! Renders the report page from the loaded tables: one self-contained HTML
//! document (inline CSS and SVG, no script, a Content-Security-Policy that
//! forbids loading anything). Every text from the data goes through
//! [`esc`]; the SVG charts come from [`super::charts`], whose backend escapes
//! its own text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;

use super::charts;
use super::ReportData;
use crate::schema::Award;
use crate::stages::aggregate::GRADES;

/// Escapes text for HTML content and double-quoted attribute values.
pub fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_safe(s)
}

/// Won with thousands separators: `50,000,000원`.
pub fn krw(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{out}원")
}

const NO_CATEGORY: &str = "(no category)";

/// Award rows shown on the page (newest first); beyond it the page says how
/// many more are in `OUT/awards`, so a huge archive still gives a usable file.
pub const MAX_AWARD_ROWS: usize = 10_000;

const STYLE: &str = "
body { font-family: system-ui, 'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.lede { color: #555; margin-top: 0; }
.stats { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.stats li { background: #f3f6fa; border-radius: 6px; padding: .6rem 1rem; }
.stats b { display: block; font-size: 1.3rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1.2rem; }
figure.chart { margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: .5rem; background: #fff; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg text { font-family: system-ui, 'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', sans-serif; }
figcaption { color: #555; font-size: .85rem; padding: .3rem .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6fa; position: sticky; top: 0; }
td.num { text-align: right; white-space: nowrap; }
td.evidence { max-width: 36rem; }
code { font-size: .8rem; color: #666; }
";

/// The page.
pub fn render(data: &ReportData) -> Result<String> {
    let grade_names = grade_names(&data.awards);
    let mut html = String::with_capacity(64 * 1024 + data.awards.len() * 600);
    html.push_str("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Nothing may be fetched: the file must work offline and leak nothing.
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<title>지역복지사업 평가 awards — welfare-awards report</title>\n");
    let _ = writeln!(html, "<style>{STYLE}</style>\n</head>\n<body>");
    html.push_str("<h1>지역복지사업 평가 awards</h1>\n");
    html.push_str(
        "<p class=\"lede\">Regional welfare project evaluation awards of the Ministry of Health and Welfare, as stated \
         in news articles. Prize sums add per-award amounts only; totals stated by articles are shown apart.</p>\n",
    );
    stats(&mut html, data);

    html.push_str("<section class=\"charts\">\n");
    let figure = |html: &mut String, svg: String, caption: &str| {
        let _ = writeln!(html, "<figure class=\"chart\">\n{svg}<figcaption>{}</figcaption>\n</figure>", esc(caption));
    };
    figure(
        &mut html,
        charts::awards_per_province(&province_totals(data))?,
        "Awards of each province and its 시군구, all years (agg_awards_by_province).",
    );
    let prize: Vec<(i32, i64, Option<i64>)> =
        data.prize_by_year.iter().map(|r| (r.eval_year, r.prize_krw_known_sum, r.stated_national_prize_krw)).collect();
    figure(
        &mut html,
        charts::prize_per_year(&prize)?,
        "Bars: sum of the per-award prizes that are known. Dots: national totals stated in articles (agg_prize_by_year).",
    );
    figure(
        &mut html,
        charts::grade_mix(&grade_mix(data), &grade_names)?,
        "Awards per grade and year (agg_awards_by_province).",
    );
    let (categories, years, counts) = heatmap(data);
    figure(
        &mut html,
        charts::category_year_heatmap(&categories, &years, &counts)?,
        "Awards per category and year (agg_awards_by_category_year).",
    );
    html.push_str("</section>\n");

    top_recipients(&mut html, data);
    awards_table(&mut html, &data.awards);
    let _ = writeln!(
        html,
        "<footer><p class=\"lede\">Generated by welfare-awards {} from the tables beside this file.</p></footer>",
        env!("CARGO_PKG_VERSION")
    );
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

/// The grade word of each rank as the awards write it (the column name when
/// no award of that grade exists).
fn grade_names(awards: &[Award]) -> [&str; 5] {
    let mut names = GRADES.map(|(_, column, _)| column.trim_start_matches("grade_"));
    for (slot, (rank, _, _)) in names.iter_mut().zip(GRADES) {
        if let Some(a) = awards.iter().find(|a| a.grade_rank == rank) {
            *slot = a.grade.as_str();
        }
    }
    names
}

fn stats(html: &mut String, data: &ReportData) {
    let years: Vec<i32> = data.awards.iter().map(|a| a.eval_year).collect();
    let span = match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => "—".into(),
    };
    let provinces = data.by_province.iter().map(|r| &r.sido_code).collect::<std::collections::BTreeSet<_>>().len();
    let known: i64 = data.awards.iter().filter_map(|a| a.prize_krw).sum();
    let with_prize = data.awards.iter().filter(|a| a.prize_krw.is_some()).count();
    html.push_str("<ul class=\"stats\">\n");
    for (value, label) in [
        (data.awards.len().to_string(), "awards".to_string()),
        (span, "evaluation years".into()),
        (provinces.to_string(), "provinces (시도)".into()),
        (krw(known), format!("known per-award prizes ({with_prize} awards)")),
    ] {
        let _ = writeln!(html, "<li><b>{}</b>{}</li>", esc(&value), esc(&label));
    }
    html.push_str("</ul>\n");
}

/// Awards per 시도 over all years, most first; the name of its latest year.
fn province_totals(data: &ReportData) -> Vec<(String, i64)> {
    let mut by_code: BTreeMap<&str, (i32, &str, i64)> = BTreeMap::new();
    for r in &data.by_province {
        let e = by_code.entry(&r.sido_code).or_insert((r.eval_year, &r.sido_name, 0));
        if r.eval_year >= e.0 {
            e.0 = r.eval_year;
            e.1 = &r.sido_name;
        }
        e.2 += r.awards_total;
    }
    let mut rows: Vec<(String, i64)> = by_code.into_values().map(|(_, name, n)| (name.to_string(), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1));
    rows
}

/// Per year, the awards of each grade.
fn grade_mix(data: &ReportData) -> Vec<(i32, [i64; 5])> {
    let mut by_year: BTreeMap<i32, [i64; 5]> = BTreeMap::new();
    for r in &data.by_province {
        let counts = by_year.entry(r.eval_year).or_default();
        for (slot, n) in
            counts.iter_mut().zip([r.grade_daesang, r.grade_choeusu, r.grade_usu, r.grade_jangnyeo, r.grade_seonjeong])
        {
            *slot += n;
        }
    }
    by_year.into_iter().collect()
}

/// Categories (in table order, no category last), years, and counts[category][year].
fn heatmap(data: &ReportData) -> (Vec<String>, Vec<i32>, Vec<Vec<i64>>) {
    let mut categories: Vec<Option<&str>> = Vec::new();
    for r in &data.by_category_year {
        if !categories.contains(&r.category.as_deref()) {
            categories.push(r.category.as_deref());
        }
    }
    let years: Vec<i32> = data
        .by_category_year
        .iter()
        .map(|r| r.eval_year)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut counts = vec![vec![0i64; years.len()]; categories.len()];
    for r in &data.by_category_year {
        let c = categories.iter().position(|c| *c == r.category.as_deref()).expect("listed above");
        let y = years.binary_search(&r.eval_year).expect("listed above");
        counts[c][y] += r.awards_total;
    }
    let names = categories.into_iter().map(|c| c.unwrap_or(NO_CATEGORY).to_string()).collect();
    (names, years, counts)
}

fn top_recipients(html: &mut String, data: &ReportData) {
    html.push_str("<h2>Top recipients</h2>\n<table class=\"recipients\">\n<thead><tr><th>recipient</th><th>code</th>");
    html.push_str("<th>awards</th><th>grade points</th><th>years</th><th>categories</th></tr></thead>\n<tbody>\n");
    for r in data.top_recipients.iter().take(20) {
        let name = match &r.sigungu_name {
            Some(s) => format!("{} {s}", r.sido_name),
            None => r.sido_name.clone(),
        };
        let years = if r.first_year == r.last_year {
            r.first_year.to_string()
        } else {
            format!("{}–{} ({} years)", r.first_year, r.last_year, r.years_active)
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&name),
            esc(&r.region_code),
            r.awards,
            r.grade_points,
            esc(&years),
            esc(&r.categories.join(", "))
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

fn is_link(source: &str) -> bool {
    (source.starts_with("https://") || source.starts_with("http://")) && !source.contains(char::is_whitespace)
}

fn awards_table(html: &mut String, awards: &[Award]) {
    let mut rows: Vec<&Award> = awards.iter().collect();
    // Newest year first, then by place, grade and category.
    rows.sort_by(|a, b| {
        let key = |x: &'_ Award| {
            (x.sido_code.clone(), x.sigungu_code.clone(), x.grade_rank, x.category.clone(), x.award_id.clone())
        };
        b.eval_year.cmp(&a.eval_year).then_with(|| key(a).cmp(&key(b)))
    });
    let _ = writeln!(html, "<h2>Awards ({})</h2>", awards.len());
    if rows.len() > MAX_AWARD_ROWS {
        let _ = writeln!(
            html,
            "<p class=\"lede\">Showing the {MAX_AWARD_ROWS} newest of {} awards; every award is in the <code>awards</code> table.</p>",
            rows.len()
        );
        rows.truncate(MAX_AWARD_ROWS);
    }
    html.push_str(
        "<table class=\"awards\">\n<thead><tr><th>year</th><th>recipient</th><th>category</th><th>grade</th>",
    );
    html.push_str("<th>prize</th><th>evidence</th><th>source</th></tr></thead>\n<tbody>\n");
    for a in rows {
        let recipient = match &a.sigungu_name {
            Some(s) => format!("{} {s}", a.sido_name),
            None => a.sido_name.clone(),
        };
        let prize = match (a.prize_krw, a.prize_conflict) {
            (Some(p), _) => krw(p),
            (None, true) => {
                let stated: Vec<String> = a.prize_candidates.iter().map(|p| krw(*p)).collect();
                format!("conflicting: {}", stated.join(" / "))
            }
            (None, false) => "—".into(),
        };
        let source = match a.source.as_deref() {
            Some(s) if is_link(s) => format!("<a href=\"{0}\">{0}</a>", esc(s)),
            Some(s) => esc(s).into_owned(),
            None => "—".into(),
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{} <code>{}</code></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"evidence\">{}</td><td>{}<br><code>{}</code> · {} mention(s)</td></tr>",
            a.eval_year,
            esc(&recipient),
            esc(&a.region_code),
            esc(a.category.as_deref().unwrap_or(NO_CATEGORY)),
            esc(&a.grade),
            esc(&prize),
            esc(&a.evidence),
            source,
            esc(&a.evidence_doc_id),
            a.mention_count
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_award_list_is_cut_with_a_note() {
        let award = Award {
            award_id: "a".into(),
            eval_year: 2024,
            region_code: "1111000000".into(),
            sido_code: "11".into(),
            sigungu_code: Some("11110".into()),
            sido_name: "서울특별시".into(),
            sigungu_name: Some("종로구".into()),
            iso_3166_2: Some("KR-11".into()),
            level: "sigungu".into(),
            category: None,
            grade: "우수".into(),
            grade_rank: 3,
            prize_krw: None,
            prize_conflict: false,
            prize_candidates: vec![],
            grade_conflict: false,
            grade_alternatives: vec![],
            mention_count: 1,
            doc_ids: vec!["d".into()],
            first_published: None,
            evidence: "evidence sentence".into(),
            evidence_doc_id: "d".into(),
            source: None,
        };
        let data = ReportData { awards: vec![award; MAX_AWARD_ROWS + 5], ..Default::default() };
        let html = render(&data).unwrap();
        assert!(html.contains(&format!("Showing the {MAX_AWARD_ROWS} newest of {} awards", MAX_AWARD_ROWS + 5)));
        assert_eq!(html.matches("evidence sentence").count(), MAX_AWARD_ROWS);
        assert_eq!(html.matches("<svg").count(), 4);
    }

    #[test]
    fn won_gets_thousands_separators() {
        assert_eq!(krw(0), "0원");
        assert_eq!(krw(250_000_000), "250,000,000원");
        assert_eq!(krw(-1_500), "-1,500원");
    }

    #[test]
    fn markup_in_data_is_escaped() {
        assert_eq!(esc("<b>\"a\" & 'b'</b>"), "&lt;b&gt;&quot;a&quot; &amp; &#x27;b&#x27;&lt;&#x2F;b&gt;");
        assert!(is_link("https://news.example/a?b=1&c=2"));
        assert!(!is_link("javascript:alert(1)"));
    }
}
