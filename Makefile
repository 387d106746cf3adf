# welfare-awards: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
# Build artifacts live outside the clone so a fresh checkout reuses them.
CARGO_TARGET_DIR ?= $(HOME)/.cache/welfare-awards/target
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/release/welfare-awards
PYTHON ?= python3
VENV := .venv
# The Spark job's own venv (pyspark is large; only the Spark tests and `make bench` need it).
SPARK_VENV := .venv-spark

.PHONY: build run test py-deps spark-deps schema-doc fmt bench

build:
	cargo build --release

## The whole pipeline on the project's sample articles, into out/.
run: build
	$(BIN) run --config pipelines/sample.toml

## Every test (Rust unit + integration, the DuckDB/pandas/polars interop checks, and the Spark job when `make spark-deps` has run and Java is installed).
test: build py-deps
	@test -d ../shared/seeds || echo "NOTE: ../shared is not beside this checkout: tests on the seeds, dev set and official region files skip (run with -- --nocapture to see each SKIP line)."
	@test -x $(SPARK_VENV)/bin/python && command -v java >/dev/null || echo "NOTE: the Spark job tests skip without Java 17 and \`make spark-deps\` (pyspark)."
	WELFARE_PYTHON=$(CURDIR)/$(VENV)/bin/python WELFARE_SPARK_PYTHON=$(CURDIR)/$(SPARK_VENV)/bin/python cargo test --release

## A Python venv with the analysts' libraries, for the interop tests.
py-deps: $(VENV)/.installed
$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

## pyspark for pipelines/spark/job.py, in its own venv (Java 17 comes from the system: openjdk-17-jre-headless).
spark-deps: $(SPARK_VENV)/.installed
$(SPARK_VENV)/.installed: pipelines/spark/requirements.txt
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check -r pipelines/spark/requirements.txt
	touch $@

## Regenerate the README table reference (between its tables:begin/end markers) from `welfare-awards schema`.
schema-doc: build
	$(BIN) schema --format markdown > .README.tables.tmp
	awk 'FNR == NR { doc = doc $$0 "\n"; next } \
	     /<!-- tables:end -->/ { printf "%s", doc; skip = 0 } \
	     !skip { print } \
	     /<!-- tables:begin -->/ { skip = 1 }' .README.tables.tmp README.md > .README.md.tmp
	mv .README.md.tmp README.md
	rm -f .README.tables.tmp

## Benchmarks (not tests): generated 100 MB and 1 GB corpora (cached in bench/corpus/), the single binary and the Spark job (local[2], 1 GB) -> bench/results.md,
## and the same sizes of web archives (.warc.gz, sized compressed; the single binary) -> bench/results-warc.md.
## The memory target is judged at 10 GB: make bench BENCH_SIZES=100MB,1GB,10GB (needs ~15 GB of disk).
BENCH_SIZES ?= 100MB,1GB
BENCH_WARC_SIZES ?= $(BENCH_SIZES)
bench: build py-deps spark-deps
	$(VENV)/bin/python bench/bench.py --bin $(BIN) --sizes $(BENCH_SIZES) --spark-python $(SPARK_VENV)/bin/python
	$(VENV)/bin/python bench/bench.py --bin $(BIN) --sizes $(BENCH_WARC_SIZES) --format warc --no-stages --spark-sizes ''

fmt:
	cargo fmt
