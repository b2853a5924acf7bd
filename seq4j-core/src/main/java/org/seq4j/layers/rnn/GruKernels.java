package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;

/**
 * The GRU time loops over a {@link Schedule}'s packed rows, forward and backward, in both of Keras' variants.
 *
 * <pre>
 *   reset_after (cuDNN):  a = x̃·W + b_in (3H),  q = h̃_{t−1}·U + b_rec (3H), blocks z, r, h
 *       z = σ(a_z + q_z)   r = σ(a_r + q_r)   ĥ = φ(a_h + r ⊙ q_h)
 *   reset_before:         a = x̃·W + b (3H)
 *       z = σ(a_z + h̃_{t−1}·U_z)   r = σ(a_r + h̃_{t−1}·U_r)   ĥ = φ(a_h + (r ⊙ h̃_{t−1})·U_h)
 *   both:                 h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ
 * </pre>
 * h̃ = h ⊙ m is the state after recurrent dropout, used only inside the recurrent products; the carried term
 * z ⊙ h_{t−1} uses the state itself. Shape letters: P packed rows, B batch, H units; initial states and dropout
 * masks in sorted row order.
 */
final class GruKernels {
    private GruKernels() {}

    // ---- reset_after ----------------------------------------------------------------------------------------

    /**
     * @param gates   (P, 3H) in: x̃·W + b_in; out: the activations z, r, ĥ
     * @param qh      (P, H)  out: q_h = h̃·U_h + b_rec,h (needed for dr)
     * @param hs      (P, H)  out: h_t
     * @param hprev   (P, H)  out: h̃_{t−1} (kept for dU)
     * @param scratch (B, 3H) work space: one slot's recurrent product q
     * @param u       (H, 3H) recurrent kernel
     * @param recBias (3H)    b_rec, or null
     * @param h0      (B, H)  initial state
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void gruResetAfterForward(float[] gates, float[] qh, float[] hs, float[] hprev, float[] scratch,
                                     float[] u, float[] recBias, float[] h0, float[] recDrop,
                                     Activation act, Activation recAct, Schedule sc, int H) {
        int G = 3 * H;
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(false, false, n, G, H, hprev, p0 * H, H, u, 0, G, scratch, 0, G, false);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int q = (p0 + r) * H;
                    int k = r * G;
                    for (int j = 0; j < 2 * H; j++) {
                        gates[g + j] += scratch[k + j] + (recBias == null ? 0f : recBias[j]);
                    }
                    Pointwise.apply(recAct, gates, g, 2 * H);
                    for (int j = 0; j < H; j++) {
                        float v = scratch[k + 2 * H + j] + (recBias == null ? 0f : recBias[2 * H + j]);
                        qh[q + j] = v;
                        gates[g + 2 * H + j] += gates[g + H + j] * v;
                    }
                    Pointwise.apply(act, gates, g + 2 * H, H);
                    blend(hs, q, gates, g, ph, prevOff + r * H, H);
                }
            });
        }
    }

    /**
     * @param dgx     (P, 3H) out: dL/da, gradients of the input-side pre-activations (written)
     * @param dgq     (P, 3H) out: dL/dq, gradients of the recurrent-side pre-activations (written)
     * @param dhs     (P, H)  in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0     (B, H)  += dL/dh_0, or null
     * @param du      (H, 3H) += dL/dU, or null
     * @param scratch (B, H)  work space
     */
    static void gruResetAfterBackward(float[] dgx, float[] dgq, float[] dhs, float[] dh0, float[] du, float[] scratch,
                                      float[] gates, float[] qh, float[] hs, float[] hprev, float[] u,
                                      float[] h0, float[] recDrop, Activation act, Activation recAct,
                                      Schedule sc, int H) {
        int G = 3 * H;
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final float[] dph = s == 0 ? dh0 : dhs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int q = (p0 + r) * H;
                    int pq = prevOff + r * H;
                    for (int j = 0; j < H; j++) {
                        float dh = dhs[q + j];
                        float z = gates[g + j];
                        float rr = gates[g + H + j];
                        float hh = gates[g + 2 * H + j];
                        float dhh = dh * (1f - z) * Pointwise.derivative(act, hh);
                        float dz = dh * (ph[pq + j] - hh) * Pointwise.derivative(recAct, z);
                        float dr = dhh * qh[q + j] * Pointwise.derivative(recAct, rr);
                        dgx[g + j] = dz;
                        dgx[g + H + j] = dr;
                        dgx[g + 2 * H + j] = dhh;
                        dgq[g + j] = dz;
                        dgq[g + H + j] = dr;
                        dgq[g + 2 * H + j] = dhh * rr;
                        if (dph != null) dph[pq + j] += dh * z;
                    }
                }
            });
            if (dph != null) {
                Steps.recurrentBackward(dph, prevOff, dgq, p0 * G, u, recDrop, scratch, n, G, H);
            }
        }
        if (du != null) {
            MatMul.gemm(true, false, H, G, sc.rows, hprev, 0, H, dgq, 0, G, du, 0, G, true);
        }
    }

    // ---- reset_before ---------------------------------------------------------------------------------------

    /**
     * @param gates   (P, 3H) in: x̃·W + b; out: the activations z, r, ĥ
     * @param hs      (P, H)  out: h_t
     * @param hprev   (P, H)  out: h̃_{t−1} (kept for dU_z, dU_r)
     * @param rhprev  (P, H)  out: r ⊙ h̃_{t−1} (kept for dU_h)
     * @param u       (H, 3H) recurrent kernel
     * @param h0      (B, H)  initial state
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void gruResetBeforeForward(float[] gates, float[] hs, float[] hprev, float[] rhprev,
                                      float[] u, float[] h0, float[] recDrop,
                                      Activation act, Activation recAct, Schedule sc, int H) {
        int G = 3 * H;
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(false, false, n, 2 * H, H, hprev, p0 * H, H, u, 0, G, gates, p0 * G, G, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int q = (p0 + r) * H;
                    Pointwise.apply(recAct, gates, g, 2 * H);
                    org.seq4j.kernels.VectorMath.mul(gates, g + H, hprev, q, rhprev, q, H);
                }
            });
            MatMul.gemm(false, false, n, H, H, rhprev, p0 * H, H, u, 2 * H, G, gates, p0 * G + 2 * H, G, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    Pointwise.apply(act, gates, g + 2 * H, H);
                    blend(hs, (p0 + r) * H, gates, g, ph, prevOff + r * H, H);
                }
            });
        }
    }

    /**
     * @param dgates   (P, 3H) out: dL/da (written)
     * @param dhs      (P, H)  in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0      (B, H)  += dL/dh_0, or null
     * @param du       (H, 3H) += dL/dU, or null
     * @param scratch  (B, H)  work space
     */
    static void gruResetBeforeBackward(float[] dgates, float[] dhs, float[] dh0, float[] du, float[] scratch,
                                       float[] gates, float[] hs, float[] hprev, float[] rhprev, float[] u,
                                       float[] h0, float[] recDrop, Activation act, Activation recAct,
                                       Schedule sc, int H) {
        int G = 3 * H;
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final float[] dph = s == 0 ? dh0 : dhs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int q = (p0 + r) * H;
                    int pq = prevOff + r * H;
                    for (int j = 0; j < H; j++) {
                        float dh = dhs[q + j];
                        float z = gates[g + j];
                        float hh = gates[g + 2 * H + j];
                        dgates[g + j] = dh * (ph[pq + j] - hh) * Pointwise.derivative(recAct, z);
                        dgates[g + 2 * H + j] = dh * (1f - z) * Pointwise.derivative(act, hh);
                        if (dph != null) dph[pq + j] += dh * z;
                    }
                }
            });
            // d(r ⊙ h̃) = dĥ_pre · U_hᵀ
            MatMul.gemm(false, true, n, H, H, dgates, p0 * G + 2 * H, G, u, 2 * H, G, scratch, 0, H, false);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int q = (p0 + r) * H;
                    for (int j = 0; j < H; j++) {
                        float drh = scratch[r * H + j];
                        float rr = gates[g + H + j];
                        dgates[g + H + j] = drh * hprev[q + j] * Pointwise.derivative(recAct, rr);
                        scratch[r * H + j] = drh * rr; // dL/dh̃ through the candidate
                    }
                }
            });
            if (dph != null) {
                // dL/dh̃ += [dz_pre, dr_pre] · [U_z, U_r]ᵀ, then through the dropout mask into dL/dh_{t−1}
                MatMul.gemm(false, true, n, H, 2 * H, dgates, p0 * G, G, u, 0, G, scratch, 0, H, true);
                for (int r = 0; r < n; r++) {
                    if (recDrop == null) {
                        org.seq4j.kernels.VectorMath.axpy(1f, scratch, r * H, dph, prevOff + r * H, H);
                    } else {
                        org.seq4j.kernels.VectorMath.mulAdd(scratch, r * H, recDrop, r * H, dph, prevOff + r * H, H);
                    }
                }
            }
        }
        if (du != null) {
            MatMul.gemm(true, false, H, 2 * H, sc.rows, hprev, 0, H, dgates, 0, G, du, 0, G, true);
            MatMul.gemm(true, false, H, H, sc.rows, rhprev, 0, H, dgates, 2 * H, G, du, 2 * H, G, true);
        }
    }

    /** h = z ⊙ h_prev + (1 − z) ⊙ ĥ, written as ĥ + z ⊙ (h_prev − ĥ). */
    private static void blend(float[] hs, int q, float[] gates, int g, float[] ph, int pq, int H) {
        for (int j = 0; j < H; j++) {
            float hh = gates[g + 2 * H + j];
            hs[q + j] = hh + gates[g + j] * (ph[pq + j] - hh);
        }
    }
}
