package org.seq4j.layers.rnn;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.VectorMath;

/**
 * An embedding table multiplied by a recurrent layer's input kernel, P = E·W (V, G·H), so that the input half of
 * each step's product, x̃_t·W with x̃_t = E[id_t], is a row lookup P[id_t] instead of I·G·H
 * multiply-adds per token (a third of an LSTM(128) step on 64-wide embeddings).
 *
 * <p>The GRU copies P's rows into its gates and adds h̃·U there: P[v] is the fused multiply-add chain over the I
 * inputs starting from 0, as the product would compute it, so the lookup gives the product's bits. The LSTM's
 * table holds P + b instead ({@link #withBias}), and its row kernels add the row to h̃·U where they would add the
 * bias: no row is copied into the gates and the step's product loads no C (imdb-lstm training 0.968 ×, 0.962 ×
 * in pairs), at the price of the product path's bits: x̃·W + b + h̃·U is the same sum rounded in another order.
 *
 * <p>P is kept per kernel array (weakly: it goes with its layer) together with copies of E and W, and rebuilt when
 * either has changed since: comparing them costs ~0.3 ms, building P ~3 ms for V = 10,000, I = 64, 4H = 512.
 * Worth it only for batches with many tokens ({@link #worthIt}); a single short review computes x̃·W directly.
 * Training uses it too (the LSTM's forward, without input dropout): P is rebuilt at every step, since the step before
 * changed E and W, and still saves a third of the forward's products on an IMDB batch (30,000 tokens, V = 10,000);
 * when the batch repeats its ids enough, only its distinct rows are built ({@link LookupGradients#project}).
 */
final class ProjectedEmbedding {
    private record Entry(float[] e, float[] w, float[] b, float[] projected) {}

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
     * E·W + b for embedding table {@code e} (V, I), kernel {@code w} (I, G) and bias {@code bias} (G, or null for
     * E·W), cached while none of them changes. A stale entry is rebuilt in place (training changes the weights at
     * every step: no 20 MB of new arrays per step). The array returned is valid until the next call for the same
     * kernel with different weights.
     */
    static float[] of(Variable e, Variable w, float[] bias) {
        float[] ed = e.data(), wd = w.data();
        int v = e.dim(0), in = e.dim(1), g = w.dim(1);
        Entry entry;
        synchronized (CACHE) {
            entry = CACHE.get(wd);
            if (entry != null && Arrays.equals(entry.e, ed) && Arrays.equals(entry.w, wd)
                    && Arrays.equals(entry.b, bias)) {
                return entry.projected;
            }
            if (entry == null || entry.e.length != ed.length || entry.projected.length != v * g
                    || (entry.b == null) != (bias == null)) {
                entry = new Entry(new float[ed.length], new float[wd.length], bias == null ? null : new float[g],
                        new float[v * g]);
                CACHE.put(wd, entry);
            }
        }
        System.arraycopy(ed, 0, entry.e, 0, ed.length);
        System.arraycopy(wd, 0, entry.w, 0, wd.length);
        if (bias != null) System.arraycopy(bias, 0, entry.b, 0, g);
        MatMul.gemm(false, false, v, g, in, ed, 0, in, wd, 0, g, entry.projected, 0, g, false); // (V, G)
        return withBias(entry.projected, v, bias, g);
    }

    /** Adds {@code bias} (G, or null for nothing) to the first {@code rows} G-wide rows of {@code table}; returns it. */
    static float[] withBias(float[] table, int rows, float[] bias, int g) {
        if (bias != null) {
            for (int row = 0; row < rows; row++) VectorMath.add(table, row * g, bias, 0, table, row * g, g);
        }
        return table;
    }
}
