#!/usr/bin/env python3
"""Runs the pipeline over a folder of labelled pages and scores it with
`welfare-awards eval` (the one scorer; see README "Scoring the extractor").

Usage:
  scripts/score_awards.py --pages DIR --gold FILE [FILE ...] [--bin BIN] [--out OUT]
                          [--no-run] [--summary-only] [--by-rule] [--json] [--min-year 2010]

DIR holds one page per file (<id>.txt); each gold file holds one JSON object
per line in the dev-set format ({"id", "awards": [{"eval_year",
"recipient_full", "category", "grade", ...}]}, see ../shared/devset/README.md).
The pipeline runs once over DIR (`BIN run --input DIR --out OUT`), then
`BIN eval --gold FILE... --out OUT` compares every page's award mentions with
its labels on (eval_year, 5-digit region code, category, grade) and prints
precision, recall and F1 (keyable and strict) and the errors by kind.
`--summary-only` prints the numbers alone (for pages kept back unread).
No page text is ever stored here: the pages live outside the repository.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.expanduser("~/.cache/welfare-awards/target")
    return os.path.join(target, "release", "welfare-awards")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", help="folder of labelled pages (needed unless --no-run)")
    ap.add_argument("--gold", required=True, nargs="+")
    ap.add_argument("--bin", default=default_bin(), help="the welfare-awards binary (default: $CARGO_TARGET_DIR/release/welfare-awards)")
    ap.add_argument("--out", help="run output directory (default: a temporary one)")
    ap.add_argument("--no-run", action="store_true", help="score an existing --out without running")
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--by-rule", action="store_true", help="precision per extraction rule")
    ap.add_argument("--json", action="store_true", help="eval's JSON instead of text")
    ap.add_argument("--min-year", type=int, default=2010,
                    help="labels of earlier rounds are left out (the program's first round is 2010)")
    args = ap.parse_args()
    if args.no_run and not args.out:
        ap.error("--no-run needs --out")
    if not args.no_run and not args.pages:
        ap.error("--pages is needed unless --no-run")

    out = args.out or tempfile.mkdtemp(prefix="score-awards-")
    if not args.no_run:
        cmd = [args.bin, "run", "--input", args.pages, "--out", out, "--full-refresh", "--quiet",
               "--batch-id", "20000101T000000Z", "--on-data-test-failure", "warn"]
        subprocess.run(cmd, check=True)

    cmd = [args.bin, "eval", "--gold", *args.gold, "--out", out, "--min-year", str(args.min_year)]
    cmd += [flag for flag, on in (("--summary-only", args.summary_only), ("--by-rule", args.by_rule),
                                  ("--json", args.json)) if on]
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
