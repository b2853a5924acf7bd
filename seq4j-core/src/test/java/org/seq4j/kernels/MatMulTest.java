package org.seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gemmScalar against a naive triple loop in double, gemm bit for bit against gemmScalar (both are one fma chain per
 * element), over every transpose combination, with offsets and padded leading dimensions; plus bit-identical
 * results for 1 and 2 threads.
 */
class MatMulTest {
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** One gemm problem with padded, offset storage; C starts as random values (or NaN) outside and inside. */
    record Problem(boolean transA, boolean transB, int m, int n, int k, int aOff, int lda, int bOff, int ldb,
                   int cOff, int ldc, float[] a, float[] b, float[] c0) {

        static Problem random(boolean transA, boolean transB, int m, int n, int k, int pad, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
            int aOff = pad * 3, bOff = pad * 5, cOff = pad * 7;
            float[] a = randomArray(rnd, aOff + aRows * lda + pad);
            float[] b = randomArray(rnd, bOff + bRows * ldb + pad);
            float[] c = randomArray(rnd, cOff + m * ldc + pad);
            return new Problem(transA, transB, m, n, k, aOff, lda, bOff, ldb, cOff, ldc, a, b, c);
        }

        float opA(int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float opB(int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        float[] runGemm(boolean accumulate) {
            float[] c = c0.clone();
            MatMul.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c;
        }

        /** The pre-packed variant (A not transposed, read in place). */
        float[] runPacked(boolean accumulate) {
            float[] c = c0.clone();
            MatMul.PackedB packed = MatMul.pack(transB, k, n, b, bOff, ldb);
            MatMul.gemm(m, a, aOff, lda, packed, c, cOff, ldc, accumulate);
            return c;
        }

        float[] runScalar(boolean accumulate) {
            float[] c = c0.clone();
            MatMul.gemmScalar(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c;
        }

        /**
         * Checks {@code got} against the double-precision product: every element within a float rounding bound
         * (k+2 roundings of the magnitudes involved), and every element outside C untouched.
         */
        void check(String variant, boolean accumulate, float[] got) {
            boolean[] inC = new boolean[c0.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int idx = cOff + i * ldc + j;
                    inC[idx] = true;
                    double exact = accumulate ? c0[idx] : 0.0;
                    double magnitude = accumulate ? Math.abs(c0[idx]) : 0.0;
                    for (int p = 0; p < k; p++) {
                        exact += (double) opA(i, p) * opB(p, j);
                        magnitude += Math.abs((double) opA(i, p) * opB(p, j));
                    }
                    double bound = (k + 2) * 0x1p-24 * magnitude + 1e-30;
                    if (!(Math.abs(got[idx] - exact) <= bound)) {
                        fail(this + " " + variant + " accumulate=" + accumulate + ": C[" + i + "][" + j + "] = "
                                + got[idx] + ", expected " + exact + " within " + bound);
                    }
                }
            }
            for (int idx = 0; idx < c0.length; idx++) {
                if (!inC[idx] && Float.floatToRawIntBits(got[idx]) != Float.floatToRawIntBits(c0[idx])) {
                    fail(this + " " + variant + ": wrote outside C at index " + idx);
                }
            }
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k + " lda=" + lda
                    + " ldb=" + ldb + " ldc=" + ldc;
        }
    }

    static float[] randomArray(SplittableRandom rnd, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Sizes around the vector width and the kernel's register and cache blocks. */
    static List<int[]> shapes() {
        int[] small = {0, 1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 37};
        List<int[]> shapes = new ArrayList<>();
        for (int m : small) {
            for (int n : small) {
                for (int k : new int[] {0, 1, LANES + 1, 37}) {
                    shapes.add(new int[] {m, n, k});
                }
            }
        }
        shapes.add(new int[] {7, 3 * LANES - 1, 5});
        shapes.add(new int[] {13, 5 * LANES + 7, 3});
        shapes.add(new int[] {70, 130, 300});  // several row chunks, k larger than one cache block
        shapes.add(new int[] {33, 700, 61});   // n larger than one column block
        shapes.add(new int[] {5, 17, 1100});   // long k, as in dW = X^T dG
        shapes.add(new int[] {530, 9, 3});     // m larger than one row block
        return shapes;
    }

    @Test
    void matchesDoublePrecisionProductInAllTransposeCombinations() {
        long seed = 1;
        for (int[] s : shapes()) {
            for (int t = 0; t < 4; t++) {
                for (int pad : new int[] {0, 3}) {
                    Problem pr = Problem.random((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], pad, seed++);
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] scalar = pr.runScalar(acc);
                        pr.check("gemmScalar", acc, scalar);
                        // same fma chain per element: the vector kernel must agree bit for bit
                        assertArrayEquals(scalar, pr.runGemm(acc), pr + " accumulate=" + acc + ": gemm vs gemmScalar");
                    }
                }
            }
        }
    }

    /** A pre-packed op(B) with A read in place: the same chains as gemm, so bit-identical, at every edge. */
    @Test
    void prePackedBMatchesGemmBitForBit() {
        long seed = 500;
        List<int[]> shapes = new ArrayList<>(shapes());
        shapes.add(new int[] {128, 512, 128}); // the LSTM step forward
        shapes.add(new int[] {100, 128, 512}); // and backward
        shapes.add(new int[] {21, 384, 300});  // k beyond one cache block, m with an edge
        for (int[] s : shapes) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int pad : new int[] {0, 3}) {
                    Problem pr = Problem.random(false, transB, s[0], s[1], s[2], pad, seed++);
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] scalar = pr.runScalar(acc);
                        assertArrayEquals(scalar, pr.runPacked(acc), pr + " accumulate=" + acc + ": packed vs scalar");
                    }
                }
            }
        }
    }

    /** k beyond what gemm packs at once (MatMul.PACK_BUDGET floats), so C is carried over between k blocks. */
    @Test
    void longKIsPackedInSeveralBlocks() {
        int m = 9, n = 2 * LANES + 1, k = MatMul.PACK_BUDGET / (2 * MatMul.MR + 2 * MatMul.NR) + 1000;
        for (int t = 0; t < 4; t++) {
            Problem pr = Problem.random((t & 1) != 0, (t & 2) != 0, m, n, k, 1, 50 + t);
            float[] scalar = pr.runScalar(true);
            pr.check("gemmScalar", true, scalar);
            assertArrayEquals(scalar, pr.runGemm(true), pr + ": gemm vs gemmScalar");
        }
    }

    /**
     * A transposed A with a long k (a weight gradient over every packed step) takes MatMul.longK: columns split over
     * the threads, k packed in chunks; the same chains, so the bits of the scalar reference, for 1 and 2 threads,
     * with edges in every dimension.
     */
    @Test
    void longKTransposedAMatchesTheScalarChains() {
        int k = MatMul.LONG_K + MatMul.LONG_KC + 7;
        long seed = 300;
        for (int[] s : new int[][] {{13, 70}, {192, 2 * MatMul.NR}, {7, 5 * MatMul.NR + 3}}) {
            for (boolean acc : new boolean[] {false, true}) {
                Problem pr = Problem.random(true, false, s[0], s[1], k, 2, seed++);
                float[] scalar = pr.runScalar(acc);
                Parallel.setThreads(1);
                float[] one = pr.runGemm(acc);
                Parallel.setThreads(2);
                float[] two = pr.runGemm(acc);
                assertArrayEquals(scalar, one, pr + " accumulate=" + acc + ": 1 thread vs scalar");
                assertArrayEquals(scalar, two, pr + " accumulate=" + acc + ": 2 threads vs scalar");
            }
        }
    }

    /**
     * A row-major A whose last row panel is partial: its rows go in pairs over two column panels at once (MatMul's
     * rowPairs) where both are whole, through the edge tile otherwise; every row count of that panel, an even and an
     * odd number of column panels, a cut last panel, k across two KC blocks: the scalar chains bit for bit, packed or
     * not, 1 or 2 threads, and nothing written outside C.
     */
    @Test
    void partialLastRowPanelMatchesTheScalarChains() {
        long seed = 400;
        for (int rows = 0; rows < MatMul.MR; rows++) {
            for (int n : new int[] {4 * MatMul.NR, 3 * MatMul.NR, 3 * MatMul.NR + 5, 2 * MatMul.NR - 1}) {
                for (int k : new int[] {37, MatMul.KC + 5}) {
                    Problem pr = Problem.random(false, false, 2 * MatMul.MR + rows, n, k, 3, seed++);
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] scalar = pr.runScalar(acc);
                        pr.check("gemmScalar", acc, scalar);
                        for (int threads = 1; threads <= 2; threads++) {
                            Parallel.setThreads(threads);
                            float[] packed = pr.runPacked(acc), gemm = pr.runGemm(acc);
                            pr.check("packed", acc, packed);
                            assertArrayEquals(scalar, packed, pr + " accumulate=" + acc + " threads=" + threads
                                    + ": packed vs scalar");
                            assertArrayEquals(scalar, gemm, pr + " accumulate=" + acc + " threads=" + threads
                                    + ": gemm vs scalar");
                        }
                    }
                }
            }
        }
    }

    @Test
    void bitIdenticalForOneAndTwoThreadsAndAcrossRuns() {
        long seed = 100;
        for (int[] s : new int[][] {{130, 200, 70}, {128, 512, 128}, {64, 96, 1500}, {3, 1000, 20}}) {
            for (int t = 0; t < 4; t++) {
                Problem pr = Problem.random((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1, seed++);
                Parallel.setThreads(1);
                float[] one = pr.runGemm(true);
                Parallel.setThreads(2);
                float[] two = pr.runGemm(true);
                float[] twoAgain = pr.runGemm(true);
                assertArrayEquals(one, two, pr + ": 1 vs 2 threads");
                assertArrayEquals(two, twoAgain, pr + ": two runs with 2 threads");
            }
        }
    }

    /**
     * Both register tiles (8 rows for 32 vector registers, 6 for 16), whichever this machine uses, with every count
     * of valid A rows (the rest repeat the last one) and A read in place or packed: each element is the scalar fma
     * chain, bit for bit.
     */
    @Test
    void bothRegisterTilesMatchTheScalarChainForEveryRowCount() {
        SplittableRandom rnd = new SplittableRandom(3);
        int nr = MatMul.NR, kc = 37, lda = kc + 3, ldc = nr + 5;
        float[] b = randomArray(rnd, kc * nr);
        for (int mr : new int[] {6, 8}) {
            for (int rows = 1; rows <= mr; rows++) {
                for (boolean inPlace : new boolean[] {true, false}) {
                    for (boolean loadC : new boolean[] {false, true}) {
                        float[] a = randomArray(rnd, 2 + rows * lda);
                        int aOff = 2, aRow = inPlace ? lda : 1, aStep = inPlace ? 1 : mr;
                        if (!inPlace) { // packed panel (kc, MR): element (r, p) at p*MR + r
                            a = new float[2 + kc * mr];
                            for (int p = 0; p < kc; p++) for (int r = 0; r < rows; r++) a[2 + p * mr + r] = (float) rnd.nextDouble();
                        }
                        float[] c0 = randomArray(rnd, mr * ldc);
                        float[] c = c0.clone();
                        if (mr == 8) MatMul.kernel(kc, a, aOff, aRow, aStep, inPlace ? rows : mr, b, 0, c, 0, ldc, loadC);
                        else MatMul.kernel6(kc, a, aOff, aRow, aStep, inPlace ? rows : mr, b, 0, c, 0, ldc, loadC);
                        for (int r = 0; r < rows; r++) {
                            for (int j = 0; j < nr; j++) {
                                float want = loadC ? c0[r * ldc + j] : 0f;
                                for (int p = 0; p < kc; p++) {
                                    want = Math.fma(a[aOff + r * aRow + p * aStep], b[p * nr + j], want);
                                }
                                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(c[r * ldc + j]),
                                        "MR=" + mr + " rows=" + rows + " inPlace=" + inPlace + " loadC=" + loadC
                                                + " C[" + r + "][" + j + "]");
                            }
                            for (int j = nr; j < ldc; j++) {
                                assertEquals(c0[r * ldc + j], c[r * ldc + j], "wrote past the tile's columns");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void overwriteIgnoresNaNAlreadyInC() {
        Problem pr = Problem.random(false, false, 9, 2 * LANES + 1, 5, 0, 7);
        java.util.Arrays.fill(pr.c0, Float.NaN);
        float[] got = pr.runGemm(false);
        for (int i = 0; i < 9 * (2 * LANES + 1); i++) {
            assertEquals(false, Float.isNaN(got[i]), "NaN leaked into C at " + i);
        }
    }

    @Test
    void rejectsMatricesThatDoNotFit() {
        float[] x = new float[12];
        assertThrows(IllegalArgumentException.class,
                () -> MatMul.gemm(false, false, 3, 4, 3, x, 0, 2, x, 0, 4, x, 0, 4, false));
        assertThrows(IndexOutOfBoundsException.class,
                () -> MatMul.gemm(false, false, 3, 4, 3, x, 0, 3, x, 0, 4, new float[11], 0, 4, false));
        assertThrows(IllegalArgumentException.class,
                () -> MatMul.gemm(false, false, -1, 4, 3, x, 0, 3, x, 0, 4, x, 0, 4, false));
    }
}
