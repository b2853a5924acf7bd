#!/usr/bin/env bash
# Every benchmark behind BENCHMARKS.md, on an otherwise idle machine. Each run prints its JSON line(s), preceded by
# the command and the load average, followed by the process's CPU time, wall time and peak RSS from /usr/bin/time.
# Needs the peer's packages (see ../shared/bench/README.md) for the PyTorch runs.
#
#   tools/bench_all.sh [all|train|stacked|slowpaths|predict|gemm] > bench.log 2>&1
#   REPEATS=3 (default): rounds of the side-by-side blocks; seq4j and the peer take turns within each round, so
#   that a host whose speed drifts (shared cores: the same gemm ran at 52-88 GFLOP/s within a minute on the Zen 3
#   machine of 2026-12-04) slows both alike. Report the median of the rounds.
set -uo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
repeats="${REPEATS:-3}"
peer=../shared/bench/torch_imdb.py
# build first: a build inside the first timed run would add its time, and mvn's colour codes on stderr, left
# without a newline, would hide that run's JSON line from the filter below
./seq4j --help > /dev/null 2>&1 || { echo "seq4j does not build" >&2; exit 1; }

run() {
  echo "### $*"
  echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f '# time: {"cpu_user_s": %U, "cpu_sys_s": %S, "wall_s": %e, "maxrss_kb": %M}' "$@" 2>&1 \
    | grep -E '^\{|^# time'
}

if [[ "$what" == all || "$what" == train ]]; then
  for r in $(seq 1 "$repeats"); do
    echo "## round $r"
    run ./seq4j bench imdb --model imdb-lstm --steps 0
    run /usr/bin/python3 "$peer" --model A --impl loop --steps 0 --bucket
  done
  run /usr/bin/python3 "$peer" --model A --impl loop --steps 30            # random batches
fi
if [[ "$what" == all || "$what" == stacked ]]; then
  for r in $(seq 1 $(( repeats > 1 ? repeats - 1 : 1 ))); do
    echo "## round $r"
    SEQ4J_HEAP=6g run ./seq4j bench imdb --model imdb-stacked-bilstm --steps 0
    run /usr/bin/python3 "$peer" --model B --impl loop --steps 0 --bucket
  done
fi
if [[ "$what" == all || "$what" == slowpaths ]]; then
  # each variant trains step for step in alternation with imdb-lstm on the same batches (bench imdb --vs)
  for v in 'embedding(10000,64) lstm(128) dense(1,sigmoid)' \
           'embedding(10000,64,mask_zero) lstm(128,dropout=0.2) dense(1,sigmoid)' \
           'embedding(10000,64,mask_zero) lstm(128,recurrent_dropout=0.2) dense(1,sigmoid)' \
           'embedding(10000,64,mask_zero) gru(128) dense(1,sigmoid)'; do
    run ./seq4j bench imdb --model imdb-lstm --vs "$v" --steps 40
  done
  run ./seq4j bench imdb --model imdb-lstm --vs-no-bucketing --steps 40
fi
if [[ "$what" == all || "$what" == predict ]]; then
  for r in $(seq 1 "$repeats"); do
    run ./seq4j bench predict --model imdb-lstm
  done
fi
if [[ "$what" == all || "$what" == gemm ]]; then
  JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)")")")}"
  [ -f seq4j-bench/target/benchmarks.jar ] || mvn -q -Pbench -DskipTests package >/dev/null
  for r in $(seq 1 "$repeats"); do
    echo "## round $r"
    run "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp seq4j-bench/target/benchmarks.jar org.seq4j.bench.GemmPeak --repeats 3
    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 run /usr/bin/python3 seq4j-bench/numpy_gemm.py 3
    run "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp seq4j-bench/target/benchmarks.jar org.seq4j.bench.GemmPeak --repeats 3 --packed
  done
fi
