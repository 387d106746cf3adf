//! A score as text for a person (the numbers, then the errors grouped by
//! kind, each with its page, key(s) and evidence) or as JSON for a program.

use std::fmt::Write;

use serde_json::json;

use super::key::{Found, Key, Labelled};
use super::kinds::ErrorKind;
use super::score::Score;

/// Evidence longer than this many characters is cut in the text report.
const EVIDENCE_CHARS: usize = 200;

/// What the text report shows beyond the numbers.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// The numbers only: no page, key or evidence (for pages kept back unread).
    pub summary_only: bool,
    /// Awards found and found right per extraction rule.
    pub by_rule: bool,
}

/// The numbers: pages, precision/recall/F1 on keyable labels and strict,
/// prizes and totals, errors per kind.
pub fn summary(s: &Score) -> String {
    let mut t = String::new();
    let kinds: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("{} {}", k.label(), s.count(*k))).collect();
    let _ = writeln!(
        t,
        "pages {} (with awards {}, not in the output {}); gold keys {} (+{} unkeyable)",
        s.pages,
        s.pages_with_awards,
        s.missing_pages.len(),
        s.tp + s.fn_,
        s.unkeyable
    );
    let _ = writeln!(
        t,
        "precision {:.3}  recall {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}); strict (unkeyable labels count as missed): recall {:.3}  F1 {:.3}",
        s.precision(),
        s.recall(),
        s.f1(),
        s.tp,
        s.fp,
        s.fn_,
        s.strict_recall(),
        s.strict_f1()
    );
    let _ = writeln!(
        t,
        "prizes right on {}/{} awards found right; page totals right on {}/{} pages",
        s.prizes_right, s.tp, s.totals_right, s.pages
    );
    let _ = writeln!(t, "errors: {}", kinds.join(", "));
    t
}

/// The whole text report.
pub fn text(s: &Score, opts: TextOptions) -> String {
    let mut t = summary(s);
    if opts.by_rule {
        for (rule, n) in &s.by_rule {
            let _ = writeln!(t, "  rule {rule}: {}/{} right", n.right, n.found);
        }
    }
    if opts.summary_only {
        return t;
    }
    for kind in ErrorKind::ALL {
        let errors: Vec<_> = s.errors.iter().filter(|e| e.kind == kind).collect();
        if errors.is_empty() {
            continue;
        }
        let _ = writeln!(t, "\n{} ({}):", kind.label(), errors.len());
        for e in errors {
            match (&e.gold, &e.found) {
                (Some(g), None) => {
                    let _ = writeln!(t, "  {}  {}", e.page, gold_side(g));
                }
                (None, Some(f)) => {
                    let _ = writeln!(t, "  {}  {}", e.page, found_side(f));
                }
                (Some(g), Some(f)) => {
                    let _ = writeln!(
                        t,
                        "  {}  gold  {}\n  {:w$}  found {}",
                        e.page,
                        gold_side(g),
                        "",
                        found_side(f),
                        w = e.page.chars().count()
                    );
                }
                (None, None) => {}
            }
        }
    }
    details(&mut t, s);
    t
}

/// Unkeyable labels, wrong prizes and totals, pages not in the output.
fn details(t: &mut String, s: &Score) {
    if !s.unkeyable_labels.is_empty() {
        let _ = writeln!(t, "\nunkeyable labels ({}):", s.unkeyable_labels.len());
        for u in &s.unkeyable_labels {
            let year = u.eval_year.map_or("no year".to_string(), |y| y.to_string());
            let name = u.recipient_full.as_deref().unwrap_or("no recipient");
            let field = u.category.as_deref().unwrap_or("(no field)");
            let _ = writeln!(t, "  {}  {year} | {name} | {field} | {}", u.page, u.grade);
        }
    }
    if !s.prize_errors.is_empty() {
        let _ = writeln!(t, "\nwrong prizes ({}):", s.prize_errors.len());
        for p in &s.prize_errors {
            let _ = writeln!(t, "  {}  {}  gold {:?}, found {:?}", p.page, key_text(&p.key), p.gold, p.found);
        }
    }
    if !s.total_errors.is_empty() {
        let _ = writeln!(t, "\nwrong page totals ({}):", s.total_errors.len());
        for p in &s.total_errors {
            let _ = writeln!(t, "  {}  gold {:?}, found {:?}", p.page, p.gold, p.found);
        }
    }
    if !s.missing_pages.is_empty() {
        let _ = writeln!(t, "\npages not in the output ({}):", s.missing_pages.len());
        for m in &s.missing_pages {
            let why = m.rejected.as_ref().map(|r| format!(" (rejected: {r})")).unwrap_or_default();
            let _ = writeln!(t, "  {}{why}", m.page);
        }
    }
}

/// `2022 | 27290 | 희망복지지원단 운영 | 대상`.
pub fn key_text(k: &Key) -> String {
    format!(
        "{} | {} | {} | {}",
        k.eval_year,
        k.region.as_deref().unwrap_or("unresolved"),
        k.category.as_deref().unwrap_or("(no field)"),
        k.grade
    )
}

fn gold_side(g: &Labelled) -> String {
    format!("{}  ({})", key_text(&g.key), g.recipient_full)
}

fn found_side(f: &Found) -> String {
    let evidence: String = f.evidence.chars().take(EVIDENCE_CHARS).collect();
    let cut = if f.evidence.chars().count() > EVIDENCE_CHARS { "…" } else { "" };
    format!("{}  ({}, {}) [{}] «{evidence}{cut}»", key_text(&f.key), f.recipient_text, f.resolve_status, f.rule)
}

/// The score as one JSON object: the numbers, the counts per kind, and
/// (unless `summary_only`) every error with its evidence.
pub fn json(s: &Score, summary_only: bool) -> serde_json::Value {
    let by_kind: serde_json::Map<String, serde_json::Value> = ErrorKind::ALL
        .iter()
        .map(|k| (serde_json::to_value(k).unwrap().as_str().unwrap().to_string(), json!(s.count(*k))))
        .collect();
    let mut v = json!({
        "pages": s.pages,
        "pages_with_awards": s.pages_with_awards,
        "precision": s.precision(),
        "recall": s.recall(),
        "f1": s.f1(),
        "strict_recall": s.strict_recall(),
        "strict_f1": s.strict_f1(),
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn_,
        "unkeyable": s.unkeyable,
        "prizes_right": s.prizes_right,
        "totals_right": s.totals_right,
        "errors_by_kind": by_kind,
        "by_rule": s.by_rule,
        "pages_not_in_output": s.missing_pages.len(),
    });
    if !summary_only {
        v["errors"] = json!(s.errors);
        v["unkeyable_labels"] = json!(s.unkeyable_labels);
        v["prize_errors"] = json!(s.prize_errors);
        v["total_errors"] = json!(s.total_errors);
        v["missing_pages"] = json!(s.missing_pages);
    }
    v
}
