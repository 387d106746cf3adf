"""Runs pipelines/duckdb/views.sql in DuckDB over an output directory and
checks that it makes one working view per documented table.

    python check_views.py --bin target/release/welfare-awards --out OUT --views pipelines/duckdb/views.sql

Each view must exist, have the documented columns (plus `batch` for per-batch
tables) and return the rows of the table's files.
"""

import argparse
import json
import pathlib
import subprocess
import sys

import duckdb


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("--views", required=True, type=pathlib.Path)
    args = parser.parse_args()
    schema = json.loads(subprocess.check_output([args.bin, "schema", "--format", "json"]))

    con = duckdb.connect()
    out_dir = str(args.out).replace("'", "''")
    con.execute(f"SET VARIABLE out_dir = '{out_dir}'")
    con.execute(args.views.read_text(encoding="utf-8"))

    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    documented = {t["name"] for t in schema["tables"]}
    if views != documented:
        fail(f"views {sorted(views)} != documented tables {sorted(documented)}")
    for table in schema["tables"]:
        name = table["name"]
        columns = [c["name"] for c in table["columns"]]
        if table["layout"] == "per_batch":
            columns.append("batch")
        found = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
        if found != columns:
            fail(f"view {name}: columns {found} != {columns}")
        rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        direct = con.execute(
            f"SELECT count(*) FROM read_parquet('{args.out / name}/**/*.parquet', hive_partitioning = false)"
        ).fetchone()[0]
        if rows != direct:
            fail(f"view {name}: {rows} rows, its files hold {direct}")
        print(f"ok view {name}: {rows} rows")
    print(f"checked {len(documented)} views")


if __name__ == "__main__":
    main()
