//! The aggregate queries: pure functions from lazy scans of the stored tables
//! to one lazy frame per `agg_*` table. Nothing here reads or writes files.
//!
//! Each query sorts its output on documented keys, so the same awards always
//! give the same rows in the same order. Counts come out of polars as `u32`;
//! [`super::sink`] casts every column to its declared type.

use polars::prelude::*;

/// The grade columns of the aggregate tables: `(grade_rank, column, points)`.
/// Ranks are `awards.grade_rank` (1 대상 … 5 선정); the points are the
/// documented weights of `agg_top_recipients.grade_points`.
pub const GRADES: [(i32, &str, i64); 5] = [
    (1, "grade_daesang", 4),
    (2, "grade_choeusu", 3),
    (3, "grade_usu", 2),
    (4, "grade_jangnyeo", 1),
    (5, "grade_seonjeong", 1),
];

/// `doc_facts.fact` of a national prize total stated in an article.
const NATIONAL_PRIZE_FACT: &str = "national_prize_total_krw";
/// `doc_facts.fact` of a national count of awarded institutions.
const NATIONAL_COUNT_FACT: &str = "national_institution_count";

/// Grade points of an award of `grade_rank` (0 for an unknown rank).
pub fn grade_points(grade_rank: i32) -> i64 {
    GRADES.iter().find(|(rank, _, _)| *rank == grade_rank).map_or(0, |(_, _, points)| *points)
}

/// One count column per grade.
fn grade_counts() -> Vec<Expr> {
    GRADES.iter().map(|(rank, name, _)| col("grade_rank").eq(lit(*rank)).sum().alias(*name)).collect()
}

/// Grade points of each award row.
fn points_expr() -> Expr {
    let mut expr = lit(0i64);
    for (rank, _, points) in GRADES.iter().rev() {
        expr = when(col("grade_rank").eq(lit(*rank))).then(lit(*points)).otherwise(expr);
    }
    expr
}

/// Per-award prize money: the sum of the known amounts and how many are known.
fn prize_sums() -> [Expr; 2] {
    [
        col("prize_krw").sum().alias("prize_krw_known_sum"),
        col("prize_krw").is_not_null().sum().alias("awards_with_prize"),
    ]
}

/// `expr` of the group's most recently published award (ties broken by
/// award_id; awards without a date count as oldest).
fn of_latest_award(expr: Expr) -> Expr {
    expr.sort_by([col("first_published"), col("award_id")], SortMultipleOptions::default()).last()
}

/// `agg_awards_by_province`: one row per (eval_year, sido_code), sorted by
/// both. Names are those of the group's latest award (awards carry the
/// official name valid on their date, so a rename within a year keeps the
/// newer name).
pub fn awards_by_province(awards: LazyFrame) -> LazyFrame {
    let mut aggs = vec![
        of_latest_award(col("sido_name")).alias("sido_name"),
        of_latest_award(col("iso_3166_2")).alias("iso_3166_2"),
        len().alias("awards_total"),
    ];
    aggs.extend(grade_counts());
    aggs.push(col("level").eq(lit("sigungu")).or(col("level").eq(lit("gu"))).sum().alias("sigungu_awards"));
    aggs.push(col("level").eq(lit("sido")).sum().alias("sido_awards"));
    aggs.extend(prize_sums());
    awards
        .group_by([col("eval_year"), col("sido_code")])
        .agg(aggs)
        .sort(["eval_year", "sido_code"], SortMultipleOptions::default())
}

/// The national figure `fact` stated per eval year, as `(eval_year, value,
/// doc)` columns named `value_col` and `doc_col`.
///
/// When documents disagree, the value stated by the most documents wins;
/// a tie goes to the value whose first stating doc_id sorts lowest, then to
/// the lower value. `doc_col` is the lowest doc_id stating the chosen value.
/// Facts without an eval year cannot be placed and are left out.
fn stated_by_year(facts: LazyFrame, fact: &str, value_col: &str, doc_col: &str) -> LazyFrame {
    let preference = SortMultipleOptions::default().with_order_descending_multi([true, false, false]);
    facts
        .filter(col("fact").eq(lit(fact)).and(col("eval_year").is_not_null()))
        .group_by([col("eval_year"), col("value")])
        .agg([col("doc_id").n_unique().alias("documents"), col("doc_id").min().alias("first_doc_id")])
        .group_by([col("eval_year")])
        .agg([
            col("value")
                .sort_by([col("documents"), col("first_doc_id"), col("value")], preference.clone())
                .first()
                .alias(value_col),
            col("first_doc_id")
                .sort_by([col("documents"), col("first_doc_id"), col("value")], preference)
                .first()
                .alias(doc_col),
        ])
}

/// `agg_prize_by_year`: one row per eval year that has awards or a stated
/// national figure, sorted by year. The sums cover per-award prizes only; the
/// stated national totals stay in their own columns (see [`stated_by_year`]).
pub fn prize_by_year(awards: LazyFrame, facts: LazyFrame) -> LazyFrame {
    let mut aggs = vec![len().alias("awards_total")];
    aggs.extend(prize_sums());
    let sums = awards.group_by([col("eval_year")]).agg(aggs);
    let full = || JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns);
    let prize =
        stated_by_year(facts.clone(), NATIONAL_PRIZE_FACT, "stated_national_prize_krw", "stated_national_prize_doc_id");
    let count =
        stated_by_year(facts, NATIONAL_COUNT_FACT, "stated_institution_count", "stated_institution_count_doc_id");
    sums.join(prize, [col("eval_year")], [col("eval_year")], full())
        .join(count, [col("eval_year")], [col("eval_year")], full())
        .with_columns(
            ["awards_total", "awards_with_prize", "prize_krw_known_sum"].map(|c| col(c).fill_null(lit(0)).alias(c)),
        )
        .sort(["eval_year"], SortMultipleOptions::default())
}

/// `agg_awards_by_category_year`: one row per (category, eval_year), sorted by
/// category (awards without a category last) then year.
pub fn awards_by_category_year(awards: LazyFrame) -> LazyFrame {
    let mut aggs = vec![len().alias("awards_total")];
    aggs.extend(grade_counts());
    awards
        .group_by([col("category"), col("eval_year")])
        .agg(aggs)
        .sort(["category", "eval_year"], SortMultipleOptions::default().with_nulls_last(true))
}

/// `agg_top_recipients`: one row per region_code across years, sorted by
/// awards (most first), grade points (most first), then region_code.
///
/// Names are the region dimension's for the code (its latest validity
/// period), so a recipient keeps one name across years; a code missing from
/// `regions` keeps the names of its latest award.
pub fn top_recipients(awards: LazyFrame, regions: LazyFrame) -> LazyFrame {
    let by_year = || SortMultipleOptions::default();
    let latest =
        |c: &str| col(c).sort_by([col("eval_year"), col("first_published"), col("award_id")], by_year()).last();
    let recipients = awards.group_by([col("region_code")]).agg([
        latest("sido_name").alias("award_sido_name"),
        latest("sigungu_name").alias("award_sigungu_name"),
        latest("level").alias("level"),
        len().alias("awards"),
        points_expr().sum().alias("grade_points"),
        col("eval_year").n_unique().alias("years_active"),
        col("eval_year").min().alias("first_year"),
        col("eval_year").max().alias("last_year"),
        col("category").drop_nulls().unique().sort(SortOptions::default()).alias("categories"),
    ]);
    let latest_region = |c: &str| col(c).sort_by([col("valid_from")], SortMultipleOptions::default()).last();
    let names = regions.group_by([col("region_code")]).agg([
        latest_region("sido_name").alias("region_sido_name"),
        latest_region("sigungu_name").alias("region_sigungu_name"),
    ]);
    recipients
        .join(names, [col("region_code")], [col("region_code")], JoinArgs::new(JoinType::Left))
        .with_columns([
            col("region_sido_name").fill_null(col("award_sido_name")).alias("sido_name"),
            col("region_sigungu_name").fill_null(col("award_sigungu_name")).alias("sigungu_name"),
        ])
        .sort(
            ["awards", "grade_points", "region_code"],
            SortMultipleOptions::default().with_order_descending_multi([true, true, false]),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_points_follow_the_documented_weights() {
        let points: Vec<i64> = (1..=5).map(grade_points).collect();
        assert_eq!(points, vec![4, 3, 2, 1, 1]);
        assert_eq!(grade_points(9), 0);
    }
}
