package org.seq4j.layers.rnn;

import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Kernels;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.VectorMath;

/**
 * The input-side gradients of a recurrent layer whose input is an embedding lookup, x̃_p = E[id_p] (no input
 * dropout), summed per vocabulary row before the products instead of after:
 * <pre>
 *   S_v   = Σ_{p : id_p = v} dA_p       (V', G)  one row per distinct id v of the batch
 *   dW   += E_{V'}ᵀ · S                 (I, G)   instead of X̃ᵀ·dA over all P packed rows
 *   dE_v += S_v · Wᵀ                    (V', I)  instead of dX̃ = dA·Wᵀ (P, I), then a scatter of P rows into dE
 * </pre>
 * The same sums regrouped: Σ_p x̃_pᵀ·dA_p = Σ_v E_vᵀ·(Σ_{p : id_p = v} dA_p), and likewise for dE. An IMDB batch has
 * ~30,000 real tokens but ~6,000 distinct ids, so both products shrink five-fold, for the price of adding each dA
 * row into S once (G additions per token against the 4·I·G multiply-adds it saves). dL/dx̃ never materialises:
 * the layer adds into the table's gradient itself, so the embedding op's per-token scatter has nothing to do.
 *
 * <p>Not the same bits as the per-token products (the sums are grouped differently): the gradients agree to float
 * rounding and against double-precision finite differences (LookupGradientsTest). Deterministic: S's rows are
 * summed in the fixed order the backward loop hands its chunks over, each by one task, so the bits do not depend on
 * the thread count.
 *
 * <p>Used when the batch repeats its ids enough to pay ({@link #of}: at least two tokens per distinct id) and the
 * forward looks x̃·W up ({@link ProjectedEmbedding}), so that no x̃ rows need keeping for backward at all; the
 * forward's table then holds only the batch's distinct rows of E·W ({@link #project}).
 */
final class LookupGradients {
    /** Off in tests that compare with the per-token products. */
    static boolean enabled = true;

    /** Distinct ids per parallel task of {@link #add}: fixed, so the bits do not depend on the thread count. */
    private static final int IDS_PER_TASK = 64;

    private final Variable table;
    private final int[] compact;  // (P) packed row -> index of its id among the distinct ids
    private final int[] distinct; // (V') the distinct ids, in order of first appearance in the packed rows
    private final int count;
    private float[] rows; // (V', I) E's rows of the distinct ids, gathered once (E does not change until the update)

    private LookupGradients(Variable table, int[] compact, int[] distinct, int count) {
        this.table = table;
        this.compact = compact;
        this.distinct = distinct;
        this.count = count;
    }

    /**
     * The distinct ids of a batch's real steps, or null when there are more than half as many as real steps (the
     * per-token products then cost about as much) or when switched off.
     */
    static LookupGradients of(Variable.Lookup lookup, Schedule sc) {
        if (!enabled) return null;
        int vocab = lookup.table().dim(0), rows = sc.rows;
        int[] slot = new int[vocab];
        Arrays.fill(slot, -1);
        int[] compact = new int[rows], distinct = new int[Math.min(rows, vocab)];
        int count = 0;
        for (int p = 0; p < rows; p++) {
            int id = lookup.ids()[sc.source[p]];
            if (slot[id] < 0) {
                slot[id] = count;
                distinct[count++] = id;
            }
            compact[p] = slot[id];
        }
        return 2L * count > rows ? null : new LookupGradients(lookup.table(), compact, distinct, count);
    }

    /**
     * The batch's rows of E·W, row k = E[id_k]·W (V', G): the forward's lookup table, built for the distinct ids
     * only (about half of IMDB's 10,000 rows per batch) and the same bits as those rows of
     * {@link ProjectedEmbedding}'s full table (each element is the same fma chain over I).
     */
    float[] project(Variable w, List<float[]> pooled) {
        int I = table.dim(1), G = w.dim(1);
        float[] out = BufferPool.take(count * G);
        pooled.add(out);
        MatMul.gemm(false, false, count, G, I, rows(pooled), 0, I, w.data(), 0, G, out, 0, G, false);
        return out;
    }

    /** For each of the n input positions (b·T + t), its id's row in {@link #project}'s table (0 if not a real step). */
    int[] positions(Schedule sc, int n) {
        int[] rowOf = new int[n];
        for (int p = 0; p < sc.rows; p++) rowOf[sc.source[p]] = compact[p];
        return rowOf;
    }

    private float[] rows(List<float[]> pooled) {
        if (rows == null) {
            int I = table.dim(1);
            float[] e = table.data();
            rows = BufferPool.take(count * I);
            pooled.add(rows);
            for (int k = 0; k < count; k++) System.arraycopy(e, distinct[k] * I, rows, k * I, I);
        }
        return rows;
    }

    /** Rows of S: one per distinct id. */
    int distinctIds() {
        return count;
    }

    /**
     * S (V', G) += the dA rows of packed rows [pLow, pHigh), each into its id's row. The chunk's rows are first
     * grouped by id (a counting sort), so that each S row is read and written once per chunk, its sum held in
     * registers while the group's dA rows (in L3: the backward loop has just written them) stream in; adding row by
     * row instead (a read-modify-write of a random 2 KB S row per token) cost three times as much. Tasks own whole
     * ids, and each group is summed in increasing p: the same bits on any number of threads.
     */
    void add(float[] da, int pLow, int pHigh, float[] sums, int G) {
        int[] first = new int[count + 1]; // rows of id k in the chunk: byId[first[k], first[k + 1])
        for (int p = pLow; p < pHigh; p++) first[compact[p] + 1]++;
        for (int k = 0; k < count; k++) first[k + 1] += first[k];
        int[] byId = new int[pHigh - pLow], next = Arrays.copyOf(first, count);
        for (int p = pLow; p < pHigh; p++) byId[next[compact[p]]++] = p;
        Parallel.forRange(count, IDS_PER_TASK, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                if (first[k] < first[k + 1]) sumRows(da, byId, first[k], first[k + 1], sums, k * G, G);
            }
        });
    }

    /** sums[s, s + G) += Σ da rows byId[r0, r1) (row p at p·G), in that order, eight vectors of columns at a time. */
    private static void sumRows(float[] da, int[] byId, int r0, int r1, float[] sums, int s, int G) {
        int L = GateMath.L, block = 8 * L, c = 0;
        if (!Kernels.SCALAR) {
            for (; c + block <= G; c += block) {
                FloatVector a0 = FloatVector.fromArray(GateMath.S, sums, s + c);
                FloatVector a1 = FloatVector.fromArray(GateMath.S, sums, s + c + L);
                FloatVector a2 = FloatVector.fromArray(GateMath.S, sums, s + c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(GateMath.S, sums, s + c + 3 * L);
                FloatVector a4 = FloatVector.fromArray(GateMath.S, sums, s + c + 4 * L);
                FloatVector a5 = FloatVector.fromArray(GateMath.S, sums, s + c + 5 * L);
                FloatVector a6 = FloatVector.fromArray(GateMath.S, sums, s + c + 6 * L);
                FloatVector a7 = FloatVector.fromArray(GateMath.S, sums, s + c + 7 * L);
                for (int r = r0; r < r1; r++) {
                    int d = byId[r] * G + c;
                    a0 = a0.add(FloatVector.fromArray(GateMath.S, da, d));
                    a1 = a1.add(FloatVector.fromArray(GateMath.S, da, d + L));
                    a2 = a2.add(FloatVector.fromArray(GateMath.S, da, d + 2 * L));
                    a3 = a3.add(FloatVector.fromArray(GateMath.S, da, d + 3 * L));
                    a4 = a4.add(FloatVector.fromArray(GateMath.S, da, d + 4 * L));
                    a5 = a5.add(FloatVector.fromArray(GateMath.S, da, d + 5 * L));
                    a6 = a6.add(FloatVector.fromArray(GateMath.S, da, d + 6 * L));
                    a7 = a7.add(FloatVector.fromArray(GateMath.S, da, d + 7 * L));
                }
                a0.intoArray(sums, s + c);
                a1.intoArray(sums, s + c + L);
                a2.intoArray(sums, s + c + 2 * L);
                a3.intoArray(sums, s + c + 3 * L);
                a4.intoArray(sums, s + c + 4 * L);
                a5.intoArray(sums, s + c + 5 * L);
                a6.intoArray(sums, s + c + 6 * L);
                a7.intoArray(sums, s + c + 7 * L);
            }
        }
        if (c < G) { // the columns past the last whole block, row by row (the same order of additions)
            for (int r = r0; r < r1; r++) {
                int d = byId[r] * G;
                for (int j = c; j < G; j++) sums[s + j] += da[d + j];
            }
        }
    }

    /**
     * After the backward loop: dW += E_{V'}ᵀ·S when W takes a gradient, and dE_{V'} = S·Wᵀ computed. Returns what
     * adds dE into the table's gradient (null when the table takes none): the caller runs it when no other thread
     * writes that gradient, in a fixed order (Bidirectional's two directions share the table).
     *
     * @param sums    S (V', G)
     * @param w       the kernel W (I, G)
     * @param pooled  where work buffers that die with the backward go
     */
    Runnable finish(float[] sums, Variable w, int G, List<float[]> pooled) {
        int I = table.dim(1);
        if (w.requiresGrad()) {
            MatMul.gemm(true, false, I, G, count, rows(pooled), 0, I, sums, 0, G, w.gradBuffer().data(), 0, G, true);
        }
        if (!table.requiresGrad()) return null;
        float[] de = BufferPool.take(count * I); // outlives the backward's buffers: given back by the Runnable
        MatMul.gemm(false, true, count, I, G, sums, 0, G, w.data(), 0, G, de, 0, I, false);
        return () -> {
            float[] dt = table.gradBuffer().data();
            for (int k = 0; k < count; k++) {
                GateMath.flush(de, k * I, I); // tiny products can be subnormal; keep them out of the table's gradient
                VectorMath.axpy(1f, de, k * I, dt, distinct[k] * I, I);
            }
            BufferPool.give(List.of(de));
        };
    }
}
