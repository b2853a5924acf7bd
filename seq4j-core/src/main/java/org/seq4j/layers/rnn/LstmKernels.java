package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.VectorMath;

/**
 * The LSTM time loop over a {@link Schedule}'s packed rows, forward and backward.
 *
 * <pre>
 *   a = x̃_t·W + b + h̃_{t−1}·U                 (4H) pre-activations, blocks i, f, g, o
 *   i = σ(a_i)  f = σ(a_f)  g = φ(a_g)  o = σ(a_o)      σ recurrent activation, φ activation
 *   c_t = f ⊙ c_{t−1} + i ⊙ g
 *   h_t = o ⊙ φ(c_t)
 * </pre>
 * h̃_{t−1} = h_{t−1} ⊙ m is the state after recurrent dropout (m = 1 without it). The caller computes x̃·W + b for
 * all steps in one gemm before the loop; the loop adds h̃·U, one gemm per slot over that slot's rows.
 *
 * <p>Shape letters: P packed rows, B batch, H units. Initial states and dropout masks are in the schedule's sorted
 * row order.
 */
final class LstmKernels {
    private LstmKernels() {}

    /**
     * @param gates   (P, 4H) in: x̃·W + b; out: the activations i, f, g, o
     * @param hs      (P, H)  out: h_t
     * @param cs      (P, H)  out: c_t
     * @param tcs     (P, H)  out: φ(c_t)
     * @param hprev   (P, H)  out: h̃_{t−1}, the recurrent gemm's operand (kept for dU)
     * @param u       (H, 4H) recurrent kernel
     * @param h0      (B, H)  initial h
     * @param c0      (B, H)  initial c
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void lstmForward(float[] gates, float[] hs, float[] cs, float[] tcs, float[] hprev,
                            float[] u, float[] h0, float[] c0, float[] recDrop,
                            Activation act, Activation recAct, Schedule sc, int H) {
        int G = 4 * H;
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final float[] pc = s == 0 ? c0 : cs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H; // rows r < n of the previous slot
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(false, false, n, G, H, hprev, p0 * H, H, u, 0, G, gates, p0 * G, G, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    rowForward(gates, (p0 + r) * G, hs, cs, tcs, (p0 + r) * H, pc, prevOff + r * H, act, recAct, H);
                }
            });
        }
    }

    /** One row: activations in place, then c, φ(c) and h. */
    private static void rowForward(float[] gates, int g, float[] hs, float[] cs, float[] tcs, int q,
                                   float[] pc, int pq, Activation act, Activation recAct, int H) {
        Pointwise.apply(recAct, gates, g, 2 * H);      // i, f
        Pointwise.apply(act, gates, g + 2 * H, H);     // g
        Pointwise.apply(recAct, gates, g + 3 * H, H);  // o
        VectorMath.mul(gates, g + H, pc, pq, cs, q, H);            // c = f ⊙ c_prev
        VectorMath.mulAdd(gates, g, gates, g + 2 * H, cs, q, H);   //   + i ⊙ g
        System.arraycopy(cs, q, tcs, q, H);
        Pointwise.apply(act, tcs, q, H);
        VectorMath.mul(gates, g + 3 * H, tcs, q, hs, q, H);        // h = o ⊙ φ(c)
    }

    /**
     * Backpropagates through time. The weight gradient dU is one gemm over all packed rows at the end.
     *
     * @param dgates  (P, 4H) out: dL/da, the pre-activation gradients (written, not accumulated)
     * @param dhs     (P, H)  in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dcs     (P, H)  in: dL/dc_t from the final-state output; the loop adds the carried ones
     * @param dh0     (B, H)  += dL/dh_0, or null when not wanted
     * @param dc0     (B, H)  += dL/dc_0, or null when not wanted
     * @param du      (H, 4H) += dL/dU, or null
     * @param scratch (B, H)  work space (used with recurrent dropout)
     */
    static void lstmBackward(float[] dgates, float[] dhs, float[] dcs, float[] dh0, float[] dc0, float[] du,
                             float[] scratch, float[] gates, float[] cs, float[] tcs, float[] hprev,
                             float[] u, float[] c0, float[] recDrop,
                             Activation act, Activation recAct, Schedule sc, int H) {
        int G = 4 * H;
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] pc = s == 0 ? c0 : cs;
            final float[] dpc = s == 0 ? dc0 : dcs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    rowBackward(dgates, (p0 + r) * G, dhs, dcs, (p0 + r) * H, dpc, pc, prevOff + r * H,
                            gates, tcs, act, recAct, H);
                }
            });
            float[] dph = s == 0 ? dh0 : dhs;
            if (dph != null) {
                Steps.recurrentBackward(dph, prevOff, dgates, p0 * G, u, recDrop, scratch, n, G, H);
            }
        }
        if (du != null) {
            MatMul.gemm(true, false, H, G, sc.rows, hprev, 0, H, dgates, 0, G, du, 0, G, true);
        }
    }

    /** One row: dL/da from dL/dh_t and dL/dc_t; adds dL/dc_{t−1} = dc ⊙ f into dpc (when wanted). */
    private static void rowBackward(float[] dgates, int g, float[] dhs, float[] dcs, int q, float[] dpc,
                                    float[] pc, int pq, float[] gates, float[] tcs,
                                    Activation act, Activation recAct, int H) {
        for (int j = 0; j < H; j++) {
            float dh = dhs[q + j];
            float tc = tcs[q + j];
            float i = gates[g + j];
            float f = gates[g + H + j];
            float gg = gates[g + 2 * H + j];
            float o = gates[g + 3 * H + j];
            float dc = dcs[q + j] + dh * o * Pointwise.derivative(act, tc);
            dgates[g + j] = dc * gg * Pointwise.derivative(recAct, i);
            dgates[g + H + j] = dc * pc[pq + j] * Pointwise.derivative(recAct, f);
            dgates[g + 2 * H + j] = dc * i * Pointwise.derivative(act, gg);
            dgates[g + 3 * H + j] = dh * tc * Pointwise.derivative(recAct, o);
            if (dpc != null) dpc[pq + j] += dc * f;
        }
    }
}
