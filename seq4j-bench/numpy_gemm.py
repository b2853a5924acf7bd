#!/usr/bin/python3
"""OpenBLAS sgemm GFLOP/s through numpy, one JSON line per shape, same shapes and format as GemmPeak.

Run with Debian's numpy (linked to libopenblas0-openmp) and the thread count under test:
    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 seq4j-bench/numpy_gemm.py [repeats] [MxNxK/OP ...]
Each shape: warm up, then the best of `repeats` (default 5) timings of a loop lasting ~0.2 s (the machine is
shared). Optional filters select shapes, e.g. 128x512x128/NN.
"""
import json
import sys
import time

import numpy as np

# (m, n, k, trans): C[m x n] = op(A)[m x k] . op(B)[k x n]; keep in sync with GemmPeak.SHAPES.
SHAPES = [
    (512, 512, 512, "NN"),
    (1024, 1024, 1024, "NN"),
    (2048, 2048, 2048, "NN"),
    (128, 512, 192, "NN"),    # LSTM forward, input projection (B x I) . (I x 4H)
    (128, 512, 128, "NN"),    # LSTM forward, recurrent step (B x H) . (H x 4H)
    (128, 512, 384, "NN"),
    (128, 192, 512, "NT"),    # backward dX = dG . W^T
    (128, 128, 512, "NT"),    # backward dH = dG . U^T
    (192, 512, 25600, "TN"),  # backward dW = X^T . dG over B*T = 128*200 rows
    (128, 512, 25600, "TN"),  # backward dU = H^T . dG
]
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ONLY = sys.argv[2:]


def operands(m, n, k, trans, rng):
    a = rng.standard_normal((k, m) if trans[0] == "T" else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if trans[1] == "T" else (k, n), dtype=np.float32)
    return (a.T if trans[0] == "T" else a), (b.T if trans[1] == "T" else b)


def main():
    rng = np.random.default_rng(0)
    for m, n, k, trans in SHAPES:
        if ONLY and f"{m}x{n}x{k}/{trans}" not in ONLY:
            continue
        a, b = operands(m, n, k, trans, rng)
        c = np.empty((m, n), dtype=np.float32)
        np.matmul(a, b, out=c)
        flops = 2.0 * m * n * k
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        once = time.perf_counter() - t0
        iters = max(1, int(0.2 / max(once, 1e-7)))
        best = float("inf")
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            for _ in range(iters):
                np.matmul(a, b, out=c)
            best = min(best, (time.perf_counter() - t0) / iters)
        print(json.dumps({"shape": f"{m}x{n}x{k}", "trans": trans, "impl": "openblas",
                          "gflops": round(flops / best / 1e9, 1), "us": round(best * 1e6, 1)}), flush=True)


if __name__ == "__main__":
    main()
