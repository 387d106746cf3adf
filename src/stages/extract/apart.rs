//! A grade stated without its field, and the field stated apart, in a
//! sentence of its own that names no grade:
//!
//! - "진천군은 … 2017년 지역복지사업평가에서 우수기관에 선정돼" then "군은
//!   찾아가는 복지서비스 기반 마련 부문에 선정됐다";
//! - "달서구가 … 최우수상 2관왕을 차지" then "달서구는 A와 B 2개 부문에서
//!   성과를 인정받았다".
//!
//! The fieldless award takes the fields when the numbers agree: one field
//! for an award stated once, N fields for "N관왕" or "N개 부문". Anything
//! else (fields of several recipients, a count that differs, a grade in the
//! field's sentence) leaves the award as it was: the field stays null.

use crate::domain::Knowledge;

use super::patterns::Candidate;
use super::sentences::DocText;
use super::token_types::{Field, Place, TokKind, Token};

/// Gives a recipient's one fieldless award the fields a later or earlier
/// sentence states for that recipient (see the module doc).
pub fn fields_stated_apart(
    awards: &mut Vec<Candidate>,
    text: &DocText,
    tokens: &[Vec<Token>],
    main: Option<&Place>,
    k: &Knowledge,
) {
    let name = |p: &Place| k.places.comparable_name(&p.name);
    let mut i = 0;
    while i < awards.len() {
        let a = &awards[i];
        let same = |c: &Candidate| name(&c.recipient) == name(&a.recipient) && c.year == a.year;
        let alone = a.category.is_none() && awards.iter().filter(|c| same(c)).count() == 1;
        let fields = if alone { fields_for(a, text, tokens, main, k) } else { Vec::new() };
        let counted = k.amounts.fields_counted(&text.text(&text.sentences[a.sentence])).unwrap_or(1);
        if fields.is_empty() || fields.len() != counted {
            i += 1;
            continue;
        }
        let award = awards.remove(i);
        for field in fields {
            let category = field.alias.and_then(|al| k.category_name(al, award.year));
            awards.insert(i, Candidate { field: Some(field), category, ..award.clone() });
            i += 1;
        }
    }
}

/// The fields of the first sentence other than the award's own that names
/// the award's recipient (or refers to the article's, "군은"), states fields
/// the list knows, a verb of winning, and no grade, year or other program.
fn fields_for(a: &Candidate, text: &DocText, tokens: &[Vec<Token>], main: Option<&Place>, k: &Knowledge) -> Vec<Field> {
    let is_main =
        main.is_some_and(|m| k.places.comparable_name(&m.name) == k.places.comparable_name(&a.recipient.name));
    let names_it = |t: &Token| match &t.kind {
        TokKind::Place(p) => {
            p.recipient && k.places.comparable_name(&p.name) == k.places.comparable_name(&a.recipient.name)
        }
        TokKind::Referential(c) => is_main && a.recipient.name.ends_with(*c),
        _ => false,
    };
    let blocks =
        |t: &Token| matches!(t.kind, TokKind::Grade(_) | TokKind::Other | TokKind::OtherPrize | TokKind::Year(_));
    for (si, toks) in tokens.iter().enumerate() {
        if si == a.sentence || !toks.iter().any(names_it) || toks.iter().any(blocks) {
            continue;
        }
        let sentence = text.text(&text.sentences[si]);
        if !k.grade_words.field_apart_verbs.iter().any(|v| sentence.contains(v.as_str())) {
            continue;
        }
        let fields: Vec<Field> = toks
            .iter()
            .filter_map(|t| match &t.kind {
                TokKind::Field(f @ Field { alias: Some(al), .. }) if k.category_of(*al, a.year).is_some() => {
                    Some(f.clone())
                }
                _ => None,
            })
            .collect();
        if !fields.is_empty() {
            return fields;
        }
    }
    Vec::new()
}
