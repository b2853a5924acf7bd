package org.seq4j.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
 * <p>How {@link #gemm} is fast (Goto's algorithm, row-major flavour), per block of up to {@link #PACK_BUDGET}
 * floats of packed operands:
 * <ol>
 *   <li>one {@link Parallel#forRange} packs op(B) into panels of {@link #NR} columns and a transposed A into
 *       panels of {@link #MR} rows, so that the inner loop reads both sequentially (a row-major A is read in
 *       place, MR rows at a time; {@link #pack} packs a B once for many calls);</li>
 *   <li>a second one computes tiles of C (the parallel chunks, fixed by the shape): per {@link #KC} values of p,
 *       one B panel stays in L1 while an {@link #MR} x {@link #NR} register tile ({@link #kernel}, 16
 *       accumulators) runs down the A panels.</li>
 * </ol>
 */
public final class MatMul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** One row-slice of a packed A panel (up to 8 floats) as a vector, for the contiguous pack. */
    private static final VectorSpecies<Float> PANEL_A = FloatVector.SPECIES_256;
    /**
     * Rows of the register tile (broadcast values of A per step), chosen by the register file: the tile's
     * MR x 2 accumulators, two B vectors and a broadcast must fit in registers. AVX-512 has 32 vector registers:
     * 8 rows (16 accumulators). AVX2 has 16: 8 rows would need 19 and spill (every gemm shape ran at 74-98
     * GFLOP/s on 2 Zen 3 cores, half of OpenBLAS), so 6 rows (15 registers, the shape of BLIS's Haswell sgemm).
     */
    static final int MR = L >= 16 ? 8 : 6;
    /** The packs may copy a row of an A panel as one PANEL_A vector (AVX2, AVX-512). */
    private static final boolean WIDE = L >= 8;
    /** Columns of the register tile: two vectors (32 floats with AVX-512). */
    static final int NR = 2 * L;
    /**
     * Block of the k dimension: a packed B panel (KC x NR floats, 32 KiB) stays in L1 while A panels stream.
     * 2048^3, 1 thread, CPU time: KC 128: 98-117, 192: 107, 256: 112-134, 384: 83 GFLOP/s.
     */
    static final int KC = 256;
    /** Largest tile: its A block (MC x KC, 256 KiB) and B block (KC x NC, 512 KiB) stay in L2. */
    static final int MC = 256;
    static final int NC = 512;
    /** Smallest work worth a tile of its own, in multiply-adds (a few µs): splits stop here. */
    static final long MIN_TILE_FMAS = 500_000;
    /** Floats of packed operands per calling thread (16 MiB); k is packed in blocks that fit. */
    static final int PACK_BUDGET = 4 << 20;
    /** Tiles to aim for, for load balance (chunking must not depend on the thread count, so it is fixed). */
    static final int TARGET_TILES = 8;

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
        if (transA && !transB && k >= LONG_K && n >= 2 * NR) {
            longK(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        Plan plan = Plan.of(m, n, k);
        Packed packed = PACKED.get();
        float[] ap = transA ? packed.a(plan.rowPanels * MR * plan.ks) : null; // (rowPanels, ks, MR) rows of op(A)
        float[] bp = packed.b(plan.colPanels * NR * plan.ks); // (colPanels, ks, NR) columns of op(B)
        for (int kBlock = 0; kBlock < k; kBlock += plan.ks) {
            int k0 = kBlock, ks = Math.min(plan.ks, k - k0);
            boolean loadC = accumulate || k0 > 0;
            boolean inPlaceA = !transA; // row-major A is read in place: packing it (a gather) cost more than it saved
            int aTasks = inPlaceA ? 0 : packATasks(ks), bTasks = packBTasks(transB, plan.colPanels, ks);
            Parallel.forRange(aTasks + bTasks, 1, (first, end) -> {
                for (int task = first; task < end; task++) {
                    if (task < aTasks) {
                        packA(a, aOff, lda, m, k0, ks, task, ap);
                    } else {
                        packB(transB, b, bOff, ldb, n, k0, ks, task - aTasks, bp);
                    }
                }
            });
            Parallel.forRange(plan.rowTiles * plan.colTiles, 1, (first, end) -> {
                for (int tile = first; tile < end; tile++) {
                    int ip0 = (tile / plan.colTiles) * plan.tilePanelRows;
                    int jp0 = (tile % plan.colTiles) * plan.tilePanelCols;
                    int ip1 = Math.min(plan.rowPanels, ip0 + plan.tilePanelRows);
                    int jp1 = Math.min(plan.colPanels, jp0 + plan.tilePanelCols);
                    if (inPlaceA) {
                        tiles(m, n, ks, a, aOff + k0, MR * lda, lda, 1, bp, c, cOff, ldc, loadC, ip0, ip1, jp0, jp1);
                    } else {
                        gemmTile(m, n, ks, ap, bp, c, cOff, ldc, loadC, ip0, ip1, jp0, jp1);
                    }
                }
            });
        }
    }

    /**
     * From this k on, a transposed-A product (a weight gradient over every packed step) takes {@link #longK}. 1,024
     * rather than 4,096: the weight gradients come in chunks of 4,096 rows and more, all but the last of a batch; the
     * last (a few hundred to 4,095 rows) took the general path. imdb-lstm training, pairs: 0.989 ×, 0.993 × (the
     * other order); the weight product 344 → 330, 343 → 337 ms per round.
     */
    static final int LONG_K = 1024;
    /** Rows of k packed and consumed at a time by {@link #longK}: both packed chunks stay in the core's L2. */
    static final int LONG_KC = Integer.getInteger("seq4j.gemm.longKc", 256);

    /**
     * C (+)= Aᵀ·B with a long k, the weight gradients [X̃ | H̃]ᵀ·dA of a recurrent layer (k = every packed step of
     * the batch). The threads split C by column panels, once; each packs its own share chunk by chunk, LONG_KC rows
     * of k at a time (all of op(A), {@link #packARows}, and its columns of B), and runs its tiles over the chunk
     * right away, while the packed chunk is in its L2. The general path packs a whole PACK_BUDGET block with both
     * threads, waits, and then reads the block back from L3, with two barriers per block. Each element is the same
     * fma chain over k in order, so the results are the bits of {@link #gemm}'s general path and do not depend on the
     * thread count.
     */
    private static void longK(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        int rowPanels = ceilDiv(m, MR), colPanels = ceilDiv(n, NR);
        int groups = Math.min(colPanels, Parallel.threadsAvailable()); // 1 inside a Bidirectional direction
        Parallel.forRange(groups, 1, (g0, g1) -> {
            for (int g = g0; g < g1; g++) {
                int jp0 = colPanels * g / groups, jp1 = colPanels * (g + 1) / groups;
                int j0 = jp0 * NR, cols = Math.min(n, jp1 * NR) - j0;
                Packed packed = PACKED.get();
                float[] ap = packed.a(rowPanels * (MR * LONG_KC + PANEL_PAD));
                float[] bp = packed.b((jp1 - jp0) * NR * LONG_KC);
                for (int k0 = 0; k0 < k; k0 += LONG_KC) {
                    int kc = Math.min(LONG_KC, k - k0), aPanel = kc * MR + PANEL_PAD;
                    packARows(a, aOff, lda, m, k0, kc, ap, aPanel);
                    for (int task = 0; task < packBTasks(false, jp1 - jp0, kc); task++) {
                        packB(false, b, bOff + j0, ldb, cols, k0, kc, task, bp);
                    }
                    tiles(m, cols, kc, ap, 0, aPanel, 1, MR, bp, c, cOff + j0, ldc, accumulate || k0 > 0, 0, rowPanels,
                            0, jp1 - jp0);
                }
            }
        });
    }

    /**
     * Floats after each panel of {@link #packARows} (one cache line): room for the last row's overlapping store, and
     * without it the panels (kc·MR floats: 6 KiB or 8 KiB) would start at only one or two offsets within 4 KiB, so
     * that the row-by-row writes into all of them would compete for the same few L1 sets.
     */
    static final int PANEL_PAD = 16;

    /**
     * Packs a transposed A, op(A)[0 .. m, k0 .. k0+kc), for {@link #longK}: {@code ap[panel*aPanel + p*MR + r]} =
     * op(A)[panel*MR + r][k0 + p], rows past m zero. Row by row of the source, each read once, in order: a weight
     * product's H̃ comes from memory, and read in sequence the prefetcher streams it, where {@link #packA}'s panel by
     * panel order reads a few floats of every row per panel. The long-k product from memory, 128 × 512 × 4,096,
     * 2 threads: 123.8 → 139.6 and 140.0 → 151.9 GFLOP/s (skipping this pack altogether: 158).
     */
    private static void packARows(float[] a, int aOff, int lda, int m, int k0, int kc, float[] ap, int aPanel) {
        int wide = !WIDE || m < 8 ? 0 : (m - 8) / MR + 1; // panels copied as one 8-wide vector (it stays in the row)
        for (int p = 0; p < kc; p++) {
            int src = aOff + (k0 + p) * lda, dst = p * MR;
            int panel = 0;
            for (; panel < wide; panel++) { // MR < 8: the store runs into row p + 1's slot (written next) or the pad
                FloatVector.fromArray(PANEL_A, a, src + panel * MR).intoArray(ap, panel * aPanel + dst);
            }
            for (int i = panel * MR; i < m; i += MR, panel++) {
                copyAndPad(a, src + i, ap, panel * aPanel + dst, Math.min(MR, m - i), MR);
            }
        }
    }

    /**
     * op(B) packed once for many products with it: a recurrent kernel U, multiplied by a new h at every time step
     * (and Uᵀ by the gradients in backward). It holds the panels of all of k (no PACK_BUDGET blocks: k·n floats,
     * as many as B itself) and refers to B for the scalar path, so B must not change while this is in use.
     */
    public static final class PackedB {
        final boolean transB;
        final int k, n;
        final float[] b;
        final int bOff, ldb;
        final float[] panels; // (colPanels, k, NR); null with the scalar kernels

        private PackedB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] panels) {
            this.transB = transB;
            this.k = k;
            this.n = n;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.panels = panels;
        }

        /** Rows of op(B). */
        public int k() {
            return k;
        }

        /** Columns of op(B). */
        public int n() {
            return n;
        }
    }

    /** Packs op(B) (k x n) for {@link #gemm(int, float[], int, int, PackedB, float[], int, int, boolean)}. */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("Received invalid sizes for pack, expected k, n >= 0, got k=" + k
                    + ", n=" + n);
        }
        checkMatrix("b", b, bOff, ldb, transB ? n : k, transB ? k : n);
        if (Kernels.SCALAR || k == 0 || n == 0) {
            return new PackedB(transB, k, n, b, bOff, ldb, null);
        }
        int colPanels = ceilDiv(n, NR);
        float[] bp = new float[colPanels * NR * k];
        Parallel.forRange(packBTasks(transB, colPanels, k), 1, (first, end) -> {
            for (int task = first; task < end; task++) packB(transB, b, bOff, ldb, n, 0, k, task, bp);
        });
        return new PackedB(transB, k, n, b, bOff, ldb, bp);
    }

    /**
     * {@code C = A op(B)}, or {@code C += A op(B)} when {@code accumulate}, with A (m x k, row-major, not
     * transposed) read in place and op(B) packed beforehand by {@link #pack}. The same fused multiply-add chains as
     * {@link #gemm}, so the results are bit-identical to it; what it saves is packing either operand, which for the
     * small products of a time step costs as much as the arithmetic.
     */
    public static void gemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        int n = b.n, k = b.k;
        if (b.panels == null) {
            gemm(false, b.transB, m, n, k, a, aOff, lda, b.b, b.bOff, b.ldb, c, cOff, ldc, accumulate);
            return;
        }
        checkMatrix("a", a, aOff, lda, m, k);
        checkMatrix("c", c, cOff, ldc, m, n);
        if (m == 0) {
            return;
        }
        Plan plan = Plan.of(m, n, k);
        float[] bp = b.panels;
        Parallel.forRange(plan.rowTiles * plan.colTiles, 1, (first, end) -> {
            for (int tile = first; tile < end; tile++) {
                int ip0 = (tile / plan.colTiles) * plan.tilePanelRows;
                int jp0 = (tile % plan.colTiles) * plan.tilePanelCols;
                tiles(m, n, k, a, aOff, MR * lda, lda, 1, bp, c, cOff, ldc, accumulate, ip0,
                        Math.min(plan.rowPanels, ip0 + plan.tilePanelRows), jp0,
                        Math.min(plan.colPanels, jp0 + plan.tilePanelCols));
            }
        });
    }

    /**
     * How a call is cut up; depends only on the shape. op(A) and op(B) are packed {@code ks} values of p at a time
     * (bounded memory: PACK_BUDGET floats); C is cut into tiles of tilePanelRows x tilePanelCols register tiles, the
     * parallel chunks, small enough to balance TARGET_TILES ways but at least MIN_TILE_FMAS each.
     */
    record Plan(int rowPanels, int colPanels, int ks, int tilePanelRows, int tilePanelCols, int rowTiles,
                int colTiles) {
        static Plan of(int m, int n, int k) {
            int rowPanels = ceilDiv(m, MR), colPanels = ceilDiv(n, NR);
            int ks = Math.max(KC, PACK_BUDGET / (rowPanels * MR + colPanels * NR) / KC * KC);
            ks = Math.min(ks, k);
            int tileRows = Math.min(rowPanels, MC / MR), tileCols = Math.min(colPanels, NC / NR);
            while ((long) ceilDiv(rowPanels, tileRows) * ceilDiv(colPanels, tileCols) < TARGET_TILES
                    && (long) tileRows * MR * tileCols * NR * k >= 2 * MIN_TILE_FMAS) {
                if (tileRows * MR >= tileCols * NR && tileRows > 1) {
                    tileRows = ceilDiv(tileRows, 2);
                } else if (tileCols > 1) {
                    tileCols = ceilDiv(tileCols, 2);
                } else {
                    break;
                }
            }
            return new Plan(rowPanels, colPanels, ks, tileRows, tileCols, ceilDiv(rowPanels, tileRows),
                    ceilDiv(colPanels, tileCols));
        }
    }

    /** The calling thread's packed operands, grown on demand and reused across calls (read by the workers). */
    private static final class Packed {
        float[] a = new float[0];
        float[] b = new float[0];

        float[] a(int size) {
            return a.length >= size ? a : (a = new float[size]);
        }

        float[] b(int size) {
            return b.length >= size ? b : (b = new float[size]);
        }
    }

    private static final ThreadLocal<Packed> PACKED = ThreadLocal.withInitial(Packed::new);
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    /**
     * Register tiles [ip0, ip1) x [jp0, jp1) of C over one packed block of ks values of p, KC at a time. Column
     * panels outside, row panels inside: one B panel (KC x NR, 32 KiB) stays in L1 while the A panels (8 KiB
     * each) stream from L2. Measured against the other order, 1 thread, CPU time: 256^3 193 vs 160,
     * 128x512x128 180 vs 162, 192x512x25600 TN 158 vs 151 GFLOP/s (tile phase only).
     */
    private static void gemmTile(int m, int n, int ks, float[] ap, float[] bp, float[] c, int cOff, int ldc,
                                 boolean loadC, int ip0, int ip1, int jp0, int jp1) {
        tiles(m, n, ks, ap, 0, ks * MR, 1, MR, bp, c, cOff, ldc, loadC, ip0, ip1, jp0, jp1);
    }

    /**
     * The tile loop of {@link #gemmTile} for an A read in place or packed: row r, step p of row panel ip is
     * {@code a[aOff + ip*aPanel + r*aRow + p*aStep]} (packed: aPanel = ks*MR, aRow = 1, aStep = MR; a row-major
     * A read in place: aPanel = MR*lda, aRow = lda, aStep = 1).
     */
    private static void tiles(int m, int n, int ks, float[] a, int aOff, int aPanel, int aRow, int aStep,
                              float[] bp, float[] c, int cOff, int ldc, boolean loadC, int ip0, int ip1, int jp0,
                              int jp1) {
        int lastRows = Math.min(MR, m - (ip1 - 1) * MR);
        boolean pairs = aStep == 1 && 2 * ceilDiv(lastRows, 2) < MR; // the last row panel in row pairs (see below)
        for (int pc = 0; pc < ks; pc += KC) {
            int kc = Math.min(KC, ks - pc);
            boolean load = loadC || pc > 0;
            for (int jp = jp0; jp < jp1; jp++) {
                for (int ip = ip0; ip < ip1; ip++) {
                    int aPc = aOff + ip * aPanel + pc * aStep;
                    if (pairs && ip == ip1 - 1 && pairedColumns(n, jp0, jp1, jp - ((jp - jp0) & 1))) {
                        if (((jp - jp0) & 1) == 1) { // the even panel jp - 1 waited for this one
                            rowPairs(kc, a, aPc, aRow, lastRows, bp, ((jp - 1) * ks + pc) * NR, (jp * ks + pc) * NR,
                                    c, cOff + ip * MR * ldc + (jp - 1) * NR, ldc, load);
                        }
                        continue;
                    }
                    registerTile(m, n, kc, a, aPc, aRow, aStep, bp, (jp * ks + pc) * NR, c, cOff, ldc, load, ip, jp);
                }
            }
        }
    }

    /** Whether column panels jp and jp + 1 (jp at an even distance from jp0) are both in range and whole. */
    private static boolean pairedColumns(int n, int jp0, int jp1, int jp) {
        return jp + 1 < jp1 && (jp + 2) * NR <= n;
    }

    /**
     * The last, partial row panel of an in-place A with few rows (a 128-row batch ends in a panel of 2 rows with
     * MR = 6), over two whole column panels at once: rows two at a time, each pair with 8 accumulators (2 rows × 4
     * vectors), enough independent chains to keep both FMA pipes busy. The full kernel would spend a whole panel's
     * work on them (plus the copies of {@link #edgeTile}): one step product 128 × 512 × 128 took 190.6 µs against
     * 179.7 µs for 126 rows, 11 µs for 2 rows where a full panel of 6 takes 8.6. The same fma chain per element as
     * {@link #kernel6}, so the same bits.
     */
    private static void rowPairs(int kc, float[] a, int aOff, int aRow, int rows, float[] bp, int bLeft, int bRight,
                                 float[] c, int cOff, int ldc, boolean loadC) {
        for (int r = 0; r < rows; r += 2) {
            boolean two = r + 1 < rows;
            int a0 = aOff + r * aRow;
            kernelRowPair(kc, a, a0, two ? a0 + aRow : a0, two, bp, bLeft, bRight, c, cOff + r * ldc, ldc, loadC);
        }
    }

    /** C rows o0 (and o0 + ldc when {@code two}), columns [0, 2 NR): A rows a0, a1 times B panels bLeft, bRight. */
    private static void kernelRowPair(int kc, float[] a, int a0, int a1, boolean two, float[] bp, int bLeft,
                                      int bRight, float[] c, int o0, int ldc, boolean loadC) {
        int o1 = two ? o0 + ldc : o0;
        FloatVector c00 = start(c, o0, loadC), c01 = start(c, o0 + L, loadC);
        FloatVector c02 = start(c, o0 + NR, loadC), c03 = start(c, o0 + NR + L, loadC);
        FloatVector c10 = start(c, o1, loadC), c11 = start(c, o1 + L, loadC);
        FloatVector c12 = start(c, o1 + NR, loadC), c13 = start(c, o1 + NR + L, loadC);
        for (int p = 0; p < kc; p++) {
            int bl = bLeft + p * NR, br = bRight + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bl), b1 = FloatVector.fromArray(S, bp, bl + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, br), b3 = FloatVector.fromArray(S, bp, br + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            FloatVector y = FloatVector.broadcast(S, a[a1 + p]);
            c10 = y.fma(b0, c10); c11 = y.fma(b1, c11); c12 = y.fma(b2, c12); c13 = y.fma(b3, c13);
        }
        if (two) {
            c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + NR); c13.intoArray(c, o1 + NR + L);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + NR); c03.intoArray(c, o0 + NR + L);
    }

    private static void registerTile(int m, int n, int kc, float[] a, int aOff, int aRow, int aStep, float[] bp,
                                     int bOff, float[] c, int cOff, int ldc, boolean loadC, int ip, int jp) {
        int mr = Math.min(MR, m - ip * MR), nr = Math.min(NR, n - jp * NR);
        int cTile = cOff + ip * MR * ldc + jp * NR;
        if (mr < MR && aStep == 1 && 4 * mr < MR) {
            // one row of an in-place A without a pair of whole column panels for rowPairs: no work on absent rows
            rowsTile(kc, a, aOff, aRow, bp, bOff, c, cTile, ldc, loadC, mr, nr);
            return;
        }
        if (mr == MR && nr == NR) {
            tile(kc, a, aOff, aRow, aStep, MR, bp, bOff, c, cTile, ldc, loadC);
        } else { // a packed A has zero rows past m; an in-place A has none, so the kernel repeats its last row
            edgeTile(kc, a, aOff, aRow, aStep, aStep == 1 ? mr : MR, bp, bOff, c, cTile, ldc, loadC, mr, nr,
                    EDGE.get());
        }
    }

    /**
     * The register tile for this machine's MR: {@link #kernel} (8 rows) or {@link #kernel6} (6 rows); A rows past
     * {@code rows} repeat row {@code rows − 1} (their results are not kept).
     */
    private static void tile(int kc, float[] ap, int aOff, int aRow, int aStep, int rows, float[] bp, int bOff,
                             float[] c, int cOff, int ldc, boolean loadC) {
        if (MR == 8) {
            kernel(kc, ap, aOff, aRow, aStep, rows, bp, bOff, c, cOff, ldc, loadC);
        } else {
            kernel6(kc, ap, aOff, aRow, aStep, rows, bp, bOff, c, cOff, ldc, loadC);
        }
    }

    /**
     * The register tile: C[8 x NR] = (loadC ? C : 0) + Ap Bp, with Ap (kc, MR) and Bp (kc, NR) packed. Sixteen
     * accumulators (8 rows x 2 vectors) hide the FMA latency; each step loads 2 vectors of B and broadcasts 8
     * values of A. Written out by hand because vectors cannot live in arrays.
     */
    static void kernel(int kc, float[] ap, int aOff, int aRow, int aStep, int rows, float[] bp, int bOff,
                       float[] c, int cOff, int ldc, boolean loadC) {
        if (aStep == 1) {
            kernel8InPlace(kc, ap, aOff, aRow, rows, bp, bOff, c, cOff, ldc, loadC);
        } else {
            kernel8Packed(kc, ap, aOff, aRow, rows, bp, bOff, c, cOff, ldc, loadC);
        }
    }

    /** {@link #kernel} over an A read in place (step 1 along p). */
    private static void kernel8InPlace(int kc, float[] ap, int aOff, int aRow, int rows, float[] bp, int bOff,
                                       float[] c, int cOff, int ldc, boolean loadC) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * aRow, a2 = aOff + Math.min(2, last) * aRow,
                a3 = aOff + Math.min(3, last) * aRow, a4 = aOff + Math.min(4, last) * aRow,
                a5 = aOff + Math.min(5, last) * aRow, a6 = aOff + Math.min(6, last) * aRow,
                a7 = aOff + Math.min(7, last) * aRow;
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
            int ai = p, bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a0 + ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a1 + ai]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a2 + ai]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a3 + ai]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a4 + ai]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a5 + ai]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a6 + ai]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a7 + ai]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
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

    /** {@link #kernel} over a packed A panel (step 8 along p: C2 drops the bounds checks of the constant stride). */
    private static void kernel8Packed(int kc, float[] ap, int aOff, int aRow, int rows, float[] bp, int bOff,
                                      float[] c, int cOff, int ldc, boolean loadC) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * aRow, a2 = aOff + Math.min(2, last) * aRow,
                a3 = aOff + Math.min(3, last) * aRow, a4 = aOff + Math.min(4, last) * aRow,
                a5 = aOff + Math.min(5, last) * aRow, a6 = aOff + Math.min(6, last) * aRow,
                a7 = aOff + Math.min(7, last) * aRow;
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
            int ai = p * 8, bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a0 + ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a1 + ai]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a2 + ai]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a3 + ai]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a4 + ai]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a5 + ai]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a6 + ai]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a7 + ai]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
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

    /**
     * The register tile for 16 vector registers (AVX2): C[6 x NR] = (loadC ? C : 0) + Ap Bp, twelve accumulators,
     * two B vectors and one broadcast. Same fused multiply-add chain per element as {@link #kernel}.
     *
     * <p>Each layout of A has its own copy of the loop ({@link #kernel6InPlace}, {@link #kernel6Packed}; likewise
     * {@link #kernel}), not one loop with {@code ai = inPlace ? p : p * 6}: C2 compiles a loop for the branch profile
     * it has seen, and once the step products (A in place) and the weight products (A packed) had both run through
     * one loop, the packed products ran ~12 % slower than in a process that had run only them (128 × 512 × 4,096,
     * 2 threads, after 4 s of in-place products: 142.8 against 153.5 GFLOP/s; split: 155.6 and 154.0). This was the
     * weight product's "in-place loss" in training: imdb-lstm pairs 0.947 ×, 0.956 × (the other order), dU 322 → 277
     * and 313 → 266 ms per round.
     */
    static void kernel6(int kc, float[] ap, int aOff, int aRow, int aStep, int rows, float[] bp, int bOff,
                        float[] c, int cOff, int ldc, boolean loadC) {
        if (aStep == 1) {
            kernel6InPlace(kc, ap, aOff, aRow, rows, bp, bOff, c, cOff, ldc, loadC);
        } else {
            kernel6Packed(kc, ap, aOff, aRow, rows, bp, bOff, c, cOff, ldc, loadC);
        }
    }

    /** {@link #kernel6} over an A read in place (step 1 along p). */
    private static void kernel6InPlace(int kc, float[] ap, int aOff, int aRow, int rows, float[] bp, int bOff,
                                       float[] c, int cOff, int ldc, boolean loadC) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * aRow, a2 = aOff + Math.min(2, last) * aRow,
                a3 = aOff + Math.min(3, last) * aRow, a4 = aOff + Math.min(4, last) * aRow,
                a5 = aOff + Math.min(5, last) * aRow;
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        FloatVector c00 = start(c, o0, loadC), c01 = start(c, o0 + L, loadC);
        FloatVector c10 = start(c, o1, loadC), c11 = start(c, o1 + L, loadC);
        FloatVector c20 = start(c, o2, loadC), c21 = start(c, o2 + L, loadC);
        FloatVector c30 = start(c, o3, loadC), c31 = start(c, o3 + L, loadC);
        FloatVector c40 = start(c, o4, loadC), c41 = start(c, o4 + L, loadC);
        FloatVector c50 = start(c, o5, loadC), c51 = start(c, o5 + L, loadC);
        for (int p = 0; p < kc; p++) {
            int ai = p, bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a0 + ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a1 + ai]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a2 + ai]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a3 + ai]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a4 + ai]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a5 + ai]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
    }

    /** {@link #kernel6} over a packed A panel (step 6 along p: C2 drops the bounds checks of the constant stride). */
    private static void kernel6Packed(int kc, float[] ap, int aOff, int aRow, int rows, float[] bp, int bOff,
                                      float[] c, int cOff, int ldc, boolean loadC) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * aRow, a2 = aOff + Math.min(2, last) * aRow,
                a3 = aOff + Math.min(3, last) * aRow, a4 = aOff + Math.min(4, last) * aRow,
                a5 = aOff + Math.min(5, last) * aRow;
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        FloatVector c00 = start(c, o0, loadC), c01 = start(c, o0 + L, loadC);
        FloatVector c10 = start(c, o1, loadC), c11 = start(c, o1 + L, loadC);
        FloatVector c20 = start(c, o2, loadC), c21 = start(c, o2 + L, loadC);
        FloatVector c30 = start(c, o3, loadC), c31 = start(c, o3 + L, loadC);
        FloatVector c40 = start(c, o4, loadC), c41 = start(c, o4 + L, loadC);
        FloatVector c50 = start(c, o5, loadC), c51 = start(c, o5 + L, loadC);
        for (int p = 0; p < kc; p++) {
            int ai = p * 6, bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a0 + ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a1 + ai]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a2 + ai]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a3 + ai]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a4 + ai]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a5 + ai]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
    }

    private static FloatVector start(float[] c, int offset, boolean loadC) {
        return loadC ? FloatVector.fromArray(S, c, offset) : FloatVector.zero(S);
    }

    /**
     * The last, partial row panel of an in-place A when it has under MR/4 rows and {@link #rowPairs} cannot take
     * it (its column panel has no whole neighbour to pair with: an odd last panel, or one cut by the edge of C):
     * each row on its own, two accumulators of NR columns (masked at the edge of C), so no work is spent on rows
     * that do not exist. Two dependent FMA chains run at about a quarter of the full tile's rate, so bigger partial
     * panels take the full kernel there (a group of 64 rows ends in a panel of 4: with this path for it,
     * single-threaded 64-row step products lost ~20 %). The same fused multiply-add chain per element as
     * {@link #kernel}.
     */
    private static void rowsTile(int kc, float[] a, int aOff, int aRow, float[] bp, int bOff, float[] c, int cOff,
                                 int ldc, boolean loadC, int mr, int nr) {
        VectorMask<Float> m0 = S.indexInRange(0, nr), m1 = S.indexInRange(L, nr);
        for (int r = 0; r < mr; r++) {
            int ar = aOff + r * aRow, o = cOff + r * ldc;
            FloatVector c0 = loadC ? FloatVector.fromArray(S, c, o, m0) : FloatVector.zero(S);
            FloatVector c1 = loadC ? FloatVector.fromArray(S, c, o + L, m1) : FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                FloatVector x = FloatVector.broadcast(S, a[ar + p]);
                int bi = bOff + p * NR;
                c0 = x.fma(FloatVector.fromArray(S, bp, bi), c0);
                c1 = x.fma(FloatVector.fromArray(S, bp, bi + L), c1);
            }
            c0.intoArray(c, o, m0);
            c1.intoArray(c, o + L, m1);
        }
    }

    /** A register tile cut by the edge of C (mr < MR or nr < NR): run the kernel on a copy, copy the part back. */
    private static void edgeTile(int kc, float[] ap, int aOff, int aRow, int aStep, int rows, float[] bp, int bOff,
                                 float[] c, int cOff, int ldc, boolean loadC, int mr, int nr, float[] edge) {
        Arrays.fill(edge, 0f);
        if (loadC) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(c, cOff + r * ldc, edge, r * NR, nr);
            }
        }
        tile(kc, ap, aOff, aRow, aStep, rows, bp, bOff, edge, 0, NR, true); // 0 + a*b is exact: same chain as starting from 0
        for (int r = 0; r < mr; r++) {
            System.arraycopy(edge, r * NR, c, cOff + r * ldc, nr);
        }
    }

    /**
     * Packing is split into tasks for Parallel: a contiguous copy (op(A) when transA, op(B) unless transB) goes
     * row by row of the source, PACK_ROWS values of p per task, so that every source row is read once, in order;
     * a transposing pack of B goes panel by panel, one task each, and gathers (16 source rows at a time). A
     * row-major A is not packed at all: the kernel reads its MR rows in place (as fast or faster on every shape we
     * time, and 83 -> 154 GFLOP/s on the LSTM's dX = dA·Wᵀ, 29440x64x512, whose gather pack was the bottleneck).
     */
    static final int PACK_ROWS = 64;

    static int packATasks(int ks) {
        return ceilDiv(ks, PACK_ROWS);
    }

    static int packBTasks(boolean transB, int colPanels, int ks) {
        return transB ? colPanels : ceilDiv(ks, PACK_ROWS);
    }

    /**
     * Packs a transposed A, op(A)[0 .. m, k0 .. k0+ks), into {@code ap[(panel*ks + p)*MR + r]} =
     * op(A)[panel*MR + r][k0 + p], rows past m zero; this call does one task of {@link #packATasks}.
     */
    private static void packA(float[] a, int aOff, int lda, int m, int k0, int ks, int task, float[] ap) {
        // op(A)[i][p] = a[p*lda + i]: source rows p hold MR consecutive values of each panel
        int p0 = task * PACK_ROWS, p1 = Math.min(ks, p0 + PACK_ROWS);
        for (int i = 0; i < m; i += MR) { // panel by panel, so that writes are sequential (panels are 4 KiB
            int dst = ((i / MR) * ks + p0) * MR; // apart: row by row, they would all hit one cache set)
            int src = aOff + (k0 + p0) * lda + i;
            for (int p = p0; p < p1; p++, dst += MR, src += lda) {
                if (i + 8 <= m && WIDE && (MR == 8 || p + 1 < p1)) {
                    // MR < 8: the 8-wide store runs into the next row's slot, which that row overwrites next; the
                    // task's last row (whose next slot another task writes) takes the exact copy below
                    FloatVector.fromArray(PANEL_A, a, src).intoArray(ap, dst);
                } else if (i + MR <= m) {
                    System.arraycopy(a, src, ap, dst, MR);
                } else {
                    copyAndPad(a, src, ap, dst, Math.min(MR, m - i), MR);
                }
            }
        }
    }

    /**
     * Packs op(B)[k0 .. k0+ks, 0 .. n) into {@code bp[(panel*ks + p)*NR + jj]} = op(B)[k0 + p][panel*NR + jj],
     * columns past n zero; this call does one task of {@link #packBTasks}.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int n, int k0, int ks, int task,
                              float[] bp) {
        if (!transB) { // op(B)[p][j] = b[p*ldb + j]: source rows p hold NR consecutive values of each panel
            int p0 = task * PACK_ROWS, p1 = Math.min(ks, p0 + PACK_ROWS);
            for (int j = 0; j < n; j += NR) { // panel by panel: sequential writes (see packA)
                int dst = ((j / NR) * ks + p0) * NR;
                int src = bOff + (k0 + p0) * ldb + j;
                for (int p = p0; p < p1; p++, dst += NR, src += ldb) {
                    if (j + NR <= n) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    } else {
                        copyAndPad(b, src, bp, dst, n - j, NR);
                    }
                }
            }
        } else { // op(B)[p][j] = b[j*ldb + p]: a transpose; gather L source rows per vector, two vectors per p
            int panel = task, j = panel * NR, cols = Math.min(NR, n - j);
            int src = bOff + j * ldb + k0, dst = panel * ks * NR;
            int[] index = new int[NR]; // lane jj <- row jj of the source; columns past n are masked (row 0)
            for (int jj = 0; jj < NR; jj++) {
                index[jj] = jj < cols ? jj * ldb : 0;
            }
            VectorMask<Float> valid0 = S.indexInRange(0, cols), valid1 = S.indexInRange(L, cols);
            for (int p = 0; p < ks; p++) {
                FloatVector.fromArray(S, b, src + p, index, 0, valid0).intoArray(bp, dst + p * NR);
                FloatVector.fromArray(S, b, src + p, index, L, valid1).intoArray(bp, dst + p * NR + L);
            }
        }
    }

    private static void copyAndPad(float[] src, int from, float[] dst, int to, int count, int width) {
        System.arraycopy(src, from, dst, to, count);
        Arrays.fill(dst, to + count, to + width, 0f);
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
