#!/usr/bin/env python3
"""Scores the extractors of the HTML study (README.md beside this file).

For every page: which lines of the page text the extractor kept (body lines
kept), which chrome lines it dropped (noise dropped), and, through the real
pipeline (`welfare-awards run` on each extractor's texts), which award
mentions it gives compared with the page text itself (award F1).

usage: score.py DIR BIN     (DIR from render-pages and html-extractors)
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.dataset as ds

EXTRACTORS = ["own", "dom_smoothie", "trafilatura"]


def lines(text: str) -> set[str]:
    return {re.sub(r"\s+", " ", l).strip() for l in text.splitlines() if l.strip()}


def mentions(bin_: str, texts: Path) -> set[tuple]:
    """Award mentions of the texts, one pipeline run per layout (the same
    page in three layouts would otherwise be duplicates of each other)."""
    found = set()
    for layout in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            inputs, out = Path(tmp) / "in", Path(tmp) / "out"
            inputs.mkdir()
            for f in texts.glob(f"*-L{layout}.txt"):
                (inputs / f.name).write_bytes(f.read_bytes())
            subprocess.run([bin_, "run", "--quiet", "--input", str(inputs), "--out", str(out),
                            "--batch-id", "20260101T000000Z", "--min-text-chars", "1"], check=True)
            raw = ds.dataset(str(out / "raw_documents"), format="parquet").to_table(
                columns=["doc_id", "source_path"]).to_pylist()
            name = {r["doc_id"]: Path(r["source_path"]).stem for r in raw}
            got = ds.dataset(str(out / "award_mentions"), format="parquet").to_table(
                columns=["doc_id", "eval_year", "recipient_text", "category", "grade"]).to_pylist()
            found |= {(name[m["doc_id"]], m["eval_year"], m["recipient_text"], m["category"], m["grade"])
                      for m in got}
    return found


def main() -> None:
    root, bin_ = Path(sys.argv[1]), sys.argv[2]
    noise = [n for n in (root / "noise.txt").read_text().splitlines() if n]
    truth = mentions(bin_, root / "text")
    print(f"{len(list((root / 'pages').glob('*.html')))} pages; {len(truth)} award mentions in the page texts\n")
    print("| extractor | body lines kept | noise lines dropped | award mentions | spurious | missed | award F1 |")
    print("|---|---|---|---|---|---|---|")
    for ex in EXTRACTORS:
        kept = body = dropped = chrome = 0
        for page in sorted((root / "pages").glob("*.html")):
            html = page.read_text()
            want = lines((root / "text" / f"{page.stem}.txt").read_text())
            got_path = root / ex / f"{page.stem}.txt"
            got_text = got_path.read_text() if got_path.exists() else ""
            got = lines(got_text)
            body += len(want)
            kept += len(want & got)
            present = [n for n in noise if n in html and not any(n in w for w in want)]
            chrome += len(present)
            dropped += sum(1 for n in present if n not in got_text)
        got_m = mentions(bin_, root / ex)
        tp, fp, fn = len(truth & got_m), len(got_m - truth), len(truth - got_m)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        print(f"| {ex} | {kept / body:.1%} ({kept}/{body}) | {dropped / chrome:.1%} ({dropped}/{chrome}) | "
              f"{len(got_m)} | {fp} | {fn} | {f1:.3f} |")


if __name__ == "__main__":
    main()
