//! One award per stated (year, recipient, field, grade) in a document:
//! candidates stating the same award merge, and summary statements give
//! way to the specific ones they summarize:
//!
//! - a recipient named without a grade (선정) yields to any grade it got;
//! - a grade stated only as part of a streak ("4년 연속 우수기관") yields
//!   to any other award of that recipient in that year;
//! - a headline, or a sentence with no field written ("달성군·남구는 대상
//!   차지"), yields to the same recipient's grade stated with a field;
//! - an institution grade ("우수기관", "우수지자체") yields to a prize of
//!   another grade in the same field for the same recipient and year.
//!
//! A prize stated with a statement that yields moves to the one award it
//! duplicates.

use std::collections::HashMap;

use crate::domain::Knowledge;

use super::patterns::Candidate;

/// The recipient as compared inside one document: the name without status
/// words (the short name for a 시·도), and the 시·도 context, written or the
/// only one written with that name elsewhere in the document.
pub fn recipient_keys(cands: &[Candidate], k: &Knowledge) -> Vec<(String, Option<String>)> {
    let name = |c: &Candidate| k.places.comparable_name(&c.recipient.name);
    let ctx = |c: &Candidate| c.recipient.sido_context.as_deref().map(|s| k.places.comparable_name(s));
    let mut contexts: HashMap<String, Vec<String>> = HashMap::new();
    for c in cands {
        if let Some(x) = ctx(c) {
            let v = contexts.entry(name(c)).or_default();
            if !v.contains(&x) {
                v.push(x);
            }
        }
    }
    cands
        .iter()
        .map(|c| {
            let n = name(c);
            let x = ctx(c).or_else(|| contexts.get(&n).filter(|v| v.len() == 1).map(|v| v[0].clone()));
            (n, x)
        })
        .collect()
}

/// The field as compared: the canonical category, else the field as written.
fn field_key(c: &Candidate) -> Option<String> {
    c.category.clone().or_else(|| c.field.as_ref().map(|f| f.text.replace(' ', "")))
}

/// Merges and subsumes candidates; the survivors keep text order.
pub fn merge(mut cands: Vec<Candidate>, k: &Knowledge) -> Vec<Candidate> {
    let selected = k.selected_grade();
    let rkeys = recipient_keys(&cands, k);
    let n = cands.len();
    let key_of =
        |c: &[Candidate], i: usize| (c[i].year, rkeys[i].0.clone(), rkeys[i].1.clone(), field_key(&c[i]), c[i].grade);
    let mut keys: Vec<Key> = (0..n).map(|i| key_of(&cands, i)).collect();
    let mut alive = vec![true; n];
    let same_recipient = |c: &[Candidate], i: usize, j: usize| c[i].year == c[j].year && rkeys[i] == rkeys[j];

    // 선정 yields to a grade of the same recipient (in the same field, or in
    // any field when it names none).
    for i in 0..n {
        if Some(cands[i].grade) != selected {
            continue;
        }
        let targets: Vec<usize> = (0..n)
            .filter(|&j| {
                Some(cands[j].grade) != selected
                    && same_recipient(&cands, i, j)
                    && (field_key(&cands[i]).is_none() || field_key(&cands[i]) == field_key(&cands[j]))
            })
            .collect();
        yield_to(&mut cands, &mut alive, i, &targets, &keys);
    }
    // A streak claim yields to any other award of the recipient that year
    // in its field ("3년 연속 최우수상" in a field is this year's award too).
    for i in 0..n {
        if !alive[i] || !cands[i].streak {
            continue;
        }
        let same_field = |j: usize| cands[i].category.is_none() || cands[i].category == cands[j].category;
        let targets: Vec<usize> =
            (0..n).filter(|&j| alive[j] && !cands[j].streak && same_recipient(&cands, i, j) && same_field(j)).collect();
        yield_to(&mut cands, &mut alive, i, &targets, &keys);
    }
    // No field written (or a headline whose field is not canonical) yields
    // to the same grade stated with a field in the body (or with the
    // article's one field, when it has none itself).
    for i in 0..n {
        let summary = cands[i].field.is_none() || (cands[i].headline && cands[i].category.is_none());
        if !alive[i] || !summary {
            continue;
        }
        let targets: Vec<usize> = (0..n)
            .filter(|&j| {
                j != i
                    && alive[j]
                    && cands[j].grade == cands[i].grade
                    && same_recipient(&cands, i, j)
                    && (cands[j].field.is_some() || (cands[j].category.is_some() && cands[i].category.is_none()))
                    && !(cands[j].headline && cands[j].category.is_none())
            })
            .collect();
        yield_to(&mut cands, &mut alive, i, &targets, &keys);
    }

    // An institution grade with no field ("우수기관으로 선정", "지역복지사업
    // 우수기관에 달서구·서구·시흥시 등") sums up: it yields to any award of
    // the same recipient that year stated with a field, whatever its grade.
    for i in 0..n {
        if !alive[i] || !cands[i].generic || cands[i].category.is_some() {
            continue;
        }
        let targets: Vec<usize> = (0..n)
            .filter(|&j| j != i && alive[j] && same_recipient(&cands, i, j) && cands[j].category.is_some())
            .collect();
        yield_to(&mut cands, &mut alive, i, &targets, &keys);
    }

    // A field has one award a year: an institution grade in a field ("또
    // 우수지자체에 뽑혀") yields to a prize named in that field for the
    // same recipient ("최우수상"), which says which grade it was.
    for i in 0..n {
        if !alive[i] || !cands[i].generic || cands[i].category.is_none() {
            continue;
        }
        let targets: Vec<usize> = (0..n)
            .filter(|&j| {
                alive[j]
                    && !cands[j].generic
                    && cands[j].grade != cands[i].grade
                    && same_recipient(&cands, i, j)
                    && cands[j].category == cands[i].category
            })
            .collect();
        yield_to(&mut cands, &mut alive, i, &targets, &keys);
    }

    // "영암군이 2023년 평가에서 우수상을 수상했다. … '지역사회보장계획
    // 시행 결과 분야'에서 수상했다": one graded award without field and one
    // field named without grade, for the same recipient and year, are one
    // award (when neither has another of its kind).
    if let Some(sel) = selected {
        for i in 0..n {
            if !alive[i] || cands[i].grade == sel || cands[i].category.is_some() {
                continue;
            }
            let alike = |j: usize| alive[j] && same_recipient(&cands, i, j);
            let graded: Vec<usize> = (0..n).filter(|&j| alike(j) && cands[j].grade != sel).collect();
            let fielded: Vec<usize> =
                (0..n).filter(|&j| alike(j) && cands[j].grade == sel && cands[j].category.is_some()).collect();
            if let ([only], [field]) = (graded.as_slice(), fielded.as_slice()) {
                if *only == i {
                    cands[i].category = cands[*field].category.clone();
                    cands[i].field = cands[*field].field.clone();
                    keys[i] = key_of(&cands, i);
                    alive[*field] = false;
                }
            }
        }
    }

    // Exact duplicates: keep the most confident statement (the first on
    // ties) and the first prize any of them states.
    let mut kept: Vec<Candidate> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    for (i, c) in cands.into_iter().enumerate() {
        if !alive[i] {
            continue;
        }
        match index.get(&keys[i]) {
            Some(&at) => {
                let prize = kept[at].prize.or(c.prize);
                if c.confidence > kept[at].confidence {
                    kept[at] = c;
                }
                kept[at].prize = prize;
            }
            None => {
                index.insert(keys[i].clone(), kept.len());
                kept.push(c);
            }
        }
    }
    kept.sort_by_key(|c| (c.sentence, c.grade_pos));
    kept
}

/// (year, recipient, its 시·도, field, grade): one award.
type Key = (i32, String, Option<String>, Option<String>, usize);

/// Drops candidate `i` when it has targets; its prize moves to the target
/// award when the targets are all one award.
fn yield_to(cands: &mut [Candidate], alive: &mut [bool], i: usize, targets: &[usize], keys: &[Key]) {
    let Some(&first) = targets.first() else { return };
    alive[i] = false;
    let one_award = targets.iter().all(|&t| keys[t] == keys[first]);
    if let (Some(prize), true) = (cands[i].prize, one_award) {
        if cands[first].prize.is_none() {
            cands[first].prize = Some(prize);
        }
    }
}
