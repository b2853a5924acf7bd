package org.seq4j.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
 * <p>Every element is one fused multiply-add chain in the order p = 0, 1, ..., k-1, starting from C[i][j]
 * ({@code accumulate}) or from 0; so {@link #gemm} and {@link #gemmScalar} are bit-identical, and neither depends
 * on the thread count. When {@code accumulate} is false C is only written, never read.
 *
 * <p>How {@link #gemm} is fast (Goto's algorithm, row-major flavour): C is cut into tiles (the parallel chunks);
 * for each block of {@link #KC} values of p a tile packs its rows of op(A) into 8-row panels and its columns of
 * op(B) into 2-vector-wide panels, so the inner loop reads both sequentially whatever the transposes; then an
 * 8 x 2-vector register tile ({@link #kernel}) runs over the panels with 16 accumulators.
 */
public final class MatMul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile (broadcast values of A per step). */
    static final int MR = 8;
    /** Columns of the register tile: two vectors (32 floats with AVX-512). */
    static final int NR = 2 * L;
    /** Block of the k dimension: a packed B panel (KC x NR floats, 32 KiB) stays in L1 while A panels stream. */
    static final int KC = Integer.getInteger("seq4j.gemm.kc", 256);
    /** Largest tile: its packed A (MC x KC) and B (KC x NC) blocks, 512 KiB each, stay in L2. */
    static final int MC = 512;
    static final int NC = 512;
    /** Smallest work worth a tile of its own, in multiply-adds (about 30 µs at 2 threads): splits stop here. */
    static final long MIN_TILE_FMAS = Long.getLong("seq4j.gemm.minTile", 2_000_000);
    /** Tiles to aim for, for load balance when other processes share the cores (not the thread count). */
    static final int TARGET_TILES = Integer.getInteger("seq4j.gemm.tiles", 8);

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
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        Tiling t = Tiling.of(transA, transB, m, n, k);
        Parallel.forRange(t.rowTiles * t.colTiles, 1, (first, end) -> {
            for (int tile = first; tile < end; tile++) {
                int i0 = (tile / t.colTiles) * t.tileRows;
                int j0 = (tile % t.colTiles) * t.tileCols;
                gemmTile(transA, transB, Math.min(t.tileRows, m - i0), Math.min(t.tileCols, n - j0), k,
                        a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, i0, j0);
            }
        });
    }

    /**
     * How C is cut into parallel chunks: tiles of tileRows x tileCols (multiples of MR and NR). Depends only on the
     * shape. Splitting rows repacks B once more per tile row, splitting columns repacks A; we split the side whose
     * packing is a plain copy (B unless transB, A only if transA) while tiles keep at least MIN_TILE_FMAS.
     */
    record Tiling(int tileRows, int tileCols, int rowTiles, int colTiles) {
        static Tiling of(boolean transA, boolean transB, int m, int n, int k) {
            int rowPanels = ceilDiv(m, MR), colPanels = ceilDiv(n, NR);
            int rowTiles = ceilDiv(rowPanels, MC / MR), colTiles = ceilDiv(colPanels, NC / NR);
            boolean rowsCheap = !transB, colsCheap = transA;
            while ((long) rowTiles * colTiles < TARGET_TILES
                    && (long) m * n * k / ((long) rowTiles * colTiles) >= 2 * MIN_TILE_FMAS) {
                boolean canRows = rowTiles < rowPanels, canCols = colTiles < colPanels;
                double rowsPerTile = (double) m / rowTiles, colsPerTile = (double) n / colTiles;
                boolean splitRows = canRows && (!canCols || (rowsCheap && !colsCheap)
                        || (rowsCheap == colsCheap && rowsPerTile >= colsPerTile));
                if (splitRows) {
                    rowTiles++;
                } else if (canCols) {
                    colTiles++;
                } else {
                    break;
                }
            }
            int tileRows = ceilDiv(rowPanels, rowTiles) * MR, tileCols = ceilDiv(colPanels, colTiles) * NR;
            return new Tiling(tileRows, tileCols, ceilDiv(m, tileRows), ceilDiv(n, tileCols));
        }
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        float[] a = new float[0]; // (MC/MR panels, KC, MR) packed rows of op(A)
        float[] b = new float[0]; // (NC/NR panels, KC, NR) packed columns of op(B)
        final float[] edge = new float[MR * NR]; // (MR, NR) a partial register tile of C

        float[] a(int size) {
            return a.length >= size ? a : (a = new float[size]);
        }

        float[] b(int size) {
            return b.length >= size ? b : (b = new float[size]);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** C[i0 .. i0+mt, j0 .. j0+nt) over the whole k, one KC block at a time. */
    private static void gemmTile(boolean transA, boolean transB, int mt, int nt, int k,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate, int i0, int j0) {
        Scratch s = SCRATCH.get();
        int rowPanels = ceilDiv(mt, MR), colPanels = ceilDiv(nt, NR);
        float[] ap = s.a(rowPanels * MR * Math.min(KC, k));
        float[] bp = s.b(colPanels * NR * Math.min(KC, k));
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean loadC = accumulate || p0 > 0;
            packA(transA, a, aOff, lda, i0, mt, p0, kc, ap);
            packB(transB, b, bOff, ldb, j0, nt, p0, kc, bp);
            for (int jp = 0; jp < colPanels; jp++) {
                int nr = Math.min(NR, nt - jp * NR);
                for (int ip = 0; ip < rowPanels; ip++) {
                    int mr = Math.min(MR, mt - ip * MR);
                    int cTile = cOff + (i0 + ip * MR) * ldc + j0 + jp * NR;
                    if (mr == MR && nr == NR) {
                        kernel(kc, ap, ip * MR * kc, bp, jp * NR * kc, c, cTile, ldc, loadC);
                    } else {
                        edgeTile(kc, ap, ip * MR * kc, bp, jp * NR * kc, c, cTile, ldc, loadC, mr, nr, s.edge);
                    }
                }
            }
        }
    }

    /**
     * The register tile: C[8 x NR] = (loadC ? C : 0) + Ap Bp, with Ap (kc, MR) and Bp (kc, NR) packed. Sixteen
     * accumulators (8 rows x 2 vectors) hide the FMA latency; each step loads 2 vectors of B and broadcasts 8
     * values of A. Written out by hand because vectors cannot live in arrays.
     */
    private static void kernel(int kc, float[] ap, int aOff, float[] bp, int bOff,
                               float[] c, int cOff, int ldc, boolean loadC) {
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc,
                o7 = o6 + ldc;
        FloatVector c00 = start(c, o0, loadC), c01 = start(c, o0 + L, loadC);
        FloatVector c10 = start(c, o1, loadC), c11 = start(c, o1 + L, loadC);
        FloatVector c20 = start(c, o2, loadC), c21 = start(c, o2 + L, loadC);
        FloatVector c30 = start(c, o3, loadC), c31 = start(c, o3 + L, loadC);
        FloatVector c40 = start(c, o4, loadC), c41 = start(c, o4 + L, loadC);
        FloatVector c50 = start(c, o5, loadC), c51 = start(c, o5 + L, loadC);
        FloatVector c60 = start(c, o6, loadC), c61 = start(c, o6 + L, loadC);
        FloatVector c70 = start(c, o7, loadC), c71 = start(c, o7 + L, loadC);
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR, bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[ai]);     c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[ai + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[ai + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L);
    }

    private static FloatVector start(float[] c, int offset, boolean loadC) {
        return loadC ? FloatVector.fromArray(S, c, offset) : FloatVector.zero(S);
    }

    /** A register tile cut by the edge of C (mr < MR or nr < NR): run the kernel on a copy, copy the part back. */
    private static void edgeTile(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
                                 boolean loadC, int mr, int nr, float[] edge) {
        Arrays.fill(edge, 0f);
        if (loadC) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(c, cOff + r * ldc, edge, r * NR, nr);
            }
        }
        kernel(kc, ap, aOff, bp, bOff, edge, 0, NR, true); // 0 + a*b is exact: same chain as starting from 0
        for (int r = 0; r < mr; r++) {
            System.arraycopy(edge, r * NR, c, cOff + r * ldc, nr);
        }
    }

    /**
     * Packs op(A)[i0 .. i0+mt, p0 .. p0+kc) into panels of MR rows: {@code ap[(panel*kc + p)*MR + r]}, rows past
     * mt zero.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mt, int p0, int kc,
                              float[] ap) {
        for (int panel = 0; panel * MR < mt; panel++) {
            int rows = Math.min(MR, mt - panel * MR);
            int dst = panel * MR * kc;
            if (rows < MR) {
                Arrays.fill(ap, dst, dst + MR * kc, 0f);
            }
            int i = i0 + panel * MR;
            if (transA) { // op(A)[i][p] = a[p*lda + i]: MR consecutive values per p
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, aOff + (p0 + p) * lda + i, ap, dst + p * MR, rows);
                }
            } else { // op(A)[i][p] = a[i*lda + p]: one row of A per r, scattered with stride MR
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR + r] = a[src + p];
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc, j0 .. j0+nt) into panels of NR columns: {@code bp[(panel*kc + p)*NR + jj]}, columns
     * past nt zero.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int j0, int nt, int p0, int kc,
                              float[] bp) {
        for (int panel = 0; panel * NR < nt; panel++) {
            int cols = Math.min(NR, nt - panel * NR);
            int dst = panel * NR * kc;
            if (cols < NR) {
                Arrays.fill(bp, dst, dst + NR * kc, 0f);
            }
            int j = j0 + panel * NR;
            if (!transB) { // op(B)[p][j] = b[p*ldb + j]: NR consecutive values per p
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j;
                    if (cols == NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst + p * NR);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + p * NR + L);
                    } else {
                        System.arraycopy(b, src, bp, dst + p * NR, cols);
                    }
                }
            } else { // op(B)[p][j] = b[j*ldb + p]: one row of B per column jj, scattered with stride NR
                for (int jj = 0; jj < cols; jj++) {
                    int src = bOff + (j + jj) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR + jj] = b[src + p];
                    }
                }
            }
        }
    }

    /**
     * Scalar twin of {@link #gemm}, single-threaded: the reference. Each element is the fused multiply-add chain
     * {@code c = accumulate ? C[i][j] : 0; for p in 0..k-1: c = fma(op(A)[i][p], op(B)[p][j], c)}.
     */
    public static void gemmScalar(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, cRow, cRow + n, 0f);
            }
            for (int p = 0; p < k; p++) { // i-p-j order: the inner loop walks a row of C (and of B unless transB)
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) {
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    c[cRow + j] = Math.fma(aip, bpj, c[cRow + j]);
                }
            }
        }
    }

    /** Validates sizes and that every addressed element lies inside its array. */
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

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
