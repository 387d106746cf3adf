//! Money and counts: a prize goes to an award only when the text ties it
//! to that single award ("대상을 받아 포상금 5천만원을", "각 …", "…씩");
//! amounts for several awards ("두 부문을 합쳐 4천400만원", "모두 26억 원")
//! and stated counts ("총 8개 상", "122곳") become document facts.

use crate::money::find_money_spans;

use super::patterns::{Candidate, Context, Emission, Walker};
use super::token_types::{TokKind, Token};

/// `doc_facts.fact` values.
pub mod fact {
    pub const PRIZE_TOTAL: &str = "prize_total_krw";
    pub const AWARD_COUNT: &str = "award_count";
    pub const NATIONAL_PRIZE_TOTAL: &str = "national_prize_total_krw";
    pub const NATIONAL_INSTITUTION_COUNT: &str = "national_institution_count";
}

/// A document fact before it becomes a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub fact: &'static str,
    pub value: i64,
    pub sentence: usize,
}

/// An amount whose owner is known only once duplicates are merged: a
/// sentence that names no grade ("구는 포상금 3천만원도 받는다").
#[derive(Debug, Clone, PartialEq)]
pub struct Deferred {
    pub krw: i64,
    pub sentence: usize,
    /// The recipient the sentence is about (its name), or none.
    pub recipient: Option<String>,
}

fn char_text(chars: &[char], s: usize, e: usize) -> String {
    chars[s..e].iter().collect()
}

/// Reads the amounts of every sentence: prizes tied to one award go onto
/// the candidates now; amounts for several awards become facts; amounts in
/// sentences without a grade wait for the merge.
pub fn money(walker: &mut Walker, tokens: &[Vec<Token>]) -> (Vec<Fact>, Vec<Deferred>) {
    let mut facts = Vec::new();
    let mut deferred = Vec::new();
    let chars = walker.frame.text.chars.clone();
    let k = walker.frame.k;
    for (si, s) in walker.frame.text.sentences.clone().iter().enumerate() {
        let sentence = char_text(&chars, s.start, s.end);
        let names_prize = k.amounts.names_prize(&sentence);
        let toks = &tokens[si];
        for span in find_money_spans(&sentence) {
            let received = || k.amounts.received_after(&char_text(&chars, s.start + span.end, s.end));
            if span.in_range || !(names_prize || received()) {
                continue;
            }
            let (start, end) = (s.start + span.start, s.start + span.end);
            // The clause of the amount.
            let lo = toks
                .iter()
                .filter(|t| t.end <= start && matches!(t.kind, TokKind::Break | TokKind::Ellipsis))
                .map(|t| t.end)
                .max()
                .unwrap_or(s.start);
            let hi = toks
                .iter()
                .filter(|t| t.start >= end && matches!(t.kind, TokKind::Break | TokKind::Ellipsis))
                .map(|t| t.start)
                .min()
                .unwrap_or(s.end);
            let ti = toks.iter().position(|t| t.start >= start).unwrap_or(toks.len());
            if toks.iter().any(|t| t.kind == TokKind::Other && t.start >= lo && t.end <= hi)
                || (ti == 0 && walker.frame.default_context == Context::Other)
                || (ti > 0 && walker.context_at(toks, ti.min(toks.len() - 1)) == Context::Other)
            {
                continue;
            }
            let before = char_text(&chars, lo, start);
            if k.amounts.part_before(&before) {
                continue;
            }
            let after = char_text(&chars, end, hi);
            let total = k.amounts.total_before(&before) || k.amounts.shared_out_after(&after);
            let near = char_text(&chars, start.saturating_sub(3).max(lo), start);
            let each = k.amounts.each(&before, &after, &near) || k.grammar.says_respectively(&before);
            if total {
                let national = walker.frame.main.is_none() || k.amounts.national(&sentence);
                let fact = if national { fact::NATIONAL_PRIZE_TOTAL } else { fact::PRIZE_TOTAL };
                facts.push(Fact { fact, value: span.krw, sentence: si });
                continue;
            }
            // The nearest award stated before the amount in its sentence.
            let emission: Option<Emission> =
                walker.emissions.iter().filter(|e| e.sentence == si && e.pos < start).max_by_key(|e| e.pos).cloned();
            match emission {
                Some(e) if each || e.candidates.len() == 1 || one_award(&walker.candidates, &e.candidates) => {
                    for &c in &e.candidates {
                        let cand = &mut walker.candidates[c];
                        if cand.prize.is_none() {
                            cand.prize = Some(span.krw);
                        }
                    }
                }
                Some(_) => facts.push(Fact { fact: fact::PRIZE_TOTAL, value: span.krw, sentence: si }),
                None => {
                    let named = toks[..ti].iter().rev().find_map(|t| match &t.kind {
                        TokKind::Place(p) if p.recipient => Some(p.name.clone()),
                        _ => None,
                    });
                    let recipient = named.or_else(|| walker.frame.main.as_ref().map(|p| p.name.clone()));
                    deferred.push(Deferred { krw: span.krw, sentence: si, recipient });
                }
            }
        }
    }
    (facts, deferred)
}

/// Several candidates of one grade word that are one award (the same
/// recipient and field repeated).
fn one_award(cands: &[Candidate], ids: &[usize]) -> bool {
    let first = &cands[ids[0]];
    ids.iter().all(|&i| cands[i].recipient.name == first.recipient.name && cands[i].field == first.field)
}

/// Gives each waiting amount to its recipient's one award of the round,
/// or records it as a total when the recipient has several.
pub fn settle(
    awards: &mut [Candidate],
    deferred: &[Deferred],
    round: i32,
    main_is_none: bool,
    facts: &mut Vec<Fact>,
    same_name: impl Fn(&str, &str) -> bool,
) {
    for d in deferred {
        let Some(name) = &d.recipient else {
            if main_is_none {
                facts.push(Fact { fact: fact::NATIONAL_PRIZE_TOTAL, value: d.krw, sentence: d.sentence });
            }
            continue;
        };
        let owners: Vec<usize> = (0..awards.len())
            .filter(|&i| awards[i].year == round && same_name(&awards[i].recipient.name, name))
            .collect();
        match owners.as_slice() {
            [one] => {
                if awards[*one].prize.is_none() {
                    awards[*one].prize = Some(d.krw);
                }
            }
            [] => {}
            _ => facts.push(Fact { fact: fact::PRIZE_TOTAL, value: d.krw, sentence: d.sentence }),
        }
    }
}

/// Stated counts: awards of the article's recipient ("총 8개 상", "5관왕"),
/// and winners of the whole round ("122곳을 우수기관으로").
pub fn counts(walker: &Walker, tokens: &[Vec<Token>]) -> Vec<Fact> {
    let mut facts = Vec::new();
    let chars = &walker.frame.text.chars;
    for (si, s) in walker.frame.text.sentences.iter().enumerate() {
        let sentence = char_text(chars, s.start, s.end);
        let toks = &tokens[si];
        let about_program = toks.iter().any(|t| matches!(t.kind, TokKind::Program(_)));
        let other = toks.iter().any(|t| t.kind == TokKind::Other)
            || (walker.frame.default_context == Context::Other && !about_program);
        if other {
            continue;
        }
        let amounts = &walker.frame.k.amounts;
        if walker.frame.main.is_some() {
            for (n, crowns) in amounts.award_counts(&sentence) {
                // "5관왕" counts this program's awards only when it is named with it.
                if crowns && !about_program {
                    continue;
                }
                if let Some(n) = n {
                    facts.push(Fact { fact: fact::AWARD_COUNT, value: n, sentence: si });
                }
            }
        } else {
            for n in amounts.national_counts(&sentence) {
                if let Some(n) = n.filter(|&n| n >= 10) {
                    facts.push(Fact { fact: fact::NATIONAL_INSTITUTION_COUNT, value: n, sentence: si });
                }
            }
        }
    }
    facts
}
