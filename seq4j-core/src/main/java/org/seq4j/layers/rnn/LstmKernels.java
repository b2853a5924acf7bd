package org.seq4j.layers.rnn;

import static org.seq4j.layers.rnn.GateMath.L;
import static org.seq4j.layers.rnn.GateMath.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.Phases;
import org.seq4j.kernels.Phases.Phase;
import org.seq4j.kernels.VectorMath;

/**
 * The LSTM time loop over a {@link Schedule}'s packed rows, forward and backward.
 *
 * <pre>
 *   a = x̃_t·W + b + h̃_{t−1}·U                 (4H) pre-activations, blocks i, f, g, o
 *   i = σ(a_i)  f = σ(a_f)  g = φ(a_g)  o = σ(a_o)      σ recurrent activation, φ activation
 *   c_t = f ⊙ c_{t−1} + i ⊙ g
 *   h_t = o ⊙ φ(c_t)
 * backward, from dh_t and dc_t (which already holds what c_{t+1} sent back); results below 1e-30 are flushed
 * to 0 (GateMath.FLUSH_BELOW):
 *   dc = dc_t + dh ⊙ o ⊙ φ'(c_t)        da_o = dh ⊙ φ(c_t) ⊙ σ'   da_i = dc ⊙ g ⊙ σ'
 *   da_f = dc ⊙ c_{t−1} ⊙ σ'            da_g = dc ⊙ i ⊙ φ'        dc_{t−1} += dc ⊙ f
 *   dh_{t−1} += (da·Uᵀ) ⊙ m
 * </pre>
 * h̃_{t−1} = h_{t−1} ⊙ m is the state after recurrent dropout (m = 1 without it). Each packed row of the operand
 * holds [x̃_t | h̃_{t−1}], so a slot's x̃·W + h̃·U is one gemm with the stacked kernel [W; U] over that slot's rows;
 * then the row kernels add the bias and do the gate math in a few vectorised passes over each L1-resident row
 * (tanh/sigmoid; the scalar twin for other activations or {@code -Dseq4j.scalar=true}), rows split over the
 * threads; each thread then stages its rows of the next slot (h̃ into the operand), so nothing serial stands
 * between two products. [dW; dU] = [X̃ | H̃]ᵀ·dA is one product, which the caller accumulates during backward in
 * chunks of finished rows. After an Embedding (and without input dropout) x̃·W + b is a row of the table
 * E·W + b ({@link ProjectedEmbedding}): the gemm computes h̃·U alone and the row kernels add the table row where
 * they would add the bias. The same sum as the stacked product's, rounded in another order (within a few float
 * ulps; not its bits), and the same bits in training and inference, which both do this.
 *
 * <p>Shape letters: P packed rows, B batch, H units. Initial states and dropout masks are in the schedule's sorted
 * row order.
 */
final class LstmKernels {
    private LstmKernels() {}

    /**
     * @param gates   (P, 4H) out: the activations i, f, g, o
     * @param hs      (P, H)  out: h_t
     * @param cs      (P, H)  out: c_t
     * @param xh      (P, I + H) in: x̃_t in each row's first I values; out: h̃_{t−1} in the other H (kept for dU)
     * @param I       the x̃ values per row of xh: 0 when x̃·W is looked up and backward needs no x̃ (LookupGradients)
     * @param wu      the stacked kernel [W; U] (I + H, 4H), packed; null with a projection
     * @param proj    x̃·W + b as rows of E·W + b, or null to compute x̃·W with wu
     * @param bias    (4H)    bias, or null; not read with a projection (its table holds it)
     * @param h0      (B, H)  initial h
     * @param c0      (B, H)  initial c
     * @param recDrop (B, H)  recurrent dropout multipliers, or null
     */
    static void lstmForward(float[] gates, float[] hs, float[] cs, float[] xh, int I, MatMul.PackedB wu,
                            Projection proj, float[] bias, float[] h0, float[] c0, float[] recDrop,
                            Activation act, Activation recAct, Schedule sc, int H) {
        int G = 4 * H, K = I + H;
        boolean vector = GateMath.vectorized(act, recAct);
        if (sc.slots > 0) {
            Parallel.forRange(sc.active[0], Steps.ROW_GRAIN, (r0, r1) -> stageRows(0, r0, r1, hs, xh, I, h0,
                    recDrop, sc, H));
        }
        for (int s = 0; s < sc.slots; s++) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final int slot = s;
            final int next = s + 1 < sc.slots ? sc.active[s + 1] : 0; // rows of the next slot
            final float[] pc = s == 0 ? c0 : cs;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H; // rows r < n of the previous slot
            long t0 = Phases.start();
            if (proj == null) {
                MatMul.gemm(n, xh, p0 * K, K, wu, gates, p0 * G, G, false);
            } else { // h̃·U alone: the row kernels add the looked-up x̃·W + b
                MatMul.gemm(n, xh, p0 * K + I, K, proj.u, gates, p0 * G, G, false);
            }
            long t1 = Phases.start();
            Phases.stop(Phase.FORWARD_STEP_GEMM, t0);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int p = p0 + r;
                    float[] add = proj == null ? bias : proj.table;          // the bias, or the row x̃·W + b
                    int at = proj == null ? 0 : proj.ids[sc.source[p]] * G;
                    if (vector) {
                        rowForward(gates, p * G, add, at, hs, cs, p * H, pc, prevOff + r * H, H);
                    } else {
                        rowForwardScalar(gates, p * G, add, at, hs, cs, p * H, pc, prevOff + r * H, act, recAct, H);
                    }
                }
                stageRows(slot + 1, r0, Math.min(r1, next), hs, xh, I, h0, recDrop, sc, H);
            });
            Phases.stop(Phase.FORWARD_ROWS, t1);
        }
    }

    /**
     * Rows [r0, r1) of slot s before its product: h̃_{t−1} after x̃_t in xh. Run by the thread that has just
     * computed h_{t−1} for those rows (still in its L1), so no serial copy stands between two slots' products.
     */
    private static void stageRows(int s, int r0, int r1, float[] hs, float[] xh, int I, float[] h0,
                                  float[] recDrop, Schedule sc, int H) {
        int K = I + H;
        float[] ph = s == 0 ? h0 : hs;
        for (int r = r0; r < r1; r++) {
            int p = sc.offset[s] + r;
            int from = s == 0 ? r * H : (sc.offset[s - 1] + r) * H;
            if (recDrop == null) System.arraycopy(ph, from, xh, p * K + I, H);
            else VectorMath.mul(ph, from, recDrop, r * H, xh, p * K + I, H);
        }
    }

    /**
     * The input half of the step's product as a lookup ({@link ProjectedEmbedding}).
     *
     * @param table (V, 4H) E·W + b, the bias folded in ({@link ProjectedEmbedding#withBias})
     * @param ids   (B·T) the token id of each input position
     * @param u     U (H, 4H), packed
     */
    record Projection(float[] table, int[] ids, MatMul.PackedB u) {}

    /**
     * One row, tanh/sigmoid, in short passes over the L1-resident row: bias and activations in place, c, then
     * h = o ⊙ tanh(c) with tanh(c) staged in the h row (backward recomputes it from c rather than keeping it).
     * Vectors never cross a call (the lane math is inlined into GateMath's array kernels), so nothing is boxed.
     * {@code bias} from {@code b}: the bias, or the row of E·W + b a lookup adds to h̃·U (null: nothing to add).
     */
    static void rowForward(float[] gates, int g, float[] bias, int b, float[] hs, float[] cs, int q,
                           float[] pc, int pq, int H) {
        GateMath.sigmoid(gates, g, bias, b, 2 * H);                 // i, f
        GateMath.tanh(gates, g + 2 * H, bias, b + 2 * H, H);        // g
        GateMath.sigmoid(gates, g + 3 * H, bias, b + 3 * H, H);     // o
        int j = 0;
        for (; j < S.loopBound(H); j += L) { // c = f ⊙ c_prev + i ⊙ g
            FloatVector i = FloatVector.fromArray(S, gates, g + j);
            FloatVector f = FloatVector.fromArray(S, gates, g + H + j);
            FloatVector gg = FloatVector.fromArray(S, gates, g + 2 * H + j);
            f.fma(FloatVector.fromArray(S, pc, pq + j), i.mul(gg)).intoArray(cs, q + j);
        }
        for (; j < H; j++) cs[q + j] = Math.fma(gates[g + H + j], pc[pq + j], gates[g + j] * gates[g + 2 * H + j]);
        VectorMath.tanh(cs, q, hs, q, H);                  // tanh(c), staged in h
        VectorMath.mul(gates, g + 3 * H, hs, q, hs, q, H); // h = o ⊙ tanh(c)
    }

    /** Scalar twin of {@link #rowForward}, for any activations. */
    static void rowForwardScalar(float[] gates, int g, float[] bias, int b, float[] hs, float[] cs, int q,
                                 float[] pc, int pq, Activation act, Activation recAct, int H) {
        for (int j = 0; j < H; j++) {
            float i = GateMath.act(recAct, gates[g + j] + (bias == null ? 0f : bias[b + j]));
            float f = GateMath.act(recAct, gates[g + H + j] + (bias == null ? 0f : bias[b + H + j]));
            float gg = GateMath.act(act, gates[g + 2 * H + j] + (bias == null ? 0f : bias[b + 2 * H + j]));
            float o = GateMath.act(recAct, gates[g + 3 * H + j] + (bias == null ? 0f : bias[b + 3 * H + j]));
            gates[g + j] = i;
            gates[g + H + j] = f;
            gates[g + 2 * H + j] = gg;
            gates[g + 3 * H + j] = o;
            float c = Math.fma(f, pc[pq + j], i * gg);
            cs[q + j] = c;
            hs[q + j] = o * GateMath.act(act, c);
        }
    }

    /**
     * Backpropagates through time; the gate activations are replaced by the pre-activation gradients, row by row,
     * and c_t by φ(c_t) (recomputed, not kept from forward), so this runs once per forward. dL/dh and dL/dc live
     * in two slot-sized (B, H) buffers each, not (P, H): slot s reads its own and fills the previous slot's, which
     * {@code seed} first loads with what the outputs send to that slot.
     *
     * @param gates   (P, 4H) in: the activations i, f, g, o; out: dL/da, the pre-activation gradients
     * @param seed    adds the output gradients of a slot's rows into zeroed (B, H) dh and dc buffers
     * @param dh0     (B, H)  += dL/dh_0, or null when not wanted
     * @param dc0     (B, H)  += dL/dc_0, or null when not wanted
     * @param work    4 (B, H) buffers: dh and dc of two slots
     * @param scratch (B, H)  work space (used with recurrent dropout)
     * @param cs      (P, H)  in: c_t; out: φ(c_t)
     * @param done    receives the rows whose dL/da is final (for the weight gradients), or null
     */
    static void lstmBackward(float[] gates, Steps.SlotSeed seed, float[] dh0, float[] dc0,
                             float[][] work, float[] scratch, float[] cs, float[] u, float[] c0, float[] recDrop,
                             Activation act, Activation recAct, Schedule sc, int H, Steps.RowsDone done) {
        int doneHigh = sc.rows;
        int G = 4 * H;
        boolean vector = GateMath.vectorized(act, recAct);
        float[] dh = work[0], dc = work[1], dhPrev = work[2], dcPrev = work[3];
        MatMul.PackedB ut = MatMul.pack(true, G, H, u, 0, G);
        if (sc.slots > 0) Steps.seedSlot(seed, sc.slots - 1, dh, dc, sc.active[sc.slots - 1], H);
        for (int s = sc.slots - 1; s >= 0; s--) {
            final int n = sc.active[s];
            final int p0 = sc.offset[s];
            final float[] pc = s == 0 ? c0 : cs;
            final float[] dpc = s == 0 ? dc0 : dcPrev;
            final float[] fdh = dh, fdc = dc;
            final int prevOff = s == 0 ? 0 : sc.offset[s - 1] * H;
            long t0 = Phases.start();
            if (s > 0) Steps.seedSlot(seed, s - 1, dhPrev, dcPrev, sc.active[s - 1], H);
            long t1 = Phases.start();
            Phases.stop(Phase.BACKWARD_SEED, t0);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int p = p0 + r;
                    if (vector) {
                        GateMath.tanh(cs, p * H, null, 0, H);
                        rowBackward(gates, p * G, fdh, fdc, r * H, dpc, pc, prevOff + r * H, cs, p * H, H);
                    } else {
                        for (int j = p * H; j < (p + 1) * H; j++) cs[j] = GateMath.act(act, cs[j]);
                        rowBackwardScalar(gates, p * G, fdh, fdc, r * H, dpc, pc, prevOff + r * H, cs, p * H,
                                act, recAct, H);
                    }
                }
            });
            long t2 = Phases.start();
            Phases.stop(Phase.BACKWARD_ROWS, t1);
            float[] dph = s == 0 ? dh0 : dhPrev;
            if (dph != null) {
                Steps.recurrentBackward(dph, 0, gates, p0 * G, ut, recDrop, scratch, n, G, H);
            }
            Phases.stop(Phase.BACKWARD_STEP_GEMM, t2);
            doneHigh = Steps.rowsDone(done, s, p0, doneHigh, sc);
            float[] t = dh;
            dh = dhPrev;
            dhPrev = t;
            t = dc;
            dc = dcPrev;
            dcPrev = t;
        }
    }

    /**
     * One row, tanh/sigmoid: dL/da over the activations (in place), dL/dc_{t−1} into dpc when wanted. dh, dc and
     * dc_{t−1} are at q, c_{t−1} at pq, φ(c_t) at tq; dc is overwritten with dL/dc_t.
     *
     * <p>Three passes over the L1-resident row, each its own small method with the flush written out. Every
     * Vector API operation inlines a deep chain of bytecode, and C2 stops inlining in a method past a budget: one
     * loop with all five gradients ran out of it, left the flush helper it then had as a real call and boxed
     * every vector crossing it (~50 MB allocated per training step; JFR allocation samples).
     */
    static void rowBackward(float[] gates, int g, float[] dhs, float[] dcs, int q, float[] dpc, float[] pc, int pq,
                            float[] tcs, int tq, int H) {
        int n = S.loopBound(H);
        backwardCellAndOutputGate(gates, g, dhs, dcs, q, tcs, tq, H, n);
        backwardInputAndCandidate(gates, g, dcs, q, H, n);
        backwardForgetGate(gates, g, dcs, q, dpc, pc, pq, H, n);
        if (n < H) {
            rowBackwardScalarRange(gates, g, dhs, dcs, q, dpc, pc, pq, tcs, tq, Activation.TANH, Activation.SIGMOID, H, n);
        }
    }

    /** dc = dc_t + dh·o·(1 − tc²) (into dcs), da_o = dh·tc·o(1 − o); lanes [0, n). */
    private static void backwardCellAndOutputGate(float[] gates, int g, float[] dhs, float[] dcs, int q, float[] tcs,
                                                  int tq, int H, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += L) {
            FloatVector dh = FloatVector.fromArray(S, dhs, q + j);
            FloatVector tc = FloatVector.fromArray(S, tcs, tq + j);
            FloatVector o = FloatVector.fromArray(S, gates, g + 3 * H + j);
            dh.mul(o).fma(one.sub(tc.mul(tc)), FloatVector.fromArray(S, dcs, q + j)).intoArray(dcs, q + j);
            FloatVector dao = dh.mul(tc).mul(o.mul(one.sub(o)));
            dao.blend(0f, dao.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + 3 * H + j);
        }
    }

    /** da_i = dc·g·i(1 − i), da_g = dc·i·(1 − g²); lanes [0, n). */
    private static void backwardInputAndCandidate(float[] gates, int g, float[] dcs, int q, int H, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += L) {
            FloatVector dc = FloatVector.fromArray(S, dcs, q + j);
            FloatVector i = FloatVector.fromArray(S, gates, g + j);
            FloatVector gg = FloatVector.fromArray(S, gates, g + 2 * H + j);
            FloatVector dai = dc.mul(gg).mul(i.mul(one.sub(i)));
            FloatVector dag = dc.mul(i).mul(one.sub(gg.mul(gg)));
            dai.blend(0f, dai.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + j);
            dag.blend(0f, dag.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + 2 * H + j);
        }
    }

    /** da_f = dc·c_{t−1}·f(1 − f), dc_{t−1} += dc·f when dpc is not null; lanes [0, n). */
    private static void backwardForgetGate(float[] gates, int g, float[] dcs, int q, float[] dpc, float[] pc, int pq,
                                           int H, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += L) {
            FloatVector dc = FloatVector.fromArray(S, dcs, q + j);
            FloatVector f = FloatVector.fromArray(S, gates, g + H + j);
            FloatVector daf = dc.mul(FloatVector.fromArray(S, pc, pq + j)).mul(f.mul(one.sub(f)));
            daf.blend(0f, daf.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(gates, g + H + j);
            if (dpc != null) {
                FloatVector d = dc.fma(f, FloatVector.fromArray(S, dpc, q + j));
                d.blend(0f, d.abs().compare(VectorOperators.LT, GateMath.FLUSH_BELOW)).intoArray(dpc, q + j);
            }
        }
    }

    /** Scalar twin of {@link #rowBackward}, for any activations. */
    static void rowBackwardScalar(float[] gates, int g, float[] dhs, float[] dcs, int q, float[] dpc, float[] pc,
                                  int pq, float[] tcs, int tq, Activation act, Activation recAct, int H) {
        rowBackwardScalarRange(gates, g, dhs, dcs, q, dpc, pc, pq, tcs, tq, act, recAct, H, 0);
    }

    private static void rowBackwardScalarRange(float[] gates, int g, float[] dhs, float[] dcs, int q, float[] dpc,
                                               float[] pc, int pq, float[] tcs, int tq, Activation act,
                                               Activation recAct, int H, int from) {
        for (int j = from; j < H; j++) {
            float dh = dhs[q + j];
            float tc = tcs[tq + j];
            float i = gates[g + j];
            float f = gates[g + H + j];
            float gg = gates[g + 2 * H + j];
            float o = gates[g + 3 * H + j];
            float dc = Math.fma(dh * o, GateMath.derivative(act, tc), dcs[q + j]);
            gates[g + j] = GateMath.flush(dc * gg * GateMath.derivative(recAct, i));
            gates[g + H + j] = GateMath.flush(dc * pc[pq + j] * GateMath.derivative(recAct, f));
            gates[g + 2 * H + j] = GateMath.flush(dc * i * GateMath.derivative(act, gg));
            gates[g + 3 * H + j] = GateMath.flush(dh * tc * GateMath.derivative(recAct, o));
            if (dpc != null) dpc[q + j] = GateMath.flush(Math.fma(dc, f, dpc[q + j]));
        }
    }
}
