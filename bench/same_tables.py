#!/usr/bin/env python3
"""Checks that two pipeline outputs hold the same tables, row for row.

An optimization must not change what the pipeline produces. Parquet bytes
may differ when only the file layout changes (row groups, pages), so this
compares contents: every table's schema and every row, in order, with
pyarrow. Timestamps that name the run (`ingested_at`, `rejected_at`) are
equal when both runs were given the same `--batch-id`.

    bench/same_tables.py OUT_A OUT_B        # exit 0 when equal, 1 otherwise
"""

import sys
from pathlib import Path

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


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    ta, tb = tables(a), tables(b)
    differ = False
    for name in sorted(set(ta) | set(tb)):
        before = differ
        if name not in ta or name not in tb:
            print(f"DIFF {name}: only in {a if name in ta else b}")
            differ = True
            continue
        xs, ys = read(ta[name]), read(tb[name])
        if len(xs) != len(ys):
            print(f"DIFF {name}: {len(xs)} files vs {len(ys)}")
            differ = True
            continue
        rows = 0
        for x, y in zip(xs, ys):
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
        if differ == before:
            print(f"same {name} ({rows} rows)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
