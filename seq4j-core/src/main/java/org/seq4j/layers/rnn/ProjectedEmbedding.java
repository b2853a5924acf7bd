package org.seq4j.layers.rnn;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.MatMul;

/**
 * An embedding table multiplied by a recurrent layer's input kernel, P = E·W (V, G·H), so that at inference the
 * input half of each step's product, x̃_t·W with x̃_t = E[id_t], is a row lookup P[id_t] instead of I·G·H
 * multiply-adds per token (a third of an LSTM(128) step on 64-wide embeddings).
 *
 * <p>Bit for bit the same: P[v] is the fused multiply-add chain over the I inputs starting from 0, which is how
 * the step's gemm starts each element; the step then continues that chain with h̃·U ({@code accumulate}).
 *
 * <p>P is kept per kernel array (weakly: it goes with its layer) together with copies of E and W, and rebuilt when
 * either has changed since: comparing them costs ~0.3 ms, building P ~3 ms for V = 10,000, I = 64, 4H = 512.
 * Worth it only for batches with many tokens ({@link #worthIt}); a single short review computes x̃·W directly.
 */
final class ProjectedEmbedding {
    private record Entry(float[] e, float[] w, float[] projected) {}

    private static final Map<float[], Entry> CACHE = new WeakHashMap<>();

    private ProjectedEmbedding() {}

    /** Whether a batch of {@code tokens} real steps should use the lookup from a vocabulary of {@code vocab} rows. */
    static boolean worthIt(long tokens, int vocab) {
        return 4 * tokens >= vocab;
    }

    /** E·W for embedding table {@code e} (V, I) and kernel {@code w} (I, G), cached while neither changes. */
    static float[] of(Variable e, Variable w) {
        float[] ed = e.data(), wd = w.data();
        int v = e.dim(0), in = e.dim(1), g = w.dim(1);
        synchronized (CACHE) {
            Entry hit = CACHE.get(wd);
            if (hit != null && Arrays.equals(hit.e, ed) && Arrays.equals(hit.w, wd)) return hit.projected;
        }
        float[] projected = new float[v * g]; // (V, G)
        MatMul.gemm(false, false, v, g, in, ed, 0, in, wd, 0, g, projected, 0, g, false);
        synchronized (CACHE) {
            CACHE.put(wd, new Entry(ed.clone(), wd.clone(), projected));
        }
        return projected;
    }
}
