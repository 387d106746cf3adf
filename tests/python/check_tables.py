"""Opens every table of a welfare-awards output directory with the analysts'
libraries and checks it against the documented contract.

    python check_tables.py --bin target/release/welfare-awards --out OUT

For each table of `welfare-awards schema --format json`:
  * DuckDB (`read_parquet('OUT/<table>/**/*.parquet')`), pandas
    (`pd.read_parquet('OUT/<table>')`) and polars open it and agree on the row count;
  * the column names and types are the documented ones in each library
    (per-batch tables may add the hive partition column `batch`);
  * columns documented as not null hold no null.
Then every `agg_*` table must equal an independent DuckDB SQL recomputation
from `awards`, `regions` and `doc_facts` (rows and row order), and polars must
read the same rows as DuckDB.

Exits non-zero with the first difference found.
"""

import argparse
import json
import math
import pathlib
import subprocess
import sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

PARTITION = "batch"

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "date32": "DATE",
    "timestamp[us, UTC]": "TIMESTAMP WITH TIME ZONE",
}
ARROW_TYPES = {
    "string": "string",
    "int32": "int32",
    "int64": "int64",
    "float64": "double",
    "bool": "bool",
    "date32": "date32[day]",
    "timestamp[us, UTC]": "timestamp[us, tz=UTC]",
}
POLARS_TYPES = {
    "string": pl.String,
    "int32": pl.Int32,
    "int64": pl.Int64,
    "float64": pl.Float64,
    "bool": pl.Boolean,
    "date32": pl.Date,
    "timestamp[us, UTC]": pl.Datetime("us", "UTC"),
}


def item_type(doc_type):
    """`list<x>` -> `x`, else None."""
    if doc_type.startswith("list<") and doc_type.endswith(">"):
        return doc_type[5:-1]
    return None


def duckdb_type(doc_type):
    item = item_type(doc_type)
    return DUCKDB_TYPES[item] + "[]" if item else DUCKDB_TYPES[doc_type]


def arrow_type(doc_type):
    item = item_type(doc_type)
    # Lists never hold nulls (the contract's list items are required).
    return f"list<item: {ARROW_TYPES[item]} not null>" if item else ARROW_TYPES[doc_type]


def polars_type(doc_type):
    item = item_type(doc_type)
    return pl.List(POLARS_TYPES[item]) if item else POLARS_TYPES[doc_type]


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def split_partition(table, names):
    """The documented columns read, and whether the partition column came along."""
    if table["layout"] == "per_batch" and names and names[-1] == PARTITION:
        return names[:-1], True
    return names, False


def check_table(con, out, table):
    name = table["name"]
    directory = out / name
    files = sorted(p for p in directory.rglob("*.parquet") if not p.name.startswith("."))
    expect(files, f"{name}: no Parquet file under {directory}")
    columns = [c["name"] for c in table["columns"]]

    # DuckDB, as the README tells analysts to read it.
    rel = con.sql(f"SELECT * FROM read_parquet('{directory}/**/*.parquet')")
    names, partitioned = split_partition(table, rel.columns)
    expect(names == columns, f"{name}: DuckDB columns {rel.columns} != documented {columns}")
    for c, t in zip(table["columns"], rel.types):
        expect(str(t) == duckdb_type(c["type"]), f"{name}.{c['name']}: DuckDB type {t}, documented {c['type']}")
    duck_rows = con.execute(f"SELECT count(*) FROM read_parquet('{directory}/**/*.parquet')").fetchone()[0]
    for c in table["columns"]:
        if not c["nullable"]:
            nulls = con.execute(
                f"SELECT count(*) FROM read_parquet('{directory}/**/*.parquet') WHERE \"{c['name']}\" IS NULL"
            ).fetchone()[0]
            expect(nulls == 0, f"{name}.{c['name']} is documented not null but has {nulls} nulls")
    if partitioned:
        batches = {p.parent.name.removeprefix("batch=") for p in files if pq.ParquetFile(p).metadata.num_rows > 0}
        seen = {r[0] for r in con.execute(f"SELECT DISTINCT batch FROM read_parquet('{directory}/**/*.parquet')").fetchall()}
        expect(seen == batches, f"{name}: DuckDB batch values {seen} != partitions {batches}")

    # Each file's Arrow schema, as pyarrow (pandas' engine) sees it.
    for path in files:
        schema = pq.read_schema(path)
        expect(schema.names == columns, f"{path}: Arrow columns {schema.names} != documented {columns}")
        for c in table["columns"]:
            field = schema.field(c["name"])
            expect(
                str(field.type) == arrow_type(c["type"]),
                f"{path}: {c['name']} is Arrow {field.type}, documented {c['type']} ({arrow_type(c['type'])})",
            )
            expect(
                field.nullable == c["nullable"],
                f"{path}: {c['name']} nullable={field.nullable}, documented nullable={c['nullable']}",
            )

    # pandas, the one-liner and with Arrow-backed dtypes (exact types).
    frame = pd.read_parquet(directory)
    names, _ = split_partition(table, list(frame.columns))
    expect(names == columns, f"{name}: pandas columns {list(frame.columns)} != documented {columns}")
    expect(len(frame) == duck_rows, f"{name}: pandas reads {len(frame)} rows, DuckDB {duck_rows}")
    typed = pd.read_parquet(directory, dtype_backend="pyarrow")
    for c in table["columns"]:
        found = str(typed[c["name"]].dtype.pyarrow_dtype)
        expect(found == arrow_type(c["type"]), f"{name}.{c['name']}: pandas dtype {found}, documented {c['type']}")

    # polars.
    pframe = pl.read_parquet(f"{directory}/**/*.parquet")
    names, _ = split_partition(table, pframe.columns)
    expect(names == columns, f"{name}: polars columns {pframe.columns} != documented {columns}")
    expect(pframe.height == duck_rows, f"{name}: polars reads {pframe.height} rows, DuckDB {duck_rows}")
    for c in table["columns"]:
        found = pframe.schema[c["name"]]
        expect(found == polars_type(c["type"]), f"{name}.{c['name']}: polars type {found}, documented {c['type']}")
    return duck_rows


GRADE_COUNTS = """
    count(*) FILTER (WHERE grade_rank = 1) AS grade_daesang,
    count(*) FILTER (WHERE grade_rank = 2) AS grade_choeusu,
    count(*) FILTER (WHERE grade_rank = 3) AS grade_usu,
    count(*) FILTER (WHERE grade_rank = 4) AS grade_jangnyeo,
    count(*) FILTER (WHERE grade_rank = 5) AS grade_seonjeong"""

# The documented rules, written again in SQL from the base tables.
RECOMPUTE = {
    "agg_awards_by_province": f"""
        SELECT eval_year, sido_code,
               last(sido_name ORDER BY first_published ASC NULLS FIRST, award_id) AS sido_name,
               last(iso_3166_2 ORDER BY first_published ASC NULLS FIRST, award_id) AS iso_3166_2,
               count(*) AS awards_total, {GRADE_COUNTS},
               count(*) FILTER (WHERE level IN ('sigungu', 'gu')) AS sigungu_awards,
               count(*) FILTER (WHERE level = 'sido') AS sido_awards,
               coalesce(sum(prize_krw), 0) AS prize_krw_known_sum,
               count(prize_krw) AS awards_with_prize
        FROM awards GROUP BY eval_year, sido_code ORDER BY eval_year, sido_code""",
    "agg_prize_by_year": """
        WITH sums AS (
            SELECT eval_year, count(*) AS awards_total, count(prize_krw) AS awards_with_prize,
                   coalesce(sum(prize_krw), 0) AS prize_krw_known_sum
            FROM awards GROUP BY eval_year),
        stated AS (
            SELECT fact, eval_year, value, count(DISTINCT doc_id) AS documents, min(doc_id) AS first_doc
            FROM doc_facts
            WHERE eval_year IS NOT NULL AND fact IN ('national_prize_total_krw', 'national_institution_count')
            GROUP BY fact, eval_year, value),
        best AS (
            SELECT * FROM stated
            QUALIFY row_number() OVER (PARTITION BY fact, eval_year ORDER BY documents DESC, first_doc, value) = 1),
        prize AS (SELECT eval_year, value, first_doc FROM best WHERE fact = 'national_prize_total_krw'),
        institutions AS (SELECT eval_year, value, first_doc FROM best WHERE fact = 'national_institution_count'),
        years AS (SELECT eval_year FROM sums UNION SELECT eval_year FROM prize UNION SELECT eval_year FROM institutions)
        SELECT y.eval_year,
               coalesce(s.awards_total, 0), coalesce(s.awards_with_prize, 0), coalesce(s.prize_krw_known_sum, 0),
               p.value, p.first_doc, i.value, i.first_doc
        FROM years y
        LEFT JOIN sums s USING (eval_year)
        LEFT JOIN prize p USING (eval_year)
        LEFT JOIN institutions i USING (eval_year)
        ORDER BY y.eval_year""",
    "agg_awards_by_category_year": f"""
        SELECT category, eval_year, count(*) AS awards_total, {GRADE_COUNTS}
        FROM awards GROUP BY category, eval_year ORDER BY category ASC NULLS LAST, eval_year""",
    "agg_top_recipients": """
        WITH recipients AS (
            SELECT region_code,
                   last(sido_name ORDER BY eval_year, first_published ASC NULLS FIRST, award_id) AS award_sido_name,
                   last(sigungu_name ORDER BY eval_year, first_published ASC NULLS FIRST, award_id) AS award_sigungu_name,
                   last(level ORDER BY eval_year, first_published ASC NULLS FIRST, award_id) AS level,
                   count(*) AS awards,
                   sum(CASE grade_rank WHEN 1 THEN 4 WHEN 2 THEN 3 WHEN 3 THEN 2 WHEN 4 THEN 1 WHEN 5 THEN 1 ELSE 0 END)
                       AS grade_points,
                   count(DISTINCT eval_year) AS years_active,
                   min(eval_year) AS first_year,
                   max(eval_year) AS last_year,
                   coalesce(list_sort(list_distinct(list(category) FILTER (WHERE category IS NOT NULL))), [])
                       AS categories
            FROM awards GROUP BY region_code),
        names AS (
            SELECT region_code,
                   last(sido_name ORDER BY valid_from ASC NULLS FIRST) AS region_sido_name,
                   last(sigungu_name ORDER BY valid_from ASC NULLS FIRST) AS region_sigungu_name
            FROM regions GROUP BY region_code)
        SELECT r.region_code, coalesce(n.region_sido_name, r.award_sido_name),
               coalesce(n.region_sigungu_name, r.award_sigungu_name), r.level, r.awards, r.grade_points,
               r.years_active, r.first_year, r.last_year, r.categories
        FROM recipients r LEFT JOIN names n USING (region_code)
        ORDER BY r.awards DESC, r.grade_points DESC, r.region_code""",
}


def same(a, b):
    """Row equality that treats NaN from pandas-like paths and None alike."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def check_aggregates(con, out, schema, counts):
    documented = {t["name"] for t in schema["tables"] if t["name"].startswith("agg_")}
    expect(documented == set(RECOMPUTE), f"aggregates {sorted(documented)} but recomputations for {sorted(RECOMPUTE)}")
    for base in ("awards", "regions", "doc_facts"):
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {base} AS "
            f"SELECT * FROM read_parquet('{out / base}/**/*.parquet', hive_partitioning = false)"
        )
    for name, sql in RECOMPUTE.items():
        stored = con.execute(f"SELECT * FROM read_parquet('{out / name}/**/*.parquet')").fetchall()
        expected = con.execute(sql).fetchall()
        expect(len(stored) == len(expected), f"{name}: {len(stored)} rows stored, SQL recomputation gives {len(expected)}")
        for i, (s, e) in enumerate(zip(stored, expected)):
            expect(all(same(a, b) for a, b in zip(s, e)), f"{name} row {i}: stored {s} != recomputed {e}")
        polars_rows = pl.read_parquet(f"{out / name}/**/*.parquet").rows()
        expect(polars_rows == stored, f"{name}: polars reads other rows than DuckDB")
        print(f"ok {name}: {len(stored)} rows equal the DuckDB recomputation")
    # The money rule, stated on its own: the yearly sums are per-award sums only.
    total = con.execute("SELECT coalesce(sum(prize_krw), 0) FROM awards").fetchone()[0]
    summed = con.execute(f"SELECT sum(prize_krw_known_sum) FROM read_parquet('{out}/agg_prize_by_year/*.parquet')").fetchone()[0]
    expect((summed or 0) == total, f"prize sums {summed} != sum of per-award prizes {total}")
    counts["agg_checked"] = len(RECOMPUTE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the welfare-awards binary")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="an output directory")
    args = parser.parse_args()
    schema = json.loads(subprocess.check_output([args.bin, "schema", "--format", "json"]))
    con = duckdb.connect()
    counts = {}
    for table in schema["tables"]:
        rows = check_table(con, args.out, table)
        print(f"ok {table['name']}: {rows} rows, {len(table['columns'])} documented columns in DuckDB, pandas, polars")
    check_aggregates(con, args.out, schema, counts)
    print(f"checked {len(schema['tables'])} tables and {counts['agg_checked']} aggregates")


if __name__ == "__main__":
    main()
