package org.seq4j.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Layer;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.Weight;
import org.seq4j.layers.rnn.LSTM;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.MeanSquaredError;
import org.seq4j.tensor.Tensor;

/**
 * The step-by-step unrolling must be the fused layer: the same states, and ∂L/∂h_t equal to ∂L/∂h0 of a fused run
 * over steps t+1 … T started from the states at t (the "initial-state trick", computed independently here).
 */
class GradientFlowTest {
    private static final int N = 3, T = 9, H = 5;

    private RecurrentLayer<?> rnn;
    private Dense head;
    private Tensor x;
    private Tensor y;

    private void setUp(CellType cell) {
        RandomSeed.set(7);
        rnn = cell.newLayer(H);
        head = new Dense(1);
        AddingProblem.Batch b = AddingProblem.sample(N, T, new SplittableRandom(3));
        x = b.x();
        y = b.y();
        rnn.build(List.of(new int[] {Layer.NONE, Layer.NONE, AddingProblem.FEATURES}));
        head.build(List.of(new int[] {Layer.NONE, H}));
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void unrolledStatesAreTheFusedLayersStates(CellType cell) {
        setUp(cell);
        List<List<Variable>> unrolled = GradientFlow.unroll(rnn, x);
        assertEquals(T, unrolled.size());
        for (int t = 1; t <= T; t++) {
            List<Variable> fused = rnn.call(List.of(Variable.constant(slice(x, 0, t))), CallContext.inference());
            for (int k = 0; k < rnn.stateCount(); k++) {
                assertArrayEquals(fused.get(1 + k).data(), unrolled.get(t - 1).get(k).data(), 1e-6f,
                        cell + ": state " + k + " after step " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void stateGradientsMatchTheInitialStateTrick(CellType cell) {
        setUp(cell);
        List<Tensor> grads = GradientFlow.stateGradients(rnn, head, x, y);
        List<List<Variable>> states = GradientFlow.unroll(rnn, x);
        for (int t = 1; t <= T; t++) {
            float[] expected = initialStateTrick(states.get(t - 1), t);
            float[] got = grads.get(t - 1).data();
            double scale = Math.max(1e-30, GradientFlow.frobenius(Tensor.of(expected, expected.length)));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-4 * scale, cell + ": ∂L/∂h_" + t + "[" + i + "]");
            }
        }
    }

    /** ∂L/∂h0 of the fused layer on steps t+1 … T from (h_t, c_t) held as parameters; for t = T, of the head alone. */
    private float[] initialStateTrick(List<Variable> statesAtT, int t) {
        List<Variable> init = new ArrayList<>();
        for (Variable s : statesAtT) init.add(Variable.parameter(s.value().copy()));
        Variable hT;
        if (t == T) {
            hT = init.get(0);
        } else {
            List<Variable> in = new ArrayList<>();
            in.add(Variable.constant(slice(x, t, T)));
            in.addAll(init);
            hT = rnn.call(in, CallContext.inference()).get(1);
        }
        Variable loss = new MeanSquaredError().compute(head.call(List.of(hT), CallContext.inference()).get(0), Variable.constant(y), null);
        Autograd.backward(loss);
        return init.get(0).grad().data().clone();
    }

    @Test
    void profileRatioIsFirstOverLastAndWeightGradientsAreCleared() {
        setUp(CellType.LSTM);
        GradientFlow.Profile p = GradientFlow.measure(rnn, head, x, y);
        assertEquals(T, p.length());
        assertEquals(p.at(1) / p.at(T), p.ratio(), 0);
        assertTrue(p.at(T) > 0);
        for (RecurrentLayer<?> l : List.<RecurrentLayer<?>>of(rnn)) {
            for (Weight w : l.weights()) assertAllZero(w.variable().grad(), w.name());
        }
        for (Weight w : head.weights()) assertAllZero(w.variable().grad(), w.name());
    }

    @Test
    void refusesALayerWithoutReturnState() {
        LSTM plain = new LSTM(H);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientFlow.unroll(plain, Tensor.zeros(1, 2, 2)));
        assertTrue(e.getMessage().contains("returnState = true"), e.getMessage());
    }

    private static void assertAllZero(Tensor g, String name) {
        if (g == null) return;
        for (float v : g.data()) assertEquals(0f, v, 0f, "gradient of " + name + " not cleared");
    }

    /** x[:, from:to, :]. */
    private static Tensor slice(Tensor x, int from, int to) {
        int n = x.dim(0), len = x.dim(1), in = x.dim(2);
        float[] d = new float[n * (to - from) * in];
        for (int b = 0; b < n; b++) System.arraycopy(x.data(), (b * len + from) * in, d, b * (to - from) * in, (to - from) * in);
        return Tensor.of(d, n, to - from, in);
    }
}
