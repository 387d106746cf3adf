#!/usr/bin/env python3
"""The welfare-awards pipeline as an Apache Spark job: the map part of a run
on the executors, one task per shard of the inputs, and the reduce part on
the driver. The tables are those one `welfare-awards run` writes.

    spark-submit pipelines/spark/job.py --input PATH... --out DIR [--shards N] [--bin PATH] [--batch-id ID]
    python pipelines/spark/job.py --master 'local[2]' --input PATH... --out DIR

1. The driver fixes the batch id (--batch-id, or the current UTC second) and
   the number of shards (--shards, or one per 256 MB of input, at least the
   cluster's parallelism).
2. Spark runs one task per shard: `welfare-awards map --shard I --shards N
   --attempt A`, with A the task attempt's id. Each attempt writes into a
   directory of its own, OUT/.map-<batch>/shard=I/attempt=A/, and `_DONE.json`
   last; a failed, retried or speculative attempt never touches another's
   files.
3. The driver commits the winners: it names the attempt Spark took for each
   shard to `welfare-awards reduce --attempts ...`, which takes the output's
   lock, links exactly those attempts into its staging directory, decides
   duplicates across shards, rebuilds awards, regions, agg_* and the report,
   runs the data tests and publishes atomically, as `run` does. A driver that
   dies before that leaves the previous outputs as they were.

OUT and the inputs must be on a filesystem the driver and every executor
see at the same path (local in tests; NFS, a cluster filesystem or a POSIX
bucket mount on a cluster: see the README); relative paths are taken from
the driver's directory. The binary (--bin) is shipped to the executors
with the job (SparkContext.addFile), so they need nothing installed but
Python and this file's dependencies (pipelines/spark/requirements.txt).

Exit code: the reduce's (0 success, 1 failure, 2 usage, 3 locked, 4 data
tests failed), or 1 when the maps failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

SHARD_BYTES = 256 * 1024 * 1024
# Test hook: "<shard>:<failpoint>" makes the first attempt of that shard abort
# at the named failpoint of the binary (WELFARE_AWARDS_FAILPOINT), like kill -9.
TEST_FAIL_ENV = "WELFARE_SPARK_TEST_FAIL"


def log(msg: str) -> None:
    print(f"[spark-job {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", nargs="+", action="extend", required=True, metavar="PATH",
                    help="input directory, file or glob (repeatable), as for `welfare-awards run`")
    ap.add_argument("--out", required=True, metavar="DIR", help="output directory, shared by driver and executors")
    ap.add_argument("--shards", type=int, metavar="N", help="map tasks [default: one per 256 MB, at least the parallelism]")
    ap.add_argument("--bin", metavar="PATH", help="the welfare-awards release binary [default: welfare-awards on PATH]")
    ap.add_argument("--batch-id", metavar="ID", help="the batch, a UTC timestamp like 20261123T020000Z [default: now]")
    ap.add_argument("--master", metavar="URL", help="Spark master when run with python (spark-submit sets its own); "
                    "local[K] retries a failed task like a cluster (local[K,4])")
    ap.add_argument("--threads", type=int, metavar="N", help="threads per map [default: spark.task.cpus]")
    ap.add_argument("--full-refresh", action="store_true", help="rebuild every table from all inputs")
    ap.add_argument("--on-data-test-failure", choices=["fail", "warn"], default="fail")
    ap.add_argument("--report", metavar="FILE", help="write the job's timings (JSON) to FILE")
    args = ap.parse_args(argv)
    if args.shards is not None and args.shards < 1:
        ap.error("--shards must be at least 1")
    return args


def find_bin(given: str | None) -> str:
    path = given or shutil.which("welfare-awards")
    if not path or not os.access(path, os.X_OK):
        sys.exit(f"spark-job: no welfare-awards binary ({given or 'not on PATH'}); build it with `cargo build --release` and give --bin")
    return os.path.abspath(path)


def input_bytes(inputs: list[str]) -> int:
    """Bytes under the inputs (directories walked, globs expanded)."""
    paths = [p for i in inputs for p in (glob.glob(i, recursive=True) if glob.has_magic(i) else [i])]
    if shutil.which("du") and paths:
        out = subprocess.run(["du", "-s", "-b", "-c", *paths], capture_output=True, text=True)
        if out.returncode == 0:
            return int(out.stdout.strip().splitlines()[-1].split()[0])
    total = 0
    for p in paths:
        for root, _, files in os.walk(p) if os.path.isdir(p) else [("", [], [p])]:
            total += sum(os.path.getsize(os.path.join(root, f)) for f in files if os.path.isfile(os.path.join(root, f)))
    return total


def default_shards(inputs: list[str], parallelism: int) -> int:
    """One shard per SHARD_BYTES, at least one per core, a multiple of the cores."""
    wanted = max(1, math.ceil(input_bytes(inputs) / SHARD_BYTES))
    return max(parallelism, math.ceil(wanted / parallelism) * parallelism)


def spark_conf(master: str | None):
    from pyspark import SparkConf

    conf = SparkConf().setAppName("welfare-awards")
    if master:
        # local[K] gives a failed task no second attempt; a cluster gives it
        # spark.task.maxFailures (4): make local mode behave like a cluster.
        m = re.fullmatch(r"local\[(\d+|\*)\]", master)
        conf.setMaster(f"local[{m.group(1)},4]" if m else master)
    # The tasks return a few lines of JSON: no UI, no progress bar, and a JVM that starts fast.
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto")
    return conf


def map_task(bin_name: str, bin_local: str, common: list[str], shards: int, threads: int | None, fail: str | None,
             cwd: str):
    """The function each task runs: one shard through `welfare-awards map`,
    from the driver's directory (where relative --input and --out paths are)."""

    def run(_items):
        from pyspark import SparkFiles, TaskContext

        ctx = TaskContext.get()
        shard, attempt = ctx.partitionId(), str(ctx.taskAttemptId())
        binary = bin_local if os.access(bin_local, os.X_OK) else SparkFiles.get(bin_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        cmd = [binary, "map", *common, "--shard", str(shard), "--shards", str(shards), "--attempt", attempt,
               "--threads", str(threads or ctx.cpus()), "--log-format", "json", "--quiet"]
        env = dict(os.environ)
        env.pop("WELFARE_AWARDS_FAILPOINT", None)
        if fail and ctx.attemptNumber() == 0 and fail.split(":", 1)[0] == str(shard):
            env["WELFARE_AWARDS_FAILPOINT"] = fail.split(":", 1)[1]
        t0 = time.time()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, preexec_fn=die_with_parent,
                              cwd=cwd if os.path.isdir(cwd) else None)
        if done.returncode != 0:
            raise RuntimeError(f"shard {shard} attempt {attempt}: welfare-awards map exited {done.returncode}: "
                               f"{done.stderr.strip()[-2000:]}")
        result = json.loads(done.stdout)
        result["task_seconds"] = round(time.time() - t0, 3)
        result["task_attempt_number"] = ctx.attemptNumber()
        yield result

    return run


def die_with_parent() -> None:
    """The map dies with the task's worker (Spark kills a speculative duplicate by killing the worker)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    t_start = time.time()
    args = parse_args(argv)
    binary = find_bin(args.bin)
    batch = args.batch_id or dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    # Paths go to the binary as given (source_path records them so, as `run`
    # does): relative ones are taken from the driver's directory.
    out, inputs = args.out, args.input
    os.makedirs(out, exist_ok=True)

    from pyspark import SparkContext

    sc = SparkContext(conf=spark_conf(args.master))
    sc.setLogLevel("ERROR")
    t_context = time.time()
    shards = args.shards or default_shards(inputs, sc.defaultParallelism)
    sc.addFile(binary)
    common = ["--input", *inputs, "--out", out, "--batch-id", batch]
    if args.full_refresh:
        common.append("--full-refresh")
    log(f"batch {batch}: {shards} shards on {sc.master}")
    fail = os.environ.get(TEST_FAIL_ENV)
    task = map_task(os.path.basename(binary), binary, common, shards, args.threads, fail, os.getcwd())
    try:
        done = sc.parallelize(range(shards), shards).mapPartitions(task).collect()
    except Exception as e:  # the maps failed after Spark's retries: nothing was published
        log(f"the maps failed: {str(e).splitlines()[0][:2000]}")
        sc.stop()
        return 1
    t_maps = time.time()
    done.sort(key=lambda d: d["shard"]["index"])
    attempts = ",".join(d["attempt"] for d in done)
    reduce = [binary, "reduce", "--out", out, "--batch-id", batch, "--shards", str(shards), "--attempts", attempts,
              "--on-data-test-failure", args.on_data_test_failure]
    if args.full_refresh:
        reduce.append("--full-refresh")
    # The reduce needs nothing from Spark: the context stops meanwhile.
    reducer = subprocess.Popen(reduce)
    sc.stop()
    code = reducer.wait()
    t_end = time.time()
    timings = {
        "shards": shards,
        "spark_start_seconds": round(t_context - t_start, 3),
        "map_seconds": round(t_maps - t_context, 3),
        "map_task_seconds": [d["task_seconds"] for d in done],
        "attempts": [d["attempt"] for d in done],
        "attempt_numbers": [d["task_attempt_number"] for d in done],
        "reduce_seconds": round(t_end - t_maps, 3),
        "total_seconds": round(t_end - t_start, 3),
    }
    log(f"reduce exited {code}; " + ", ".join(f"{k} {v}" for k, v in timings.items() if not isinstance(v, list)))
    if args.report:
        with open(args.report, "w") as f:
            json.dump(timings, f, indent=2)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
