/*
 * The machine's single-precision FMA peak, measured: each thread runs twelve independent chains of 256-bit fused
 * multiply-adds (enough to cover the FMA latency on two pipes), nothing loaded or stored. The denominator for
 * "how close to the hardware" in BENCHMARKS.md (a register tile's GFLOP/s from L1, a gemm's, an epoch's).
 *
 *   gcc -O2 -mavx2 -mfma -pthread tools/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak 1 && /tmp/fma_peak 2
 *
 * Not written in Java: C2 unrolls such a loop and then spills accumulators (seen in its assembly,
 * tools/ab/disasm.py), so a Java version measures its own spills rather than the core.
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHAINS 12 /* the accumulators of chains() */
static const long ITERATIONS = 1000000000L;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Twelve named accumulators, not an array: the compiler keeps them in registers (an array went through memory). */
#define STEP(x) x = _mm256_fmadd_ps(x, m, a)
static void *chains(void *result) {
    __m256 m = _mm256_set1_ps(0.999999f), a = _mm256_set1_ps(1e-7f);
    __m256 c0 = _mm256_set1_ps(1), c1 = _mm256_set1_ps(2), c2 = _mm256_set1_ps(3), c3 = _mm256_set1_ps(4);
    __m256 c4 = _mm256_set1_ps(5), c5 = _mm256_set1_ps(6), c6 = _mm256_set1_ps(7), c7 = _mm256_set1_ps(8);
    __m256 c8 = _mm256_set1_ps(9), c9 = _mm256_set1_ps(10), c10 = _mm256_set1_ps(11), c11 = _mm256_set1_ps(12);
    for (long i = 0; i < ITERATIONS; i++) {
        __asm__ volatile("" ::: "memory"); /* keeps the loop a loop (no unrolling across it) */
        STEP(c0); STEP(c1); STEP(c2); STEP(c3); STEP(c4); STEP(c5);
        STEP(c6); STEP(c7); STEP(c8); STEP(c9); STEP(c10); STEP(c11);
    }
    __m256 sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)),
                               _mm256_add_ps(_mm256_add_ps(c4, c5), _mm256_add_ps(c6, c7)));
    sum = _mm256_add_ps(sum, _mm256_add_ps(_mm256_add_ps(c8, c9), _mm256_add_ps(c10, c11)));
    float lanes[8];
    _mm256_storeu_ps(lanes, sum);
    *(float *) result = lanes[0]; /* used, so the chains are not optimized away */
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 0;
    if (threads < 1 || threads > 64) {
        fprintf(stderr, "usage: fma_peak THREADS (1-64), got %s\n", argc > 1 ? argv[1] : "nothing");
        return 2;
    }
    pthread_t ids[64];
    float results[64];
    for (int round = 0; round < 3; round++) {
        double t0 = now();
        for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, chains, &results[i]);
        for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
        double seconds = now() - t0;
        double perThread = ITERATIONS * CHAINS * 16.0 / seconds / 1e9; /* 8 lanes x 2 flops per FMA */
        printf("{\"threads\": %d, \"gflops\": %.1f, \"gflops_per_thread\": %.1f, \"ghz_at_2_fma_per_cycle\": %.2f}\n",
               threads, perThread * threads, perThread, perThread / 32);
    }
    return 0;
}
