#!/usr/bin/env bash
# Interleaved pairs of two builds in one JVM (AB.java): how code changes are measured (BENCHMARKS.md).
#   tools/ab/run.sh A.jar B.jar MODEL SECONDS LENS [predict]
#   e.g. tools/ab/run.sh /tmp/before.jar /tmp/after.jar imdb-lstm 150 64,128,192,256,256,320,384,440
# JOPTS adds JVM options: -Dseq4j.phases=true (milliseconds per round in each phase), -Dzipf=0 (uniform ids).
# Build each jar with `mvn -q -B -o -DskipTests -pl seq4j-cli -am package` and copy seq4j-cli/target/seq4j.jar away.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*/bin/java | tail -1)}"
javac="$(dirname "$java")/javac"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
"$javac" -nowarn --add-modules jdk.incubator.vector -cp "$1" -d "$classes" "$here/AB.java" "$here/Harness.java" \
  2>&1 | grep -v -e 'incubator' -e '^[0-9]* warning' || true
"$java" --add-modules jdk.incubator.vector -Xmx12g -XX:+UseParallelGC ${JOPTS:-} -Dab.classes="$classes" \
  -cp "$classes" AB "$@" 2>&1 | grep -v 'WARNING: Using incubator'
