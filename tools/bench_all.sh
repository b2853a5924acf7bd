#!/usr/bin/env bash
# Every benchmark behind BENCHMARKS.md, one after the other, on an otherwise idle machine. Each run prints its
# JSON line(s), preceded by the command and the load average, followed by the process's CPU time, wall time and
# peak RSS from /usr/bin/time. Needs the peer's packages (see ../shared/bench/README.md) for the PyTorch runs.
#
#   tools/bench_all.sh [all|train|slowpaths|predict|gemm|peer] > bench.log 2>&1
set -uo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
peer=../shared/bench/torch_imdb.py

run() {
  echo "### $*"
  echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f '# time: {"cpu_user_s": %U, "cpu_sys_s": %S, "wall_s": %e, "maxrss_kb": %M}' "$@" 2>&1 \
    | grep -E '^\{|^# time'
}

if [[ "$what" == all || "$what" == train ]]; then
  run ./seq4j bench imdb --model imdb-lstm --steps 0
  SEQ4J_HEAP=6g run ./seq4j bench imdb --model imdb-stacked-bilstm --steps 0
fi
if [[ "$what" == all || "$what" == peer ]]; then
  run /usr/bin/python3 "$peer" --model A --impl loop --steps 0 --bucket
  run /usr/bin/python3 "$peer" --model A --impl loop --steps 30
  run /usr/bin/python3 "$peer" --model B --impl loop --steps 0 --bucket
fi
if [[ "$what" == all || "$what" == slowpaths ]]; then
  # the same 30 batches each time (same seed): what masks, dropout, recurrent dropout, GRU and random batches cost
  run ./seq4j bench imdb --model imdb-lstm --steps 30
  run ./seq4j bench imdb --model 'embedding(10000,64) lstm(128) dense(1,sigmoid)' --steps 30
  run ./seq4j bench imdb --model 'embedding(10000,64,mask_zero) lstm(128,dropout=0.2) dense(1,sigmoid)' --steps 30
  run ./seq4j bench imdb --model 'embedding(10000,64,mask_zero) lstm(128,recurrent_dropout=0.2) dense(1,sigmoid)' --steps 30
  run ./seq4j bench imdb --model 'embedding(10000,64,mask_zero) gru(128) dense(1,sigmoid)' --steps 30
  run ./seq4j bench imdb --model imdb-lstm --steps 30 --no-bucketing
fi
if [[ "$what" == all || "$what" == predict ]]; then
  run ./seq4j bench predict --model imdb-lstm
fi
if [[ "$what" == all || "$what" == gemm ]]; then
  JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)")")")}"
  [ -f seq4j-bench/target/benchmarks.jar ] || mvn -q -Pbench -DskipTests package >/dev/null
  run "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp seq4j-bench/target/benchmarks.jar org.seq4j.bench.GemmPeak --repeats 3
  run "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp seq4j-bench/target/benchmarks.jar org.seq4j.bench.GemmPeak --repeats 3 --packed
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 run /usr/bin/python3 seq4j-bench/numpy_gemm.py 3
fi
