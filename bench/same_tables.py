#!/usr/bin/env python3
"""Checks that two pipeline outputs hold the same tables, row for row.

An optimization must not change what the pipeline produces. Parquet bytes
may differ when only the file layout changes (row groups, pages), so this
compares contents: every table's schema and every row, in order, with
pyarrow. Timestamps that name the run (`ingested_at`, `rejected_at`) are
equal when both runs were given the same `--batch-id`.

With --rows, the files of a table may be split differently (a run of
several shards writes one file per shard in each batch): the table's rows
are compared as a sorted whole.

    bench/same_tables.py [--rows] OUT_A OUT_B   # exit 0 when equal, 1 otherwise
"""

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def tables(out: Path) -> dict:
    """Table name -> its Parquet files (all batches), sorted."""
    found = {}
    for part in sorted(out.glob("*/**/*.parquet")):
        rel = part.relative_to(out)
        if rel.parts[0].startswith("_") or any(p.startswith(".") for p in rel.parts):
            continue
        found.setdefault(rel.parts[0], []).append(part)
    return found


def read(files: list):
    return [pq.read_table(f) for f in files]


def sorted_rows(files: list) -> tuple:
    """The schema and the rows of all files, sorted (as text, so lists and nulls sort)."""
    whole = pa.concat_tables(read(files))
    return whole.schema, sorted(repr(row) for row in whole.to_pylist())


def compare_rows(name: str, xs: list, ys: list) -> bool:
    (sa, ra), (sb, rb) = sorted_rows(xs), sorted_rows(ys)
    if sa != sb:
        print(f"DIFF {name}: schema\n{sa}\nvs\n{sb}")
        return True
    if ra != rb:
        only_a, only_b = sorted(set(ra) - set(rb)), sorted(set(rb) - set(ra))
        print(f"DIFF {name}: {len(ra)} vs {len(rb)} rows; {len(only_a)} only in A, {len(only_b)} only in B")
        for row in only_a[:2]:
            print("  A:", row[:600])
        for row in only_b[:2]:
            print("  B:", row[:600])
        return True
    print(f"same {name} ({len(ra)} rows)")
    return False


def compare_files(name: str, xs: list, ys: list) -> bool:
    if len(xs) != len(ys):
        print(f"DIFF {name}: {len(xs)} files vs {len(ys)}")
        return True
    differ, rows = False, 0
    for x, y in zip(read(xs), read(ys)):
        rows += x.num_rows
        if x.schema != y.schema:
            print(f"DIFF {name}: schema\n{x.schema}\nvs\n{y.schema}")
            differ = True
        elif not x.equals(y):
            first = next((i for i in range(min(x.num_rows, y.num_rows))
                          if x.slice(i, 1).to_pylist() != y.slice(i, 1).to_pylist()), None)
            print(f"DIFF {name}: {x.num_rows} vs {y.num_rows} rows; first differing row {first}")
            if first is not None:
                print("  A:", str(x.slice(first, 1).to_pylist())[:600])
                print("  B:", str(y.slice(first, 1).to_pylist())[:600])
            differ = True
    if not differ:
        print(f"same {name} ({rows} rows)")
    return differ


def main() -> int:
    args = sys.argv[1:]
    by_rows = "--rows" in args
    args = [a for a in args if a != "--rows"]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    a, b = Path(args[0]), Path(args[1])
    ta, tb = tables(a), tables(b)
    differ = False
    for name in sorted(set(ta) | set(tb)):
        if name not in ta or name not in tb:
            print(f"DIFF {name}: only in {a if name in ta else b}")
            differ = True
            continue
        compare = compare_rows if by_rows else compare_files
        differ |= compare(name, ta[name], tb[name])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
