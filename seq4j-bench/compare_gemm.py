#!/usr/bin/python3
"""Interleaved seq4j vs OpenBLAS GEMM comparison; prints a Markdown table (used for GEMM.md).

    MAX_BUSY=0.2 /usr/bin/python3 seq4j-bench/compare_gemm.py [rounds] [threads] [MxNxK/OP ...]

For every round and shape: numpy_gemm.py (OPENBLAS_NUM_THREADS=threads, best of 5) then GemmPeak (--threads
threads, best of 5 after 3 s of warm-up) on that one shape; the best GFLOP/s per shape and library over all
rounds is kept. Alternating the two spreads the noise of a shared machine evenly over both. With MAX_BUSY=x (a
fraction) a shape starts only once the cores were less than x busy over 2 seconds: other processes on the cores
wreck both libraries' numbers (OpenBLAS's OpenMP barriers fell to 1-35 GFLOP/s at load 5-7 here). Build first:
    mvn -q -Pbench -DskipTests package -pl seq4j-bench -am
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAVA = os.environ.get("JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
ALL = ["512x512x512/NN", "1024x1024x1024/NN", "2048x2048x2048/NN", "128x512x192/NN", "128x512x128/NN",
       "128x512x384/NN", "128x192x512/NT", "128x128x512/NT", "192x512x25600/TN", "128x512x25600/TN"]


def busy_fraction(seconds=2.0):
    """Fraction of CPU time spent non-idle over `seconds`, from /proc/stat."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


def run(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    threads = sys.argv[2] if len(sys.argv) > 2 else "2"
    cases = sys.argv[3:] or ALL
    max_busy = float(os.environ.get("MAX_BUSY", "0"))
    env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads)
    peak = [JAVA, "--add-modules", "jdk.incubator.vector", "-cp", os.path.join(HERE, "target", "benchmarks.jar"),
            "org.seq4j.bench.GemmPeak", "--threads", threads, "--repeats", "5"]
    best = {}
    for _ in range(rounds):
        for case in cases:
            while max_busy and busy_fraction() >= max_busy:
                pass
            shape, trans = case.split("/")
            results = run(["/usr/bin/python3", os.path.join(HERE, "numpy_gemm.py"), "5", case], env)
            results += run(peak + ["--shape", shape, "--trans", trans])
            for r in results:
                key = (f'{r["shape"]}/{r["trans"]}', r["impl"])
                best[key] = max(best.get(key, 0.0), r["gflops"])
    print("| m x n x k | op | OpenBLAS GFLOP/s | seq4j GFLOP/s | seq4j / OpenBLAS |")
    print("|---|---|---:|---:|---:|")
    for case in cases:
        ob, sq = best.get((case, "openblas"), 0.0), best.get((case, "seq4j"), 0.0)
        ratio = f"{100 * sq / ob:.0f} %" if ob else "-"
        shape, trans = case.split("/")
        print(f"| {shape} | {trans} | {ob:.1f} | {sq:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
