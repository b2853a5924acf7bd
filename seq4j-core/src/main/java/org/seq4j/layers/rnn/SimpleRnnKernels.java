package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;

/**
 * The SimpleRNN (Elman) time loop over a {@link Schedule}'s packed rows, forward and backward.
 *
 * <pre>
 *   h_t = φ(x̃_t·W + b + h̃_{t−1}·U)        φ the activation (tanh by default), h̃ = h ⊙ recurrent-dropout mask
 *   da = dh_t ⊙ φ'      dh_{t−1} += (da·Uᵀ) ⊙ m
 * </pre>
 * Shape letters: P packed rows, B batch, H units; initial states and dropout masks in sorted row order.
 */
final class SimpleRnnKernels {
    private SimpleRnnKernels() {}

    /**
     * @param hs      (P, H) in: x̃·W; out: h_t
     * @param hprev   (P, H) out: h̃_{t−1} (kept for dU)
     * @param u       (H, H) recurrent kernel
     * @param bias    (H)    bias, or null
     * @param h0      (B, H) initial state
     * @param recDrop (B, H) recurrent dropout multipliers, or null
     */
    static void simpleRnnForward(float[] hs, float[] hprev, float[] u, float[] bias, float[] h0, float[] recDrop,
                                 Activation act, Schedule sc, int H) {
        boolean vector = GateMath.vectorized(act, null);
        MatMul.PackedB up = MatMul.pack(false, H, H, u, 0, H);
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            float[] ph = s == 0 ? h0 : hs;
            int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(n, hprev, p0 * H, H, up, hs, p0 * H, H, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    if (vector) rowForward(hs, (p0 + r) * H, bias, H);
                    else rowForwardScalar(hs, (p0 + r) * H, bias, act, H);
                }
            });
        }
    }

    /** One row, tanh: h = tanh(a + b) in place. */
    static void rowForward(float[] hs, int q, float[] bias, int H) {
        GateMath.tanh(hs, q, bias, 0, H);
    }

    /** Scalar twin of {@link #rowForward}, for any activation. */
    static void rowForwardScalar(float[] hs, int q, float[] bias, Activation act, int H) {
        for (int j = 0; j < H; j++) hs[q + j] = GateMath.act(act, hs[q + j] + (bias == null ? 0f : bias[j]));
    }

    /**
     * Backpropagates through time; h_t is replaced by dL/da row by row (so this runs once per forward).
     *
     * @param hs      (P, H) in: h_t; out: dL/da, the pre-activation gradients
     * @param dhs     (P, H) in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0     (B, H) += dL/dh_0, or null
     * @param du      (H, H) += dL/dU, or null
     * @param scratch (B, H) work space
     */
    static void simpleRnnBackward(float[] hs, float[] dhs, float[] dh0, float[] du, float[] scratch,
                                  float[] hprev, float[] u, float[] recDrop, Activation act, Schedule sc, int H) {
        MatMul.PackedB ut = MatMul.pack(true, H, H, u, 0, H);
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int i = (p0 + r0) * H, end = (p0 + r1) * H; i < end; i++) {
                    hs[i] = GateMath.flush(dhs[i] * GateMath.derivative(act, hs[i]));
                }
            });
            float[] dph = s == 0 ? dh0 : dhs;
            if (dph != null) {
                Steps.recurrentBackward(dph, s == 0 ? 0 : sc.offset[s - 1] * H, hs, p0 * H, ut, recDrop, scratch, n, H, H);
            }
        }
        if (du != null) {
            MatMul.gemm(true, false, H, H, sc.rows, hprev, 0, H, hs, 0, H, du, 0, H, true);
        }
    }
}
