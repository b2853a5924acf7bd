package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;

/**
 * The SimpleRNN (Elman) time loop over a {@link Schedule}'s packed rows, forward and backward.
 *
 * <pre>
 *   h_t = φ(x̃_t·W + b + h̃_{t−1}·U)        φ the activation (tanh by default), h̃ = h ⊙ recurrent-dropout mask
 * </pre>
 * Shape letters: P packed rows, B batch, H units; initial states and dropout masks in sorted row order.
 */
final class SimpleRnnKernels {
    private SimpleRnnKernels() {}

    /**
     * @param hs      (P, H) in: x̃·W + b; out: h_t
     * @param hprev   (P, H) out: h̃_{t−1} (kept for dU)
     * @param u       (H, H) recurrent kernel
     * @param h0      (B, H) initial state
     * @param recDrop (B, H) recurrent dropout multipliers, or null
     */
    static void simpleRnnForward(float[] hs, float[] hprev, float[] u, float[] h0, float[] recDrop,
                                 Activation act, Schedule sc, int H) {
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            float[] ph = s == 0 ? h0 : hs;
            int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(false, false, n, H, H, hprev, p0 * H, H, u, 0, H, hs, p0 * H, H, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> Pointwise.apply(act, hs, (p0 + r0) * H, (r1 - r0) * H));
        }
    }

    /**
     * @param da      (P, H) out: dL/da, the pre-activation gradients (written)
     * @param dhs     (P, H) in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0     (B, H) += dL/dh_0, or null
     * @param du      (H, H) += dL/dU, or null
     * @param scratch (B, H) work space
     */
    static void simpleRnnBackward(float[] da, float[] dhs, float[] dh0, float[] du, float[] scratch,
                                  float[] hs, float[] hprev, float[] u, float[] recDrop,
                                  Activation act, Schedule sc, int H) {
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                int q = (p0 + r0) * H;
                int len = (r1 - r0) * H;
                System.arraycopy(dhs, q, da, q, len);
                Pointwise.backprop(act, hs, q, da, q, len);
            });
            float[] dph = s == 0 ? dh0 : dhs;
            if (dph != null) {
                Steps.recurrentBackward(dph, s == 0 ? 0 : sc.offset[s - 1] * H, da, p0 * H, u, recDrop, scratch, n, H, H);
            }
        }
        if (du != null) {
            MatMul.gemm(true, false, H, H, sc.rows, hprev, 0, H, da, 0, H, du, 0, H, true);
        }
    }
}
