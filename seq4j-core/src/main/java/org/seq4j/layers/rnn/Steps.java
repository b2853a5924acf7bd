package org.seq4j.layers.rnn;

import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.VectorMath;

/** Pieces shared by the time loops of every cell: the recurrent operand h̃ and the gradient pushed back through U. */
final class Steps {
    /** Rows per parallel chunk of point-wise work: fixed, so results do not depend on the thread count. */
    static final int ROW_GRAIN = 8;

    private Steps() {}

    /**
     * h̃ rows for one slot: the previous state times the recurrent dropout mask (a plain copy without dropout).
     *
     * @param hprev   (P, H) out: rows [off/H, off/H + n)
     * @param ph      the previous state rows, n rows of H from phOff
     * @param recDrop (B, H) dropout multipliers in sorted row order, or null
     */
    static void recurrentOperand(float[] hprev, int off, float[] ph, int phOff, float[] recDrop, int n, int H) {
        if (recDrop == null) {
            System.arraycopy(ph, phOff, hprev, off, n * H);
        } else {
            for (int r = 0; r < n; r++) VectorMath.mul(ph, phOff + r * H, recDrop, r * H, hprev, off + r * H, H);
        }
    }

    /**
     * dL/dh_{t−1} += (dA·Uᵀ) ⊙ m for one slot of n rows.
     *
     * @param dph     n rows of H from dphOff: accumulated into
     * @param da      (n, G) pre-activation gradients from daOff, row stride G
     * @param ut      Uᵀ (G, H), packed
     * @param recDrop (B, H) dropout multipliers in sorted row order, or null
     * @param scratch (B, H) work space, used with dropout
     */
    static void recurrentBackward(float[] dph, int dphOff, float[] da, int daOff, MatMul.PackedB ut, float[] recDrop,
                                  float[] scratch, int n, int G, int H) {
        if (recDrop == null) {
            MatMul.gemm(n, da, daOff, G, ut, dph, dphOff, H, true);
        } else {
            MatMul.gemm(n, da, daOff, G, ut, scratch, 0, H, false);
            for (int r = 0; r < n; r++) VectorMath.mulAdd(scratch, r * H, recDrop, r * H, dph, dphOff + r * H, H);
        }
    }

    /**
     * Receives the packed rows [pLow, pHigh) whose pre-activation gradients are final (the backward loop has passed
     * them), to accumulate the weight gradients over them and either compute their input gradients or add them into
     * the per-id sums ({@link LookupGradients}); {@code first} for the first call of a backward.
     */
    @FunctionalInterface
    interface RowsDone {
        void rows(int pLow, int pHigh, boolean first);
    }

    /**
     * Rows handed to a {@link RowsDone} at a time: the weight gradients over them run while their dA (8 MB for an
     * LSTM(128)) and operand are still in L3, instead of reading the whole batch back from memory after the loop
     * (imdb-lstm training, interleaved pairs: 0.968 × the time). Package-private and mutable for tests only.
     */
    static int doneRows = 4096;

    /**
     * Called by a backward loop after slot s (its first packed row p0): hands [p0, doneHigh) to {@code done} once
     * that spans {@link #doneRows} rows, and at slot 0. Returns the new high mark.
     */
    static int rowsDone(RowsDone done, int s, int p0, int doneHigh, Schedule sc) {
        if (done == null || (doneHigh - p0 < doneRows && s > 0)) return doneHigh;
        done.rows(p0, doneHigh, doneHigh == sc.rows);
        return p0;
    }

    /** a, then b, on each chunk; null when both are. */
    static RowsDone both(RowsDone a, RowsDone b) {
        if (a == null || b == null) return a == null ? b : a;
        return (pLow, pHigh, first) -> {
            a.rows(pLow, pHigh, first);
            b.rows(pLow, pHigh, first);
        };
    }

    /** Adds the output gradients that reach slot s into its (B, H) dL/dh and (LSTM) dL/dc rows. */
    @FunctionalInterface
    interface SlotSeed {
        void add(int slot, float[] dh, float[] dc);
    }

    /** Zeroes the first n rows of dh and dc (dc may be null) and seeds them with slot s's output gradients. */
    static void seedSlot(SlotSeed seed, int s, float[] dh, float[] dc, int n, int H) {
        java.util.Arrays.fill(dh, 0, n * H, 0f);
        if (dc != null) java.util.Arrays.fill(dc, 0, n * H, 0f);
        seed.add(s, dh, dc);
    }
}
