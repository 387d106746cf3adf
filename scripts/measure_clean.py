#!/usr/bin/env python3
"""Measures the clean stage on labelled pages: publication dates and page
furniture left in clean_text.

    .venv/bin/python scripts/measure_clean.py --bin BIN --pages DIR --gold GOLD.jsonl [GOLD2.jsonl ...]

DIR holds one page per file, `<id>.txt`; each gold file holds one JSON
object per line with at least `id`, `published` ("YYYY-MM-DD" or null) and
`furniture_lines` (lines of the page, copied whole, that are page furniture).
Only the pages named in the gold files are measured. The pages go through
the real stages (`BIN ingest`, then `BIN clean`) and `clean_documents` is
read back.

Printed:
- dates: recall on the pages whose gold states a date, wrong dates (a date
  different from the gold's, or a date where the gold has none), misses;
- furniture: gold furniture lines still present in clean_text, and on how
  many pages;
- body: long sentence lines of the page (not furniture) whose ending is
  missing from clean_text (a guard against cleaning away the article).
`--details` lists every miss, wrong date, furniture line left and lost line.
`--dump FILE` writes each page's result (id, published_date, clean_text) as
JSON lines. Needs pyarrow (`make py-deps` installs it into .venv).
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def key(line: str) -> str:
    """A line reduced to its letters and digits, for comparing texts that
    were normalized differently (quotes, dots, spaces)."""
    line = unicodedata.normalize("NFC", line)
    # U+318D (ㆍ) is a letter to Python but a middle dot on Korean pages.
    return "".join(c for c in line if c.isalnum() and c != "\u318d")


def read_gold(paths):
    gold = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold[row["id"]] = row
    return gold


def run_pipeline(binary, pages_dir, ids, work):
    inputs = work / "pages"
    inputs.mkdir()
    missing = []
    for page_id in ids:
        src = pages_dir / f"{page_id}.txt"
        if src.exists():
            (inputs / src.name).symlink_to(src.resolve())
        else:
            missing.append(page_id)
    out = work / "out"
    # Only the stages measured: ingest, then clean.
    for stage in (["ingest", "--input", str(inputs)], ["clean"]):
        done = subprocess.run([binary, *stage, "--out", str(out), "--quiet"], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{binary} {stage[0]} failed ({done.returncode}):\n{done.stderr}")
    table = pq.read_table(out / "clean_documents").to_pylist()
    docs = {Path(r["source_path"]).stem: r for r in table}
    rejects = {Path(r["source_path"]).stem: r["reason"] for r in pq.read_table(out / "rejects").to_pylist()}
    return docs, rejects, missing


def is_sentence_line(line: str) -> bool:
    end = line.rstrip("\"') ”’")
    return len(HANGUL.findall(line)) >= 20 and (end.endswith("다.") or end.endswith("다"))


def furniture_left(furniture, page_text, clean_lines):
    """Gold furniture lines still in clean_text. A line the page also holds
    outside its furniture (a summary box repeating a body sentence, which a
    byline opens in the body) may stay as often as it occurs there."""
    clean = [key(l) for l in clean_lines]
    page = [key(l) for l in page_text.splitlines()]
    wanted = Counter(key(f) for f in furniture)
    left = []
    for k, n in wanted.items():
        if not k:
            continue
        # A line holds k when it is k, or (for a long k) contains it.
        holds = lambda line: line == k or (len(k) >= 12 and k in line)
        allowed = sum(1 for p in page if holds(p)) - n
        kept = sum(1 for c in clean if holds(c))
        if kept > allowed:
            original = next(f for f in furniture if key(f) == k)
            left.extend([original] * min(n, kept - max(allowed, 0)))
    return left


def lost_sentences(text, furniture, clean_text):
    clean_key = key(clean_text)
    furniture_keys = {key(f) for f in furniture}
    lost = []
    for line in text.splitlines():
        line = line.strip()
        if not is_sentence_line(line) or key(line) in furniture_keys:
            continue
        if key(line)[-20:] not in clean_key:
            lost.append(line)
    return lost


def measure(gold, docs, rejects, pages_dir, details):
    stated = right = wrong = missed = 0
    furniture_total = furniture_lines_left = furniture_pages = lost_total = 0
    report = []
    for page_id in sorted(gold):
        g = gold[page_id]
        doc = docs.get(page_id)
        got = doc["published_date"].isoformat() if doc and doc["published_date"] else None
        want = g.get("published")
        if want:
            stated += 1
            if got == want:
                right += 1
            elif got is None:
                missed += 1
                report.append(f"date missed  {page_id}: gold {want}")
            else:
                wrong += 1
                report.append(f"date WRONG   {page_id}: got {got}, gold {want}")
        elif got:
            wrong += 1
            report.append(f"date WRONG   {page_id}: got {got}, gold none")
        furniture = g.get("furniture_lines") or []
        furniture_total += len(furniture)
        if doc is None:
            report.append(f"not cleaned  {page_id}: {rejects.get(page_id, 'missing')}")
            continue
        clean_lines = doc["clean_text"].split("\n")
        text = (pages_dir / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")
        left = furniture_left(furniture, text, clean_lines)
        furniture_lines_left += len(left)
        furniture_pages += bool(left)
        report.extend(f"furniture    {page_id}: {l!r}" for l in left)
        lost = lost_sentences(text, furniture, doc["clean_text"])
        lost_total += len(lost)
        report.extend(f"body lost    {page_id}: {l[:80]!r}" for l in lost)
    recall = right / stated if stated else float("nan")
    print(f"pages: {len(gold)} (cleaned {sum(1 for i in gold if i in docs)})")
    print(f"dates: {right} of {stated} stated found, recall {recall:.3f}; wrong {wrong}; missed {missed}")
    print(f"furniture: {furniture_lines_left} of {furniture_total} lines left, on {furniture_pages} pages")
    print(f"body sentences lost: {lost_total}")
    if details:
        print("\n".join(report))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the welfare-awards binary")
    ap.add_argument("--pages", required=True, type=Path, help="directory of <id>.txt pages")
    ap.add_argument("--gold", required=True, nargs="+", help="gold JSONL file(s)")
    ap.add_argument("--details", action="store_true", help="list every miss and every line left")
    ap.add_argument("--dump", type=Path, help="write each page's clean result here (JSON lines)")
    args = ap.parse_args()
    gold = read_gold(args.gold)
    work = Path(tempfile.mkdtemp(prefix="measure-clean-"))
    try:
        docs, rejects, missing = run_pipeline(args.bin, args.pages, sorted(gold), work)
        if missing:
            print(f"warning: {len(missing)} gold ids have no page file", file=sys.stderr)
        measure(gold, docs, rejects, args.pages, args.details)
        if args.dump:
            with args.dump.open("w", encoding="utf-8") as f:
                for page_id in sorted(docs):
                    d = docs[page_id]
                    date = d["published_date"].isoformat() if d["published_date"] else None
                    row = {"id": page_id, "published_date": date, "clean_text": d["clean_text"]}
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
