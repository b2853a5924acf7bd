package org.seq4j.layers.rnn;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import jdk.incubator.vector.FloatVector;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Kernels;
import org.seq4j.kernels.MatMul;

/**
 * An embedding table multiplied by a recurrent layer's input kernel, P = E·W (V, G·H), so that the input half of
 * each step's product, x̃_t·W with x̃_t = E[id_t], is a row lookup P[id_t] instead of I·G·H
 * multiply-adds per token (a third of an LSTM(128) step on 64-wide embeddings).
 *
 * <p>Bit for bit the same: P[v] is the fused multiply-add chain over the I inputs starting from 0, which is how
 * the step's gemm starts each element; the step then continues that chain with h̃·U ({@code accumulate}).
 *
 * <p>P is kept per kernel array (weakly: it goes with its layer) together with copies of E and W, and rebuilt when
 * either has changed since: comparing them costs ~0.3 ms, building P ~3 ms for V = 10,000, I = 64, 4H = 512.
 * Worth it only for batches with many tokens ({@link #worthIt}); a single short review computes x̃·W directly.
 * Training uses it too (the LSTM's forward, without input dropout): P is rebuilt at every step, since the step before
 * changed E and W, and still saves a third of the forward's products on an IMDB batch (30,000 tokens, V = 10,000);
 * when the batch repeats its ids enough, only its distinct rows are built ({@link LookupGradients#project}).
 */
final class ProjectedEmbedding {
    private record Entry(float[] e, float[] w, float[] projected) {}

    private static final Map<float[], Entry> CACHE = new WeakHashMap<>();

    private ProjectedEmbedding() {}

    /** Off in tests that compare the lookup with the product it replaces. */
    static boolean enabled = true;

    /**
     * Whether a batch of {@code tokens} real steps should use the lookup from a vocabulary of {@code vocab} rows:
     * P costs V rows of products, the lookup saves one per token. At inference P is reused batch after batch, so a
     * quarter of V suffices; in training the weights change at every step and P is rebuilt each time, so the batch
     * must hold more tokens than the vocabulary has rows (twice, for the copying).
     */
    static boolean worthIt(long tokens, int vocab, boolean rebuiltEachStep) {
        return enabled && (rebuiltEachStep ? tokens >= 2L * vocab : 4 * tokens >= vocab);
    }

    /**
     * E·W for embedding table {@code e} (V, I) and kernel {@code w} (I, G), cached while neither changes. A stale
     * entry is rebuilt in place (training changes the weights at every step: no 20 MB of new arrays per step). The
     * array returned is valid until the next call for the same kernel with different weights.
     */
    static float[] of(Variable e, Variable w) {
        float[] ed = e.data(), wd = w.data();
        int v = e.dim(0), in = e.dim(1), g = w.dim(1);
        Entry entry;
        synchronized (CACHE) {
            entry = CACHE.get(wd);
            if (entry != null && Arrays.equals(entry.e, ed) && Arrays.equals(entry.w, wd)) return entry.projected;
            if (entry == null || entry.e.length != ed.length || entry.projected.length != v * g) {
                entry = new Entry(new float[ed.length], new float[wd.length], new float[v * g]);
                CACHE.put(wd, entry);
            }
        }
        System.arraycopy(ed, 0, entry.e, 0, ed.length);
        System.arraycopy(wd, 0, entry.w, 0, wd.length);
        MatMul.gemm(false, false, v, g, in, ed, 0, in, wd, 0, g, entry.projected, 0, g, false); // (V, G)
        return entry.projected;
    }

    /** Rows copied together by {@link #copyRows}. */
    static final int COPY_GROUP = 8;

    /**
     * Row {@code dstRow0 + r} of dst = row ids[source[p0 + r]] of the table, G wide, for r in [r0, r1): the looked-up
     * rows of packed rows p0 + r. P (V·G floats, 20 MB for IMDB) lives in L3 or memory, and one row's copy mostly
     * waits for its own cache misses; rows are therefore copied COPY_GROUP at a time, a vector of each in turn, so
     * that their misses overlap. LSTM inference on IMDB, interleaved pairs: the row phase (gate math and lookups)
     * 104 -> 92 ms per 261,000 tokens, 0.968 × the time; LSTM training unchanged (0.996 ×).
     */
    static void copyRows(float[] table, int[] ids, int[] source, int p0, int r0, int r1, float[] dst, int dstRow0,
                         int G) {
        int L = GateMath.L, whole = Kernels.SCALAR ? 0 : GateMath.S.loopBound(G);
        int[] from = new int[COPY_GROUP];
        for (int g0 = r0; g0 < r1; g0 += COPY_GROUP) {
            int g1 = Math.min(r1, g0 + COPY_GROUP);
            for (int r = g0; r < g1; r++) from[r - g0] = ids[source[p0 + r]] * G;
            for (int j = 0; j < whole; j += L) {
                for (int r = g0; r < g1; r++) {
                    FloatVector.fromArray(GateMath.S, table, from[r - g0] + j).intoArray(dst, (dstRow0 + r) * G + j);
                }
            }
            if (whole < G) {
                for (int r = g0; r < g1; r++) {
                    System.arraycopy(table, from[r - g0] + whole, dst, (dstRow0 + r) * G + whole, G - whole);
                }
            }
        }
    }
}
