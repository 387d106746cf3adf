#!/usr/bin/env python3
"""Scores the pipeline's award mentions against hand labels, per page.

Usage:
  scripts/score_awards.py --pages DIR --gold FILE [FILE ...] [--bin BIN] [--out OUT]
                          [--summary-only] [--by-rule]

DIR holds one page per file (<id>.txt); each gold file holds one JSON object
per line in the dev-set format ({"id", "awards": [{"eval_year",
"recipient_full", "category", "grade", ...}]}, see ../shared/devset/README.md).
The pipeline runs once over DIR (`BIN run --input DIR --out OUT`), and every
page's `award_mentions` are compared with its labels on the key the project
is judged by: (eval_year, 5-digit region code, category, grade). A labelled
recipient is turned into its code with data/reference/regions.csv (the
official name valid in the award year); the extractor's side is the resolved
`region_code` (an unresolved mention can only be a false positive).

Labels the key cannot be built from (no year, an unknown 시·도) are counted
apart: "keyable" scores leave them out, "strict" scores count them as missed.
`--summary-only` prints the numbers alone (for pages kept back unread).
No page text is ever stored here: the pages live outside the repository.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile
from datetime import date

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_regions():
    rows = []
    with open(os.path.join(REPO, "data/reference/regions.csv"), newline="") as f:
        for r in csv.DictReader(f):
            rows.append(r)
    return rows


def code_of(name, year, regions):
    """5-digit code of an official 'sido [sigungu]' name valid in `year`."""
    if not name or name.startswith("??") or year is None:
        return None
    lo, hi = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    found = []
    for r in regions:
        full = r["sido_name"] if r["level"] == "sido" else f'{r["sido_name"]} {r["sigungu_name"]}'
        if full != name:
            continue
        if r["valid_from"] and r["valid_from"] > hi:
            continue
        if r["valid_to"] and r["valid_to"] <= lo:
            continue
        found.append(r["code10"][:5])
    return found[-1] if found else None


def read_table(out, table, columns):
    import pyarrow.dataset as ds

    path = os.path.join(out, table)
    if not os.path.isdir(path):
        return []
    return ds.dataset(path, format="parquet", partitioning="hive").to_table(columns=columns).to_pylist()


def page_id(source_path):
    return os.path.splitext(os.path.basename(source_path))[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", required=True)
    ap.add_argument("--gold", required=True, nargs="+")
    ap.add_argument("--bin", default=os.path.expanduser("~/.cache/welfare-awards/target/release/welfare-awards"))
    ap.add_argument("--out", help="run output directory (default: a temporary one)")
    ap.add_argument("--no-run", action="store_true", help="score an existing --out without running")
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--by-rule", action="store_true", help="precision per extraction rule")
    ap.add_argument("--min-year", type=int, default=2010,
                    help="labels of earlier rounds are left out (the program's first round is 2010)")
    args = ap.parse_args()

    out = args.out or tempfile.mkdtemp(prefix="score-awards-")
    if not args.no_run:
        cmd = [args.bin, "run", "--input", args.pages, "--out", out, "--full-refresh", "--quiet",
               "--batch-id", "20000101T000000Z", "--on-data-test-failure", "warn"]
        subprocess.run(cmd, check=True)

    regions = load_regions()
    gold = {}
    for g in args.gold:
        for line in open(g):
            if line.strip():
                d = json.loads(line)
                gold[d["id"]] = d

    docs = {r["doc_id"]: page_id(r["source_path"]) for r in
            read_table(out, "clean_documents", ["doc_id", "source_path"])}
    # A page whose text another page already holds is a `duplicate` reject:
    # it shares that page's mentions.
    dup_of = {}
    for r in read_table(out, "rejects", ["source_path", "reason", "message"]):
        if r["reason"] == "duplicate":
            for doc_id, pid in docs.items():
                if doc_id in r["message"]:
                    dup_of[page_id(r["source_path"])] = pid
    got = collections.defaultdict(list)
    cols = ["doc_id", "eval_year", "recipient_text", "region_code", "category", "grade", "rule", "evidence"]
    for m in read_table(out, "award_mentions", cols):
        got[docs.get(m["doc_id"], "?")].append(m)

    tp = fp = fn = unkeyable = 0
    per_rule = collections.Counter()
    per_rule_tp = collections.Counter()
    details = []
    for pid in sorted(gold):
        g = gold[pid]
        want = {}
        for a in g.get("awards", []):
            if a.get("eval_year") is not None and a["eval_year"] < args.min_year:
                continue
            code = code_of(a.get("recipient_full"), a.get("eval_year"), regions)
            if code is None:
                unkeyable += 1
                details.append(f"  UNKEYABLE {pid}: {a.get('eval_year')} {a.get('recipient_full')} {a.get('category')} {a.get('grade')}")
                continue
            want[(a["eval_year"], code, a.get("category"), a["grade"])] = a
        mentions = got.get(dup_of.get(pid, pid), [])
        seen = set()
        for m in mentions:
            code = (m["region_code"] or "")[:5] or None
            key = (m["eval_year"], code, m["category"], m["grade"])
            if key in seen:
                continue
            seen.add(key)
            per_rule[m["rule"]] += 1
            if key in want:
                tp += 1
                per_rule_tp[m["rule"]] += 1
            else:
                fp += 1
                details.append(f"  FP {pid}: {key} {m['recipient_text']} [{m['rule']}] «{m['evidence'][:160]}»")
        for key, a in want.items():
            if key not in seen:
                fn += 1
                details.append(f"  FN {pid}: {key} {a.get('recipient_full')}")
    p = tp / max(tp + fp, 1)
    r_keyable = tp / max(tp + fn, 1)
    r_strict = tp / max(tp + fn + unkeyable, 1)
    f1 = 2 * p * r_keyable / max(p + r_keyable, 1e-9)
    f1_strict = 2 * p * r_strict / max(p + r_strict, 1e-9)
    pages_with = sum(1 for g in gold.values() if g.get("awards"))
    print(f"pages {len(gold)} (with awards {pages_with}); gold keys {tp + fn} (+{unkeyable} unkeyable)")
    print(f"precision {p:.3f}  recall {r_keyable:.3f}  F1 {f1:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    print(f"strict (unkeyable labels count as missed): recall {r_strict:.3f}  F1 {f1_strict:.3f}")
    if args.by_rule:
        for rule, n in sorted(per_rule.items()):
            print(f"  rule {rule}: {per_rule_tp[rule]}/{n} right")
    if not args.summary_only:
        print("\n".join(details))


if __name__ == "__main__":
    sys.exit(main())
