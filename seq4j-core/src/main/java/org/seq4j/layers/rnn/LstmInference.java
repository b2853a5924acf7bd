package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.Phases;
import org.seq4j.kernels.Phases.Phase;

/**
 * The LSTM forward when no gradient is recorded (predict, evaluate): the same arithmetic as
 * {@link LstmKernels#lstmForward}, bit for bit, but nothing the size of the sequence is written. Training keeps
 * x̃, the gates, h and c of every packed row for backward (P rows); inference needs only the current slot and the
 * previous slot's states, so its buffers are slot-sized rings that stay in L2, and outputs are written as rows
 * finish.
 *
 * <pre>
 *   per slot s (rows r &lt; n = active[s]):
 *     xh[r]    = [x̃_t | h_{t−1}]                 (B, I + H)  one slot
 *     gates[r] = xh[r]·[W; U]                     (B, 4H)     one slot
 *     c[cur r], h[cur r] from gates[r], c[prev r]  (2B, H)     two slots: cur = s mod 2, prev = the other
 *   with {@link ProjectedEmbedding}: gates[r] = h_{t−1}·U, and the row kernels add (E·W + b)[id] for the bias
 * </pre>
 *
 * <p>Shape letters: B batch, H units, I input width, P packed rows.
 */
final class LstmInference {
    private LstmInference() {}

    /**
     * @param x          (B, T, I) input, or null when {@code projected} is given
     * @param projected  (V, 4H) E·W + b for an input that is an embedding lookup of {@code ids}, or null
     * @param ids        (B·T) token ids of that lookup, or null
     * @param wu         [W; U] (I + H, 4H) packed, or null with {@code projected}
     * @param uPacked    U (H, 4H) packed, for {@code projected}
     * @param bias       (4H) or null; not read with {@code projected} (which holds it)
     * @param h0         (B, H) initial h in sorted row order
     * @param c0         (B, H) initial c in sorted row order
     * @param y          out: (B, T, H) with returnSequences, else (B, H) each row's last h
     * @param hT         out: (B, H) final h, or null
     * @param cT         out: (B, H) final c, or null
     */
    static void run(Schedule sc, RecurrentOp.Outputs out, float[] x, int I, float[] projected, int[] ids,
                    MatMul.PackedB wu, MatMul.PackedB uPacked, float[] bias, float[] h0, float[] c0, float[] y,
                    float[] hT, float[] cT, Activation act, Activation recAct, int H) {
        int B = sc.batch, G = 4 * H, K = I + H;
        boolean vector = GateMath.vectorized(act, recAct);
        boolean lookup = projected != null;
        float[] xh = lookup ? null : new float[B * K];  // (B, I + H) one slot of [x̃ | h̃]
        float[] gates = new float[B * G];                 // (B, 4H) one slot
        float[] hs = new float[2 * B * H];                // (2B, H) h of this slot and the previous
        float[] cs = new float[2 * B * H];                // (2B, H) c likewise
        if (sc.slots > 0 && !lookup) {
            Parallel.forRange(sc.active[0], Steps.ROW_GRAIN, (r0, r1) -> stageRows(0, r0, r1, xh, x, I, h0, r0,
                    sc, H));
        }
        for (int s = 0; s < sc.slots; s++) {
            int n = sc.active[s];
            int p0 = sc.offset[s];
            int cur = (s & 1) * B;
            int prev = ((s + 1) & 1) * B;
            float[] ph = s == 0 ? h0 : hs, pc = s == 0 ? c0 : cs;
            int prevRow = s == 0 ? 0 : prev;
            int slot = s;
            int next = s + 1 < sc.slots ? sc.active[s + 1] : 0; // rows of the next slot
            long t0 = Phases.start();
            if (lookup) { // h̃·U alone: the row kernels add the looked-up x̃·W + b
                MatMul.gemm(n, ph, prevRow * H, H, uPacked, gates, 0, G, false);
            } else {
                MatMul.gemm(n, xh, 0, K, wu, gates, 0, G, false);
            }
            long t1 = Phases.start();
            Phases.stop(Phase.FORWARD_STEP_GEMM, t0);
            Parallel.forRange(n, Steps.ROW_GRAIN, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    float[] add = lookup ? projected : bias; // the row x̃·W + b, or the bias
                    int at = lookup ? ids[sc.source[p0 + r]] * G : 0;
                    if (vector) {
                        LstmKernels.rowForward(gates, r * G, add, at, hs, cs, (cur + r) * H, pc, (prevRow + r) * H, H);
                    } else {
                        LstmKernels.rowForwardScalar(gates, r * G, add, at, hs, cs, (cur + r) * H, pc,
                                (prevRow + r) * H, act, recAct, H);
                    }
                }
                if (!lookup) stageRows(slot + 1, r0, Math.min(r1, next), xh, x, I, hs, cur + r0, sc, H);
            });
            long t2 = Phases.start();
            Phases.stop(Phase.FORWARD_ROWS, t1);
            int ending = s + 1 < sc.slots ? sc.active[s + 1] : 0; // rows [ending, n) end in slot s
            for (int r = out.returnSequences() ? 0 : ending; r < n; r++) {
                int b = sc.order[r];
                if (out.returnSequences()) {
                    System.arraycopy(hs, (cur + r) * H, y, RecurrentOp.outIndex(sc, p0 + r, out) * H, H);
                } else {
                    System.arraycopy(hs, (cur + r) * H, y, b * H, H);
                }
                if (r >= ending) {
                    if (hT != null) System.arraycopy(hs, (cur + r) * H, hT, b * H, H);
                    if (cT != null) System.arraycopy(cs, (cur + r) * H, cT, b * H, H);
                }
            }
            Phases.stop(Phase.FORWARD_OUTPUTS, t2);
        }
        for (int r = 0; r < B; r++) { // rows without a real step keep their initial states (and output zeros)
            if (sc.length[r] > 0) continue;
            int b = sc.order[r];
            if (hT != null) System.arraycopy(h0, r * H, hT, b * H, H);
            if (cT != null) System.arraycopy(c0, r * H, cT, b * H, H);
        }
    }

    /**
     * Rows [r0, r1) of slot s before its product, by the thread that has just finished those rows' previous step:
     * [x̃_t | h_{t−1}] into the operand, h_{t−1} of row r from row {@code hRow0 + r − r0} of {@code hFrom}. (With a
     * lookup the product reads h_{t−1} where the row kernels wrote it, and nothing is staged.)
     */
    private static void stageRows(int s, int r0, int r1, float[] xh, float[] x, int I, float[] hFrom, int hRow0,
                                  Schedule sc, int H) {
        int K = I + H;
        for (int r = r0; r < r1; r++) {
            System.arraycopy(x, sc.source[sc.offset[s] + r] * I, xh, r * K, I);
            System.arraycopy(hFrom, (hRow0 + r - r0) * H, xh, r * K + I, H);
        }
    }
}
