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

pub mod facts;
pub mod merge;
pub mod patterns;
pub mod prefilter;
pub mod sentences;
pub mod tokens;
pub mod year;

use chrono::NaiveDate;

use crate::domain::places::is_hangul;
use crate::domain::spaceless::Spaceless;
use crate::domain::Knowledge;
use crate::schema::{AwardMention, CleanDocument, DocFact};

use patterns::{Candidate, Context, DocFrame, Walker};
use sentences::{DocText, Role, Sentence};
use tokens::{Place, TokKind, Token};
use year::{YearEvidence, YearRole, YearValue};

/// What one document yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<AwardMention>,
    pub facts: Vec<DocFact>,
}

/// The program's name when the article only names a field and the ministry.
const DEFAULT_PROGRAM: &str = "지역복지사업 평가";

/// Extracts the awards of one document. Resolution columns are left
/// `resolve_status = "pending"`; the resolve stage fills them.
pub fn extract_document(doc: &CleanDocument, knowledge: &Knowledge) -> Extraction {
    if !prefilter::may_be_relevant(doc, knowledge) {
        return Extraction::default();
    }
    let text = DocText::new(&doc.clean_text);
    let (matches, about) = prefilter::matches(&Spaceless::new(&text.chars), knowledge);
    if !about {
        return Extraction::default();
    }
    let tokens: Vec<Vec<Token>> =
        text.sentences.iter().map(|s| tokens::tokenize(&text.chars, s, &matches, knowledge)).collect();

    let Some(round) = year::round_year(&year_evidence(&tokens), doc.published_date) else {
        return Extraction::default();
    };
    let frame = DocFrame {
        k: knowledge,
        text: &text,
        round,
        published_year: doc.published_date.map(|d| chrono::Datelike::year(&d)),
        main: main_recipient(&text, &tokens),
        single_alias: single_alias(&tokens, knowledge, round.year),
        default_context: default_context(&tokens),
        program: tokens
            .iter()
            .flatten()
            .find_map(|t| match &t.kind {
                TokKind::Program(p) => Some(p.clone()),
                _ => None,
            })
            .unwrap_or_else(|| DEFAULT_PROGRAM.to_string()),
    };
    let main_is_none = frame.main.is_none();
    let mut walker = Walker::new(frame);
    for (si, toks) in tokens.iter().enumerate() {
        walker.sentence(si, toks);
    }
    let (mut found_facts, deferred) = facts::money(&mut walker, &tokens);
    found_facts.extend(facts::counts(&walker, &tokens));
    let mut awards = merge::merge(std::mem::take(&mut walker.candidates), knowledge);
    let places = &knowledge.places;
    facts::settle(&mut awards, &deferred, round.year, main_is_none, &mut found_facts, |a, b| {
        places.comparable_name(a) == places.comparable_name(b)
    });

    let doc_places = doc_places(doc, &text, &tokens, knowledge);
    let mentions =
        awards.iter().enumerate().map(|(i, c)| mention_row(doc, &text, i + 1, c, &doc_places, knowledge)).collect();
    Extraction { mentions, facts: fact_rows(doc, &text, found_facts, round.year) }
}

/// Years the document writes, for the round year.
fn year_evidence(tokens: &[Vec<Token>]) -> YearEvidence {
    let mut ev = YearEvidence::default();
    for toks in tokens {
        let has_grade = toks.iter().any(|t| matches!(t.kind, TokKind::Grade(_)));
        let has_program = toks.iter().any(|t| matches!(t.kind, TokKind::Program(_)));
        let has_other = toks.iter().any(|t| t.kind == TokKind::Other);
        for t in toks {
            let TokKind::Year(y) = &t.kind else { continue };
            match (y.value, y.role) {
                (YearValue::Absolute(v), YearRole::Program) if !has_other || has_program => ev.program_years.push(v),
                (YearValue::Absolute(v), YearRole::FieldLabel) => ev.label_years.push(v),
                (YearValue::Absolute(v), YearRole::Plain) if has_grade && !has_other => ev.award_sentence_years.push(v),
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
fn main_recipient(text: &DocText, tokens: &[Vec<Token>]) -> Option<Place> {
    let first_headline = text.sentences.iter().position(|s| s.role == Role::Headline && !s.numbered);
    let first_body = text.sentences.iter().position(|s| s.role == Role::Body);
    [first_headline, first_body]
        .into_iter()
        .flatten()
        .find_map(|si| leading_place(&text.chars, &text.sentences[si], &tokens[si]))
}

fn leading_place(chars: &[char], s: &Sentence, toks: &[Token]) -> Option<Place> {
    let (t, place) = toks.iter().find_map(|t| match &t.kind {
        TokKind::Place(p) if p.recipient => Some((t, p)),
        _ => None,
    })?;
    let mut depth = 0i32;
    for i in s.start..t.start {
        match chars[i] {
            '[' | '(' | '【' | '<' => depth += 1,
            ']' | ')' | '】' | '>' => depth -= 1,
            c if depth <= 0 && is_hangul(c) => {
                let covered = toks.iter().any(|o| o.start <= i && i < o.end && matches!(o.kind, TokKind::Place(_)));
                if !covered {
                    return None;
                }
            }
            _ => {}
        }
    }
    Some(place.clone())
}

/// The one category an article names, if it names exactly one.
fn single_alias(tokens: &[Vec<Token>], k: &Knowledge, year: i32) -> Option<usize> {
    let mut found: Vec<(String, usize)> = Vec::new();
    for t in tokens.iter().flatten() {
        if let TokKind::Field(f) = &t.kind {
            if let Some(a) = f.alias {
                if let Some(name) = k.canonical(a, year) {
                    if !found.iter().any(|(n, _)| n == name) {
                        found.push((name.to_string(), a));
                    }
                }
            }
        }
    }
    match found.as_slice() {
        [(_, a)] => Some(*a),
        _ => None,
    }
}

/// The article's subject program: the first sentence naming a program
/// decides (another program named first makes the article that one's).
fn default_context(tokens: &[Vec<Token>]) -> Context {
    for toks in tokens {
        for t in toks {
            match &t.kind {
                TokKind::Other => return Context::Other,
                TokKind::Program(_) | TokKind::Field(tokens::Field { alias: Some(_), .. }) => return Context::This,
                _ => {}
            }
        }
    }
    Context::This
}

/// Every place the article names (section line, then text), once each.
fn doc_places(doc: &CleanDocument, text: &DocText, tokens: &[Vec<Token>], k: &Knowledge) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    };
    if let Some(section) = &doc.section {
        for word in section.split(|c: char| !is_hangul(c)).filter(|w| !w.is_empty()) {
            if let Some(pw) = k.places.classify_word(word) {
                use crate::domain::places::PlaceWord;
                match pw {
                    PlaceWord::SidoGov { name, .. }
                    | PlaceWord::SidoShort { name, .. }
                    | PlaceWord::Sigungu { name } => push(&name),
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
    let _ = text;
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
