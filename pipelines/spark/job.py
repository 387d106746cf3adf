#!/usr/bin/env python3
"""The welfare-awards pipeline as an Apache Spark job: the map part of a run
on the executors, one task per shard of the inputs, and the reduce part on
the driver. The tables are those one `welfare-awards run` writes.

    spark-submit pipelines/spark/job.py --input PATH... --out DIR [--shards N] [--bin PATH] [--batch-id ID]
    python pipelines/spark/job.py --master 'local[2]' --input PATH... --out DIR

1. The driver fixes the batch id (--batch-id, or the current UTC second) and
   the number of shards (--shards, or one per 256 MB of input, at least the
   cluster's parallelism), and ships the binary (--bin) to the executors
   through the shared filesystem: OUT/.map-<batch>/bin/welfare-awards.
2. Spark runs one task per shard. The task pipes the shard's number to
   `welfare-awards map --shard I --shards N --attempt A` (RDD.pipe, run by
   the executor's JVM: no Python on the executors), A naming the attempt
   (host and process). Each attempt writes into a directory of its own,
   OUT/.map-<batch>/shard=I/attempt=A/, and `_DONE.json` last; a failed,
   retried or speculative attempt never touches another's files, and Spark
   kills the process of an attempt it gives up.
3. The driver commits the winners: it names the attempt Spark took for each
   shard (the one whose output it collected) to `welfare-awards reduce
   --attempts ...`, which takes the output's lock, links exactly those
   attempts into its staging directory, decides duplicates across shards,
   rebuilds awards, regions, agg_* and the report, runs the data tests and
   publishes atomically, as `run` does. A driver that dies before that
   leaves the previous outputs as they were.

OUT and the inputs must be on a filesystem the driver and every executor
see at the same path (local in tests; NFS, a cluster filesystem or a POSIX
bucket mount on a cluster: see the README); relative paths are taken from
the driver's directory.

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
import shlex
import shutil
import subprocess
import sys
import time

SHARD_BYTES = 256 * 1024 * 1024
# Test hook: "<shard>:<failpoint>" makes the first attempt of that shard abort
# at the named failpoint of the binary (WELFARE_AWARDS_FAILPOINT), like kill -9.
TEST_FAIL_ENV = "WELFARE_SPARK_TEST_FAIL"

# What each task runs, reading its shard's number on stdin: `welfare-awards map`
# for that shard, as an attempt named after the host and the process.
MAP_SCRIPT = r"""
read shard || exit 64
bin="$1"; shift
attempt="$(hostname 2>/dev/null | tr -c 'A-Za-z0-9\n' _ | tr -d '\n')-$$"
unset WELFARE_AWARDS_FAILPOINT
if [ -n "$WELFARE_SPARK_TEST_FAIL" ] && [ "${WELFARE_SPARK_TEST_FAIL%%:*}" = "$shard" ] \
   && mkdir "$WELFARE_SPARK_MAP_DIR/.test-failed-$shard" 2>/dev/null; then
  export WELFARE_AWARDS_FAILPOINT="${WELFARE_SPARK_TEST_FAIL#*:}"
fi
exec "$bin" map "$@" --shard "$shard" --attempt "$attempt" --log-format json --quiet
"""


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
    ap.add_argument("--no-rederive", action="store_true",
                    help="keep the stored batches an older build derived as they are (README: Upgrades)")
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
    # The tasks return a line of JSON each: no UI, no progress bar, and a JVM that starts fast.
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.driver.extraJavaOptions", fast_jvm_options())
    return conf


def fast_jvm_options() -> str:
    """The driver JVM does little but schedule a few tasks: the C1 compiler
    alone and the serial collector start it faster, and so does a class-data
    archive of Spark's classes (Java's AppCDS), dumped by the first job on
    this machine into ~/.cache/welfare-awards/ and mapped by the next ones
    (a missing or foreign archive is ignored by the JVM)."""
    import pyspark

    opts = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off"
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "welfare-awards")
    java = os.path.realpath(shutil.which("java") or "java").replace("/", "_")
    archive = os.path.join(cache, f"spark-{pyspark.__version__}-{java}.jsa")
    try:
        os.makedirs(cache, exist_ok=True)
        # A dump is written under a name of its own, at the JVM's exit: it is
        # complete once its writer has been gone a while.
        for dump in glob.glob(archive + ".*.dump"):
            if time.time() - os.path.getmtime(dump) > 60:
                os.replace(dump, archive)
    except OSError:
        return opts
    if os.path.exists(archive):
        return f"{opts} -XX:SharedArchiveFile={archive}"
    return f"{opts} -XX:ArchiveClassesAtExit={archive}.{os.getpid()}.dump"


def ship_binary(binary: str, map_dir: str) -> str:
    """The binary where every executor sees it: in the job's directory on the
    shared filesystem (a hard link when it is on the same filesystem)."""
    shipped = os.path.join(map_dir, "bin", "welfare-awards")
    os.makedirs(os.path.dirname(shipped), exist_ok=True)
    tmp = shipped + f".{os.getpid()}.tmp"
    try:
        os.link(binary, tmp)
    except OSError:
        shutil.copy2(binary, tmp)
    os.replace(tmp, shipped)
    return shipped


def run_maps(sc, shipped: str, map_args: list[str], shards: int, map_dir: str, cwd: str) -> list[dict]:
    """One task per shard, each piping its number to MAP_SCRIPT; returns what
    each shard's winning attempt printed (its `_DONE.json`), in shard order."""
    jvm = sc._jvm
    numbers = jvm.java.util.ArrayList()
    for i in range(shards):
        numbers.add(str(i))
    command = jvm.java.util.ArrayList()
    for word in ["sh", "-c", f"cd {shlex.quote(cwd)} 2>/dev/null; {MAP_SCRIPT}", "welfare-awards-map", shipped,
                 *map_args]:
        command.add(word)
    env = jvm.java.util.HashMap()
    env.put("WELFARE_SPARK_MAP_DIR", map_dir)
    env.put(TEST_FAIL_ENV, os.environ.get(TEST_FAIL_ENV, ""))
    lines = sc._jsc.parallelize(numbers, shards).pipe(command, env).collect()
    done = [json.loads(line) for line in lines]
    return sorted(done, key=lambda d: d["shard"]["index"])


def attempts_tried(map_dir: str, shards: int) -> list[int]:
    return [len(glob.glob(os.path.join(map_dir, f"shard={i:05}", "attempt=*"))) for i in range(shards)]


def main(argv: list[str]) -> int:
    t_start = time.time()
    args = parse_args(argv)
    binary = find_bin(args.bin)
    batch = args.batch_id or dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    # Paths go to the binary as given (source_path records them so, as `run`
    # does): relative ones are taken from the driver's directory.
    out, inputs = args.out, args.input
    map_dir = os.path.abspath(os.path.join(out, f".map-{batch}"))
    shipped = ship_binary(binary, map_dir)

    from pyspark import SparkContext

    sc = SparkContext(conf=spark_conf(args.master))
    sc.setLogLevel("ERROR")
    t_context = time.time()
    shards = args.shards or default_shards(inputs, sc.defaultParallelism)
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    map_args = ["--input", *inputs, "--out", out, "--batch-id", batch, "--shards", str(shards),
                "--threads", str(threads)] + (["--full-refresh"] if args.full_refresh else [])
    log(f"batch {batch}: {shards} shards on {sc.master}")
    try:
        done = run_maps(sc, shipped, map_args, shards, map_dir, os.getcwd())
    except Exception as e:  # the maps failed after Spark's retries: nothing was published
        log(f"the maps failed: {str(e).splitlines()[0][:2000]}")
        sc.stop()
        return 1
    t_maps = time.time()
    tried = attempts_tried(map_dir, shards)
    reduce = [shipped, "reduce", "--out", out, "--batch-id", batch, "--shards", str(shards),
              "--attempts", ",".join(d["attempt"] for d in done), "--on-data-test-failure", args.on_data_test_failure]
    if args.full_refresh:
        reduce.append("--full-refresh")
    if args.no_rederive:
        reduce.append("--no-rederive")
    # The reduce needs nothing from Spark: the context stops meanwhile.
    reducer = subprocess.Popen(reduce, env={k: v for k, v in os.environ.items() if k != "WELFARE_AWARDS_FAILPOINT"})
    sc.stop()
    code = reducer.wait()
    t_end = time.time()
    timings = {
        "shards": shards,
        "spark_start_seconds": round(t_context - t_start, 3),
        "map_seconds": round(t_maps - t_context, 3),
        "map_task_seconds": [round(sum(s["seconds"] for s in d["stages"]), 3) for d in done],
        "attempts": [d["attempt"] for d in done],
        "attempts_tried": tried,
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
