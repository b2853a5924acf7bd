package org.seq4j.kernels;

/**
 * Single-precision GEMM on row-major {@code float[]} + offset + leading dimension:
 * {@code C = op(A) op(B)} or {@code C += op(A) op(B)}, with op(A) m x k and op(B) k x n.
 *
 * <pre>
 *   op(A)[i][p] = transA ? a[aOff + p*lda + i] : a[aOff + i*lda + p]
 *   op(B)[p][j] = transB ? b[bOff + j*ldb + p] : b[bOff + p*ldb + j]
 *   C[i][j]     = c[cOff + i*ldc + j]
 * </pre>
 *
 * When {@code accumulate} is false C is only written, never read (NaNs already in C do not leak).
 */
public final class MatMul {
    /** Rows of C per parallel chunk: fixed, so results do not depend on the thread count. */
    private static final int ROW_GRAIN = 16;

    private MatMul() {}

    /** {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when {@code accumulate}; multi-threaded via Parallel. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (Kernels.SCALAR) {
            gemmScalar(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        Parallel.forRange(m, ROW_GRAIN, (i0, i1) -> {
            float[] bCol = transB ? new float[k] : null;
            for (int i = i0; i < i1; i++) {
                int cRow = cOff + i * ldc;
                if (!accumulate) {
                    VectorMath.fill(0f, c, cRow, n);
                }
                if (!transB) {
                    for (int p = 0; p < k; p++) {
                        float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        VectorMath.axpy(aip, b, bOff + p * ldb, c, cRow, n);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        float s = 0f;
                        for (int p = 0; p < k; p++) {
                            float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                            s = Math.fma(aip, b[bOff + j * ldb + p], s);
                        }
                        c[cRow + j] += s;
                    }
                }
            }
        });
    }

    /**
     * Scalar twin of {@link #gemm}, single-threaded: the reference. Each element is
     * {@code C[i][j] (+)= sum_p op(A)[i][p] * op(B)[p][j]}, the sum rounded left to right from 0 in float.
     */
    public static void gemmScalar(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        float[] row = new float[n]; // (n) sums for one row of C
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) {
                    row[j] += aip * (transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                }
            }
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[cRow + j] = accumulate ? c[cRow + j] + row[j] : row[j];
            }
        }
    }

    /** Validates sizes and that every addressed element lies inside its array (so kernels can skip checks). */
    static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("Received invalid sizes for gemm, expected m, n, k >= 0, got m=" + m
                    + ", n=" + n + ", k=" + k);
        }
        checkMatrix("a", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("b", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("c", c, cOff, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < cols) {
            throw new IllegalArgumentException("Received an invalid leading dimension for `" + name
                    + "`, expected >= " + cols + " (its row length), got " + ld);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols; // one past the last element addressed
        if (off < 0 || last > x.length) {
            throw new IndexOutOfBoundsException("Matrix `" + name + "` (" + rows + " x " + cols + ", offset " + off
                    + ", leading dimension " + ld + ") needs elements up to index " + (last - 1)
                    + " but the array has length " + x.length);
        }
    }
}
