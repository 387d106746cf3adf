//! The kinds of errors: a spurious award and a missed label of the same
//! page whose keys differ in exactly one component are one error, a wrong
//! year, grade, field or region; what cannot be paired stays missed or
//! spurious. Pairs are chosen to be as many as possible (a maximum
//! matching), deterministically. Each error is a [`ScoredError`].

use serde::Serialize;

use super::key::{Found, Key, Labelled};

/// What is wrong, in the order errors are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A label no award matches, nor differs from in one component.
    Missed,
    /// An award no label matches, nor differs from in one component.
    Spurious,
    WrongYear,
    WrongGrade,
    WrongField,
    WrongRegion,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::Missed,
        ErrorKind::Spurious,
        ErrorKind::WrongYear,
        ErrorKind::WrongGrade,
        ErrorKind::WrongField,
        ErrorKind::WrongRegion,
    ];

    /// `wrong year`, as the report writes it.
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongYear => "wrong year",
            ErrorKind::WrongGrade => "wrong grade",
            ErrorKind::WrongField => "wrong field",
            ErrorKind::WrongRegion => "wrong region",
        }
    }
}

/// One error: a missed label, a spurious award, or the two paired (a label
/// found with one component wrong).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredError {
    pub kind: ErrorKind,
    pub page: String,
    pub gold: Option<Labelled>,
    pub found: Option<Found>,
}

/// The kind of error a found key is against a label's, when they differ in
/// exactly one component.
pub fn one_off(found: &Key, gold: &Key) -> Option<ErrorKind> {
    let differing = [
        (found.eval_year != gold.eval_year, ErrorKind::WrongYear),
        (found.grade != gold.grade, ErrorKind::WrongGrade),
        (found.category != gold.category, ErrorKind::WrongField),
        (found.region != gold.region, ErrorKind::WrongRegion),
    ];
    let mut kinds = differing.iter().filter(|(d, _)| *d).map(|(_, k)| *k);
    match (kinds.next(), kinds.next()) {
        (Some(kind), None) => Some(kind),
        _ => None,
    }
}

/// A page's errors: the missed labels and spurious awards paired where they
/// differ in one component, the rest alone; sorted by kind, then key.
pub fn classify(page: &str, missed: Vec<Labelled>, spurious: Vec<Found>) -> Vec<ScoredError> {
    let partner = max_matching(&spurious, &missed);
    let mut paired = vec![false; missed.len()];
    let mut errors = Vec::new();
    for (s, m) in spurious.into_iter().zip(&partner) {
        let (kind, gold) = match m {
            Some(m) => {
                paired[*m] = true;
                (
                    one_off(&s.key, &missed[*m].key).expect("paired keys differ in one component"),
                    Some(missed[*m].clone()),
                )
            }
            None => (ErrorKind::Spurious, None),
        };
        errors.push(ScoredError { kind, page: page.to_string(), gold, found: Some(s) });
    }
    for (m, _) in missed.into_iter().zip(paired).filter(|(_, p)| !p) {
        errors.push(ScoredError { kind: ErrorKind::Missed, page: page.to_string(), gold: Some(m), found: None });
    }
    let sort_key =
        |e: &ScoredError| (e.kind, e.gold.as_ref().map(|g| g.key.clone()), e.found.as_ref().map(|f| f.key.clone()));
    errors.sort_by_key(sort_key);
    errors
}

/// For each spurious award, the missed label it is paired with: a maximum
/// bipartite matching on "differs in one component" (augmenting paths,
/// tried in input order). Pages hold a handful of errors, so the cubic
/// worst case does not matter.
fn max_matching(spurious: &[Found], missed: &[Labelled]) -> Vec<Option<usize>> {
    let edges: Vec<Vec<usize>> = spurious
        .iter()
        .map(|s| (0..missed.len()).filter(|&m| one_off(&s.key, &missed[m].key).is_some()).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; missed.len()];
    for s in 0..spurious.len() {
        let mut visited = vec![false; missed.len()];
        augment(s, &edges, &mut owner, &mut visited);
    }
    let mut partner = vec![None; spurious.len()];
    for (m, s) in owner.iter().enumerate() {
        if let Some(s) = s {
            partner[*s] = Some(m);
        }
    }
    partner
}

/// Tries to give spurious award `s` a label, moving earlier pairs along an
/// augmenting path when that frees one.
fn augment(s: usize, edges: &[Vec<usize>], owner: &mut [Option<usize>], visited: &mut [bool]) -> bool {
    for &m in &edges[s] {
        if visited[m] {
            continue;
        }
        visited[m] = true;
        if owner[m].is_none_or(|other| augment(other, edges, owner, visited)) {
            owner[m] = Some(s);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(year: i32, region: Option<&str>, field: Option<&str>, grade: &str) -> Key {
        Key {
            eval_year: year,
            region: region.map(str::to_string),
            category: field.map(str::to_string),
            grade: grade.to_string(),
        }
    }

    fn found(k: Key) -> Found {
        Found {
            key: k,
            recipient_text: String::new(),
            prize_krw: None,
            rule: "r".into(),
            resolve_status: "resolved".into(),
            evidence: String::new(),
        }
    }

    fn label(k: Key) -> Labelled {
        Labelled { key: k, recipient_full: String::new(), prize_krw: None }
    }

    fn kinds(missed: Vec<Key>, spurious: Vec<Key>) -> Vec<ErrorKind> {
        classify("p", missed.into_iter().map(label).collect(), spurious.into_iter().map(found).collect())
            .iter()
            .map(|e| e.kind)
            .collect()
    }

    const F: Option<&str> = Some("희망복지지원단 운영");
    const G: Option<&str> = Some("민관협력 및 자원연계");

    #[test]
    fn one_component_apart_is_a_wrong_that_component() {
        let gold = key(2022, Some("27290"), F, "대상");
        assert_eq!(one_off(&key(2021, Some("27290"), F, "대상"), &gold), Some(ErrorKind::WrongYear));
        assert_eq!(one_off(&key(2022, Some("27290"), F, "우수"), &gold), Some(ErrorKind::WrongGrade));
        assert_eq!(one_off(&key(2022, Some("27290"), G, "대상"), &gold), Some(ErrorKind::WrongField));
        assert_eq!(one_off(&key(2022, Some("27290"), None, "대상"), &gold), Some(ErrorKind::WrongField));
        assert_eq!(one_off(&key(2022, Some("27260"), F, "대상"), &gold), Some(ErrorKind::WrongRegion));
        // An unresolved recipient is a wrong region when the rest is right.
        assert_eq!(one_off(&key(2022, None, F, "대상"), &gold), Some(ErrorKind::WrongRegion));
        assert_eq!(one_off(&gold, &gold), None);
        assert_eq!(one_off(&key(2021, Some("27290"), F, "우수"), &gold), None);
    }

    #[test]
    fn a_pair_is_one_error_and_the_rest_stay_missed_or_spurious() {
        let got = kinds(
            vec![key(2022, Some("27290"), F, "대상"), key(2022, Some("11200"), G, "우수")],
            vec![key(2022, Some("27290"), F, "최우수"), key(2019, Some("41590"), None, "장려")],
        );
        assert_eq!(got, vec![ErrorKind::Missed, ErrorKind::Spurious, ErrorKind::WrongGrade]);
        assert_eq!(kinds(vec![key(2022, Some("27290"), F, "대상")], vec![]), vec![ErrorKind::Missed]);
        assert_eq!(kinds(vec![], vec![key(2022, None, F, "대상")]), vec![ErrorKind::Spurious]);
    }

    #[test]
    fn each_label_and_award_is_paired_at_most_once_and_as_often_as_possible() {
        // s1 could take m1 or m2, s2 only m1: greedy in order would pair s1-m1 and leave s2;
        // the matching pairs both (s1-m2 a wrong region, s2-m1 a wrong year).
        let m1 = key(2022, Some("27290"), F, "대상");
        let m2 = key(2022, Some("27260"), F, "우수");
        let s1 = key(2022, Some("27290"), F, "우수");
        let s2 = key(2021, Some("27290"), F, "대상");
        let errors =
            classify("p", vec![label(m1.clone()), label(m2.clone())], vec![found(s1.clone()), found(s2.clone())]);
        let pairs: Vec<_> = errors
            .iter()
            .map(|e| (e.kind, e.gold.as_ref().unwrap().key.clone(), e.found.as_ref().unwrap().key.clone()))
            .collect();
        assert_eq!(pairs, vec![(ErrorKind::WrongYear, m1, s2), (ErrorKind::WrongRegion, m2, s1)]);
        // Two awards one grade off the same label: one pair, one spurious.
        let got = kinds(
            vec![key(2022, Some("27290"), F, "대상")],
            vec![key(2022, Some("27290"), F, "우수"), key(2022, Some("27290"), F, "장려")],
        );
        assert_eq!(got, vec![ErrorKind::Spurious, ErrorKind::WrongGrade]);
    }
}
