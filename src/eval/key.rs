//! What an award is judged by, its key (eval_year, 5-digit region code,
//! category, grade), and the two sides a scoring compares as an error
//! report shows them: an extracted award ([`Found`]) and a label
//! ([`Labelled`]).

use serde::Serialize;

use crate::schema::AwardMention;

/// What an award is judged by. `region` is the 5-digit code; an extracted
/// award whose recipient did not resolve has none (and can only be wrong).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key {
    pub eval_year: i32,
    pub region: Option<String>,
    pub category: Option<String>,
    pub grade: String,
}

/// One extracted award mention, with what an error report shows of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub key: Key,
    pub recipient_text: String,
    pub prize_krw: Option<i64>,
    pub rule: String,
    pub resolve_status: String,
    pub evidence: String,
}

impl Found {
    pub fn of(m: &AwardMention) -> Self {
        Found {
            key: Key {
                eval_year: m.eval_year,
                region: m.region_code.as_deref().and_then(|c| c.get(..5)).map(str::to_string),
                category: m.category.clone(),
                grade: m.grade.clone(),
            },
            recipient_text: m.recipient_text.clone(),
            prize_krw: m.prize_krw,
            rule: m.rule.clone(),
            resolve_status: m.resolve_status.clone(),
            evidence: m.evidence.clone(),
        }
    }
}

/// A label as an error report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labelled {
    pub key: Key,
    pub recipient_full: String,
    pub prize_krw: Option<i64>,
}
