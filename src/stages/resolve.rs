//! Stage 4 (`awards` + `regions`): resolves each mention's recipient to an
//! official region code valid on the award date, then merges the mentions of
//! the same award from many documents into one `awards` row.
//!
//! Resolution runs per document, in the streaming pass right after
//! extraction ([`resolve_mentions`]); merging runs once over everything
//! stored ([`build_awards`]). Mentions that do not resolve keep their
//! `resolve_status` (ambiguous | unknown) in `award_mentions` and stay out
//! of `awards`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::regions::{DocumentContext, Level, Query, RegionTable, Resolution, ResolveStatus, Resolver};
use crate::schema::{Award, AwardMention, CleanDocument, Region};

/// Document metadata the awards table needs (dates and sources).
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    pub doc_id: String,
    pub published_date: Option<chrono::NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub source_path: String,
}

impl DocMeta {
    pub fn of(doc: &CleanDocument) -> Self {
        DocMeta {
            doc_id: doc.doc_id.clone(),
            published_date: doc.published_date,
            outlet: doc.outlet.clone(),
            url: doc.url.clone(),
            source_path: doc.source_path.clone(),
        }
    }
}

/// Last month of the following year in which a publication date still dates
/// the award itself (results come out in December; reports trail into the
/// new year).
const TRAILING_MONTHS: u32 = 3;

/// The date a recipient's code must be valid on: the publication date when
/// it falls in the evaluation year or the first months after it, else
/// December 31 of the evaluation year (results are announced in December).
pub fn award_date(eval_year: i32, published: Option<NaiveDate>) -> NaiveDate {
    let year_end = NaiveDate::from_ymd_opt(eval_year, 12, 31).unwrap_or(NaiveDate::MAX);
    match published {
        Some(p) if p.year() == eval_year => p,
        Some(p) if p.year() == eval_year + 1 && p.month() <= TRAILING_MONTHS => p,
        _ => year_end,
    }
}

fn query_of<'a>(m: &'a AwardMention) -> Query<'a> {
    Query {
        recipient: &m.recipient_text,
        date: Some(m.announced_on),
        level_hint: m.recipient_level_hint.as_deref(),
        sido_context: m.sido_context.as_deref(),
        ..Default::default()
    }
}

/// Where the recipient stands in the clean text, in characters: its first
/// occurrence in the evidence that starts a word (서구 is not the end of
/// 달서구), else the whole evidence span.
fn recipient_span(m: &AwardMention) -> (usize, usize) {
    let start = m.evidence_start.max(0) as usize;
    let end = (m.evidence_end.max(0) as usize).max(start);
    let starts_word = |byte: usize| m.evidence[..byte].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let found = (!m.recipient_text.is_empty())
        .then(|| m.evidence.match_indices(m.recipient_text.as_str()).map(|(b, _)| b).find(|&b| starts_word(b)))
        .flatten();
    match found {
        Some(byte) => {
            let at = start + m.evidence[..byte].chars().count();
            (at, at + m.recipient_text.chars().count())
        }
        None => (start, end),
    }
}

fn apply(m: &mut AwardMention, r: Resolution) {
    m.resolve_status = r.status.as_str().to_string();
    m.region_code = r.code;
    m.region_candidates = r.candidates;
}

/// Fills the resolution columns of one document's mentions: `announced_on`,
/// `resolve_status`, `region_code` and `region_candidates`.
pub fn resolve_mentions(mentions: &mut [AwardMention], doc: &CleanDocument, resolver: &Resolver) {
    if mentions.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        m.announced_on = award_date(m.eval_year, m.published_date.or(doc.published_date));
    }
    // Pass 1: each name on its own (with a 시도 written beside it).
    let first: Vec<Resolution> = mentions.iter().map(|m| resolver.resolve(&query_of(m))).collect();
    if first.iter().all(|r| r.status != ResolveStatus::Ambiguous) {
        for (m, r) in mentions.iter_mut().zip(first) {
            apply(m, r);
        }
        return;
    }
    // Pass 2: the ambiguous ones, with the article around them.
    let families: Vec<Option<String>> = first
        .iter()
        .map(|r| r.code.as_deref().and_then(|c| resolver.table().get(c)).map(|rec| resolver.family_of(rec)))
        .collect();
    let places: BTreeSet<String> = mentions.iter().flat_map(|m| m.doc_places.iter().cloned()).collect();
    let places: Vec<String> = places.into_iter().collect();
    let ctx = DocumentContext::new(
        resolver,
        &doc.clean_text,
        doc.title.as_deref(),
        doc.section.as_deref(),
        doc.outlet.as_deref(),
        &places,
    );
    let article = ctx.article_families();
    for (i, (m, r)) in mentions.iter_mut().zip(first).enumerate() {
        if r.status != ResolveStatus::Ambiguous {
            apply(m, r);
            continue;
        }
        let others: BTreeSet<String> =
            families.iter().enumerate().filter(|&(j, _)| j != i).filter_map(|(_, f)| f.clone()).collect();
        let (start, end) = recipient_span(m);
        // A title naming one 시도 is not what the article is about when the
        // other recipients come from elsewhere (a national round-up).
        let about = if others.is_subset(&article) { article.clone() } else { BTreeSet::new() };
        let q = Query {
            other_recipients: others,
            article: about,
            nearest: ctx.nearest_families(start, end),
            section: ctx.section.clone(),
            outlet: ctx.outlet.clone(),
            ..query_of(m)
        };
        let r = resolver.resolve(&q);
        apply(m, r);
    }
}

/// Key of an award: (eval_year, region_code, category, grade_rank, grade);
/// grade_rank only orders, grade decides.
type AwardKey = (i32, String, Option<String>, i32, String);

/// Stable id of an award: blake3 of its key, 32 hex characters.
pub fn award_id(eval_year: i32, region_code: &str, category: Option<&str>, grade: &str) -> String {
    let key = format!("{eval_year}\u{1f}{region_code}\u{1f}{}\u{1f}{grade}", category.unwrap_or(""));
    blake3::hash(key.as_bytes()).to_hex()[..32].to_string()
}

/// The rank of 선정 (a winner named without a grade, `data/domain/grades.toml`):
/// it states no grade, so it never conflicts with one.
const SELECTED_RANK: i32 = 5;

/// Outlets that disagree: one (eval_year, region, field) stated with two
/// grades is one award, not two. The grade most documents state is kept
/// (then most mentions, the earliest publication, the better grade), flagged
/// `grade_conflict`, with the other grades in `grade_alternatives`. Awards
/// without a field are left alone: two of them may be two fields.
fn settle_grade_conflicts(awards: Vec<Award>) -> Vec<Award> {
    let mut by_field: BTreeMap<(i32, String, String), Vec<usize>> = BTreeMap::new();
    for (i, a) in awards.iter().enumerate() {
        if let Some(c) = a.category.as_ref().filter(|_| a.grade_rank != SELECTED_RANK) {
            by_field.entry((a.eval_year, a.region_code.clone(), c.clone())).or_default().push(i);
        }
    }
    let mut dropped = vec![false; awards.len()];
    let mut flagged: Vec<(usize, Vec<String>)> = Vec::new();
    for ids in by_field.values().filter(|ids| ids.len() > 1) {
        let evidence = |&i: &usize| {
            let a = &awards[i];
            let undated = a.first_published.is_none();
            (
                std::cmp::Reverse(a.doc_ids.len()),
                std::cmp::Reverse(a.mention_count),
                undated,
                a.first_published,
                a.grade_rank,
            )
        };
        let kept = *ids.iter().min_by_key(|i| evidence(i)).expect("two or more");
        let mut others: Vec<usize> = ids.iter().copied().filter(|&i| i != kept).collect();
        others.sort_by_key(|&i| awards[i].grade_rank);
        others.iter().for_each(|&i| dropped[i] = true);
        flagged.push((kept, others.iter().map(|&i| awards[i].grade.clone()).collect()));
    }
    let mut awards = awards;
    for (kept, alternatives) in flagged {
        awards[kept].grade_conflict = true;
        awards[kept].grade_alternatives = alternatives;
    }
    awards.into_iter().zip(dropped).filter(|(_, d)| !d).map(|(a, _)| a).collect()
}

/// Merges resolved mentions into one row per (eval_year, region_code,
/// category, grade), sorted by that key; see [`settle_grade_conflicts`] for
/// one field stated with two grades.
pub fn build_awards(mentions: &[AwardMention], docs: &[DocMeta], regions: &RegionTable) -> Vec<Award> {
    settle_grade_conflicts(awards_by_key(mentions, docs, regions))
}

/// One row per (eval_year, region_code, category, grade).
fn awards_by_key(mentions: &[AwardMention], docs: &[DocMeta], regions: &RegionTable) -> Vec<Award> {
    let by_doc: HashMap<&str, &DocMeta> = docs.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let mut groups: BTreeMap<AwardKey, Vec<&AwardMention>> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.resolve_status == ResolveStatus::Resolved.as_str()) {
        let Some(code) = &m.region_code else { continue };
        let key = (m.eval_year, code.clone(), m.category.clone(), m.grade_rank, m.grade.clone());
        groups.entry(key).or_default().push(m);
    }
    let published =
        |m: &AwardMention| by_doc.get(m.doc_id.as_str()).and_then(|d| d.published_date).or(m.published_date);
    groups
        .into_iter()
        .map(|((eval_year, code, category, grade_rank, grade), ms)| {
            let prizes: BTreeSet<i64> = ms.iter().filter_map(|m| m.prize_krw).collect();
            let doc_ids: BTreeSet<&str> = ms.iter().map(|m| m.doc_id.as_str()).collect();
            // Evidence from the earliest document (undated last; ties → smallest doc_id),
            // its first statement of the award.
            let evidence = ms
                .iter()
                .min_by_key(|m| (published(m).is_none(), published(m), m.doc_id.as_str(), m.evidence_start))
                .expect("a group has a mention");
            let source = by_doc
                .get(evidence.doc_id.as_str())
                .map(|d| d.outlet.clone().or_else(|| d.url.clone()).unwrap_or_else(|| d.source_path.clone()));
            // A code missing from the table (mentions stored under an older
            // table) still gets its 시도 from the code's first two digits.
            let region = regions.get(&code);
            let sido = regions.get(&format!("{}00000000", code.get(..2).unwrap_or_default()));
            Award {
                award_id: award_id(eval_year, &code, category.as_deref(), &grade),
                eval_year,
                sido_code: code.get(..2).unwrap_or_default().to_string(),
                sigungu_code: region.and_then(|r| r.sigungu_code.clone()),
                sido_name: region.or(sido).map(|r| r.sido_name.clone()).unwrap_or_default(),
                sigungu_name: region.and_then(|r| r.sigungu_name.clone()),
                iso_3166_2: region.and_then(|r| r.iso_3166_2.clone()).or_else(|| sido?.iso_3166_2.clone()),
                level: region.map(|r| r.level).unwrap_or(Level::Sigungu).as_str().to_string(),
                region_code: code,
                category,
                grade,
                grade_rank,
                prize_krw: (prizes.len() == 1).then(|| *prizes.first().expect("one prize")),
                prize_conflict: prizes.len() > 1,
                prize_candidates: prizes.into_iter().collect(),
                grade_conflict: false,
                grade_alternatives: Vec::new(),
                mention_count: ms.len() as i64,
                doc_ids: doc_ids.into_iter().map(str::to_string).collect(),
                first_published: ms.iter().filter_map(|m| published(m)).min(),
                evidence: evidence.evidence.clone(),
                evidence_doc_id: evidence.doc_id.clone(),
                source,
            }
        })
        .collect()
}

/// The `regions` dimension table: every code of the table.
pub fn region_dimension(regions: &RegionTable) -> Vec<Region> {
    regions
        .records()
        .iter()
        .map(|r| Region {
            region_code: r.code10.clone(),
            level: r.level.as_str().to_string(),
            sido_code: r.sido_code.clone(),
            sigungu_code: r.sigungu_code.clone(),
            sido_name: r.sido_name.clone(),
            sigungu_name: r.sigungu_name.clone(),
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            predecessor_code: r.predecessor_code.clone(),
            successor_code: r.successor_code.clone(),
            iso_3166_2: r.iso_3166_2.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn doc(id: &str, text: &str) -> CleanDocument {
        CleanDocument::from_text(id, text)
    }

    /// A mention as the extractor leaves it, with its evidence located in `text`.
    fn mention(doc: &CleanDocument, ordinal: usize, recipient: &str, evidence: &str) -> AwardMention {
        let byte = doc.clean_text.find(evidence).expect("evidence is in the text");
        let start = doc.clean_text[..byte].chars().count() as i64;
        AwardMention {
            mention_id: format!("{}-{ordinal}", doc.doc_id),
            doc_id: doc.doc_id.clone(),
            eval_year: 2021,
            year_source: "stated".into(),
            recipient_text: recipient.into(),
            recipient_level_hint: None,
            sido_context: None,
            doc_places: Vec::new(),
            category: Some("희망복지지원단 운영".into()),
            category_text: None,
            grade: "우수".into(),
            grade_rank: 3,
            prize_krw: None,
            program: "지역복지사업 평가".into(),
            evidence: evidence.into(),
            evidence_start: start,
            evidence_end: start + evidence.chars().count() as i64,
            rule: "test".into(),
            confidence: 1.0,
            published_date: doc.published_date,
            announced_on: d("1900-01-01"),
            resolve_status: "pending".into(),
            region_code: None,
            region_candidates: Vec::new(),
        }
    }

    fn resolver() -> Resolver {
        Resolver::new(&RegionTable::embedded().unwrap(), &crate::domain::Particles::embedded().unwrap()).unwrap()
    }

    #[test]
    fn award_date_uses_the_publication_date_only_near_the_round() {
        assert_eq!(award_date(2023, Some(d("2023-12-15"))), d("2023-12-15"));
        assert_eq!(award_date(2023, Some(d("2024-02-20"))), d("2024-02-20"));
        assert_eq!(award_date(2023, Some(d("2024-04-01"))), d("2023-12-31"));
        assert_eq!(award_date(2022, Some(d("2024-12-01"))), d("2022-12-31"), "an earlier-year award");
        assert_eq!(award_date(2021, None), d("2021-12-31"));
    }

    #[test]
    fn other_recipients_decide_an_ambiguous_district() {
        let text = "대구시 평가 결과 수성구와 달서구가 최우수, 남구가 우수를 받았다.";
        let doc = doc("a", text);
        let mut ms = vec![mention(&doc, 0, "수성구", text), mention(&doc, 1, "남구", text)];
        resolve_mentions(&mut ms, &doc, &resolver());
        assert_eq!(ms[0].region_code.as_deref(), Some("2726000000"));
        assert_eq!(ms[1].region_code.as_deref(), Some("2720000000"));
        assert_eq!(ms[1].resolve_status, "resolved");
        assert_eq!(ms[1].announced_on, d("2021-12-31"));
    }

    #[test]
    fn without_context_a_district_stays_ambiguous_with_candidates() {
        let text = "올해 평가에서 남구가 우수상을 받았다.";
        let doc = doc("b", text);
        let mut ms = vec![mention(&doc, 0, "남구", text)];
        resolve_mentions(&mut ms, &doc, &resolver());
        assert_eq!(ms[0].resolve_status, "ambiguous");
        assert_eq!(ms[0].region_code, None);
        for code in ["2629000000", "2720000000", "2915500000", "3114000000", "4711100000"] {
            assert!(ms[0].region_candidates.contains(&code.to_string()), "{code} in {:?}", ms[0].region_candidates);
        }
    }

    #[test]
    fn nearest_mention_and_section_break_ties() {
        let text = "광주 서구가 대상을, 부산 북구와 남구가 우수상을 받았다.";
        let doc_a = doc("c", text);
        let mut ms = vec![mention(&doc_a, 0, "남구", text)];
        resolve_mentions(&mut ms, &doc_a, &resolver());
        assert_eq!(ms[0].region_code.as_deref(), Some("2629000000"), "nearest 시도 is 부산");

        let mut in_section = doc("d", "이번 평가에서 중구가 우수상을 받았다.");
        in_section.section = Some("뉴스 > 울산".into());
        let mut ms = vec![mention(&in_section, 0, "중구", "이번 평가에서 중구가 우수상을 받았다.")];
        resolve_mentions(&mut ms, &in_section, &resolver());
        assert_eq!(ms[0].region_code.as_deref(), Some("3111000000"));
    }

    #[test]
    fn the_recipient_is_found_as_a_word() {
        let text = "대구 달서구, 광주 서구가 대상을 받았다.";
        let dd = doc("f", text);
        let m = mention(&dd, 0, "서구", text);
        assert_eq!(recipient_span(&m), (11, 13), "not the 서구 inside 달서구");
        let mut ms = vec![m];
        resolve_mentions(&mut ms, &dd, &resolver());
        assert_eq!(ms[0].region_code.as_deref(), Some("2914000000"));
    }

    #[test]
    fn unknown_names_are_marked() {
        let text = "가나다구가 우수상을 받았다.";
        let doc = doc("e", text);
        let mut ms = vec![mention(&doc, 0, "가나다구", text)];
        resolve_mentions(&mut ms, &doc, &resolver());
        assert_eq!(ms[0].resolve_status, "unknown");
        assert!(ms[0].region_code.is_none() && ms[0].region_candidates.is_empty());
    }

    fn resolved(m: &mut AwardMention, code: &str, prize: Option<i64>) {
        m.resolve_status = "resolved".into();
        m.region_code = Some(code.into());
        m.prize_krw = prize;
    }

    #[test]
    fn the_same_award_from_three_articles_is_one_row() {
        let text = "성북구가 우수상을 받았다.";
        let mut docs = Vec::new();
        let mut ms = Vec::new();
        for (id, date, outlet) in
            [("c3", "2021-12-20", "세 번째"), ("a1", "2021-12-10", "첫 신문"), ("b2", "2021-12-10", "둘")]
        {
            let mut dd = doc(id, text);
            dd.published_date = Some(d(date));
            dd.outlet = Some(outlet.into());
            let mut m = mention(&dd, 0, "성북구", text);
            resolved(&mut m, "1129000000", Some(30_000_000));
            ms.push(m);
            docs.push(DocMeta::of(&dd));
        }
        let mut other = mention(&doc("z", text), 0, "남구", text);
        other.resolve_status = "ambiguous".into();
        ms.push(other);
        let table = RegionTable::embedded().unwrap();
        let awards = build_awards(&ms, &docs, &table);
        assert_eq!(awards.len(), 1, "ambiguous mentions stay out");
        let a = &awards[0];
        assert_eq!(a.mention_count, 3);
        assert_eq!(a.doc_ids, ["a1", "b2", "c3"]);
        assert_eq!(a.first_published, Some(d("2021-12-10")));
        assert_eq!(a.evidence_doc_id, "a1", "earliest date, then smallest doc_id");
        assert_eq!(a.source.as_deref(), Some("첫 신문"));
        assert_eq!((a.prize_krw, a.prize_conflict), (Some(30_000_000), false));
        assert_eq!(a.prize_candidates, [30_000_000]);
        assert_eq!((a.sido_name.as_str(), a.sigungu_name.as_deref()), ("서울특별시", Some("성북구")));
        assert_eq!((a.level.as_str(), a.iso_3166_2.as_deref()), ("sigungu", Some("KR-11")));
        assert_eq!(a.award_id, award_id(2021, "1129000000", Some("희망복지지원단 운영"), "우수"));
        assert_eq!(build_awards(&ms, &docs, &table), awards, "deterministic");
    }

    #[test]
    fn conflicting_prizes_are_flagged_not_chosen() {
        let text = "세종시가 대상을 받았다.";
        let dd = doc("x", text);
        let mut a = mention(&dd, 0, "세종시", text);
        let mut b = mention(&dd, 1, "세종시", text);
        let mut c = mention(&dd, 2, "세종시", text);
        resolved(&mut a, "3600000000", Some(50_000_000));
        resolved(&mut b, "3600000000", Some(30_000_000));
        resolved(&mut c, "3600000000", None);
        let awards = build_awards(&[a, b, c], &[DocMeta::of(&dd)], &RegionTable::embedded().unwrap());
        assert_eq!(awards.len(), 1);
        assert_eq!(awards[0].prize_krw, None);
        assert!(awards[0].prize_conflict);
        assert_eq!(awards[0].prize_candidates, [30_000_000, 50_000_000]);
        assert_eq!(awards[0].iso_3166_2.as_deref(), Some("KR-50"), "세종 36 is ISO KR-50");
        assert_eq!(awards[0].level, "sido");
    }

    #[test]
    fn one_field_stated_with_two_grades_is_one_award_with_the_conflict_flagged() {
        let text = "세종시가 희망복지지원단 운영 분야 상을 받았다.";
        let (mut ms, mut docs) = (Vec::new(), Vec::new());
        for (id, grade) in [("a", "우수"), ("b", "우수"), ("c", "최우수")] {
            let dd = doc(id, text);
            let mut m = mention(&dd, 0, "세종시", text);
            resolved(&mut m, "3600000000", None);
            m.grade = grade.into();
            m.grade_rank = if grade == "우수" { 3 } else { 2 };
            ms.push(m);
            docs.push(DocMeta::of(&dd));
        }
        let awards = build_awards(&ms, &docs, &RegionTable::embedded().unwrap());
        assert_eq!(awards.len(), 1, "{awards:?}");
        assert_eq!(awards[0].grade, "우수", "two documents against one");
        assert!(awards[0].grade_conflict);
        assert_eq!(awards[0].grade_alternatives, ["최우수"]);
        assert_eq!(awards[0].doc_ids, ["a", "b"]);
        // Without a field, two grades may be two fields: both stay.
        for m in &mut ms {
            m.category = None;
        }
        let awards = build_awards(&ms, &docs, &RegionTable::embedded().unwrap());
        assert_eq!(awards.len(), 2);
        assert!(awards.iter().all(|a| !a.grade_conflict));
    }

    #[test]
    fn awards_are_sorted_by_key() {
        let text = "x";
        let dd = doc("x", text);
        let mut ms = Vec::new();
        for (year, code, grade, rank) in
            [(2022, "1129000000", "대상", 1), (2021, "2726000000", "우수", 3), (2021, "1129000000", "우수", 3)]
        {
            let mut m = mention(&dd, 0, "x", text);
            resolved(&mut m, code, None);
            m.eval_year = year;
            m.grade = grade.into();
            m.grade_rank = rank;
            ms.push(m);
        }
        let awards = build_awards(&ms, &[], &RegionTable::embedded().unwrap());
        let keys: Vec<(i32, &str)> = awards.iter().map(|a| (a.eval_year, a.region_code.as_str())).collect();
        assert_eq!(keys, [(2021, "1129000000"), (2021, "2726000000"), (2022, "1129000000")]);
        assert!(awards.iter().all(|a| a.source.is_none()), "no document metadata, no source");
    }

    #[test]
    fn a_code_missing_from_the_table_keeps_its_province() {
        let dd = doc("x", "x");
        let mut m = mention(&dd, 0, "x", "x");
        resolved(&mut m, "1199900000", None);
        let awards = build_awards(&[m], &[], &RegionTable::embedded().unwrap());
        assert_eq!((awards[0].sido_code.as_str(), awards[0].sido_name.as_str()), ("11", "서울특별시"));
        assert_eq!(awards[0].iso_3166_2.as_deref(), Some("KR-11"));
        assert_eq!(awards[0].sigungu_name, None);
    }

    #[test]
    fn the_dimension_is_the_whole_table() {
        let table = RegionTable::embedded().unwrap();
        let dim = region_dimension(&table);
        assert_eq!(dim.len(), table.len());
        let gangwon = dim.iter().find(|r| r.region_code == "5100000000").unwrap();
        assert_eq!(gangwon.iso_3166_2.as_deref(), Some("KR-42"));
        assert_eq!(gangwon.predecessor_code.as_deref(), Some("4200000000"));
    }
}
