package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * The LSTM and the GRU accumulate dW and dU chunk by chunk during their backward loops: over a batch of several
 * chunks the kernel gradients equal one product over all rows (up to the order of the float sums), and the rest is
 * untouched.
 */
class ChunkedWeightGradientTest {
    @AfterEach
    void restore() {
        Steps.doneRows = 4096;
    }

    private static float[][] grads(RecurrentLayer<?> lstm, Tensor x, Mask m, Tensor seed) {
        for (Weight w : lstm.weights()) w.variable().zeroGrad();
        Variable xv = Variable.parameter(x).withMask(m);
        List<Variable> out = lstm.call(List.of(xv), new CallContext(true, 1));
        Autograd.backward(out.get(0), seed);
        List<Weight> ws = lstm.weights();
        return new float[][] {ws.get(0).variable().grad().data().clone(), ws.get(1).variable().grad().data().clone(),
                ws.get(2).variable().grad().data().clone(), xv.grad().data().clone()};
    }

    @Test
    void chunksSumToTheWholeProduct() {
        SplittableRandom r = new SplittableRandom(8);
        int b = 20, t = 60, in = 5, h = 6;
        Tensor x = Tensor.zeros(b, t, in);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextDouble(-1, 1);
        int[] len = new int[b];
        for (int i = 0; i < b; i++) len[i] = 10 + r.nextInt(t - 9);
        Mask m = Mask.fromLengths(t, len);
        Tensor seed = Tensor.zeros(b, h);
        for (int i = 0; i < seed.size(); i++) seed.data()[i] = (float) r.nextDouble(-1, 1);
        for (RecurrentLayer<?> layer : List.<RecurrentLayer<?>>of(new LSTM(h), new GRU(h), new GRU(h).withResetAfter(false))) {
            String what = layer.getClass().getSimpleName() + (layer instanceof GRU g && !g.resetAfter() ? " reset_before" : "");
            Steps.doneRows = Integer.MAX_VALUE; // one product after the loop
            float[][] whole = grads(layer, x, m, seed);
            Steps.doneRows = 97;                // a chunk every few slots
            float[][] chunked = grads(layer, x, m, seed);
            for (int k = 0; k < 3; k++) {
                double scale = 0, worst = 0; // float sums in another order: within a few ulps of the largest gradient
                for (float v : whole[k]) scale = Math.max(scale, Math.abs(v));
                for (int i = 0; i < whole[k].length; i++) worst = Math.max(worst, Math.abs(whole[k][i] - chunked[k][i]));
                assertTrue(scale > 0 && worst <= 1e-5 * scale,
                        what + " weight " + k + ": difference " + worst + " at scale " + scale);
                boolean differs = false; // and the chunks really ran: a different order of sums shows in some bits
                for (int i = 0; i < whole[k].length; i++) differs |= whole[k][i] != chunked[k][i];
                if (k < 2) assertTrue(differs, what + " weight " + k + " was not accumulated in chunks");
                else assertTrue(!differs, what + " bias: same bits");
            }
            for (int i = 0; i < whole[3].length; i++) {
                assertEquals(whole[3][i], chunked[3][i], what + " dx[" + i + "] (same bits)");
            }
        }
    }
}
