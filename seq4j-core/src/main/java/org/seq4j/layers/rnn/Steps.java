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
