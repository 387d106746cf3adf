//! Stage 3 (`award_mentions`): finds every award of the 지역복지사업 평가
//! stated in a cleaned document, with its evidence span, and the
//! document-level facts (stated totals and counts).
//!
//! Steps, per document:
//! 1. [`prefilter`]: a cheap relevance check; most documents stop here;
//! 2. [`sentences`]: the text cut into headline lines, bullets and body
//!    sentences (character offsets);
//! 3. [`tokens`]: each sentence's places, fields, grades, years and cues;
//! 4. [`year`]: the round year of the article (stated, else inferred);
//! 5. [`patterns`]: the clause patterns turn tokens into candidate awards;
//! 6. [`facts`]: prizes tied to single awards, totals and counts as facts;
//! 7. [`merge`]: one award per stated (year, recipient, field, grade).

pub mod apart;
pub mod chars;
pub mod facts;
pub mod fields;
pub mod grades;
pub mod merge;
pub mod patterns;
pub mod prefilter;
pub mod roles;
pub mod sentences;
pub mod token_types;
pub mod tokens;
pub mod year;

use chrono::NaiveDate;

use crate::domain::hangul::is_syllable;
use crate::domain::Knowledge;
use crate::schema::{AwardMention, CleanDocument, DocFact};

use patterns::{Candidate, Context, DocFrame, Walker};
use sentences::{DocText, Role, Sentence};
use token_types::{Field, Place, TokKind, Token};
use year::{YearEvidence, YearRole, YearValue};

/// What one document yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<AwardMention>,
    pub facts: Vec<DocFact>,
}

/// Extracts the awards of one document. Resolution columns are left
/// `resolve_status = "pending"`; the resolve stage fills them.
pub fn extract_document(doc: &CleanDocument, knowledge: &Knowledge) -> Extraction {
    if !prefilter::may_be_relevant(doc, knowledge) {
        return Extraction::default();
    }
    let text = DocText::new(&doc.clean_text, knowledge);
    let (matches, about) = prefilter::matches(&text.chars, knowledge);
    if !about {
        return Extraction::default();
    }
    let tokens: Vec<Vec<Token>> =
        text.sentences.iter().map(|s| tokens::tokenize(&text.chars, s, &matches, knowledge)).collect();

    let published = year::PublishedMonth::of(doc.published_date, doc.published_month.as_deref());
    let known_round = year::round_year(&year_evidence(&text, &tokens, knowledge), published);
    // An undated article that names no round of its own may still date
    // earlier awards ("지난 2019년과 2020년 대상에 이어 올해는
    // 우수상"): read against a round no year can be, only those come out.
    let round = known_round.unwrap_or(year::RoundYear::UNKNOWN);
    let frame = DocFrame {
        k: knowledge,
        text: &text,
        round,
        published_year: published.map(|p| p.year),
        main: main_recipient(&text, &tokens, knowledge),
        single_field: single_field(&tokens, knowledge, round.year),
        names_award: tokens
            .iter()
            .flatten()
            .any(|t| matches!(&t.kind, TokKind::Program(p) if p.contains(knowledge.award_name.as_str()))),
        default_context: default_context(&tokens),
        program: tokens
            .iter()
            .flatten()
            .find_map(|t| match &t.kind {
                TokKind::Program(p) => Some(p.clone()),
                _ => None,
            })
            .unwrap_or_else(|| knowledge.default_program.clone()),
    };
    let main_is_none = frame.main.is_none();
    let main = frame.main.clone();
    let mut walker = Walker::new(frame);
    for (si, toks) in tokens.iter().enumerate() {
        walker.sentence(si, toks);
    }
    let (mut found_facts, deferred) = facts::money(&mut walker, &tokens);
    found_facts.extend(facts::counts(&walker, &tokens));
    let mut awards = merge::merge(std::mem::take(&mut walker.candidates), knowledge);
    drop_headline_claims_told_otherwise(&mut awards, &text, &tokens, knowledge);
    apart::fields_stated_apart(&mut awards, &text, &tokens, main.as_ref(), knowledge);
    // "3개 분야에서 대상 등을 수상": a grade counted over fields named
    // nowhere stands for awards whose fields the article does not give.
    awards.retain(|a| a.category.is_some() || a.field.is_some() || !a.several);
    // An article that never names the program (only a field and the
    // ministry) states an award of it only with a field of that round.
    let program_named = tokens.iter().flatten().any(|t| matches!(t.kind, TokKind::Program(_)));
    if !program_named {
        awards.retain(|a| a.category.is_some());
    }
    let places = &knowledge.places;
    facts::settle(&mut awards, &deferred, round.year, main_is_none, &mut found_facts, |a, b| {
        places.comparable_name(a) == places.comparable_name(b)
    });

    let doc_places = doc_places(doc, &tokens, knowledge);
    let mentions =
        awards.iter().enumerate().map(|(i, c)| mention_row(doc, &text, i + 1, c, &doc_places, knowledge)).collect();
    // Amounts of an unknown round are no facts of any round.
    let facts = if known_round.is_some() { fact_rows(doc, &text, found_facts, round.year) } else { Vec::new() };
    Extraction { mentions, facts }
}

/// A headline's round-up ("A·B·C, 복지부 우수기관 선정") yields, for a
/// name the body tells of only under another program ("B는 … '… 성과대회'에서
/// 우수기관으로 선정됐다"), to the body: that name's grade in the headline
/// was not this program's.
fn drop_headline_claims_told_otherwise(
    awards: &mut Vec<Candidate>,
    text: &DocText,
    tokens: &[Vec<Token>],
    k: &Knowledge,
) {
    let name = |p: &Place| k.places.comparable_name(&p.name);
    let told_otherwise = |p: &Place| {
        tokens.iter().zip(&text.sentences).any(|(toks, s)| {
            s.role == Role::Body
                && toks.iter().any(|t| t.kind == TokKind::Other)
                && toks.iter().any(|t| matches!(t.kind, TokKind::Grade(_)))
                && toks.iter().any(|t| matches!(&t.kind, TokKind::Place(q) if name(q) == name(p)))
        })
    };
    let in_body = |p: &Place| awards.iter().any(|a| !a.headline && name(&a.recipient) == name(p));
    let keep: Vec<bool> =
        awards.iter().map(|a| !a.headline || in_body(&a.recipient) || !told_otherwise(&a.recipient)).collect();
    let mut keep = keep.into_iter();
    awards.retain(|_| keep.next().unwrap_or(true));
}

/// Years the document writes, for the round year.
fn year_evidence(text: &DocText, tokens: &[Vec<Token>], k: &Knowledge) -> YearEvidence {
    let mut ev = YearEvidence::default();
    for (si, toks) in tokens.iter().enumerate() {
        // A sentence stating awards: a grade, or "수상" ("2023년 복지분야에서
        // 5개 분야에서 수상").
        let sentence = &text.sentences[si];
        // A year dates an award word only when written before it: "2021년
        // 평가에서 4관왕", not "…4관왕을 달성해 2021년에는 …할 전망이다".
        let award_word_at = k.grade_words.first_award_word(&text.text(sentence)).map(|i| sentence.start + i);
        let has_grade_token = toks.iter().any(|t| matches!(t.kind, TokKind::Grade(_)));
        let has_grade = has_grade_token || award_word_at.is_some();
        let dates_award = |t: &Token| has_grade_token || award_word_at.is_some_and(|at| t.start < at);
        let has_program = toks.iter().any(|t| matches!(t.kind, TokKind::Program(_)));
        let has_other = toks.iter().any(|t| t.kind == TokKind::Other);
        // "2021년 우수상에 이어 올해 최우수상": a sentence that tells this
        // year apart writes its other years as earlier ones.
        let says_this_year =
            toks.iter().any(|t| matches!(&t.kind, TokKind::Year(y) if y.value == YearValue::Relative(0)));
        // "지난 2021년 우수상에 이어 …": a past year before a later award.
        let goes_on = says_this_year || toks.iter().any(|t| t.kind == TokKind::Continuation);
        if (has_grade || has_program) && !has_other {
            ev.streak_ends.extend(k.years.streak_ends(&text.text(sentence)));
        }
        for t in toks {
            let TokKind::Year(y) = &t.kind else { continue };
            if y.to_round {
                continue; // "2018년부터 올해까지": the round is this year, not its start
            }
            let earlier_than_a_later_award = y.past && goes_on;
            match (y.value, y.role) {
                (YearValue::Absolute(v), YearRole::Program) if !has_other || has_program => ev.program_years.push(v),
                (YearValue::Absolute(v), YearRole::FieldLabel) => ev.label_years.push(v),
                // "지난 2021년 우수상에 이어": an earlier year, no evidence of
                // the round ("지난 2014년 … 우수 기관으로 선정" alone is).
                (YearValue::Absolute(v), YearRole::Plain)
                    if dates_award(t) && !has_other && !earlier_than_a_later_award && !says_this_year =>
                {
                    ev.award_sentence_years.push(v)
                }
                (YearValue::Relative(-1), _) if has_grade || has_program => ev.says_last_year = true,
                _ => {}
            }
        }
    }
    ev
}

/// The recipient an article is about: the first name of its headline (or
/// of its lead sentence), when nothing but brackets and a 시·도 precede it
/// ("대구시, …", "[가람일보] 서울 관악구(청장 …)는 …").
fn main_recipient(text: &DocText, tokens: &[Vec<Token>], k: &Knowledge) -> Option<Place> {
    let first_headline = text.sentences.iter().position(|s| s.role == Role::Headline && !s.numbered);
    let first_body = text.sentences.iter().position(|s| s.role == Role::Body);
    [first_headline, first_body]
        .into_iter()
        .flatten()
        .find_map(|si| leading_place(&text.chars, &text.sentences[si], &tokens[si], k))
}

fn leading_place(chars: &[char], s: &Sentence, toks: &[Token], k: &Knowledge) -> Option<Place> {
    // A 시·도 short name as the subject ("경기, …", "전남은 …") names its government.
    let subject_short = |t: &Token| match &t.kind {
        TokKind::Place(p) if !p.recipient && p.level == Some("sido") && p.sido_context.is_none() => {
            let followed_by_name = toks.iter().any(|o| o.start == t.end + 1 && matches!(o.kind, TokKind::Place(_)));
            let particle = p.particle.as_str();
            let subject = particle.is_empty() || k.particles.is_topic(particle) || k.particles.is_subject(particle);
            let comma_or_particle = !p.particle.is_empty() || matches!(chars.get(t.end), Some(',') | Some('('));
            (subject && comma_or_particle && !followed_by_name).then(|| Place { recipient: true, ..p.clone() })
        }
        _ => None,
    };
    let (t, place) = toks.iter().find_map(|t| match &t.kind {
        TokKind::Place(p) if p.recipient => Some((t, p.clone())),
        _ => subject_short(t).map(|p| (t, p)),
    })?;
    let mut depth = 0i32;
    for (i, &c) in chars.iter().enumerate().take(t.start).skip(s.start) {
        match c {
            '[' | '(' | '【' | '<' => depth += 1,
            ']' | ')' | '】' | '>' => depth -= 1,
            c if depth <= 0 && is_syllable(c) => {
                let covered = toks.iter().any(|o| o.start <= i && i < o.end && matches!(o.kind, TokKind::Place(_)));
                if !covered {
                    return None;
                }
            }
            _ => {}
        }
    }
    Some(place)
}

/// The one category an article names, if it names exactly one, as first
/// written and where (a grade stated before it does not inherit it).
///
/// A field named inside the program's name ("지역사회보장계획 평가") is the
/// subject of the whole article: it counts as named at its start.
fn single_field(tokens: &[Vec<Token>], k: &Knowledge, year: i32) -> Option<(Field, usize)> {
    let mut found: Vec<(String, Field, usize)> = Vec::new();
    for toks in tokens {
        let in_program = |t: &Token| {
            toks.iter().any(|p| matches!(p.kind, TokKind::Program(_)) && p.start <= t.start && t.end <= p.end)
        };
        for t in toks {
            if let TokKind::Field(f) = &t.kind {
                if let Some(name) = f.category(k, year) {
                    if !found.iter().any(|(n, _, _)| *n == name) {
                        found.push((name, f.clone(), if in_program(t) { 0 } else { t.start }));
                    }
                }
            }
        }
    }
    match found.as_slice() {
        [(_, f, at)] => Some((f.clone(), *at)),
        _ => None,
    }
}

/// The article's subject program: the first sentence naming a program
/// decides (another program named first makes the article that one's). A
/// cue of another program counts only beside a grade: "우수사례 공유·확산"
/// in a sentence on the evaluation's aims names no program won.
fn default_context(tokens: &[Vec<Token>]) -> Context {
    for toks in tokens {
        let graded = toks.iter().any(|t| matches!(t.kind, TokKind::Grade(_)));
        for t in toks {
            match &t.kind {
                TokKind::Other if graded => return Context::Other,
                TokKind::Program(_) | TokKind::Field(Field { alias: Some(_), .. }) => return Context::This,
                _ => {}
            }
        }
    }
    Context::This
}

/// Every place the article names (section line, then text), once each.
fn doc_places(doc: &CleanDocument, tokens: &[Vec<Token>], k: &Knowledge) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    };
    if let Some(section) = &doc.section {
        for word in section.split(|c: char| !is_syllable(c)).filter(|w| !w.is_empty()) {
            if let Some(pw) = k.places.classify_word(word) {
                use crate::domain::places::PlaceWord;
                match pw {
                    PlaceWord::SidoGov { name, .. }
                    | PlaceWord::SidoShort { name, .. }
                    | PlaceWord::Sigungu { name }
                    | PlaceWord::Glued { name, .. } => push(&name),
                    PlaceWord::Referential { .. } => {}
                }
            }
        }
    }
    let contexts: Vec<String> = tokens
        .iter()
        .flatten()
        .filter_map(|t| match &t.kind {
            TokKind::Place(p) => p.sido_context.clone(),
            _ => None,
        })
        .collect();
    for t in tokens.iter().flatten() {
        if let TokKind::Place(p) = &t.kind {
            let bare_ok = k.places.sido_of(&p.name).is_none_or(|i| k.places.bare_is_place(i) || p.recipient)
                || contexts.contains(&p.name);
            if bare_ok {
                push(&p.name);
            }
        }
    }
    out
}

fn mention_row(
    doc: &CleanDocument,
    text: &DocText,
    ordinal: usize,
    c: &Candidate,
    doc_places: &[String],
    k: &Knowledge,
) -> AwardMention {
    let s = text.sentences[c.sentence];
    let grade = &k.grades[c.grade];
    AwardMention {
        mention_id: format!("{}:{ordinal:03}", doc.doc_id),
        doc_id: doc.doc_id.clone(),
        eval_year: c.year,
        year_source: if c.year_stated { "stated" } else { "inferred" }.to_string(),
        recipient_text: c.recipient.name.clone(),
        recipient_level_hint: c.recipient.level.map(str::to_string),
        sido_context: c.recipient.sido_context.clone(),
        doc_places: doc_places.iter().filter(|p| **p != c.recipient.name).cloned().collect(),
        category: c.category.clone(),
        category_text: c.field.as_ref().map(|f| f.text.clone()),
        grade: grade.name.clone(),
        grade_rank: grade.rank,
        prize_krw: c.prize,
        program: c.program.clone(),
        evidence: text.text(&s),
        evidence_start: s.start as i64,
        evidence_end: s.end as i64,
        rule: c.rule.to_string(),
        confidence: c.confidence,
        published_date: doc.published_date,
        announced_on: NaiveDate::from_ymd_opt(c.year, 12, 31).unwrap_or_default(),
        resolve_status: "pending".to_string(),
        region_code: None,
        region_candidates: Vec::new(),
    }
}

fn fact_rows(doc: &CleanDocument, text: &DocText, found: Vec<facts::Fact>, year: i32) -> Vec<DocFact> {
    let mut rows: Vec<DocFact> = Vec::new();
    for f in found {
        if rows.iter().any(|r| r.fact == f.fact && r.value == f.value) {
            continue;
        }
        let s = text.sentences[f.sentence];
        rows.push(DocFact {
            doc_id: doc.doc_id.clone(),
            fact: f.fact.to_string(),
            value: f.value,
            eval_year: Some(year),
            evidence: text.text(&s),
            evidence_start: s.start as i64,
            evidence_end: s.end as i64,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static K: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::embedded().unwrap());

    fn doc(text: &str, published: Option<(i32, u32, u32)>) -> CleanDocument {
        CleanDocument {
            doc_id: "d0".into(),
            source_path: "t.txt".into(),
            url: None,
            title: text.lines().next().map(str::to_string),
            published_date: published.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            published_month: None,
            outlet: None,
            reporter: None,
            section: None,
            clean_text: text.to_string(),
            translation_text: None,
            removed_line_count: 0,
            duplicate_of: None,
        }
    }

    /// (year, recipient, category, grade, prize) of every mention.
    type Row = (i32, String, Option<String>, String, Option<i64>);

    fn run(text: &str, published: Option<(i32, u32, u32)>) -> (Vec<Row>, Extraction) {
        let d = doc(text, published);
        let e = extract_document(&d, &K);
        for m in &e.mentions {
            let span: String = d
                .clean_text
                .chars()
                .skip(m.evidence_start as usize)
                .take((m.evidence_end - m.evidence_start) as usize)
                .collect();
            assert_eq!(span, m.evidence);
        }
        let rows = e
            .mentions
            .iter()
            .map(|m| (m.eval_year, m.recipient_text.clone(), m.category.clone(), m.grade.clone(), m.prize_krw))
            .collect();
        (rows, e)
    }

    fn rows(text: &str, published: Option<(i32, u32, u32)>) -> Vec<Row> {
        run(text, published).0
    }

    fn row(y: i32, r: &str, c: Option<&str>, g: &str, p: Option<i64>) -> Row {
        (y, r.to_string(), c.map(str::to_string), g.to_string(), p)
    }

    /// The rows of `text`, in any order, are `want`.
    fn assert_rows_any_order(text: &str, published: Option<(i32, u32, u32)>, mut want: Vec<Row>) {
        let mut got = rows(text, published);
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    const HOPE: Option<&str> = Some("희망복지지원단 운영");
    const VISIT: Option<&str> = Some("찾아가는 보건복지서비스 제공");
    const PLAN: Option<&str> = Some("지역사회보장계획 시행결과");
    const PARTNER: Option<&str> = Some("민관협력 및 자원연계");
    const JOBS: Option<&str> = Some("사회서비스 일자리 창출");

    #[test]
    fn a_single_winner_in_the_usual_phrasings() {
        let t = "달서구는 보건복지부가 주관한 2022년 지역복지사업 평가에서 '희망복지지원단 운영' 분야 최우수상을 받았다고 5일 밝혔다.";
        assert_eq!(rows(t, None), vec![row(2022, "달서구", HOPE, "최우수", None)]);
        let t =
            "창녕군이 보건복지부의 2023 지역복지사업 평가 찾아가는 복지서비스 제공 부문에서 우수 기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2023, "창녕군", VISIT, "우수", None)]);
        let t = "아산시는 복지부 지역복지사업평가의 민관협력·자원연계 분야 최우수 기관에 선정돼 장관 표창을 받는다.";
        assert_eq!(rows(t, Some((2021, 12, 3))), vec![row(2021, "아산시", PARTNER, "최우수", None)]);
        let t = "성동구가 올해 보건복지부 지역복지사업 평가 사회서비스 일자리 창출 분야에서 대상의 영예를 안았다.";
        assert_eq!(rows(t, Some((2020, 12, 20))), vec![row(2020, "성동구", JOBS, "대상", None)]);
        let t = "양평군은 2019 지역복지사업 평가에서 희망복지지원단 운영 부문 大賞을 차지했다.";
        assert_eq!(rows(t, None), vec![row(2019, "양평군", HOPE, "대상", None)]);
    }

    #[test]
    fn a_counted_grade_spelled_out_in_brackets_gives_one_award_per_field() {
        let t = "동래구, 지역복지사업 평가 4관왕\n동래구는 보건복지부 2023년 지역복지사업 평가에서 4개 분야 상을 받았다.\n구는 대상 1개(민관협력 및 자원연계), 최우수 3개(희망복지지원단 운영, 사회서비스 일자리 창출, 지역사회보장계획 시행결과)를 받아 포상금을 확보했다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2023, "동래구", PARTNER, "대상", None),
                row(2023, "동래구", HOPE, "최우수", None),
                row(2023, "동래구", JOBS, "최우수", None),
                row(2023, "동래구", PLAN, "최우수", None),
            ],
        );
        // A count the brackets do not spell out stays a count.
        let t = "동래구는 보건복지부 2023년 지역복지사업 평가에서 최우수 3개(희망복지지원단 운영, 사회서비스 일자리 창출)를 받았다.";
        assert_eq!(rows(t, None), vec![]);
    }

    #[test]
    fn another_programs_field_as_a_topic_does_not_take_the_sentence_subject() {
        let t = "고창군, 지역복지사업 평가 대상\n고창군은 보건복지부 '2024년 지역복지사업 평가'에서 희망복지지원단 운영 부문 대상을 받았다.\n대상 말고도 기초연금은 최우수상, 찾아가는 보건복지서비스 제공은 우수상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2024, "고창군", HOPE, "대상", None), row(2024, "고창군", VISIT, "우수", None)],
        );
    }

    #[test]
    fn crowns_date_the_round_but_a_later_year_in_the_sentence_does_not() {
        let t = "김제시, 복지 평가 3관왕\n김제시는 2021년 여러 복지 분야 평가에서 3관왕을 차지했다.\n시는 보건복지부 평가 ▲지역사회보장계획 우수상, ▲지역사회 통합돌봄 서비스 제공 우수상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2021, "김제시", PLAN, "우수", None),
                row(2021, "김제시", Some("지역사회 통합돌봄 서비스 제공"), "우수", None),
            ],
        );
        // "…3관왕을 달성해 2022년에는 …할 계획이다": a plan, not the round.
        let t = "김제시, 복지 평가 3관왕\n김제시는 여러 복지 분야 평가에서 3관왕을 달성해 2022년에는 돌봄 사업을 넓힐 계획이다.\n시는 보건복지부 평가 ▲지역사회보장계획 우수상을 받았다.";
        assert_eq!(rows(t, None), vec![]);
    }

    #[test]
    fn winners_in_general_and_another_programs_selection_are_no_award() {
        // "우수기관에 대한": the winners in general, then the one chosen.
        let t = "보건복지부는 2013년 지역복지계획 평가에서 우수기관에 대한 현장 심사를 거쳐 익산시를 대상 수상기관으로 최종 선정했다.";
        let got = rows(t, None);
        assert!(got.iter().all(|r| r.3 != "우수"), "{got:?}");
        // The program named last before "선정" owns the selection.
        let t = "한편 서귀포시는 '2021년 지역복지사업' 평가에서도 기초생활보장 분야 성과가 뛰어난 지자체로 선정돼 장관상을 받았다.";
        assert_eq!(rows(t, None), vec![]);
        let t = "한편 서귀포시는 '2021년 지역복지사업' 평가에서도 희망복지지원단 운영 분야 성과가 뛰어난 지자체로 선정돼 장관상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2021, "서귀포시", HOPE, "선정", None)]);
    }

    #[test]
    fn in_2014_an_unlisted_field_is_a_sub_field_of_the_award_without_naming_it() {
        let t = "강진군은 보건복지부가 주관한 '2014년 지역복지사업 평가' 복지전달체계 개편 노력 부문과 복지사각지대 발굴체계 구축분야에서 각각 전국 우수기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2014, "강진군", Some("복지행정상"), "우수", None)]);
        // Not in a round with other 부문 beside it.
        let t = "강진군은 보건복지부가 주관한 '2013년 지역복지사업 평가' 복지전달체계 개편 노력 부문에서 우수기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2013, "강진군", None, "우수", None)]);
    }

    #[test]
    fn a_grade_heading_a_town_or_a_swept_grade_is_not_the_recipients_own() {
        // A city's own evaluation of its 읍·면·동, told in a list.
        let t = "세종시, 지역복지사업 평가 대상\n세종시는 2015년 지역복지사업 평가에서 희망복지지원단 운영 분야 대상을 받았다.\n시는 복지기능강화 부문에 ▲최우수 조치원읍 ▲우수 금남면을 뽑아 시상했다.";
        assert_eq!(rows(t, None), vec![row(2015, "세종시", HOPE, "대상", None)]);
        // "휩쓸어": the province's 시·군 won; a sweep of listed fields is kept.
        let t = "경북도, 2011년 지역복지사업 평가에서 최우수기관상 휩쓸어";
        assert_eq!(rows(t, None), vec![]);
        let t =
            "구미시는 2022년 지역복지사업 평가에서 희망복지지원단 운영과 민관협력 및 자원연계 분야 대상을 휩쓸었다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2022, "구미시", PARTNER, "대상", None), row(2022, "구미시", HOPE, "대상", None)],
        );
    }

    #[test]
    fn as_many_fields_listed_before_as_names_pair_in_order() {
        let t = "2019년 지역복지사업 평가에서 희망복지지원단 운영 분야와 민관협력 및 자원연계 분야에서 청도군과 수성구가 대상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2019, "청도군", HOPE, "대상", None), row(2019, "수성구", PARTNER, "대상", None)],
        );
    }

    #[test]
    fn a_bare_grade_word_right_before_a_place_heads_it() {
        let t = "2022 지역복지사업 평가 결과\n보건복지부는 2022년 지역복지사업 평가를 실시했다.\n▲민관협력 및 자원연계 분야 대상 충북 옥천군, 우수 전남 순천시";
        assert_rows_any_order(
            t,
            None,
            vec![row(2022, "순천시", PARTNER, "우수", None), row(2022, "옥천군", PARTNER, "대상", None)],
        );
        // "우수 사례" stays no grade.
        let t = "순천시는 2022년 지역복지사업 평가에서 우수 사례를 발표했다.";
        assert_eq!(rows(t, None), vec![]);
    }

    #[test]
    fn a_province_that_selects_runs_an_evaluation_of_its_own() {
        let t = "경기도는 도 자체로 실시한 2023년 지역사회보장계획 시행결과 평가에서 수원시와 화성시를 최우수 시군으로 선정했다고 밝혔다.";
        assert_eq!(rows(t, None), vec![]);
        // Selected by the ministry: the province reports its own award.
        let t =
            "경기도는 보건복지부가 실시한 2023년 지역사회보장계획 시행결과 평가에서 최우수 기관으로 선정됐다고 밝혔다.";
        assert_eq!(rows(t, None), vec![row(2024, "경기도", PLAN, "최우수", None)]);
    }

    #[test]
    fn a_grade_as_topic_gives_each_name_the_field_written_right_before_it() {
        let t = "보건복지부는 2024년 지역복지사업 평가 결과를 발표했다. 대상은 희망복지지원단 운영 분야의 경남 창녕군과 민관협력 및 자원연계 분야의 전북 완주군이 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2024, "창녕군", HOPE, "대상", None), row(2024, "완주군", PARTNER, "대상", None)],
        );
    }

    #[test]
    fn a_line_wrapped_after_a_bracket_keeps_the_names_particle() {
        // A press release wrapped at a fixed width: every line of one length.
        let t = "인천광역시(시장 홍길동)는 연수구(구청장 김철수)와 부평구(구청장 이영희)\n가 보건복지부가 주관한 2014년 복지행정상 평가 결과 최우수상을 받게\n됐다고 밝혔다. 두 구는 포상금을 받는다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2014, "연수구", Some("복지행정상"), "최우수", None),
                row(2014, "부평구", Some("복지행정상"), "최우수", None),
            ],
        );
    }

    #[test]
    fn several_awards_in_one_sentence_each_clause_with_its_field() {
        let t = "2024년 지역복지사업 평가 결과 민관협력 및 자원연계 분야에서는 달서구 대상, 수성구가 우수상을, 사회서비스 일자리 창출 부문에서는 아산시가 최우수상으로 선정됐다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2024, "달서구", PARTNER, "대상", None),
                row(2024, "수성구", PARTNER, "우수", None),
                row(2024, "아산시", JOBS, "최우수", None),
            ]
        );
        // Grade first, recipients after it.
        let t = "2024 지역복지사업 평가에서 희망복지지원단 운영 분야 최우수상은 달서구와 창녕군에 돌아갔고, 아산시가 우수상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2024, "달서구", HOPE, "최우수", None),
                row(2024, "창녕군", HOPE, "최우수", None),
                row(2024, "아산시", HOPE, "우수", None),
            ]
        );
        // Object first: "대상을 X가 가져갔다".
        let t = "2022 지역복지사업 평가의 지역사회보장계획 분야에서는 광역 부문 대상을 대전시가 가져갔다.";
        assert_eq!(rows(t, None), vec![row(2022, "대전시", PLAN, "대상", None)]);
        // Parallel subjects, each with its own field.
        let t = "2021 지역복지사업 평가에서 시흥시는 희망복지지원단 운영 분야에서, 창녕군은 찾아가는 보건복지서비스 제공 분야에서 각각 대상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![row(2021, "시흥시", HOPE, "대상", None), row(2021, "창녕군", VISIT, "대상", None)]
        );
        // One subject, a list of fields, then a second grade.
        let t = "달서구는 2023년 지역복지사업 평가에서 희망복지지원단 운영과 지역사회보장계획 시행결과 부문에서 대상을, 사회서비스 일자리 창출 부문에서 장려상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2023, "달서구", HOPE, "대상", None),
                row(2023, "달서구", PLAN, "대상", None),
                row(2023, "달서구", JOBS, "장려", None),
            ]
        );
    }

    #[test]
    fn lists_and_bullets_take_the_grade_of_their_sentence() {
        let t = "복지부가 발표한 2020 지역복지사업 평가에서 찾아가는 보건복지서비스 제공 분야는 시흥시, 전남 보성군, 노원구 등 3곳이 대상으로 선정됐다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2020, "시흥시", VISIT, "대상", None),
                row(2020, "보성군", VISIT, "대상", None),
                row(2020, "노원구", VISIT, "대상", None),
            ]
        );
        let t = "보건복지부가 2025 지역복지사업 평가 결과를 내놓았다.\n분야별 최우수 기관은 다음과 같다.\n▲ 희망복지지원단 운영 : 시흥시, 창녕군\n▲ 사회서비스 일자리 창출 : 경북 성주군\n복지부는 사례집을 낸다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2025, "시흥시", HOPE, "최우수", None),
                row(2025, "창녕군", HOPE, "최우수", None),
                row(2025, "성주군", JOBS, "최우수", None),
            ]
        );
        // The recipient announced, each line with field and grade.
        let t = "성동구, 2023년 지역복지사업 평가 2관왕\n성동구가 보건복지부 2023년 지역복지사업 평가에서 2관왕에 올랐다.\n구가 받은 상은 다음과 같다.\n▲희망복지지원단 운영 부문 '최우수'\n▲민관협력 및 자원연계 부문 '장려상'";
        let got = rows(t, None);
        assert!(got.contains(&row(2023, "성동구", HOPE, "최우수", None)), "{got:?}");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn target_and_description_uses_of_grade_words_are_no_awards() {
        let t = "보건복지부는 2022 지역복지사업 평가에서 전국 지자체를 대상으로 실적을 살펴 우수 지자체를 선정한다. 평가 대상 지자체는 모두 243곳이다. 양평군은 우수 사례를 발표했다.";
        assert!(rows(t, None).is_empty());
        let t = "양평군은 노인과 장애인까지 대상을 넓혀 지역복지사업 평가 준비를 마쳤다.";
        assert!(rows(t, Some((2024, 5, 2))).is_empty());
        let t = "2024 지역복지사업 평가에서 최우수 30곳, 우수 71곳이 이름을 올렸다.";
        assert!(rows(t, None).is_empty());
        // What the evaluation gives in general, and the ceremony's name.
        let t = "양평군은 올해도 상을 노린다. 복지행정상은 보건복지부가 지역복지사업을 평가해 우수 지자체에 수여하는 상이다.";
        assert!(rows(t, Some((2024, 5, 2))).is_empty(), "{:?}", rows(t, Some((2024, 5, 2))));
        let t = "양평군은 2019 지역복지사업 평가 우수기관 시상식을 시청에서 열었다.";
        assert!(rows(t, None).is_empty(), "{:?}", rows(t, None));
        // A contest named after its winners is no grade of them.
        let t = "양평군은 2019 지역복지사업 평가 희망복지지원단 운영 분야 장려상을 받았다. 이 밖에도 ▲'2019 희망복지지원단 우수 지자체 공모' 대상 등을 거뒀다.";
        assert_eq!(rows(t, None), vec![row(2019, "양평군", HOPE, "장려", None)]);
    }

    #[test]
    fn the_year_is_stated_or_inferred_from_the_publication_date() {
        let (_, e) = run(
            "달서구는 2023년도 지역복지사업 평가에서 희망복지지원단 운영 분야 우수상을 받았다.",
            Some((2024, 1, 5)),
        );
        assert_eq!((e.mentions[0].eval_year, e.mentions[0].year_source.as_str()), (2023, "stated"));
        let (_, e) = run(
            "달서구는 올해 보건복지부 지역복지사업 평가에서 희망복지지원단 운영 분야 우수상을 받았다.",
            Some((2022, 12, 9)),
        );
        assert_eq!((e.mentions[0].eval_year, e.mentions[0].year_source.as_str()), (2022, "inferred"));
        // A January article on last year's round.
        let t = "창녕군은 지난해 보건복지부 지역복지사업 평가에서 통합돌봄 분야 장려상을 받았다.";
        assert_eq!(
            rows(t, Some((2025, 1, 20))),
            vec![row(2024, "창녕군", Some("지역사회 통합돌봄 서비스 제공"), "장려", None)]
        );
        // The 시행 year of a field label is not the round.
        let t = "아산시는 보건복지부가 올해 실시한 지역복지사업 평가의 '2023년 지역사회보장계획 시행결과' 부문에서 최우수기관으로 뽑혔다.";
        assert_eq!(rows(t, Some((2024, 12, 10))), vec![row(2024, "아산시", PLAN, "최우수", None)]);
        // No year at all, no date: nothing can be dated.
        assert!(rows("달서구가 지역복지사업 평가에서 대상을 받았다.", None).is_empty());
    }

    #[test]
    fn earlier_rounds_with_a_grade_count_and_streaks_do_not_expand() {
        let t = "달서구는 보건복지부 지역복지사업 평가 사회보장급여 및 사후관리 분야에서 2021년 최우수상에 이어 2022년에는 대상을 받았다.";
        assert_eq!(
            rows(t, Some((2022, 12, 28))),
            vec![
                row(2021, "달서구", Some("사회보장급여 및 사후관리"), "최우수", None),
                row(2022, "달서구", Some("사회보장급여 및 사후관리"), "대상", None),
            ]
        );
        let t = "창녕군이 올해 지역복지사업 평가 지역사회보장계획 부문에서 최우수상을 받았다. 작년 같은 부문 우수상에 이어 2년 연속 수상이다.";
        assert_eq!(
            rows(t, Some((2023, 12, 15))),
            vec![row(2023, "창녕군", PLAN, "최우수", None), row(2022, "창녕군", PLAN, "우수", None)]
        );
        let t = "아산시가 2024년 지역복지사업 평가 희망복지지원단 운영 부문에서 5년 연속 대상을 받았다. 아산시는 2015년부터 10년 연속 수상했다.";
        assert_eq!(rows(t, None), vec![row(2024, "아산시", HOPE, "대상", None)]);
    }

    #[test]
    fn other_programs_in_the_same_article_are_not_mentions() {
        let t = "달서구, 지역복지사업 평가 우수상\n달서구는 2023년 보건복지부 지역복지사업 평가 희망복지지원단 운영 분야에서 우수상을 받았다. 구는 고독사 예방사업 우수사례 공모전에서 최우수상을, 행정안전부 주관 경진대회에서 장려상을 받기도 했다. 또 서울시가 주관한 자체 평가에서도 대상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2023, "달서구", HOPE, "우수", None)]);
        // The evaluation is only mentioned: no award.
        let t = "창녕군, 고독사 예방 우수사례 공모전 최우수\n창녕군이 2024 고독사 예방 우수사례 공모전에서 최우수상을 받았다. 보건복지부 지역복지사업 평가 결과는 다음 달 나온다.";
        assert!(rows(t, None).is_empty());
    }

    #[test]
    fn a_grade_only_in_the_headline_counts_and_claims_are_resolved_against_the_body() {
        let t = "달서구, 복지부 지역사회보장계획 평가 '우수'\n달서구가 보건복지부 2022년 지역복지사업 평가 지역사회보장계획 부문에서 수상했다.\n구는 포상금 2천만원도 받는다.";
        assert_eq!(rows(t, None), vec![row(2022, "달서구", PLAN, "우수", Some(20_000_000))]);
        let t = "창녕군, 지역복지사업 평가 3관왕…대상·최우수\n창녕군은 2021 지역복지사업 평가에서 희망복지지원단 운영 분야 대상, 민관협력 및 자원연계 분야 최우수상, 사회서비스 일자리 창출 분야 최우수상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2021, "창녕군", HOPE, "대상", None),
                row(2021, "창녕군", PARTNER, "최우수", None),
                row(2021, "창녕군", JOBS, "최우수", None),
            ]
        );
    }

    #[test]
    fn repeated_bodies_give_each_award_once() {
        let body = "달서구는 2020 지역복지사업 평가에서 희망복지지원단 운영 분야 최우수상을 받았다.";
        let t = format!("{body}\n구청장은 기쁘다고 말했다.\n{body}");
        assert_eq!(rows(&t, None), vec![row(2020, "달서구", HOPE, "최우수", None)]);
    }

    #[test]
    fn prizes_go_to_one_award_and_totals_to_facts() {
        let t = "2022 지역복지사업 평가에서 달서구는 희망복지지원단 운영 분야 대상을 받아 포상금 5천만원을 받았고, 수성구는 최우수상과 함께 포상금 3천만원을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2022, "달서구", HOPE, "대상", Some(50_000_000)),
                row(2022, "수성구", HOPE, "최우수", Some(30_000_000))
            ]
        );
        let t =
            "2022 지역복지사업 평가에서 시흥시와 오산시가 통합돌봄 분야 우수상을 받아 각 1천만원의 포상금을 받는다.";
        assert!(rows(t, None).iter().all(|r| r.4 == Some(10_000_000)));
        let t = "성주군, 지역복지사업 평가 2관왕\n성주군이 2023 지역복지사업 평가에서 희망복지지원단 운영 부문 최우수상과 민관협력 및 자원연계 부문 우수상을 받았다. 군은 두 부문을 합쳐 포상금 4천500만원을 받는다.";
        let (got, e) = run(t, None);
        assert!(got.iter().all(|r| r.4.is_none()), "{got:?}");
        let facts: Vec<(&str, i64)> = e.facts.iter().map(|f| (f.fact.as_str(), f.value)).collect();
        assert!(facts.contains(&("prize_total_krw", 45_000_000)), "{facts:?}");
        assert!(facts.contains(&("award_count", 2)), "{facts:?}");
        let t = "복지부, 2024 지역복지사업 평가 결과 발표\n복지부는 지자체 110곳을 우수기관으로 뽑았다. 수상 기관에는 모두 30억 원의 포상금이 나뉘어 지급된다.";
        let (_, e) = run(t, None);
        let facts: Vec<(&str, i64)> = e.facts.iter().map(|f| (f.fact.as_str(), f.value)).collect();
        assert!(facts.contains(&("national_prize_total_krw", 3_000_000_000)), "{facts:?}");
        assert!(facts.contains(&("national_institution_count", 110)), "{facts:?}");
    }

    #[test]
    fn recipients_keep_their_written_form_context_and_level() {
        let t = "대구시, 2021 지역복지사업 평가 대상\n대구•경북\n대구시가 2021 지역복지사업 평가 시·도 부문에서 대상을 받았고, 희망복지지원단 운영 분야에서는 광주 남구·달서구가 우수상을 받았다. 경기 광주시도 같은 분야 장려상을 받았다.";
        let (_, e) = run(t, None);
        type Shown<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Shown> = e
            .mentions
            .iter()
            .map(|m| {
                (
                    m.recipient_text.as_str(),
                    m.sido_context.as_deref(),
                    m.recipient_level_hint.as_deref(),
                    m.category.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("대구시", None, Some("sido"), None),
                ("남구", Some("광주"), Some("sigungu"), HOPE),
                ("달서구", None, Some("sigungu"), HOPE),
                ("광주시", Some("경기"), Some("sigungu"), HOPE),
            ]
        );
        let m = &e.mentions[1];
        assert_eq!(m.doc_places, vec!["대구시", "대구", "경북", "광주", "달서구", "경기", "광주시"]);
        assert_eq!(m.mention_id, "d0:002");
        assert_eq!(m.resolve_status, "pending");
        assert_eq!(m.announced_on, NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
        // Names sharing one suffix: "동·서구".
        let t = "2020 지역복지사업 평가 희망복지지원단 운영 분야에서 부산 수영·연제구가 나란히 우수상을 받았다.";
        let got = rows(t, None);
        assert_eq!(got, vec![row(2020, "수영구", HOPE, "우수", None), row(2020, "연제구", HOPE, "우수", None)]);
    }

    #[test]
    fn a_named_winner_without_grade_is_selected() {
        let t = "2013년도 지역복지 우수 지방자치단체 시상에서 지역복지계획 부문은 달서구를 비롯해 창녕군, 아산시 등 12곳이 수상 지자체 명단에 들었다.";
        let got = rows(t, None);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|r| r.3 == "선정" && r.2.as_deref() == Some("지역복지계획")), "{got:?}");
    }

    #[test]
    fn unrelated_documents_cost_nothing_and_yield_nothing() {
        assert_eq!(
            extract_document(&doc("시흥시 축제에 10만 명이 다녀갔다. 시장은 대상을 받았다.", None), &K),
            Extraction::default()
        );
        let t = "달서구 희망복지지원단 운영위원회가 열렸다. 위원장은 우수 사례를 소개했다.";
        assert_eq!(extract_document(&doc(t, Some((2024, 3, 1))), &K), Extraction::default());
    }
    #[test]
    fn respective_grades_pair_in_order_and_bracketed_fields_belong_to_their_name() {
        let t =
            "시흥시와 창녕군이 2022 지역복지사업 평가 희망복지지원단 운영 분야에서 각각 최우수상과 우수상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![row(2022, "시흥시", HOPE, "최우수", None), row(2022, "창녕군", HOPE, "우수", None)]
        );
        let t = "2023 지역복지사업 평가에서 대상은 시흥시(희망복지지원단 운영)와 창녕군(사회서비스 일자리 창출)에 돌아갔다.";
        assert_eq!(
            rows(t, None),
            vec![row(2023, "시흥시", HOPE, "대상", None), row(2023, "창녕군", JOBS, "대상", None)]
        );
    }

    #[test]
    fn hoped_denied_and_other_organizers_grades_are_no_awards() {
        let cases = [
            ("양평군은 올해 지역복지사업 평가에서 희망복지지원단 운영 분야 대상을 목표로 준비하고 있다.", Some((2023, 6, 1))),
            ("군수는 \"내년 지역복지사업 평가에서 대상을 받을 수 있도록 노력하겠다\"고 말했다.", Some((2023, 12, 1))),
            ("오산시는 2022 지역복지사업 평가에서 아쉽게 대상을 받지 못했다.", None),
            ("달서구 홍길동 주무관이 지역복지사업 평가 유공으로 보건복지부 장관 표창을 받았다.", Some((2022, 12, 9))),
            ("가람복지관이 2024 사회복지시설 평가에서 최우수 기관으로 선정됐다. 달서구는 지역복지사업 평가를 준비한다.", None),
            ("양평군은 보건복지부 노인복지 분야 복지행정상에서 대상을 받았다.", Some((2019, 12, 1))),
            ("시흥시는 경기도가 실시한 2023 지역사회보장계획 시행결과 평가에서 최우수상을 받았다.", None),
            ("달서구는 지역복지사업 평가 대상 기관으로 선정돼 현장 실사를 받았다.", Some((2024, 9, 1))),
        ];
        for (t, p) in cases {
            assert!(rows(t, p).is_empty(), "{t}: {:?}", rows(t, p));
        }
        // "…받을 예정": a planned ceremony for an award already decided.
        let t = "양평군은 28일 시상식에서 2013년 복지행정상 부문 대상을 받을 예정이다.";
        assert_eq!(rows(t, None), vec![row(2013, "양평군", Some("복지행정상"), "대상", None)]);
    }

    #[test]
    fn list_marks_inside_a_sentence_start_new_items() {
        let t = "2025 지역복지사업 평가의 주요 수상 기관은 ▲희망복지지원단 운영 분야 대상 경남 함안군, 오산시, 전남 ▲통합돌봄 분야 우수상 노원구 등이다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2025, "함안군", HOPE, "대상", None),
                row(2025, "오산시", HOPE, "대상", None),
                row(2025, "전남", HOPE, "대상", None),
                row(2025, "노원구", Some("의료·요양 통합돌봄 지원"), "우수", None),
            ]
        );
    }

    #[test]
    fn each_program_named_in_a_sentence_keeps_its_own_grade() {
        // Another ministry's grade first, then this program's after "이어".
        let t = "칠곡군, 행안부 평가 이어 지역복지사업 평가도 수상\n경북 칠곡군은 행정안전부 주관 '2023년 지방자치단체 합동평가'에서 최우수 기관으로 뽑힌 데 이어 보건복지부 '2023년 지역복지사업 평가'에서도 희망복지지원단 운영 분야 우수상을 받았다고 8일 밝혔다.\n지역복지사업 평가에서는 포상금 700만원을 받는다.";
        assert_eq!(rows(t, Some((2023, 12, 8))), vec![row(2023, "칠곡군", HOPE, "우수", Some(7_000_000))]);
        // This program's grade first, the other program's after "이어".
        let t = "달서구는 보건복지부 '2022년 지역복지사업 평가'에서 사회서비스 일자리 창출 분야 대상을 받은 데 이어 행정안전부 주관 지방자치단체 합동평가에서도 우수 기관으로 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2022, "달서구", JOBS, "대상", None)]);
    }

    #[test]
    fn a_counted_claim_without_grade_yields_to_the_graded_awards() {
        let t = "대전 동구, 2023년 지역복지사업 평가 2관왕\n대전 동구가 보건복지부의 '2023년 지역복지사업 평가'에서 두 개 분야 상을 받아 2관왕에 올랐다.\n동구는 '희망복지지원단 운영' 분야에서 최우수상을 받았고, '민관협력 및 자원연계' 분야에서는 장려상을 받았다.";
        assert_eq!(
            rows(t, Some((2023, 12, 4))),
            vec![row(2023, "동구", HOPE, "최우수", None), row(2023, "동구", PARTNER, "장려", None)]
        );
    }

    #[test]
    fn a_province_reporting_its_districts_count_is_not_a_winner_and_short_names_can_be_the_subject() {
        let t = "경남, 2022 지역복지사업 평가 4개 상\n경남(도지사 홍길동)은 보건복지부가 주관한 '2022년 지역복지사업 평가'에서 도와 관내 시·군이 모두 4개의 상을 받았다고 밝혔다.\n도는 희망복지지원단 운영 분야에서 최우수상을 받았다.\n사회서비스 일자리 창출 분야에서는 시흥시가 대상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![row(2022, "경남", HOPE, "최우수", None), row(2022, "시흥시", JOBS, "대상", None)]
        );
    }

    #[test]
    fn execution_year_labels_date_the_next_round_and_years_date_only_their_own_phrase() {
        // The 시행 year label names the year before the round.
        let t = "춘천시가 보건복지부 주관 '2024년 지역사회보장계획 시행 결과 평가'에서 우수기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2025, "춘천시", PLAN, "우수", None)]);
        assert_eq!(rows(t, Some((2025, 12, 12))), vec![row(2025, "춘천시", PLAN, "우수", None)]);
        // A year that dates another predicate does not date the grade.
        let t = "증평군이 2019년 지역복지사업 평가 지역사회보장계획 부문에서 우수상을 받았다. 군은 지난해 23개 세부 사업을 추진해 우수기관에 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2019, "증평군", PLAN, "우수", None)]);
        // Years written out with a grade give one award each.
        let t = "경기도가 2025년 지역복지사업 평가 지역사회보장계획 부문에서 최우수상을 받았다. 도는 2020년부터 2023년까지 4년 연속 최고 등급인 대상을 받았다.";
        let got = rows(t, None);
        for y in 2020..=2023 {
            assert!(got.contains(&row(y, "경기도", PLAN, "대상", None)), "{y}: {got:?}");
        }
        // An amount is no year.
        let t = "달서구는 2022년 지역복지사업 평가 희망복지지원단 운영 분야 대상을 받아 상금 2억2000만원을 받았다.";
        assert!(rows(t, None).iter().all(|r| r.0 == 2022), "{:?}", rows(t, None));
    }

    #[test]
    fn fields_of_other_eras_are_categories_under_their_written_name() {
        let t = "서천군은 2016년 지역복지사업 평가 복지재정효율화 부문에서 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2016, "서천군", Some("복지재정 효율화"), "최우수", None)]);
        // 2014: a sub-부문 of 복지행정상 the list does not know is 복지행정상.
        let t = "광명시가 2014년 복지행정상의 숨은 위기가구 찾기 분야에서 최우수상을 거머쥐었다.";
        assert_eq!(rows(t, None), vec![row(2014, "광명시", Some("복지행정상"), "최우수", None)]);
        // Rounds before the program's first are other programs.
        let t = "달성군은 보건복지부 2007년 지역복지사업 종합평가에서 최우수 기관에 선정됐다.";
        assert!(rows(t, None).is_empty());
    }

    #[test]
    fn venues_scopes_sources_and_organizers_are_not_winners() {
        let cases = [
            "익산시는 9일 세종시 세종컨벤션센터에서 열린 2019년 복지행정상 시상식에서 우수상을 받았다.",
            "춘천시는 강원도 예선과 전국 본선을 거쳐 2024년 지역복지사업 평가 우수기관으로 뽑혔다.",
            "연천군이 2012년 지역복지사업 평가에서 경기도의 추천을 받아 우수 자치단체로 선정됐다.",
            "충남도 및 보건복지부가 벌인 2017년 지역복지사업 평가에서 홍성군이 우수기관에 들었다.",
            "강원 원주시가 2022년 지역복지사업 평가에서 우수기관으로 선정됐다. 강원도 최초로 3년 연속 우수기관 선정이다.",
        ];
        for t in cases {
            let got = rows(t, None);
            assert!(
                got.iter().all(|r| ["익산시", "춘천시", "연천군", "홍성군", "원주시"].contains(&r.1.as_str())),
                "{t}: {got:?}"
            );
            // A province's own evaluation heading a list governs its items.
            let t = "양평군은 2024년 지역복지사업 평가 희망복지지원단 운영 분야 대상을 받았다. 또한 경기도 평가에서도 △민관협력 분야 우수상 △복지사각지대 발굴 우수 등을 받았다.";
            assert_eq!(rows(t, None).len(), 1, "{:?}", rows(t, None));
        }
        // "서울시 인센티브사업": a name before a plain noun modifies it.
        let t = "은평구는 2015년 지역복지사업 평가에서 대상을 받았고 서울시 인센티브사업 최우수구에도 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2015, "은평구", None, "대상", None)]);
    }

    #[test]
    fn targets_summaries_other_prizes_and_counts_are_no_awards_of_the_names() {
        // "대상" after a noun of people or units is a target.
        let t = "충주시는 2022년 지역복지사업 평가 사회보장 부정수급 관리 분야에서 수상했다. 시는 신규수급자 대상 교육과 취약계층 대상 조사를 벌였다.";
        assert!(rows(t, None).iter().all(|r| r.3 != "대상"), "{:?}", rows(t, None));
        // Grades listed together sum up, without saying which is which.
        let t = "대전 서구는 2019년 지역복지사업 평가에서 5개 분야 최우수 및 우수상을 받았다.";
        assert!(rows(t, None).is_empty(), "{:?}", rows(t, None));
        // A prize that is no grade takes the names before it.
        let t = "2011년 지방자치단체 복지정책 평가 지역복지사업 부문에서 금산군이 최우수, 계룡시가 발전상, 논산시가 준우수, 공주시가 우수상을 받았다.";
        let got = rows(t, None);
        assert!(got.iter().all(|r| r.1 != "계룡시" && r.1 != "논산시"), "{got:?}");
        // After a predicate, "등 총 N곳이" is a new subject.
        let t = "2019 지역복지사업 평가 찾아가는 보건복지서비스 제공 부문에서는 서울 동대문구, 충남 서천군이 대상으로 선정되는 등 총 34곳이 우수 자치단체로 선정됐다.";
        assert_eq!(
            rows(t, None),
            vec![row(2019, "동대문구", VISIT, "대상", None), row(2019, "서천군", VISIT, "대상", None)]
        );
    }

    #[test]
    fn an_institution_grade_without_field_yields_to_the_specific_award() {
        let t = "지역복지사업 우수기관에 대구 달서구 등\n보건복지부 2022년 지역복지사업 평가 찾아가는 보건복지서비스 제공 분야에서 대구 달서구가 대상으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2022, "달서구", VISIT, "대상", None)]);
    }

    #[test]
    fn a_field_heading_its_names_gives_them_the_grade_after_the_list() {
        let t = "2022년 지역복지사업 평가에서 '희망복지지원단 운영' 분야에선 대구시와 경남 창녕군, '지역사회보장계획' 분야에선 대전시, 충남 아산시가 대상의 영예를 안았다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2022, "대구시", HOPE, "대상", None),
                row(2022, "창녕군", HOPE, "대상", None),
                row(2022, "대전시", PLAN, "대상", None),
                row(2022, "아산시", PLAN, "대상", None),
            ]
        );
        let t = "2012년 지방자치단체 복지정책 평가의 '희망복지지원단 운영 분야'에선 서울 광진구, 경기 구리시가 최우수 기관이 됐다.";
        assert_eq!(
            rows(t, None),
            vec![row(2012, "광진구", HOPE, "최우수", None), row(2012, "구리시", HOPE, "최우수", None)]
        );
        // Items "▲ 분야 : 이름" wait for the grade after the list.
        let t = "2022년 지역복지사업 평가 결과 ▲ 사회보장급여 및 사후관리 : 경기 오산시 ▲ 사회서비스 일자리 창출 : 대구 달서구 등 10개 분야에서 대상 기관이 가려졌다.";
        assert_eq!(
            rows(t, None),
            vec![
                row(2022, "오산시", Some("사회보장급여 및 사후관리"), "대상", None),
                row(2022, "달서구", JOBS, "대상", None),
            ]
        );
    }

    #[test]
    fn pairs_names_years_and_structure_written_in_other_ways() {
        // Fields paired with grades by 각각.
        let t = "광산구는 2024년 지역복지사업 평가 '찾아가는 복지서비스 제공'과 '사회서비스 일자리 창출' 2개 부문에서 각각 최우수상과 우수상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![row(2024, "광산구", VISIT, "최우수", None), row(2024, "광산구", JOBS, "우수", None)]
        );
        // "같은 해": the year written before.
        let t = "연수구는 2022년 행정안전부 정부혁신 평가 최우수상을 받은 데 이어 같은 해 보건복지부 지역복지사업평가 최우수상도 받았다.";
        assert_eq!(rows(t, Some((2024, 7, 9))), vec![row(2022, "연수구", None, "최우수", None)]);
        // A sentence end written without its space.
        let t = "대구시가 2022년 지역복지사업 평가 희망복지지원단 운영 분야 대상을 받았다.또 달서구가 사회서비스 일자리 창출 분야 대상을 받았다.";
        assert_eq!(
            rows(t, None),
            vec![row(2022, "대구시", HOPE, "대상", None), row(2022, "달서구", JOBS, "대상", None)]
        );
        // The topic announcing, with its head in brackets, did not win.
        let t = "인천시(시장 유정복)는 관내 남동구와 계양구가 2014년 복지행정상에서 최우수상을 받게 됐다고 전했다.";
        let got = rows(t, None);
        assert!(got.iter().all(|r| r.1 != "인천시") && got.len() == 2, "{got:?}");
        // A grade heading a name ends with that name's group.
        let t = "2020년 지역복지사업 평가 사회보장급여 사후관리 부문에서 최우수상으로 선정된 전라남도를 비롯해 진도군이 대상, 영암군이 우수상을 받았다.";
        let got = rows(t, None);
        assert!(got.contains(&row(2020, "진도군", Some("사회보장급여 및 사후관리"), "대상", None)), "{got:?}");
        assert!(!got.iter().any(|r| r.1 == "진도군" && r.3 == "최우수"), "{got:?}");
    }

    #[test]
    fn a_grade_without_field_and_a_field_without_grade_are_one_award() {
        let t = "영암군이 보건복지부의 '2023년 지역복지사업평가'에서 우수상을 수상했다. 이번 평가에서 영암군은 '2022년도 지역사회보장계획 시행 결과 분야'에서 수상했다고 밝혔다.";
        assert_eq!(rows(t, None), vec![row(2023, "영암군", PLAN, "우수", None)]);
    }

    #[test]
    fn an_article_naming_only_a_field_needs_the_field_in_each_award() {
        // No program name: the ministry and a field of another round.
        let t = "대전 중구가 보건복지부 주관 '2025년 아동학대 공공 대응체계 평가'에서 우수상을 수상했다.";
        assert!(rows(t, None).is_empty(), "{:?}", rows(t, None));
        // Counted grades of fields are a summary.
        let t = "합천군은 2024년 보건복지부 지역복지사업 평가에서 2개 분야 최우수상과 2개 분야 우수상을 받는 등 6개 상을 휩쓸었다.";
        assert!(rows(t, None).is_empty(), "{:?}", rows(t, None));
    }

    #[test]
    fn years_carry_across_parallel_clauses_and_spans_run_to_this_round() {
        // One year dates every grade of the clauses after it.
        let t = "고성군은 2021년 지역복지사업 평가에서 희망복지지원단 운영 분야 대상을 받았고, 민관협력 및 자원연계 분야 우수상도 받았다.";
        assert_eq!(
            rows(t, Some((2023, 12, 1))),
            vec![row(2021, "고성군", HOPE, "대상", None), row(2021, "고성군", PARTNER, "우수", None)]
        );
        // "…부터 올해까지": each year of the span up to this round.
        let t =
            "나주시는 2023년부터 올해까지 지역복지사업 평가 희망복지지원단 운영 분야에서 연속으로 최우수상을 받았다.";
        let got = rows(t, Some((2025, 12, 3)));
        for y in 2023..=2025 {
            assert!(got.contains(&row(y, "나주시", HOPE, "최우수", None)), "{y}: {got:?}");
        }
        // A counted streak to this round restates this round's award.
        let t =
            "나주시는 지역복지사업 평가 희망복지지원단 운영 분야에서 2023년부터 올해까지 3년 연속 최우수상을 받았다.";
        assert_eq!(rows(t, Some((2025, 12, 3))), vec![row(2025, "나주시", HOPE, "최우수", None)]);
        // Two short province names joined by 과 and made the subject.
        let t = "2024년 지역복지사업 평가 결과 광역단체 중에서는 울산과 충북이 최우수상을 받았다.";
        let got = rows(t, None);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|r| r.3 == "최우수" && r.0 == 2024), "{got:?}");
    }

    #[test]
    fn a_province_with_a_count_of_its_cities_is_a_scope_not_a_recipient() {
        let t = "해남군 최우수상\n\n전남 해남군이 2024년 지역복지사업 평가 희망복지지원단 운영 분야에서 \
                 전라남도 22개 시군 중 유일하게 최우수상을 받았다.";
        assert_rows_any_order(t, None, vec![row(2024, "해남군", Some("희망복지지원단 운영"), "최우수", None)]);
    }

    #[test]
    fn an_evaluation_named_by_its_subject_is_another_program() {
        // Another evaluation named before our program, in a list of honours.
        let t = "영도구 기관상\n\n부산 영도구는 올해 중앙부처 평가에서 기관상 20건을 받았다고 밝혔다. \
                 구는 안전관리 평가 우수기관, 지역복지사업 평가 최우수, 청년정책 평가 대상 등을 받았다.";
        assert_rows_any_order(t, Some((2023, 12, 20)), vec![row(2023, "영도구", None, "최우수", None)]);
        // A sentence naming only another evaluation, after one on ours.
        let t = "고성군 수상\n\n고성군은 2022년 지역복지사업 평가에서 희망복지지원단 운영 분야 우수상을 받았다. \
                 군은 '2021회계연도 평가 우수'에 이어 2년 연속 수상했다.";
        assert_rows_any_order(t, None, vec![row(2022, "고성군", Some("희망복지지원단 운영"), "우수", None)]);
        // A part of our program named after its field stays ours.
        let t = "상주시 최우수\n\n상주시는 2016년 지역복지사업 복지재정효율화 부문 중복수급 점검 평가에서 \
                 최우수상을 받았다.";
        assert_rows_any_order(t, None, vec![row(2016, "상주시", Some("복지재정 효율화"), "최우수", None)]);
    }

    #[test]
    fn an_agency_organizing_in_a_relative_clause_makes_another_program() {
        let t = "함양군 잇단 수상\n\n함양군은 2021년 지역복지사업 평가에서 민관협력 및 자원연계 분야 우수상을 받았다. \
                 또 지난달에는 수자원공사가 주관한 '물관리 종합평가'에서 최우수 기관에 뽑혔다.";
        assert_rows_any_order(t, None, vec![row(2021, "함양군", Some("민관협력 및 자원연계"), "우수", None)]);
    }

    #[test]
    fn the_ministry_in_a_relative_clause_leaves_the_source_as_the_recipient() {
        let t = "김천시 장관상\n\n경북 김천시가 복지 성과를 인정받아 장관 표창을 받았다.\n\n\
                 10일 김천시에 따르면 최근 보건복지부가 시행한 '2023년 지역사회보장계획 시행결과 평가'에서 \
                 우수상을 수상했다.";
        assert_rows_any_order(t, None, vec![row(2024, "김천시", Some("지역사회보장계획 시행결과"), "우수", None)]);
    }

    #[test]
    fn a_field_stated_apart_goes_to_the_one_fieldless_award() {
        let t = "보은군 우수기관\n\n보은군은 8일 보건복지부의 2019년 지역복지사업 평가에서 우수기관에 선정됐다고 밝혔다.\n\n\
                 군은 희망복지지원단 운영 부문에 선정됐다.";
        assert_rows_any_order(t, None, vec![row(2019, "보은군", Some("희망복지지원단 운영"), "우수", None)]);
        // Two fields for "2관왕": both take the grade.
        let t = "중구 2관왕\n\n울산 중구가 2020년 지역복지사업 평가에서 최우수상 2관왕을 차지했다.\n\n\
                 중구는 희망복지지원단 운영과 민관협력 및 자원연계 2개 부문에서 성과를 인정받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2020, "중구", Some("희망복지지원단 운영"), "최우수", None),
                row(2020, "중구", Some("민관협력 및 자원연계"), "최우수", None),
            ],
        );
        // A count that the fields do not match: the two awards' fields are
        // not given, and no award is stated without them.
        let t = "서구 2관왕\n\n서구가 2020년 지역복지사업 평가에서 우수상 2관왕을 차지했다.\n\n\
                 서구는 희망복지지원단 운영 부문에서 성과를 인정받았다.";
        assert_rows_any_order(t, None, vec![]);
    }

    #[test]
    fn integrated_care_is_the_2025_field_from_2025() {
        let t = "동작구 대상\n\n서울 동작구가 2025년 지역복지사업 평가에서 통합돌봄 부문 대상을 받았다.";
        assert_rows_any_order(t, None, vec![row(2025, "동작구", Some("의료·요양 통합돌봄 지원"), "대상", None)]);
        let t = "동작구 대상\n\n서울 동작구가 2021년 지역복지사업 평가에서 통합돌봄 부문 대상을 받았다.";
        assert_rows_any_order(t, None, vec![row(2021, "동작구", Some("지역사회 통합돌봄 서비스 제공"), "대상", None)]);
    }

    #[test]
    fn awards_summed_up_uncounted_state_no_award() {
        let t = "충청남도 복지 평가\n\n충청남도는 보건복지부가 주최한 2011년 지자체 복지정책 평가에서 \
                 3개 분야 12개 세부분야의 각종 상을 수상했다고 밝혔다.";
        assert!(rows(t, None).is_empty(), "{:?}", rows(t, None));
    }

    #[test]
    fn a_round_up_before_the_program_is_named_takes_the_field_of_its_name() {
        // The grades come first; the article names the evaluation (whose name
        // is the field's) and another program's words only later, in
        // sentences without a grade.
        let t = "평가 결과 발표\n\n이 가운데 시군구별 대상은 충북 옥천군, 경남 하동군으로 최우수상은 전북 부안군을 포함해 5개 지자체에 돌아갔다.\n\n\
                 이번 평가는 우수사례 공유와 확산을 위해 실시됐다.\n\n\
                 보건복지부는 올해 지역사회보장계획 평가를 보사연에 맡겨 진행했다.";
        assert_rows_any_order(
            t,
            Some((2019, 12, 10)),
            vec![
                row(2019, "옥천군", Some("지역사회보장계획 시행결과"), "대상", None),
                row(2019, "하동군", Some("지역사회보장계획 시행결과"), "대상", None),
                row(2019, "부안군", Some("지역사회보장계획 시행결과"), "최우수", None),
            ],
        );
    }

    #[test]
    fn a_sentence_turning_to_another_matter_does_not_take_the_articles_program() {
        let t = "양산시 특별상\n\n양산시는 2023년 지역복지사업 평가에서 특별상으로 받은 포상금을 기탁했다.\n\n\
                 한편 지난해 양산시는 주민 복지 향상에 힘써 보건복지부 평가 우수지자체로 선정된 바 있다.";
        assert!(rows(t, Some((2024, 3, 5))).is_empty(), "{:?}", rows(t, Some((2024, 3, 5))));
        // Pointing back at the evaluation reported keeps it.
        let t = "전남도 대상\n\n전라남도는 2021년 지역사회보장계획 시행결과 평가에서 대상을 받았다.\n\n\
                 한편 이번 평가에서 광주 남구도 대상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2022, "전라남도", Some("지역사회보장계획 시행결과"), "대상", None),
                row(2022, "남구", Some("지역사회보장계획 시행결과"), "대상", None),
            ],
        );
    }

    #[test]
    fn fields_sampled_before_a_larger_count_name_no_winners_field() {
        let t = "대상 11곳 발표\n\n보건복지부는 2024년 지역복지사업 평가를 통해 희망복지지원단 운영, 민관협력 및 자원연계 등 \
                 총 10개 분야에서 우수 지자체를 선정했고, 울산시와 강원 원주시가 대상을 받았다고 밝혔다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2024, "울산시", None, "대상", None), row(2024, "원주시", None, "대상", None)],
        );
        // A count the list fills: the fields are the winner's.
        let t = "남원시 2관왕\n\n남원시는 2024년 지역복지사업 평가에서 희망복지지원단 운영, 민관협력 및 자원연계 등 \
                 2개 분야 최우수상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2024, "남원시", Some("희망복지지원단 운영"), "최우수", None),
                row(2024, "남원시", Some("민관협력 및 자원연계"), "최우수", None),
            ],
        );
    }

    #[test]
    fn the_topic_of_the_sentence_before_receives_a_subjectless_award() {
        // The article opens on another matter; the award's sentence names
        // no recipient, and the sentence before set one as its topic.
        let t = "\n지난 3일 행정안전부는 지역화폐 실적을 평가해 결과를 발표했다. 창원시의 충전액이 가장 많았다.\n\
                 복지 행정에서도 김해시는 좋은 성적을 냈다. 보건복지부가 주관한 '2024년 지역복지사업 평가'에서 \
                 '희망복지지원단 운영' 분야 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2024, "김해시", HOPE, "최우수", None)]);
        // The topic stays over paragraphs that set none of their own.
        let t = "\n지난 3일 행정안전부는 지역화폐 실적을 평가해 결과를 발표했다.\n복지 행정에서도 김해시는 좋은 성적을 냈다.\n\
                 보건복지부가 주관한 '2024년 지역복지사업 평가'에서 '희망복지지원단 운영' 분야 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2024, "김해시", HOPE, "최우수", None)]);
        // Another topic ends it.
        let t = "\n지난 3일 행정안전부는 지역화폐 실적을 평가해 결과를 발표했다.\n복지 행정에서도 김해시는 좋은 성적을 냈다.\n\
                 복지부는 이번에 새 지표를 도입했다. 보건복지부가 주관한 '2024년 지역복지사업 평가'에서 '희망복지지원단 운영' \
                 분야 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![]);
    }

    #[test]
    fn a_grade_as_topic_with_years_listed_after_it_counts_the_recipients_rounds() {
        let t = "김해시 대상\n\n김해시는 2025년 지역복지사업 평가에서 희망복지지원단 운영 부문 대상을 받았다. \
                 대상 수상은 2019년, 2022년에 이어 세 번째다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2025, "김해시", HOPE, "대상", None),
                row(2019, "김해시", HOPE, "대상", None),
                row(2022, "김해시", HOPE, "대상", None),
            ],
        );
        // One year after it is no list of rounds.
        let t = "김해시 대상\n\n김해시는 2025년 지역복지사업 평가에서 희망복지지원단 운영 부문 대상을 받았다. \
                 대상 수상은 2019년 이후 처음이다.";
        assert_rows_any_order(t, None, vec![row(2025, "김해시", HOPE, "대상", None)]);
    }

    #[test]
    fn a_grade_counted_over_fields_it_does_not_name_states_no_award_of_its_own() {
        // The count stands for awards whose fields this article never gives:
        // neither the article's one field nor a fieldless award.
        let t = "광진구 통합돌봄 대상\n\n광진구는 2025년 지역복지사업 평가에서 통합돌봄 부문 대상을 받았다. \
                 구는 이번 평가에서 모두 4개 분야에서 우수기관으로 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2025, "광진구", Some("의료·요양 통합돌봄 지원"), "대상", None)]);
        let t = "광진구 2관왕\n\n광진구는 2025년 지역복지사업 평가에서 최우수상 2관왕에 올랐다.";
        assert_eq!(rows(t, None), vec![]);
    }

    #[test]
    fn a_list_item_with_its_grade_right_after_names_a_field_even_in_short() {
        let t = "예산군 3개 부문 수상\n\n예산군은 2024년 지역복지사업 평가에서 △희망복지지원단 운영 '최우수' \
                 △찾아가는 복지서비스 '우수' 등 2개 부문을 수상했다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2024, "예산군", HOPE, "최우수", None),
                row(2024, "예산군", Some("찾아가는 보건복지서비스 제공"), "우수", None),
            ],
        );
        // Not an item: the short name stays an ordinary phrase.
        let t = "예산군 수상\n\n예산군은 2024년 지역복지사업 평가에서 찾아가는 복지서비스 차량을 늘린 점을 인정받아 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2024, "예산군", None, "최우수", None)]);
    }

    #[test]
    fn fields_with_their_grade_in_brackets() {
        let t =
            "동구 3개 분야 수상\n\n동구는 '2019년 복지행정상 시상식'에서 지역사회보장계획 연차별 시행결과(최우수), \
                 사회서비스 일자리 창출(우수) 등 2개 분야에서 각각 장관상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2019, "동구", Some("지역사회보장계획 시행결과"), "최우수", None),
                row(2019, "동구", Some("사회서비스 일자리 창출"), "우수", None),
            ],
        );
    }

    #[test]
    fn years_listed_are_those_years_and_not_the_years_between() {
        let t = "김해시 대상\n\n김해시는 2025년 지역복지사업 평가에서 희망복지지원단 운영 부문 대상을 받았다. \
                 김해시는 2019년과 2022년에 이어 세 번째로 대상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2025, "김해시", HOPE, "대상", None),
                row(2019, "김해시", HOPE, "대상", None),
                row(2022, "김해시", HOPE, "대상", None),
            ],
        );
    }

    #[test]
    fn a_field_named_with_its_results_or_as_a_division_of_another() {
        // "운영성과 평가부문": the field, then its results and the mark.
        let t = "전남 복지평가\n\n전남도는 2012년 지방자치단체 복지정책 평가 결과를 발표했다. \
                 희망복지지원단 운영성과 평가부문에서는 화순군이 대상기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2012, "화순군", HOPE, "대상", None)]);
        // A 부문 with a 분야 right after it: the 분야 is the award's field.
        let t = "남동구 우수\n\n남동구는 2016년도 지역복지사업평가 동 복지허브화 부문 맞춤형 복지서비스 제공 분야에서 \
                 우수지자체로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2016, "남동구", Some("찾아가는 보건복지서비스 제공"), "우수", None)]);
        // The short name of a field before its mark.
        let t = "곡성군 대상\n\n곡성군은 2025년 지역복지사업 평가 사후관리 분야에서 대상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2025, "곡성군", Some("사회보장급여 및 사후관리"), "대상", None)]);
    }

    #[test]
    fn a_count_in_native_numbers_is_no_field_name() {
        let t = "양평군 대상\n\n양평군은 2019년 지역복지사업평가 '지역사회보장계획 시행결과', '희망복지지원단 운영' \
                 두개 분야에서 대상을 수상했다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2019, "양평군", Some("지역사회보장계획 시행결과"), "대상", None),
                row(2019, "양평군", HOPE, "대상", None),
            ],
        );
    }

    #[test]
    fn a_field_named_as_its_evaluation_before_a_mark() {
        let t = "영암군 2개 분야 수상\n\n영암군은 2020년 지역복지사업평가 16개 분야 중 지역사회보장계획평가 분야에서 우수, \
                 희망복지지원단 운영 분야에서 최우수 지자체로 선정됐다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2020, "영암군", Some("지역사회보장계획 시행결과"), "우수", None),
                row(2020, "영암군", HOPE, "최우수", None),
            ],
        );
    }

    #[test]
    fn an_award_received_too_is_an_award() {
        // "받기도 했다" opens like "받기 위해" (hoped for) but states the award.
        let t = "논산시는 올해 중앙부처 평가에서 여러 차례 기관표창을 받았다고 9일 밝혔다.\n\
                 이어 지난 3일에는 보건복지부가 주관한 2019년 지역복지사업 평가에서도 최우수상을 받기도 했다.";
        assert_eq!(rows(t, None), vec![row(2019, "논산시", None, "최우수", None)]);
        let hoped = "논산시는 보건복지부가 주관한 2019년 지역복지사업 평가에서 최우수상을 받기 위해 준비하고 있다.";
        assert_eq!(rows(hoped, None), vec![]);
    }

    #[test]
    fn a_quoted_grade_phrase_keeps_its_particle() {
        // "'… 우수기관'을 선정하는": the object of the evaluator's selecting,
        // quoted; the particle after the quote is the phrase's own.
        let t = "강북구는 보건복지부 주관 2018년 지역복지사업 평가에서 최우수 기관으로 뽑혔다.\n\
                 이 평가는 전국 시군구 가운데 '복지 우수기관'을 선정하는 것으로 구는 지난해에 이어 올해도 최우수 기관에 올랐다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2018, "강북구", None, "최우수", None), row(2017, "강북구", None, "최우수", None)],
        );
    }

    #[test]
    fn a_contest_named_by_its_subject_is_another_program() {
        let t = "거제시는 보건복지부 주관 '2019년 방문건강관리사업 성과대회'에서 우수기관으로 뽑혔다.";
        assert_eq!(rows(t, None), vec![]);
        let own = "거제시는 보건복지부 주관 2019년 지역복지사업 평가에서 우수기관으로 뽑혔다.";
        assert_eq!(rows(own, None), vec![row(2019, "거제시", None, "우수", None)]);
    }

    #[test]
    fn a_venue_whose_name_opens_with_a_number_is_no_recipient() {
        let t = "영주시가 12일 서울시 63빌딩 그랜드볼룸에서 열린 2012 지방자치단체 복지정책 평가에서 대상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2012, "영주시", None, "대상", None)]);
    }

    #[test]
    fn a_headline_round_up_yields_to_the_body_on_another_program() {
        let t = "밀양시·거제시, 복지부 우수기관 선정\n\n\
                 밀양시는 보건복지부 주관 2018년 지역복지사업 평가에서 희망복지지원단 운영 부문 우수상을 받았다.\n\
                 거제시는 보건복지부 주관 '2018년 방문건강관리사업 성과대회'에서 우수기관으로 선정됐다.";
        assert_eq!(rows(t, None), vec![row(2018, "밀양시", HOPE, "우수", None)]);
    }

    #[test]
    fn a_former_name_marked_as_a_field_dates_the_field_not_the_round() {
        // "전국" may stand between the year and the name; "지역복지사업
        // 분야" is the field of an earlier round here, not the program.
        let t = "영천시가 2012 전국 지방자치단체 복지정책 평가에서 복지사업 종합평가 부문 대상을 받았다.\n\
                 한편 영천시는 2011년도 지역복지사업 분야 최우수상에 이어 금년에는 종합평가에서 대상을 차지했다.";
        let got = rows(t, None);
        assert!(got.contains(&row(2012, "영천시", Some("복지사업 종합평가"), "대상", None)), "{got:?}");
        assert!(!got.iter().any(|r| r.0 == 2011 && r.3 == "대상"), "{got:?}");
    }

    #[test]
    fn winners_described_in_the_genitive_are_no_award() {
        let lead = "남동구는 보건복지부 주관 2016년 지역복지사업 평가에서 최우수상을 받았다.\n";
        let about = "이번 공모는 희망복지지원단 우수 지자체의 모범 사례를 찾아 널리 알리려는 뜻으로 복지부가 마련했다.";
        assert_eq!(rows(&format!("{lead}{about}"), None), vec![row(2016, "남동구", None, "최우수", None)]);
        let honour = "남동구는 2016년 지역복지사업 평가에서 우수 지자체의 영예를 안았다.";
        assert_eq!(rows(honour, None), vec![row(2016, "남동구", None, "우수", None)]);
    }

    #[test]
    fn a_streak_counted_from_a_year_dates_an_undated_article() {
        let t = "안성시는 올해 보건복지부 지역복지사업 평가에서 희망복지지원단 운영 부문 대상을 받았다고 3일 밝혔다.\n\
                 시는 복지부의 지역복지사업평가에서 2015년부터 5년 연속 기관표창을 받았다.";
        assert_eq!(rows(t, None), vec![row(2019, "안성시", HOPE, "대상", None)]);
    }

    #[test]
    fn a_grade_counting_several_fields_takes_none_of_an_earlier_grades() {
        let t = "화성시는 2021년 지역복지사업 평가에서 '희망복지지원단 운영' 부문에서 대상을, '위기가구 발굴' 등 3개 부문에서 \
                 최우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2021, "화성시", HOPE, "대상", None)]);
    }

    #[test]
    fn a_provinces_titled_evaluation_is_another_program() {
        // The grade inside the title names the evaluation by its winners,
        // and the province in the genitive runs it.
        let t = "구리시는 2021년 보건복지부 지역복지사업 평가에서 대상을 받았다고 15일 밝혔다.\n\
                 또한 경기도의 '민관협력 우수 시군 평가'에서 2년 연속 최우수상을 받기도 했다.";
        assert_eq!(rows(t, None), vec![row(2021, "구리시", None, "대상", None)]);
    }

    #[test]
    fn a_year_before_a_field_outside_the_table_dates_its_grade() {
        let t = "당진시는 2017년 지역복지사업 평가에서 최우수상을 받았다.\n\
                 당진시는 앞서 ▲2015년 나눔돌봄 부문 '대상' ▲2016년 복지기반 확충 분야 '우수'를 받았다.";
        let got = rows(t, None);
        assert!(got.contains(&row(2015, "당진시", None, "대상", None)), "{got:?}");
        assert!(got.contains(&row(2016, "당진시", None, "우수", None)), "{got:?}");
        assert!(!got.iter().any(|r| r.0 == 2017 && r.3 != "최우수"), "{got:?}");
    }

    #[test]
    fn that_year_and_a_glued_mark_date_an_earlier_grade() {
        // "그해" is the year written before it; a year binds across a name
        // with its mark glued on ("민관협력부문").
        let t = "부산 중구는 2016 복지행정상에서 대상을 받았다.\n\
                 이 상은 2013년부터 주어졌으며 중구는 그해 민관협력부문 우수상을 받은 바 있다.";
        let got = rows(t, None);
        assert!(got.contains(&row(2013, "중구", None, "우수", None)), "{got:?}");
        assert!(!got.iter().any(|r| r.0 == 2016 && r.3 == "우수"), "{got:?}");
    }

    #[test]
    fn items_that_are_only_fields_list_the_fields_of_the_grade_after_them() {
        let t = "익산시는 보건복지부가 주관한 2018년 지역복지사업 평가에서 ▲민관협력 및 자원연계 ▲희망복지지원단 운영 \
                 등 2개 부문의 '우수기관'으로 뽑혔다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2018, "익산시", PARTNER, "우수", None), row(2018, "익산시", HOPE, "우수", None)],
        );
        // Items with their own grades stay apart.
        let own = "익산시는 2018년 지역복지사업 평가에서 ▲민관협력 및 자원연계 부문 대상 ▲희망복지지원단 운영 부문 우수상을 받았다.";
        assert_rows_any_order(
            own,
            None,
            vec![row(2018, "익산시", PARTNER, "대상", None), row(2018, "익산시", HOPE, "우수", None)],
        );
    }

    #[test]
    fn a_cue_inside_a_longer_word_is_no_cue() {
        // "지자체 평가" holds "자체 평가" (a province's own evaluation).
        let t = "과천시는 보건복지부가 실시한 '2018년 희망복지지원단 운영분야 우수 지자체 평가'에서 '최우수' 지자체로 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2018, "과천시", HOPE, "최우수", None)]);
        let own = "과천시는 경기도 자체 평가에서 최우수 지자체로 뽑혔다.";
        assert_eq!(rows(own, Some((2018, 12, 1))), vec![]);
    }

    #[test]
    fn a_schedule_of_prizes_by_grade_states_no_award() {
        let t = "단양군은 보건복지부 주관 2021년 지역복지사업 평가에서 대상을 받았다.\n\
                 이들 우수 지자체에는 대상에 2천만원, 최우수상 1천만원, 우수상 500만원의 포상금이 주어진다.";
        // (The schedule still says what the 대상 won.)
        assert_eq!(rows(t, None), vec![row(2021, "단양군", None, "대상", Some(20_000_000))]);
        // Two names, each with its grade and sum, are two awards.
        let two = "2021년 지역복지사업 평가에서 단양군은 대상 2천만원, 제천시는 우수상 500만원을 받았다.";
        assert_eq!(rows(two, None).len(), 2);
    }

    #[test]
    fn a_short_field_name_before_an_evaluation_of_its_winners_is_the_field() {
        let t = "충주시가 보건복지부의 올해 보육정책 우수 지자체 평가에서 대상을 받았다. 시상은 '2021 복지행정상 시상식'에서 열렸다.";
        assert_eq!(rows(t, None), vec![row(2021, "충주시", Some("보육정책"), "대상", None)]);
    }

    #[test]
    fn a_grade_in_a_relative_clause_on_a_field_is_that_fields() {
        let t = "상주시는 2019년 지역복지사업 평가에서 2개 분야를 수상했다.\n\
                 최우수상을 받은 '희망복지지원단 운영' 분야에서는 위기가구를 꾸준히 도운 점이 인정받았다.";
        assert_eq!(rows(t, None), vec![row(2019, "상주시", HOPE, "최우수", None)]);
        // The plan left implicit in the field's name.
        let plan = "마포구는 지역복지사업평가 중 '2020년도 연차별 계획 시행결과 평가분야'에서 우수상을 받았다.";
        assert_eq!(rows(plan, None), vec![row(2021, "마포구", PLAN, "우수", None)]);
    }

    #[test]
    fn a_grades_selection_as_the_topic_with_years_counts_rounds() {
        let t = "용인시는 2024년 지역복지사업 평가에서 대상을 받았다.\n대상 선정은 2016년, 2020년, 2024년 세 번이다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2024, "용인시", None, "대상", None),
                row(2016, "용인시", None, "대상", None),
                row(2020, "용인시", None, "대상", None),
            ],
        );
    }

    #[test]
    fn an_item_mark_opens_the_field_phrase_of_its_item() {
        // The second item names its own 2013 복지행정상 부문; it does not take
        // the first item's field, and a province's 장애인 evaluation is no award.
        let t = "2013년 지역복지사업 평가에서 울산 지역은 ▲지역복지계획 부문에 울산시(우수상)와 울산 중구(대상) ▲복지행정상 나눔연계 부문에 울산시가 대상, 울산 동구는 우수상 ▲장애인 평가분야에 울산시가 최우수상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![
                row(2013, "울산시", Some("지역복지계획"), "우수", None),
                row(2013, "중구", Some("지역복지계획"), "대상", None),
                row(2013, "울산시", Some("복지행정상"), "대상", None),
                row(2013, "동구", Some("복지행정상"), "우수", None),
            ],
        );
    }

    #[test]
    fn fields_written_short_or_under_an_old_name_are_known() {
        let t = "의왕시는 '찾아가는 복지기반 마련' 분야에서 2018년 지역복지사업 평가 최우수상을 안았다.";
        assert_eq!(rows(t, None), vec![row(2018, "의왕시", Some("맞춤형 복지서비스 기반 마련"), "최우수", None)]);
        let t = "부산시는 2025년 지역복지사업 평가 '지역사회서비스 확충' 분야에서 대상을 받았다.";
        let social = Some("지역사회서비스 확충 및 사회적경제 활성화");
        assert_eq!(rows(t, None), vec![row(2025, "부산시", social, "대상", None)]);
        // 2014's sub-부문 named in full, in an article that never names the program.
        let t = "강릉시는 2014년 보건복지부 평가 '복지사각지대 발굴체계 구축' 부문에서 우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2014, "강릉시", Some("복지행정상"), "우수", None)]);
        // The plan's name before 2015, written in a later round.
        let t = "완주군은 2017년 지역복지사업 평가 지역사회복지계획 시행결과 분야에서 우수기관으로 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2017, "완주군", PLAN, "우수", None)]);
    }

    #[test]
    fn names_then_as_many_fields_pair_in_order_when_each_is_said() {
        let t = "2025년 지역복지사업 평가에서 영도구와 금정구는 각각 '희망복지지원단 운영', '찾아가는 보건복지서비스 제공' 분야에서 대상을 받았다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2025, "영도구", HOPE, "대상", None), row(2025, "금정구", VISIT, "대상", None)],
        );
    }

    #[test]
    fn a_year_written_as_past_is_no_round_of_an_undated_article() {
        // "지난 2021년" dates the earlier grade; "올해" is unknown without a date.
        let t = "화순군은 올해 지역복지사업 평가 '희망복지지원단 운영' 부문 최우수상을 안았다. 지난 2021년 우수상에 이은 두 번째 상이다.";
        // The earlier grade dates itself and is read.
        assert_eq!(rows(t, None), vec![row(2021, "화순군", HOPE, "우수", None)]);
        // So is a year in a sentence that tells this year apart.
        let t =
            "화순군은 2021년에 우수상을 받았고 올해는 지역복지사업 평가 '희망복지지원단 운영' 부문 최우수상을 안았다.";
        assert_eq!(rows(t, None), vec![row(2021, "화순군", HOPE, "우수", None)]);
        // With a date, both are read.
        assert_rows_any_order(
            t,
            Some((2024, 12, 3)),
            vec![row(2024, "화순군", HOPE, "최우수", None), row(2021, "화순군", HOPE, "우수", None)],
        );
    }

    #[test]
    fn an_institution_grade_yields_to_the_prize_named_in_its_field() {
        let t = "북구는 2023년 지역복지사업 평가 지역사회보장계획 시행결과 분야에서 최우수상을 받았다.\n구청장은 \"지역사회보장계획 시행결과 부문 우수지자체에 또 뽑혀 주민께 감사드린다\"고 말했다.";
        assert_eq!(rows(t, None), vec![row(2023, "북구", PLAN, "최우수", None)]);
    }

    #[test]
    fn a_quoted_field_outside_the_list_is_kept_as_written() {
        let t = "나주시는 '아동학대 공공대응 체계 운영' 부문에서 2024년 지역복지사업 평가 최우수상을 안았다.";
        assert_eq!(rows(t, None), vec![row(2024, "나주시", Some("아동학대 공공대응 체계 운영"), "최우수", None)]);
        // Unquoted, the phrase before 부문 is not trusted as a name.
        let t = "나주시는 아동학대 공공대응 체계 운영 부문에서 2024년 지역복지사업 평가 최우수상을 안았다.";
        assert_eq!(rows(t, None), vec![row(2024, "나주시", None, "최우수", None)]);
    }

    #[test]
    fn a_province_before_its_district_and_the_program_organizes_nothing() {
        // "전남 곡성군이 … 지역복지사업 평가": 전남 names where 곡성군 is, so
        // the next sentence's grade is still this program's.
        let t = "전남 곡성군이 보건복지부 지역복지사업 평가의 '희망복지지원단 운영' 부문에서 최우수상을 거머쥐었다.\n\
                 곡성군은 지난 2021년에도 우수상을 받은 바 있다.";
        assert_rows_any_order(
            t,
            Some((2024, 11, 27)),
            vec![row(2024, "곡성군", HOPE, "최우수", None), row(2021, "곡성군", HOPE, "우수", None)],
        );
    }

    #[test]
    fn an_amount_received_with_the_award_is_its_prize_without_a_prize_word() {
        let t = "충청북도는 2020년 지역복지사업 평가 희망복지지원단 운영 부문 최우수 기관이 되어 2천만원을 받았다.";
        assert_eq!(rows(t, None), vec![row(2020, "충청북도", HOPE, "최우수", Some(20_000_000))]);
        // Money spent is no prize.
        let t = "충청북도는 2020년 지역복지사업 평가 희망복지지원단 운영 부문 최우수 기관이 됐다. 도는 2천만원을 들여 상담소를 열었다.";
        assert_eq!(rows(t, None), vec![row(2020, "충청북도", HOPE, "최우수", None)]);
    }

    #[test]
    fn the_results_of_a_plans_execution_evaluation_name_the_field_and_its_execution_year() {
        // "시행 평가결과": no other evaluation, and the year is the plan's.
        let t = "복지부는 이런 내용을 담은 '2021년도 지역사회보장계획 시행 평가결과'를 3일 공개했다.\n\
                 울산광역시와 전라북도가 대상(大賞) 지역으로 꼽혔다.";
        assert_rows_any_order(
            t,
            None,
            vec![row(2022, "울산광역시", PLAN, "대상", None), row(2022, "전라북도", PLAN, "대상", None)],
        );
    }

    #[test]
    fn the_ministry_as_subject_of_a_longer_relative_clause_leaves_the_source_the_recipient() {
        let t = "해남군, 복지 평가 우수\n\
                 5일 해남군에 따르면 복지부가 좋은 본보기를 널리 알리려고 모든 시군구를 대상으로 시행한 2016년 지역복지사업 평가에서 \
                 '희망복지지원단 운영' 분야 우수기관에 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2016, "해남군", HOPE, "우수", None)]);
    }

    #[test]
    fn a_call_for_entries_right_after_the_programs_name_is_its_own() {
        let t = "논산시는 2014년 복지행정상 공모에서 우수상으로 뽑혔다.";
        assert_eq!(rows(t, None), vec![row(2014, "논산시", Some("복지행정상"), "우수", None)]);
        // A contest of its own name stays another program.
        let t = "논산시는 2014년 지역복지 우수사례 공모에서 우수상을 수상했다.";
        assert!(rows(t, None).is_empty());
    }

    #[test]
    fn a_national_scope_glued_before_a_grade_keeps_it_a_grade() {
        let t = "원주시는 2019년 복지행정상 전국대상을 안았다.";
        assert_eq!(rows(t, None), vec![row(2019, "원주시", None, "대상", None)]);
        let t = "원주시는 2019년 복지행정상 시상식에서 지원대상을 늘린 공로를 인정받았다.";
        assert!(rows(t, None).is_empty());
    }

    #[test]
    fn a_part_of_a_prize_given_away_is_no_prize() {
        let t =
            "태백시는 2016년 지역복지사업 평가에서 대상을 받았고, 그 상금 가운데 일부인 500만 원을 장학금으로 내놨다.";
        assert_eq!(rows(t, None), vec![row(2016, "태백시", None, "대상", None)]);
    }

    #[test]
    fn a_plan_carried_out_last_year_makes_the_grades_year_its_execution_year() {
        // The August announcement of the 2019 round: "2018년" is the year the
        // plan was carried out, written on the grade.
        let t = "울산 북구, 지역사회보장 대상\n\
                 울산 북구는 지난해 추진한 지역사회보장계획의 시행 결과로 2018년 대상(大賞)을 차지했다고 복지부가 알렸다.";
        assert_eq!(rows(t, Some((2019, 8, 16))), vec![row(2019, "북구", PLAN, "대상", None)]);
    }

    #[test]
    fn an_effort_evaluated_names_no_other_evaluation() {
        let t = "대덕구는 2014년 보건복지부의 사각지대 해소 노력 평가 '복지사각지대 발굴체계 구축' 부문에서 우수상을 받았다.";
        assert_eq!(rows(t, None), vec![row(2014, "대덕구", Some("복지행정상"), "우수", None)]);
    }

    #[test]
    fn a_past_year_alone_dates_an_undated_articles_award() {
        let t = "이 기금은 지난 2014년 보건복지부 지역복지사업 평가에서 대덕구가 우수 기관으로 뽑혀 받은 상금이다.";
        assert_eq!(rows(t, None), vec![row(2014, "대덕구", Some("복지행정상"), "우수", None)]);
    }
}
