package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.Phases;
import org.seq4j.kernels.Phases.Phase;
import org.seq4j.kernels.VectorMath;
import org.seq4j.tensor.Tensor;

/**
 * A whole recurrent layer over a whole sequence as ONE autograd op with its own backward.
 *
 * <p>Forward: gather the real steps into the packed order of a {@link Schedule} (applying the input dropout mask),
 * project them all with one gemm (x̃·W for every real step), run the cell's time loop (one h̃·U gemm per slot, then
 * fused point-wise gate math that also adds the bias), and scatter the states into the outputs. Backward: scatter
 * the output gradients into the packed order, run the cell's backward-through-time loop (which overwrites the
 * cached activations with the pre-activation gradients dA, so an op backpropagates once), then one gemm each for
 * dW = X̃ᵀ·dA and dX̃ = dA·Wᵀ (dU = H̃ᵀ·dA inside the cell), and column sums for db.
 *
 * <p>The LSTM fuses the projection into the time loop instead: each packed row holds [x̃_t | h̃_{t−1}] (K = I + H
 * values), a slot's pre-activations are one gemm with the stacked kernel [W; U] (K, 4H), written while the row
 * kernels are about to read them (no P·4H projection written, read back and rewritten), and backward's
 * [dW; dU] = [X̃ | H̃]ᵀ·dA is one gemm. The FMA chains are those of the unfused path (x̃ first, then h̃), so the
 * results are the same bits.
 *
 * <p>Inference (no gradient recorded) keeps nothing: the buffers die with the call.
 *
 * <p>Outputs: y, then (with returnState) the final h and, for the LSTM, c. y is (B, T, H) with returnSequences
 * (zeros at masked steps; in processing order for go_backwards, as Keras; time-reversed once more with
 * {@code reverseSequence}, which Bidirectional asks of its backward copy) or
 * the (B, H) output of each row's last real step (zeros for a row with none).
 */
final class RecurrentOp {
    /** What the time loop computes. */
    enum Kind { SIMPLE_RNN, LSTM, GRU }

    /** The cell: its kind, activations and (GRU) variant. */
    record Cell(Kind kind, Activation activation, Activation recurrentActivation, boolean resetAfter) {
        int gates() {
            return switch (kind) {
                case SIMPLE_RNN -> 1;
                case LSTM -> 4;
                case GRU -> 3;
            };
        }

        int states() {
            return kind == Kind.LSTM ? 2 : 1;
        }
    }

    /** Where the sequence output goes and what is returned. */
    record Outputs(boolean returnSequences, boolean returnState, boolean goBackwards, boolean reverseSequence) {
        /** Whether the sequence output's time axis runs against the input's (Keras: go_backwards, unless reversed back). */
        boolean flipped() {
            return goBackwards != reverseSequence;
        }
    }

    private RecurrentOp() {}

    /**
     * Runs the layer.
     *
     * @param x       (B, T, I) input, its mask honoured
     * @param init    initial states ((B, H) each: h, and c for the LSTM) or an empty list for zeros
     * @param w       (I, G·H) kernel
     * @param u       (H, G·H) recurrent kernel
     * @param b       (G·H) bias, (2, 3H) for GRU reset_after, or null
     * @param inDrop  (B, I) input dropout multipliers, or null
     * @param recDrop (B, H) recurrent dropout multipliers, or null
     */
    static List<Variable> apply(Cell cell, Outputs out, Variable x, List<Variable> init, Variable w, Variable u,
                                Variable b, float[] inDrop, float[] recDrop) {
        Run run = run(cell, out, x, init, w, u, b, inDrop, recDrop);
        MultiOutput.Backward backward = run.backward() == null ? null : grads -> {
            Runnable rest = run.backward().backward(grads,
                    run.sendsDx() && x.requiresGrad() ? x.gradBuffer().data() : null);
            if (rest != null) rest.run();
        };
        List<Variable> results = MultiOutput.of(run.values(), backward, run.parents());
        if (run.sequenceMask() != null) results.get(0).withMask(run.sequenceMask());
        return results;
    }

    /**
     * A backward that adds dL/dx into {@code dx} (when x needs it and the run {@link Run#sendsDx sends it}) and
     * everything else into the grad buffers, except what goes into an embedding table's gradient
     * ({@link LookupGradients}): that it returns, to be run when no other thread writes the table's gradient (null
     * when there is none).
     */
    @FunctionalInterface
    interface Backward {
        Runnable backward(Tensor[] grads, float[] dx);
    }

    /**
     * The forward of one layer call, before it becomes autograd variables: the output values (y, then the states),
     * the backward (null when no gradient is recorded), the parents, the mask of a sequence output (or null), and
     * whether backward sends dL/dx through x (false: x is an embedding lookup whose table receives the gradient
     * directly, and x's gradient need not even be allocated).
     */
    record Run(List<Tensor> values, Backward backward, Variable[] parents, Mask sequenceMask, boolean sendsDx) {}

    /** {@link #apply} without making variables: Bidirectional runs two of these at once and merges them. */
    static Run run(Cell cell, Outputs out, Variable x, List<Variable> init, Variable w, Variable u,
                   Variable b, float[] inDrop, float[] recDrop) {
        int B = x.dim(0), T = x.dim(1), I = x.dim(2);
        int H = u.dim(0);
        int G = cell.gates() * H;
        Mask mask = x.mask();
        Schedule sc = Schedule.of(B, T, mask, out.goBackwards());
        int P = sc.rows;
        if ((long) P * Math.max(G, I) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the batch has " + P + " real steps; times " + Math.max(G, I)
                    + " values per step that exceeds a Java array (2^31 - 1). Use smaller batches or shorter sequences.");
        }
        boolean gruAfter = cell.kind() == Kind.GRU && cell.resetAfter();
        List<Variable> parents = new ArrayList<>(List.of(x, w, u));
        if (b != null) parents.add(b);
        parents.addAll(init);
        boolean needGrad = GradMode.isEnabled() && parents.stream().anyMatch(Variable::requiresGrad);
        if (!needGrad && cell.kind() == Kind.LSTM && inDrop == null && recDrop == null) {
            return lstmInference(cell, out, sc, x, init, w, u, b, mask, parents);
        }

        long tGather = Phases.start();
        List<float[]> pooled = new ArrayList<>(); // work buffers, back to the pool after backward
        boolean fused = cell.kind() == Kind.LSTM;
        float[] xd = x.data();
        Variable.Lookup lookup = exactLookup(x, inDrop, I);
        // x̃·W looked up in E·W: in the LSTM's time loop, else here for all packed rows at once
        boolean lookUp = lookup != null && ProjectedEmbedding.worthIt(P, lookup.table().dim(0), fused || needGrad);
        // backward's input-side gradients summed per id: then no x̃ rows are kept at all
        LookupGradients perId = needGrad && lookUp && (x.requiresGrad() || w.requiresGrad())
                ? LookupGradients.of(lookup, sc) : null;
        // the rows of E·W to look up (with perId just the batch's distinct ids: the same bits) and each position's row;
        // the LSTM's row kernels add a row where they would add the bias, so its table holds E·W + b
        float[] folded = fused && b != null ? b.data() : null;
        float[] table = !lookUp ? null
                : perId != null ? ProjectedEmbedding.withBias(perId.project(w, pooled), perId.distinctIds(), folded, G)
                : ProjectedEmbedding.of(lookup.table(), w, folded);
        int[] tableRows = !lookUp ? null : perId != null ? perId.positions(sc, B * T) : lookup.ids();
        float[] projected = !fused ? table : null;
        boolean keepX = perId == null && !(projected != null && !needGrad); // backward needs x̃ (or the step does)
        // x̃ for every real step, packed: (P, K); the fused LSTM keeps h̃_{t−1} after it (K = xw + H)
        int xw = keepX ? I : 0;
        int K = fused ? xw + H : I;
        float[] xs = fused || keepX ? takeRows(pooled, P, K) : null; // backward's operand
        if (keepX) {
            for (int p = 0; p < P; p++) {
                int src = sc.source[p] * I;
                if (inDrop == null) System.arraycopy(xd, src, xs, p * K, I);
                else VectorMath.mul(xd, src, inDrop, sc.batchOf(p) * I, xs, p * K, I);
            }
        }
        // x̃·W for every real step: (P, G·H), in the time loop for the fused LSTM; the row kernels add the bias
        float[] gates = takeRows(pooled, P, G);
        if (projected != null) {
            lookUpRows(gates, projected, tableRows, sc, G);
        } else if (!fused) {
            MatMul.gemm(false, false, P, G, I, xs, 0, I, w.data(), 0, G, gates, 0, G, false);
        }
        float[] bias = b == null ? null : b.data(); // (G·H), or (2, 3H) whose row 0 is the input bias

        float[] h0 = sortedRows(init.isEmpty() ? null : init.get(0), sc, H); // (B, H)
        float[] c0 = cell.kind() == Kind.LSTM ? sortedRows(init.size() > 1 ? init.get(1) : null, sc, H) : null;
        float[] rd = recDrop == null ? null : sortRows(recDrop, sc, H);        // (B, H)
        float[] recBias = null;                                                // (3H) GRU reset_after
        if (gruAfter && b != null) {
            recBias = new float[G];
            System.arraycopy(b.data(), G, recBias, 0, G);
        }

        Phases.stop(Phase.FORWARD_GATHER, tGather);
        float[] hs = cell.kind() == Kind.SIMPLE_RNN ? gates : takeRows(pooled, P, H); // (P, H) h_t
        float[] hprev = fused ? null : takeRows(pooled, P, H); // (P, H) h̃_{t−1} (the fused LSTM keeps it in xs)
        float[] cs = null, qh = null, rhprev = null;
        Activation act = cell.activation(), recAct = cell.recurrentActivation();
        switch (cell.kind()) {
            case SIMPLE_RNN -> SimpleRnnKernels.simpleRnnForward(hs, hprev, u.data(), bias, h0, rd, act, sc, H);
            case LSTM -> {
                cs = takeRows(pooled, P, H); // (P, H) c_t
                LstmKernels.Projection projection = lookUp
                        ? new LstmKernels.Projection(table, tableRows, MatMul.pack(false, H, G, u.data(), 0, G))
                        : null;
                LstmKernels.lstmForward(gates, hs, cs, xs, xw, projection == null ? stacked(w, u, I, H, G) : null,
                        projection, bias, h0, c0, rd, act, recAct, sc, H);
            }
            case GRU -> {
                if (cell.resetAfter()) {
                    qh = takeRows(pooled, P, H); // (P, H) h̃·U_h + b_rec,h
                    GruKernels.gruResetAfterForward(gates, qh, hs, hprev, take(pooled, B * G), u.data(), bias, recBias,
                            h0, rd, act, recAct, sc, H);
                } else {
                    rhprev = takeRows(pooled, P, H); // (P, H) r ⊙ h̃_{t−1}
                    GruKernels.gruResetBeforeForward(gates, hs, hprev, rhprev, u.data(), bias, h0, rd, act, recAct,
                            sc, H);
                }
            }
        }

        // outputs
        long tOut = Phases.start();
        List<Tensor> values = new ArrayList<>();
        Tensor y;
        if (out.returnSequences()) {
            y = Tensor.zeros(B, T, H);
            float[] yd = y.data();
            for (int p = 0; p < P; p++) System.arraycopy(hs, p * H, yd, outIndex(sc, p, out) * H, H);
        } else {
            y = Tensor.zeros(B, H);
            gatherLast(y.data(), hs, null, sc, H);
        }
        values.add(y);
        if (out.returnState()) {
            Tensor hT = Tensor.zeros(B, H);
            gatherLast(hT.data(), hs, h0, sc, H);
            values.add(hT);
            if (cell.kind() == Kind.LSTM) {
                Tensor cT = Tensor.zeros(B, H);
                gatherLast(cT.data(), cs, c0, sc, H);
                values.add(cT);
            }
        }

        Backward backward = null;
        if (needGrad) {
            final float[] fcs = cs, fqh = qh, frh = rhprev;
            boolean[] done = {false};
            backward = (grads, dx) -> {
                if (done[0]) {
                    throw new IllegalStateException("backward through a recurrent layer a second time: its caches are "
                            + "consumed by the first backward; run the forward again for another backward");
                }
                done[0] = true;
                return backward(cell, out, sc, grads, dx, init, w, u, b, inDrop, rd, perId, xs, K, gates, hs, hprev,
                        fcs, fqh, frh, h0, c0, B, I, H, pooled);
            };
        } else {
            BufferPool.give(pooled); // inference: nothing is kept
        }
        Mask yMask = out.returnSequences() && mask != null ? (out.flipped() ? mask.reversed() : mask) : null;
        Phases.stop(Phase.FORWARD_OUTPUTS, tOut);
        return new Run(values, backward, parents.toArray(new Variable[0]), yMask, perId == null);
    }

    /**
     * @param perId  the input-side gradients summed per id (x is an embedding lookup), or null for dW = X̃ᵀ·dA and
     *               dX̃ = dA·Wᵀ over the packed rows
     * @param xs     (P, K) x̃ (when kept) and, for the LSTM, h̃_{t−1} in its last H values
     * @return what adds into the embedding table's gradient ({@link LookupGradients#finish}), or null
     */
    private static Runnable backward(Cell cell, Outputs out, Schedule sc, Tensor[] grads, float[] dx,
                                     List<Variable> init, Variable w, Variable u, Variable b, float[] inDrop,
                                     float[] rd, LookupGradients perId, float[] xs, int K, float[] gates, float[] hs,
                                     float[] hprev, float[] cs, float[] qh, float[] rhprev, float[] h0, float[] c0,
                                     int B, int I, int H, List<float[]> pooled) {
        int G = cell.gates() * H;
        int P = sc.rows;
        Variable h0v = init.isEmpty() ? null : init.get(0);
        Variable c0v = init.size() > 1 ? init.get(1) : null;
        float[] dh0 = h0v != null && h0v.requiresGrad() ? new float[B * H] : null; // (B, H) sorted rows
        float[] dc0 = c0v != null && c0v.requiresGrad() ? new float[B * H] : null;
        float[] gy = grads[0] == null ? null : grads[0].data();                      // dL/dy
        float[] ghT = out.returnState() && grads[1] != null ? grads[1].data() : null; // dL/dh_T (B, H)
        float[] gcT = out.returnState() && cell.kind() == Kind.LSTM && grads[2] != null ? grads[2].data() : null;
        // rows without a real step send their final-state gradients straight to the initial states
        for (int r = 0; r < B; r++) {
            if (sc.length[r] > 0) continue;
            int row = sc.order[r];
            if (ghT != null && dh0 != null) VectorMath.axpy(1f, ghT, row * H, dh0, r * H, H);
            if (gcT != null && dc0 != null) VectorMath.axpy(1f, gcT, row * H, dc0, r * H, H);
        }

        boolean fused = cell.kind() == Kind.LSTM;
        float[] du = u.requiresGrad() && cell.kind() == Kind.SIMPLE_RNN ? u.gradBuffer().data() : null;
        float[] scratch = take(pooled, B * H); // (B, H)
        float[] da = gates;                 // (P, G·H) dL/da, the input-side pre-activation gradients, in place
        float[] dq = null;                  // (P, 3H) dL/dq, recurrent side (GRU reset_after)
        Activation act = cell.activation(), recAct = cell.recurrentActivation();
        float[] dwuLstm = fused && (w.requiresGrad() || u.requiresGrad()) ? take(pooled, K * G) : null; // [dW; dU]
        boolean gru = cell.kind() == Kind.GRU;
        float[] dwGru = gru && w.requiresGrad() && perId == null ? take(pooled, I * G) : null; // (I, 3H) dW, batch
        float[] duGru = gru && u.requiresGrad() ? take(pooled, H * G) : null; // (H, 3H) dU of this batch
        // dX̃ = dA·Wᵀ chunk by chunk too (LSTM, GRU), right after the chunk's weight gradients: dA is read from L3, not
        // memory, and written over the chunk's x̃, which nothing needs any more
        boolean dxInChunks = dx != null && (cell.kind() == Kind.LSTM || gru);
        Steps.RowsDone inputChunk = !dxInChunks ? null : (pLow, pHigh, first) -> {
            long t = Phases.start();
            MatMul.gemm(false, true, pHigh - pLow, I, G, da, pLow * G, G, w.data(), 0, G, xs, pLow * K, K, false);
            Phases.stop(Phase.BACKWARD_INPUT_GEMM, t);
        };
        // or, after an embedding, S (V', G) += each finished row's dA in its id's row
        float[] sums = perId == null ? null : takeZeroed(pooled, perId.distinctIds() * G);
        Steps.RowsDone idChunk = perId == null ? null : (pLow, pHigh, first) -> {
            long t = Phases.start();
            perId.add(da, pLow, pHigh, sums, G);
            Phases.stop(Phase.BACKWARD_LOOKUP, t);
        };
        Steps.RowsDone inputSide = perId != null ? idChunk : inputChunk; // (perId: no dx, and no dX̃ to compute)
        if (cell.kind() == Kind.LSTM) {
            float[][] work = {new float[B * H], new float[B * H], new float[B * H], new float[B * H]}; // (B, H) each
            Steps.SlotSeed seed = (s, dh, dc) -> seedSlot(s, dh, dc, gy, ghT, gcT, sc, out, H);
            // [dW; dU] = [X̃ | H̃]ᵀ·dA (dU = H̃ᵀ·dA when x̃ is not kept), accumulated chunk by chunk as the backward
            // loop finishes rows
            Steps.RowsDone weightChunk = dwuLstm == null ? null : (pLow, pHigh, first) -> {
                long t = Phases.start();
                MatMul.gemm(true, false, K, G, pHigh - pLow, xs, pLow * K, K, da, pLow * G, G, dwuLstm, 0, G, !first);
                Phases.stop(Phase.BACKWARD_WEIGHT_GEMM, t);
            };
            Steps.RowsDone chunk = Steps.both(weightChunk, inputSide);
            LstmKernels.lstmBackward(da, seed, dh0, dc0, work, scratch, cs, u.data(), c0, rd, act, recAct, sc, H,
                    chunk);
        } else {
            float[] dhs = takeRows(pooled, P, H); // (P, H) dL/dh_t
            java.util.Arrays.fill(dhs, 0, P * H, 0f);
            if (gy != null) {
                if (out.returnSequences()) {
                    for (int p = 0; p < P; p++) VectorMath.axpy(1f, gy, outIndex(sc, p, out) * H, dhs, p * H, H);
                } else {
                    scatterLast(dhs, gy, sc, H);
                }
            }
            if (ghT != null) scatterLast(dhs, ghT, sc, H);
            switch (cell.kind()) {
                case SIMPLE_RNN -> SimpleRnnKernels.simpleRnnBackward(da, dhs, dh0, du, scratch, hprev, u.data(), rd,
                        act, sc, H);
                case GRU -> {
                    // dW = X̃ᵀ·dA and dU = H̃ᵀ·dQ (reset_after) or [H̃ | r ⊙ H̃]ᵀ·dA (reset_before), accumulated
                    // chunk by chunk as the backward loop finishes rows
                    boolean after = cell.resetAfter();
                    float[] fdq = after ? takeRows(pooled, P, G) : null;
                    dq = fdq;
                    Steps.RowsDone weightChunk = dwGru == null && duGru == null ? null : (pLow, pHigh, first) -> {
                        long t = Phases.start();
                        weightChunk(pLow, pHigh, first, xs, da, fdq, hprev, rhprev, dwGru, duGru, after, I, H, G);
                        Phases.stop(Phase.BACKWARD_WEIGHT_GEMM, t);
                    };
                    Steps.RowsDone chunk = Steps.both(weightChunk, inputSide);
                    if (after) {
                        GruKernels.gruResetAfterBackward(da, fdq, dhs, dh0, scratch, qh, hs, u.data(), h0, rd, act,
                                recAct, sc, H, chunk);
                    } else {
                        GruKernels.gruResetBeforeBackward(da, dhs, dh0, scratch, hs, hprev, u.data(), h0, rd, act,
                                recAct, sc, H, chunk);
                    }
                }
                default -> throw new AssertionError(cell.kind());
            }
        }

        long tWeights = Phases.start();
        if (fused || gru) { // [dW; dU] (LSTM) or dW, dU (GRU), accumulated during the loop; no rows, nothing to add
            if (sc.slots > 0 && w.requiresGrad() && perId == null) {
                VectorMath.axpy(1f, fused ? dwuLstm : dwGru, 0, w.gradBuffer().data(), 0, I * G);
            }
            if (sc.slots > 0 && u.requiresGrad()) {
                VectorMath.axpy(1f, fused ? dwuLstm : duGru, fused ? (K - H) * G : 0, u.gradBuffer().data(), 0, H * G);
            }
        } else if (w.requiresGrad() && perId == null) {
            MatMul.gemm(true, false, I, G, P, xs, 0, I, da, 0, G, w.gradBuffer().data(), 0, G, true);
        }
        long tLookup = Phases.start();
        Phases.stop(Phase.BACKWARD_WEIGHT_GEMM, tWeights);
        Runnable rest = null;
        if (perId != null) { // dW = Eᵀ·S and dE = S·Wᵀ over the distinct ids (the SimpleRNN sums all rows here)
            if (!fused && !gru) perId.add(da, 0, P, sums, G);
            rest = perId.finish(sums, w, G, pooled);
        }
        long tBias = Phases.start();
        Phases.stop(Phase.BACKWARD_LOOKUP, tLookup);
        if (b != null && b.requiresGrad()) {
            float[] db = b.gradBuffer().data();
            // Σ_p dA_p = Σ_v S_v: after an embedding, a tenth of the rows to read (and in cache, not memory)
            if (perId != null) columnSums(db, 0, sums, perId.distinctIds(), G);
            else columnSums(db, 0, da, P, G);
            if (dq != null) columnSums(db, G, dq, P, G);
        }
        long tInput = Phases.start();
        Phases.stop(Phase.BACKWARD_BIAS, tBias);
        if (dx != null) {
            // dL/dx̃ (P, I) in xs over x̃, which dW was the last to need (row stride K); computed chunk by chunk
            // during the loop, except for the SimpleRNN
            if (!dxInChunks) MatMul.gemm(false, true, P, I, G, da, 0, G, w.data(), 0, G, xs, 0, K, false);
            for (int p = 0; p < P; p++) {
                GateMath.flush(xs, p * K, I); // tiny products can be subnormal; keep them out of the layer below
                int dst = sc.source[p] * I;
                if (inDrop == null) VectorMath.axpy(1f, xs, p * K, dx, dst, I);
                else VectorMath.mulAdd(xs, p * K, inDrop, sc.batchOf(p) * I, dx, dst, I);
            }
        }
        Phases.stop(Phase.BACKWARD_INPUT_GEMM, tInput);
        if (dh0 != null) unsortRowsAdd(h0v.gradBuffer().data(), dh0, sc, H);
        if (dc0 != null) unsortRowsAdd(c0v.gradBuffer().data(), dc0, sc, H);
        BufferPool.give(pooled);
        return rest;
    }

    /** {@link #run} for an LSTM when nothing is recorded: {@link LstmInference}'s slot-sized buffers. */
    private static Run lstmInference(Cell cell, Outputs out, Schedule sc, Variable x, List<Variable> init, Variable w,
                                     Variable u, Variable b, Mask mask, List<Variable> parents) {
        int B = x.dim(0), T = x.dim(1), I = x.dim(2), H = u.dim(0), G = 4 * H;
        float[] h0 = sortedRows(init.isEmpty() ? null : init.get(0), sc, H);
        float[] c0 = sortedRows(init.size() > 1 ? init.get(1) : null, sc, H);
        Tensor y = out.returnSequences() ? Tensor.zeros(B, T, H) : Tensor.zeros(B, H);
        Tensor hT = out.returnState() ? Tensor.zeros(B, H) : null;
        Tensor cT = out.returnState() ? Tensor.zeros(B, H) : null;
        Variable.Lookup lookup = exactLookup(x, null, I);
        boolean project = lookup != null && ProjectedEmbedding.worthIt(sc.rows, lookup.table().dim(0), false);
        float[] projected = project ? ProjectedEmbedding.of(lookup.table(), w, b == null ? null : b.data()) : null;
        LstmInference.run(sc, out, x.data(), I, projected, project ? lookup.ids() : null,
                project ? null : stacked(w, u, I, H, G), project ? MatMul.pack(false, H, G, u.data(), 0, G) : null,
                b == null ? null : b.data(), h0, c0, y.data(), hT == null ? null : hT.data(),
                cT == null ? null : cT.data(), cell.activation(), cell.recurrentActivation(), H);
        List<Tensor> values = new ArrayList<>();
        values.add(y);
        if (hT != null) {
            values.add(hT);
            values.add(cT);
        }
        Mask yMask = out.returnSequences() && mask != null ? (out.flipped() ? mask.reversed() : mask) : null;
        return new Run(values, null, parents.toArray(new Variable[0]), yMask, true);
    }

    /** The stacked kernel [W; U] (I + H, G), packed for the fused LSTM step. */
    private static MatMul.PackedB stacked(Variable w, Variable u, int I, int H, int G) {
        float[] wu = new float[(I + H) * G];
        System.arraycopy(w.data(), 0, wu, 0, I * G);
        System.arraycopy(u.data(), 0, wu, I * G, H * G);
        return MatMul.pack(false, I + H, G, wu, 0, G);
    }

    private static float[] takeZeroed(List<float[]> pooled, int n) {
        float[] a = BufferPool.takeZeroed(n);
        pooled.add(a);
        return a;
    }

    private static float[] take(List<float[]> pooled, int n) {
        float[] a = BufferPool.take(n);
        pooled.add(a);
        return a;
    }

    /** A (rows, width) work buffer, sized for the largest batch expected (BufferPool.expectRows). */
    private static float[] takeRows(List<float[]> pooled, int rows, int width) {
        float[] a = BufferPool.takeRows(rows, width);
        pooled.add(a);
        return a;
    }

    /** Flat (b·T + t') index of packed row p in a sequence output. */
    static int outIndex(Schedule sc, int p, Outputs out) {
        if (!out.flipped()) return sc.source[p];
        int b = sc.batchOf(p);
        return b * sc.time + (sc.time - 1 - sc.timeOf(p));
    }

    /** dst (B, H) = each row's last real state; rows with none get init's row (or stay zero when init is null). */
    private static void gatherLast(float[] dst, float[] states, float[] init, Schedule sc, int H) {
        for (int r = 0; r < sc.batch; r++) {
            int last = sc.lastRow(r);
            int b = sc.order[r];
            if (last >= 0) System.arraycopy(states, last * H, dst, b * H, H);
            else if (init != null) System.arraycopy(init, r * H, dst, b * H, H);
        }
    }

    /** The gradient of gatherLast over the rows with a real step: g (B, H) into each one's last packed row. */
    private static void scatterLast(float[] dstates, float[] g, Schedule sc, int H) {
        for (int r = 0; r < sc.batch; r++) {
            int last = sc.lastRow(r);
            if (last >= 0) VectorMath.axpy(1f, g, sc.order[r] * H, dstates, last * H, H);
        }
    }

    /**
     * What the outputs send to slot s, in that slot's row order (row r at r·H): dL/dy at every step (sequences) or
     * at each row's last step, then dL/dh_T and dL/dc_T at the last step. Same additions in the same order as a
     * scatter over all packed rows, so the results do not depend on which of the two a cell uses.
     */
    private static void seedSlot(int s, float[] dh, float[] dc, float[] gy, float[] ghT, float[] gcT, Schedule sc,
                                 Outputs out, int H) {
        int n = sc.active[s];
        int ending = s + 1 < sc.slots ? sc.active[s + 1] : 0; // rows [ending, n) have their last step in slot s
        if (gy != null) {
            if (out.returnSequences()) {
                for (int r = 0; r < n; r++) VectorMath.axpy(1f, gy, outIndex(sc, sc.offset[s] + r, out) * H, dh, r * H, H);
            } else {
                for (int r = ending; r < n; r++) VectorMath.axpy(1f, gy, sc.order[r] * H, dh, r * H, H);
            }
        }
        if (ghT != null) for (int r = ending; r < n; r++) VectorMath.axpy(1f, ghT, sc.order[r] * H, dh, r * H, H);
        if (gcT != null) for (int r = ending; r < n; r++) VectorMath.axpy(1f, gcT, sc.order[r] * H, dc, r * H, H);
    }

    /**
     * The embedding lookup x is, when x̃ = E[id] exactly (no input dropout, rows as wide as the layer's input): then
     * x̃·W is a row of E·W ({@link ProjectedEmbedding}). Null otherwise.
     */
    private static Variable.Lookup exactLookup(Variable x, float[] inDrop, int I) {
        Variable.Lookup lookup = x.lookup();
        return inDrop == null && lookup != null && lookup.table().dim(1) == I ? lookup : null;
    }

    /**
     * dst[p] = table[ids[source[p]]] (G wide) for every packed row p: the input products looked up. One row at a time
     * (copying eight rows at a time, a vector of each in turn, cost 2 % on imdb-gru here).
     */
    private static void lookUpRows(float[] dst, float[] table, int[] ids, Schedule sc, int G) {
        Parallel.forRange(sc.rows, LOOKUP_GRAIN, (p0, p1) -> {
            for (int p = p0; p < p1; p++) System.arraycopy(table, ids[sc.source[p]] * G, dst, p * G, G);
        });
    }

    /** Rows per task of {@link #lookUpRows}: a few hundred KB of copying. */
    private static final int LOOKUP_GRAIN = 256;

    /** A (B, H) state in sorted row order, zeros for null. */
    private static float[] sortedRows(Variable v, Schedule sc, int H) {
        if (v == null) return new float[sc.batch * H];
        return sortRows(v.data(), sc, H);
    }

    private static float[] sortRows(float[] src, Schedule sc, int H) {
        if (sc.identityOrder) return src;
        float[] dst = new float[sc.batch * H];
        for (int r = 0; r < sc.batch; r++) System.arraycopy(src, sc.order[r] * H, dst, r * H, H);
        return dst;
    }

    /**
     * The GRU's weight gradients over packed rows [pLow, pHigh): dW = X̃ᵀ·dA and dU = H̃ᵀ·dQ (reset_after) or
     * [H̃ | r ⊙ H̃]ᵀ·dA (reset_before), accumulated ({@code first}: overwritten).
     */
    private static void weightChunk(int pLow, int pHigh, boolean first, float[] xs, float[] da, float[] dq,
                                    float[] hprev, float[] rhprev, float[] dw, float[] du, boolean after, int I, int H,
                                    int G) {
        int rows = pHigh - pLow;
        if (dw != null) MatMul.gemm(true, false, I, G, rows, xs, pLow * I, I, da, pLow * G, G, dw, 0, G, !first);
        if (du == null) return;
        if (after) {
            MatMul.gemm(true, false, H, G, rows, hprev, pLow * H, H, dq, pLow * G, G, du, 0, G, !first);
        } else {
            MatMul.gemm(true, false, H, 2 * H, rows, hprev, pLow * H, H, da, pLow * G, G, du, 0, G, !first);
            MatMul.gemm(true, false, H, H, rows, rhprev, pLow * H, H, da, pLow * G + 2 * H, G, du, 2 * H, G, !first);
        }
    }

    private static void unsortRowsAdd(float[] dst, float[] sorted, Schedule sc, int H) {
        for (int r = 0; r < sc.batch; r++) VectorMath.axpy(1f, sorted, r * H, dst, sc.order[r] * H, H);
    }

    /** db[off, off + G) += Σ_p d[p]. */
    private static void columnSums(float[] db, int off, float[] d, int P, int G) {
        for (int p = 0; p < P; p++) VectorMath.axpy(1f, d, p * G, db, off, G);
    }
}
