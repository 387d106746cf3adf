-- One DuckDB view per welfare-awards table, over an output directory.
--
-- Set the directory first (the views read it each time they are queried), then
-- read this file:
--
--   duckdb -c "SET VARIABLE out_dir = 'out'; .read pipelines/duckdb/views.sql" -c ...
--
--   D SET VARIABLE out_dir = '/data/welfare';
--   D .read pipelines/duckdb/views.sql
--   D SELECT * FROM agg_awards_by_province;
--
-- From Python: con.execute("SET VARIABLE out_dir = '/data/welfare'");
--              con.execute(open("pipelines/duckdb/views.sql").read())
--
-- Columns are those of `welfare-awards schema`. Per-batch tables add one more,
-- `batch`: the run (hive partition `batch=<id>/`) that wrote the row.
-- A test (tests/it/interop.rs) checks there is a view for every table.

-- Stage 1
CREATE OR REPLACE VIEW raw_documents AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/raw_documents/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW rejects AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/rejects/**/*.parquet', hive_partitioning = true);

-- Stage 2
CREATE OR REPLACE VIEW clean_documents AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/clean_documents/**/*.parquet', hive_partitioning = true);

-- Stage 3
CREATE OR REPLACE VIEW award_mentions AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/award_mentions/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW doc_facts AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/doc_facts/**/*.parquet', hive_partitioning = true);

-- Stage 4
CREATE OR REPLACE VIEW awards AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/awards/**/*.parquet', hive_partitioning = false);
CREATE OR REPLACE VIEW regions AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/regions/**/*.parquet', hive_partitioning = false);

-- Stage 5
CREATE OR REPLACE VIEW agg_awards_by_province AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/agg_awards_by_province/**/*.parquet', hive_partitioning = false);
CREATE OR REPLACE VIEW agg_prize_by_year AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/agg_prize_by_year/**/*.parquet', hive_partitioning = false);
CREATE OR REPLACE VIEW agg_awards_by_category_year AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/agg_awards_by_category_year/**/*.parquet', hive_partitioning = false);
CREATE OR REPLACE VIEW agg_top_recipients AS
    SELECT * FROM read_parquet(getvariable('out_dir') || '/agg_top_recipients/**/*.parquet', hive_partitioning = false);
