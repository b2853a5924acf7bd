package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * The concat-merged Bidirectional runs its two directions on two threads (BidirectionalOp): the outputs and every
 * gradient must be the same bits with one thread and with two, and the same as the two copies run one after the
 * other and concatenated by the autograd op (which the gradient checks validate against float64).
 */
class BidirectionalConcurrencyTest {
    private static final int DEFAULT_THREADS = Parallel.threads();
    private static final int B = 5, T = 9, I = 7, H = 21;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** y, then dL/dx, then each weight's gradient, for the loss Σ y ⊙ proj. */
    private static List<float[]> run(Bidirectional bi, boolean composed, int threads) {
        Parallel.setThreads(threads);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] xv = new float[B * T * I], proj = new float[B * T * 2 * H];
        for (int i = 0; i < xv.length; i++) xv[i] = (float) rnd.nextGaussian();
        for (int i = 0; i < proj.length; i++) proj[i] = (float) rnd.nextGaussian();
        boolean[] valid = new boolean[B * T];
        int[] len = {9, 4, 0, 7, 1};
        for (int b = 0; b < B; b++) for (int t = 0; t < len[b]; t++) valid[b * T + t] = true;
        Variable x = Variable.parameter(Tensor.of(xv, B, T, I)).withMask(new Mask(B, T, valid));
        for (Weight w : bi.weights()) w.variable().zeroGrad();
        Variable y;
        CallContext ctx = new CallContext(true, 11);
        if (composed) {
            Variable f = bi.forwardLayer().call(List.of(x), ctx).get(0);
            Variable b = bi.backwardLayer().call(List.of(x), ctx).get(0);
            y = Ops.concatLast(f, b);
        } else {
            y = bi.call(List.of(x), ctx).get(0);
        }
        Autograd.backward(y, Tensor.of(proj, B, T, 2 * H)); // dL/dy = proj
        List<float[]> out = new ArrayList<>();
        out.add(y.data().clone());
        out.add(x.grad().data().clone());
        for (Weight w : bi.weights()) out.add(w.variable().grad().data().clone());
        return out;
    }

    @Test
    void sameBitsWithOneOrTwoThreadsAndAsTheComposedCopies() {
        for (RecurrentLayer<?> inner : List.<RecurrentLayer<?>>of(new LSTM(H).withReturnSequences(true),
                new GRU(H).withReturnSequences(true))) {
            Bidirectional bi = new Bidirectional(inner);
            bi.build(List.of(new int[] {B, T, I}));
            List<float[]> two = run(bi, false, 2), one = run(bi, false, 1), composed = run(bi, true, 1);
            for (int k = 0; k < two.size(); k++) {
                assertArrayEquals(one.get(k), two.get(k), inner.className() + " output " + k + ": 1 vs 2 threads");
                assertArrayEquals(composed.get(k), two.get(k), 1e-6f, inner.className() + " output " + k + ": vs composed");
            }
        }
    }
}
