package org.seq4j.layers.rnn;

import static org.seq4j.layers.rnn.GateMath.L;
import static org.seq4j.layers.rnn.GateMath.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.VectorMath;

/**
 * The GRU time loops over a {@link Schedule}'s packed rows, forward and backward, in both of Keras' variants.
 *
 * <pre>
 *   reset_after (cuDNN):  a = x̃·W + b_in (3H),  q = h̃_{t−1}·U + b_rec (3H), blocks z, r, h
 *       z = σ(a_z + q_z)   r = σ(a_r + q_r)   ĥ = φ(a_h + r ⊙ q_h)
 *   reset_before:         a = x̃·W + b (3H)
 *       z = σ(a_z + h̃_{t−1}·U_z)   r = σ(a_r + h̃_{t−1}·U_r)   ĥ = φ(a_h + (r ⊙ h̃_{t−1})·U_h)
 *   both:                 h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ
 * backward (results below 1e-30 flushed to 0, see GateMath.FLUSH_BELOW):
 *   dĥ = dh ⊙ (1 − z) ⊙ φ'     dz = dh ⊙ (h_{t−1} − ĥ) ⊙ σ'     dh_{t−1} += dh ⊙ z
 *   reset_after:  dr = dĥ ⊙ q_h ⊙ σ'; the recurrent side gets [dz, dr, dĥ ⊙ r]
 *   reset_before: d(r ⊙ h̃) = dĥ·U_hᵀ, dr = d(r ⊙ h̃) ⊙ h̃ ⊙ σ', dh̃ = d(r ⊙ h̃) ⊙ r + [dz, dr]·[U_z, U_r]ᵀ
 * </pre>
 * h̃ = h ⊙ m is the state after recurrent dropout, used only inside the recurrent products; the carried term
 * z ⊙ h_{t−1} uses the state itself. Row kernels: vectorised passes over each L1-resident row for tanh/sigmoid,
 * the scalar twin for other activations or {@code -Dseq4j.scalar=true}. Shape letters: P packed rows, B batch,
 * H units; initial states and dropout masks in sorted row order.
 */
final class GruKernels {
    private GruKernels() {}

    // ---- reset_after ----------------------------------------------------------------------------------------

    /**
     * @param gates   (P, 3H) in: x̃·W; out: the activations z, r, ĥ
     * @param qh      (P, H)  out: q_h = h̃·U_h + b_rec,h (needed for dr)
     * @param hs      (P, H)  out: h_t
     * @param hprev   (P, H)  out: h̃_{t−1} (kept for dU)
     * @param scratch (B, 3H) work space: one slot's recurrent product h̃·U
     * @param u       (H, 3H) recurrent kernel
     * @param bias    (3H)    b_in, or null
     * @param recBias (3H)    b_rec, or null
     * @param h0      (B, H)  initial state
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void gruResetAfterForward(float[] gates, float[] qh, float[] hs, float[] hprev, float[] scratch,
                                     float[] u, float[] bias, float[] recBias, float[] h0, float[] recDrop,
                                     Activation act, Activation recAct, Schedule sc, int H) {
        int G = 3 * H;
        MatMul.PackedB up = MatMul.pack(false, H, G, u, 0, G);
        boolean vector = GateMath.vectorized(act, recAct);
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(n, hprev, p0 * H, H, up, scratch, 0, G, false);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int p = p0 + r;
                    if (vector) {
                        afterRowForward(gates, p * G, scratch, r * G, bias, recBias, qh, hs, p * H, ph, prevOff + r * H, H);
                    } else {
                        afterRowForwardScalar(gates, p * G, scratch, r * G, bias, recBias, qh, hs, p * H, ph,
                                prevOff + r * H, act, recAct, H);
                    }
                }
            });
        }
    }

    /** One row, tanh/sigmoid, in short passes over the L1-resident row (see GateMath on why not one loop). */
    static void afterRowForward(float[] gates, int g, float[] q, int k, float[] bias, float[] recBias, float[] qh,
                                float[] hs, int o, float[] ph, int pq, int H) {
        int j = 0;
        for (; j < S.loopBound(2 * H); j += L) { // a_z, a_r + q_z, q_r + b_rec
            FloatVector a = FloatVector.fromArray(S, gates, g + j).add(FloatVector.fromArray(S, q, k + j));
            if (recBias != null) a = a.add(FloatVector.fromArray(S, recBias, j));
            a.intoArray(gates, g + j);
        }
        for (; j < 2 * H; j++) gates[g + j] += q[k + j] + (recBias == null ? 0f : recBias[j]);
        GateMath.sigmoid(gates, g, bias, 0, 2 * H);                  // z, r
        for (j = 0; j < S.loopBound(H); j += L) {                   // a_h + r ⊙ q_h
            FloatVector vh = FloatVector.fromArray(S, q, k + 2 * H + j);
            if (recBias != null) vh = vh.add(FloatVector.fromArray(S, recBias, 2 * H + j));
            vh.intoArray(qh, o + j);
            FloatVector r = FloatVector.fromArray(S, gates, g + H + j);
            r.fma(vh, FloatVector.fromArray(S, gates, g + 2 * H + j)).intoArray(gates, g + 2 * H + j);
        }
        for (; j < H; j++) {
            float vh = q[k + 2 * H + j] + (recBias == null ? 0f : recBias[2 * H + j]);
            qh[o + j] = vh;
            gates[g + 2 * H + j] = Math.fma(gates[g + H + j], vh, gates[g + 2 * H + j]);
        }
        GateMath.tanh(gates, g + 2 * H, bias, 2 * H, H);              // ĥ (the input bias of the h block added here)
        blend(hs, o, gates, g, ph, pq, H);
    }

    static void afterRowForwardScalar(float[] gates, int g, float[] q, int k, float[] bias, float[] recBias, float[] qh,
                                      float[] hs, int o, float[] ph, int pq, Activation act, Activation recAct, int H) {
        for (int j = 0; j < H; j++) {
            float bz = bias == null ? 0f : bias[j], br = bias == null ? 0f : bias[H + j], bh = bias == null ? 0f : bias[2 * H + j];
            float cz = recBias == null ? 0f : recBias[j], cr = recBias == null ? 0f : recBias[H + j];
            float ch = recBias == null ? 0f : recBias[2 * H + j];
            float z = GateMath.act(recAct, gates[g + j] + q[k + j] + bz + cz);
            float r = GateMath.act(recAct, gates[g + H + j] + q[k + H + j] + br + cr);
            float vh = q[k + 2 * H + j] + ch;
            float hh = GateMath.act(act, Math.fma(r, vh, gates[g + 2 * H + j] + bh));
            gates[g + j] = z;
            gates[g + H + j] = r;
            gates[g + 2 * H + j] = hh;
            qh[o + j] = vh;
            hs[o + j] = Math.fma(z, ph[pq + j] - hh, hh);
        }
    }

    /**
     * Backpropagates through time; the activations are replaced by the input-side pre-activation gradients row by
     * row (so this runs once per forward).
     *
     * @param gates   (P, 3H) in: the activations z, r, ĥ; out: dL/da (input side)
     * @param dgq     (P, 3H) out: dL/dq, gradients of the recurrent-side pre-activations (written)
     * @param dhs     (P, H)  in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0     (B, H)  += dL/dh_0, or null
     * @param scratch (B, H)  work space
     * @param done    receives the rows whose dL/da and dL/dq are final (for the weight gradients), or null
     */
    static void gruResetAfterBackward(float[] gates, float[] dgq, float[] dhs, float[] dh0, float[] scratch,
                                      float[] qh, float[] hs, float[] u, float[] h0, float[] recDrop,
                                      Activation act, Activation recAct, Schedule sc, int H, Steps.RowsDone done) {
        int G = 3 * H;
        int doneHigh = sc.rows;
        MatMul.PackedB ut = MatMul.pack(true, G, H, u, 0, G);
        boolean vector = GateMath.vectorized(act, recAct);
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final float[] dph = s == 0 ? dh0 : dhs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int p = p0 + r;
                    if (vector) {
                        afterRowBackward(gates, dgq, p * G, dhs, qh, p * H, ph, dph, prevOff + r * H, H);
                    } else {
                        afterRowBackwardScalar(gates, dgq, p * G, dhs, qh, p * H, ph, dph, prevOff + r * H, act, recAct, H);
                    }
                }
            });
            if (dph != null) {
                Steps.recurrentBackward(dph, prevOff, dgq, p0 * G, ut, recDrop, scratch, n, G, H);
            }
            doneHigh = Steps.rowsDone(done, s, p0, doneHigh, sc);
        }
    }

    /**
     * One row, tanh/sigmoid. Two passes, each its own small method with the flush written out, so that C2 inlines
     * every Vector API call and boxes nothing (see LstmKernels.rowBackward).
     */
    static void afterRowBackward(float[] gates, float[] dgq, int g, float[] dhs, float[] qh, int o, float[] ph,
                                 float[] dph, int pq, int H) {
        int n = S.loopBound(H);
        afterBackwardUpdateAndCandidate(gates, dgq, g, dhs, o, ph, dph, pq, H, n);
        afterBackwardReset(gates, dgq, g, qh, o, H, n);
        afterRowBackwardRange(gates, dgq, g, dhs, qh, o, ph, dph, pq, Activation.TANH, Activation.SIGMOID, H, n);
    }

    /**
     * dĥ = dh·(1 − z)·(1 − ĥ²), dz = dh·(h_{t−1} − ĥ)·z(1 − z) (into gates and dgq), dq_h = dĥ·r, dh_{t−1} += dh·z;
     * lanes [0, n).
     */
    private static void afterBackwardUpdateAndCandidate(float[] gates, float[] dgq, int g, float[] dhs, int o,
                                                        float[] ph, float[] dph, int pq, int H, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += L) {
            FloatVector dh = FloatVector.fromArray(S, dhs, o + j);
            FloatVector z = FloatVector.fromArray(S, gates, g + j);
            FloatVector r = FloatVector.fromArray(S, gates, g + H + j);
            FloatVector hh = FloatVector.fromArray(S, gates, g + 2 * H + j);
            FloatVector hp = FloatVector.fromArray(S, ph, pq + j);
            FloatVector dhh = dh.mul(one.sub(z)).mul(one.sub(hh.mul(hh)));
            dhh = dhh.blend(0f, dhh.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW));
            FloatVector dz = dh.mul(hp.sub(hh)).mul(z.mul(one.sub(z)));
            dz = dz.blend(0f, dz.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW));
            FloatVector dqh = dhh.mul(r);
            dz.intoArray(gates, g + j);
            dz.intoArray(dgq, g + j);
            dhh.intoArray(gates, g + 2 * H + j);
            dqh.blend(0f, dqh.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(dgq, g + 2 * H + j);
            if (dph != null) {
                FloatVector d = dh.fma(z, FloatVector.fromArray(S, dph, pq + j));
                d.blend(0f, d.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(dph, pq + j);
            }
        }
    }

    /** dr = dĥ·q_h·r(1 − r) (into gates and dgq), with dĥ already in gates; lanes [0, n). */
    private static void afterBackwardReset(float[] gates, float[] dgq, int g, float[] qh, int o, int H, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += L) {
            FloatVector r = FloatVector.fromArray(S, gates, g + H + j);
            FloatVector dhh = FloatVector.fromArray(S, gates, g + 2 * H + j);
            FloatVector dr = dhh.mul(FloatVector.fromArray(S, qh, o + j)).mul(r.mul(one.sub(r)));
            dr = dr.blend(0f, dr.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW));
            dr.intoArray(gates, g + H + j);
            dr.intoArray(dgq, g + H + j);
        }
    }

    static void afterRowBackwardScalar(float[] gates, float[] dgq, int g, float[] dhs, float[] qh, int o, float[] ph,
                                       float[] dph, int pq, Activation act, Activation recAct, int H) {
        afterRowBackwardRange(gates, dgq, g, dhs, qh, o, ph, dph, pq, act, recAct, H, 0);
    }

    private static void afterRowBackwardRange(float[] gates, float[] dgq, int g, float[] dhs, float[] qh, int o,
                                              float[] ph, float[] dph, int pq, Activation act, Activation recAct,
                                              int H, int from) {
        for (int j = from; j < H; j++) {
            float dh = dhs[o + j];
            float z = gates[g + j];
            float r = gates[g + H + j];
            float hh = gates[g + 2 * H + j];
            float dhh = GateMath.flush(dh * (1f - z) * GateMath.derivative(act, hh));
            float dz = GateMath.flush(dh * (ph[pq + j] - hh) * GateMath.derivative(recAct, z));
            float dr = GateMath.flush(dhh * qh[o + j] * GateMath.derivative(recAct, r));
            gates[g + j] = dz;
            gates[g + H + j] = dr;
            gates[g + 2 * H + j] = dhh;
            dgq[g + j] = dz;
            dgq[g + H + j] = dr;
            dgq[g + 2 * H + j] = GateMath.flush(dhh * r);
            if (dph != null) dph[pq + j] = GateMath.flush(Math.fma(dh, z, dph[pq + j]));
        }
    }

    // ---- reset_before ---------------------------------------------------------------------------------------

    /**
     * @param gates   (P, 3H) in: x̃·W; out: the activations z, r, ĥ
     * @param hs      (P, H)  out: h_t
     * @param hprev   (P, H)  out: h̃_{t−1} (kept for dU_z, dU_r)
     * @param rhprev  (P, H)  out: r ⊙ h̃_{t−1} (kept for dU_h)
     * @param u       (H, 3H) recurrent kernel
     * @param bias    (3H)    bias, or null
     * @param h0      (B, H)  initial state
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void gruResetBeforeForward(float[] gates, float[] hs, float[] hprev, float[] rhprev, float[] u, float[] bias,
                                      float[] h0, float[] recDrop, Activation act, Activation recAct, Schedule sc, int H) {
        int G = 3 * H;
        MatMul.PackedB uzr = MatMul.pack(false, H, 2 * H, u, 0, G), uh = MatMul.pack(false, H, H, u, 2 * H, G);
        boolean vector = GateMath.vectorized(act, recAct);
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Steps.recurrentOperand(hprev, p0 * H, ph, prevOff, recDrop, n, H);
            MatMul.gemm(n, hprev, p0 * H, H, uzr, gates, p0 * G, G, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    int o = (p0 + r) * H;
                    if (vector) GateMath.sigmoid(gates, g, bias, 0, 2 * H);               // z, r
                    else activateScalar(recAct, gates, g, bias, 0, 2 * H);
                    VectorMath.mul(gates, g + H, hprev, o, rhprev, o, H);                  // r ⊙ h̃
                }
            });
            MatMul.gemm(n, rhprev, p0 * H, H, uh, gates, p0 * G + 2 * H, G, true);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G;
                    if (vector) GateMath.tanh(gates, g + 2 * H, bias, 2 * H, H);          // ĥ
                    else activateScalar(act, gates, g + 2 * H, bias, 2 * H, H);
                    blend(hs, (p0 + r) * H, gates, g, ph, prevOff + r * H, H);
                }
            });
        }
    }

    /** x = f(x + bias) on x[off, off + n), bias[bOff, bOff + n) or null: the scalar twin of GateMath's kernels. */
    static void activateScalar(Activation f, float[] x, int off, float[] bias, int bOff, int n) {
        for (int j = 0; j < n; j++) x[off + j] = GateMath.act(f, x[off + j] + (bias == null ? 0f : bias[bOff + j]));
    }

    /** h = ĥ + z ⊙ (h_prev − ĥ) for one row. */
    static void blend(float[] hs, int o, float[] gates, int g, float[] ph, int pq, int H) {
        int j = 0;
        for (; j < S.loopBound(H); j += L) {
            FloatVector hh = FloatVector.fromArray(S, gates, g + 2 * H + j);
            FloatVector z = FloatVector.fromArray(S, gates, g + j);
            z.fma(FloatVector.fromArray(S, ph, pq + j).sub(hh), hh).intoArray(hs, o + j);
        }
        for (; j < H; j++) {
            float hh = gates[g + 2 * H + j];
            hs[o + j] = Math.fma(gates[g + j], ph[pq + j] - hh, hh);
        }
    }

    /**
     * Backpropagates through time; the activations are replaced by dL/da row by row (so this runs once per
     * forward).
     *
     * @param gates   (P, 3H) in: the activations z, r, ĥ; out: dL/da
     * @param dhs     (P, H)  in: dL/dh_t from the outputs; the loop adds the recurrent contributions
     * @param dh0     (B, H)  += dL/dh_0, or null
     * @param scratch (B, H)  work space
     * @param done    receives the rows whose dL/da is final (for the weight gradients), or null
     */
    static void gruResetBeforeBackward(float[] gates, float[] dhs, float[] dh0, float[] scratch,
                                       float[] hs, float[] hprev, float[] u, float[] h0, float[] recDrop,
                                       Activation act, Activation recAct, Schedule sc, int H, Steps.RowsDone done) {
        int G = 3 * H;
        int doneHigh = sc.rows;
        MatMul.PackedB uzrt = MatMul.pack(true, 2 * H, H, u, 0, G), uht = MatMul.pack(true, H, H, u, 2 * H, G);
        boolean vector = GateMath.vectorized(act, recAct);
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] ph = s == 0 ? h0 : hs;
            final float[] dph = s == 0 ? dh0 : dhs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G, o = (p0 + r) * H, pq = prevOff + r * H;
                    if (vector) beforeRowBackwardZH(gates, g, dhs, o, ph, dph, pq, H);
                    else beforeRowBackwardZHScalar(gates, g, dhs, o, ph, dph, pq, act, recAct, H);
                }
            });
            // d(r ⊙ h̃) = dĥ_pre · U_hᵀ
            MatMul.gemm(n, gates, p0 * G + 2 * H, G, uht, scratch, 0, H, false);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int g = (p0 + r) * G, o = (p0 + r) * H;
                    if (vector) beforeRowBackwardR(gates, g, scratch, r * H, hprev, o, H);
                    else beforeRowBackwardRScalar(gates, g, scratch, r * H, hprev, o, recAct, H);
                }
            });
            if (dph != null) {
                // dL/dh̃ += [dz_pre, dr_pre] · [U_z, U_r]ᵀ, then through the dropout mask into dL/dh_{t−1}
                MatMul.gemm(n, gates, p0 * G, G, uzrt, scratch, 0, H, true);
                for (int r = 0; r < n; r++) {
                    if (recDrop == null) VectorMath.axpy(1f, scratch, r * H, dph, prevOff + r * H, H);
                    else VectorMath.mulAdd(scratch, r * H, recDrop, r * H, dph, prevOff + r * H, H);
                }
            }
            doneHigh = Steps.rowsDone(done, s, p0, doneHigh, sc);
        }
    }

    /** reset_before backward, first part of a row: dz, dĥ over z, ĥ (in place), dh_{t−1} += dh ⊙ z (tanh/sigmoid). */
    static void beforeRowBackwardZH(float[] gates, int g, float[] dhs, int o, float[] ph, float[] dph, int pq, int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j < S.loopBound(H); j += L) {
            FloatVector dh = FloatVector.fromArray(S, dhs, o + j);
            FloatVector z = FloatVector.fromArray(S, gates, g + j);
            FloatVector hh = FloatVector.fromArray(S, gates, g + 2 * H + j);
            FloatVector hp = FloatVector.fromArray(S, ph, pq + j);
            FloatVector dz = dh.mul(hp.sub(hh)).mul(z.mul(one.sub(z)));
            FloatVector dhh = dh.mul(one.sub(z)).mul(one.sub(hh.mul(hh)));
            dz.blend(0f, dz.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + j);
            dhh.blend(0f, dhh.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + 2 * H + j);
            if (dph != null) {
                FloatVector d = dh.fma(z, FloatVector.fromArray(S, dph, pq + j));
                d.blend(0f, d.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(dph, pq + j);
            }
        }
        zhRange(gates, g, dhs, o, ph, dph, pq, Activation.TANH, Activation.SIGMOID, H, j);
    }

    static void beforeRowBackwardZHScalar(float[] gates, int g, float[] dhs, int o, float[] ph, float[] dph, int pq,
                                          Activation act, Activation recAct, int H) {
        zhRange(gates, g, dhs, o, ph, dph, pq, act, recAct, H, 0);
    }

    private static void zhRange(float[] gates, int g, float[] dhs, int o, float[] ph, float[] dph, int pq,
                                Activation act, Activation recAct, int H, int from) {
        for (int j = from; j < H; j++) {
            float dh = dhs[o + j];
            float z = gates[g + j];
            float hh = gates[g + 2 * H + j];
            gates[g + j] = GateMath.flush(dh * (ph[pq + j] - hh) * GateMath.derivative(recAct, z));
            gates[g + 2 * H + j] = GateMath.flush(dh * (1f - z) * GateMath.derivative(act, hh));
            if (dph != null) dph[pq + j] = GateMath.flush(Math.fma(dh, z, dph[pq + j]));
        }
    }

    /** reset_before backward, second part of a row: from drh = d(r ⊙ h̃), dr over r (in place) and drh ⊙ r. */
    static void beforeRowBackwardR(float[] gates, int g, float[] drh, int k, float[] hprev, int o, int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j < S.loopBound(H); j += L) {
            FloatVector d = FloatVector.fromArray(S, drh, k + j);
            FloatVector r = FloatVector.fromArray(S, gates, g + H + j);
            FloatVector dr = d.mul(FloatVector.fromArray(S, hprev, o + j)).mul(r.mul(one.sub(r)));
            FloatVector dq = d.mul(r);
            dr.blend(0f, dr.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + H + j);
            dq.blend(0f, dq.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(drh, k + j);
        }
        rRange(gates, g, drh, k, hprev, o, Activation.SIGMOID, H, j);
    }

    static void beforeRowBackwardRScalar(float[] gates, int g, float[] drh, int k, float[] hprev, int o,
                                         Activation recAct, int H) {
        rRange(gates, g, drh, k, hprev, o, recAct, H, 0);
    }

    private static void rRange(float[] gates, int g, float[] drh, int k, float[] hprev, int o, Activation recAct,
                               int H, int from) {
        for (int j = from; j < H; j++) {
            float d = drh[k + j];
            float r = gates[g + H + j];
            gates[g + H + j] = GateMath.flush(d * hprev[o + j] * GateMath.derivative(recAct, r));
            drh[k + j] = GateMath.flush(d * r); // dL/dh̃ through the candidate
        }
    }
}
