package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.tensor.Tensor;

/** Inference over very long sequences runs in time windows; it must give what one pass gives. */
class WindowedInferenceTest {
    private static List<Variable> run(RecurrentLayer<?> layer, Tensor x, int[] lengths, long windowRows) {
        long old = RecurrentLayer.inferenceWindowRows;
        RecurrentLayer.inferenceWindowRows = windowRows;
        try {
            Variable v = Variable.constant(x).withMask(Mask.fromLengths(x.dim(1), lengths));
            return GradMode.noGrad(() -> layer.call(List.of(v), CallContext.inference()));
        } finally {
            RecurrentLayer.inferenceWindowRows = old;
        }
    }

    @Test
    void windowsEqualOnePass() {
        SplittableRandom r = new SplittableRandom(4);
        int b = 3, t = 37, in = 5;
        Tensor x = Tensor.zeros(b, t, in);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextDouble(-1, 1);
        int[] lengths = {37, 20, 0};
        for (boolean back : new boolean[] {false, true}) {
            for (RecurrentLayer<?> layer : List.<RecurrentLayer<?>>of(new LSTM(6), new GRU(6), new GRU(6).withResetAfter(false), new SimpleRNN(6))) {
                RecurrentLayer<?> l = layer.withGoBackwards(back).withReturnState(true);
                List<Variable> one = run(l, x, lengths, Long.MAX_VALUE);
                List<Variable> windows = run(l, x, lengths, 3L * b); // 3 steps per window
                assertEquals(one.size(), windows.size());
                for (int k = 0; k < one.size(); k++) {
                    float[] a = one.get(k).data(), w = windows.get(k).data();
                    for (int i = 0; i < a.length; i++) assertEquals(a[i], w[i], 1e-6, l.className() + " back=" + back + " output " + k + "[" + i + "]");
                }
                assertArrayEquals(new float[6], java.util.Arrays.copyOfRange(windows.get(0).data(), 12, 18), "an empty row outputs zeros");
            }
        }
    }
}
