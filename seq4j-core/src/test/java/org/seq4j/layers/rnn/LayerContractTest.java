package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerConfig;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * One contract over every recurrent layer (as Keras' layer test case): declared output shapes equal the actual
 * ones, parameter counts and weight names are Keras', the config round-trips, one SGD step lowers a loss,
 * inference keeps no graph; plus Keras' argument validation and initial weights.
 */
class LayerContractTest {
    static final int B = 3, T = 5, I = 4, H = 6;

    record Spec(String name, Supplier<Layer> make, long params, List<String> weightNames, int states) {}

    static List<Spec> specs() {
        List<Spec> s = new ArrayList<>();
        List<String> simple = List.of("simple_rnn_cell/kernel", "simple_rnn_cell/recurrent_kernel", "simple_rnn_cell/bias");
        List<String> lstm = List.of("lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias");
        List<String> gru = List.of("gru_cell/kernel", "gru_cell/recurrent_kernel", "gru_cell/bias");
        s.add(new Spec("SimpleRNN", () -> new SimpleRNN(H, "simple_rnn"), H * (I + H + 1), simple, 1));
        s.add(new Spec("LSTM", () -> new LSTM(H, "lstm"), 4 * H * (I + H + 1), lstm, 2));
        s.add(new Spec("GRU", () -> new GRU(H, "gru"), 3 * H * (I + H + 2), gru, 1));
        s.add(new Spec("GRU reset_before", () -> new GRU(H, "gru").withResetAfter(false), 3 * H * (I + H + 1), gru, 1));
        s.add(new Spec("LSTM no bias", () -> new LSTM(H, "lstm").withUseBias(false), 4 * H * (I + H), lstm.subList(0, 2), 2));
        for (MergeMode m : MergeMode.values()) {
            List<String> names = new ArrayList<>();
            for (String dir : List.of("forward_lstm/", "backward_lstm/")) for (String w : lstm) names.add(dir + w);
            s.add(new Spec("Bidirectional " + m, () -> new Bidirectional(new LSTM(H, "lstm"), m), 2L * 4 * H * (I + H + 1), names, 2));
        }
        List<String> gNames = new ArrayList<>();
        for (String dir : List.of("forward_gru/", "backward_gru/")) for (String w : gru) gNames.add(dir + w);
        s.add(new Spec("Bidirectional GRU", () -> new Bidirectional(new GRU(H, "gru"), MergeMode.SUM), 2L * 3 * H * (I + H + 2), gNames, 1));
        return s;
    }

    /** Every combination of returnSequences / returnState applied to a layer or the layer inside a Bidirectional. */
    static Layer configure(Layer l, boolean seq, boolean state) {
        if (l instanceof RecurrentLayer<?> r) {
            r.withReturnSequences(seq).withReturnState(state);
            return r;
        }
        Bidirectional b = (Bidirectional) l;
        RecurrentLayer<?> inner = b.forwardLayer() instanceof LSTM ? new LSTM(H, "lstm") : new GRU(H, "gru");
        inner.withReturnSequences(seq).withReturnState(state);
        return new Bidirectional(inner, b.mergeMode());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Spec spec : specs()) {
            for (boolean seq : new boolean[] {false, true}) {
                for (boolean state : new boolean[] {false, true}) {
                    tests.add(DynamicTest.dynamicTest(spec.name() + (seq ? " seq" : " last") + (state ? " state" : ""),
                            () -> checkContract(spec, configure(spec.make().get(), seq, state))));
                }
            }
        }
        return tests.stream();
    }

    static void checkContract(Spec spec, Layer layer) {
        List<int[]> declared = layer.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        assertEquals(spec.params(), layer.countParams(), "parameter count");
        assertEquals(spec.weightNames(), layer.weights().stream().map(Weight::name).toList(), "weight names");
        assertTrue(layer.supportsMasking());

        // shapes: declared (with None) agree with the actual outputs
        Variable x = Variable.parameter(randomTensor(new SplittableRandom(1), B, T, I)).withMask(Mask.fromLengths(T, 5, 3, 4));
        List<Variable> outs = layer.call(List.of(x), CallContext.inference());
        assertEquals(declared.size(), outs.size(), "number of outputs");
        for (int k = 0; k < outs.size(); k++) {
            int[] d = declared.get(k);
            int[] a = outs.get(k).shape();
            assertEquals(d.length, a.length);
            for (int i = 0; i < d.length; i++) assertTrue(d[i] == Layer.NONE || d[i] == a[i], "output " + k + " shape");
            assertEquals(Layer.NONE, d[0]);
        }
        if (declared.get(0).length == 3) assertTrue(outs.get(0).mask() != null, "a sequence output carries the mask");

        // config round trip
        Map<String, Object> cfg = layer.config();
        Layer again = layer instanceof Bidirectional ? Bidirectional.fromConfig(cfg)
                : RecurrentLayers.fromConfig(LayerConfig.of(layer));
        assertEquals(cfg, again.config());
        assertEquals(layer.className(), again.className());

        // inference keeps no graph
        List<Variable> noGrad = GradMode.noGrad(() -> layer.call(List.of(x), CallContext.inference()));
        for (Variable v : noGrad) assertFalse(v.requiresGrad());

        // one SGD step on L = ½‖y − target‖² lowers it
        Tensor target = randomTensor(new SplittableRandom(2), outs.get(0).shape());
        double before = sgdStepLoss(layer, x, target, true);
        double after = sgdStepLoss(layer, x, target, false);
        assertTrue(after < before, "loss " + before + " → " + after);
    }

    /** The loss; with {@code step}, also backpropagates it and takes one SGD step. */
    static double sgdStepLoss(Layer layer, Variable x, Tensor target, boolean step) {
        for (Weight w : layer.weights()) w.variable().zeroGrad();
        Variable y = layer.call(List.of(x), CallContext.inference()).get(0);
        float[] yd = y.data();
        float[] td = target.data();
        double loss = 0;
        Tensor g = Tensor.zeros(y.shape());
        for (int i = 0; i < yd.length; i++) {
            loss += 0.5 * (yd[i] - td[i]) * (yd[i] - td[i]);
            g.data()[i] = yd[i] - td[i];
        }
        if (step) {
            Autograd.backward(y, g);
            for (Weight w : layer.weights()) {
                if (w.variable().grad() == null) continue; // MergeMode.NONE: y is the forward output only
                float[] wd = w.variable().data();
                float[] gd = w.variable().grad().data();
                for (int i = 0; i < wd.length; i++) wd[i] -= 0.05f * gd[i];
            }
        }
        return loss;
    }

    static Tensor randomTensor(SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * rnd.nextDouble() - 1);
        return t;
    }

    // ---- Keras numbers, names, defaults ---------------------------------------------------------------------

    @Test
    void parameterCountsMatchKeras() {
        LSTM lstm = new LSTM(128);
        lstm.build(List.of(new int[] {Layer.NONE, Layer.NONE, 64}));
        assertEquals(98_816, lstm.countParams());
        Bidirectional bi = new Bidirectional(new LSTM(128));
        bi.build(List.of(new int[] {Layer.NONE, Layer.NONE, 64}));
        assertEquals(197_632, bi.countParams());
        Bidirectional bi2 = new Bidirectional(new LSTM(128));
        bi2.build(List.of(new int[] {Layer.NONE, Layer.NONE, 256}));
        assertEquals(394_240, bi2.countParams());
        GRU gru = new GRU(128);
        gru.build(List.of(new int[] {Layer.NONE, Layer.NONE, 64}));
        assertEquals(74_496, gru.countParams()); // Keras GRU(128) on 64 inputs, reset_after
        assertArrayEquals(new int[] {2, 384}, gru.weights().get(2).variable().shape());
    }

    @Test
    void automaticNamesAndClassNamesAreKeras() {
        LayerNames.reset();
        assertEquals("lstm", new LSTM(2).name());
        assertEquals("lstm_1", new LSTM(2).name());
        assertEquals("gru", new GRU(2).name());
        assertEquals("simple_rnn", new SimpleRNN(2).name());
        Bidirectional b = new Bidirectional(new LSTM(2));
        assertEquals("bidirectional", b.name());
        assertEquals("Bidirectional", b.className());
        assertEquals("forward_lstm_2", b.forwardLayer().name());
        assertEquals("backward_lstm_2", b.backwardLayer().name());
        assertTrue(b.backwardLayer().goBackwards());
        assertEquals("SimpleRNN", new SimpleRNN(2).className());
        assertEquals("LSTM", new LSTM(2).className());
        assertEquals("GRU", new GRU(2).className());
    }

    @Test
    void defaultsAreKeras() {
        LSTM l = new LSTM(3);
        assertEquals(Activation.TANH, l.activation());
        assertEquals(Activation.SIGMOID, l.recurrentActivation());
        assertTrue(l.useBias());
        assertTrue(l.unitForgetBias());
        assertFalse(l.returnSequences() || l.returnState() || l.goBackwards());
        assertEquals(0.0, l.dropout());
        assertEquals(0.0, l.recurrentDropout());
        assertTrue(new GRU(3).resetAfter());
        assertEquals(MergeMode.CONCAT, new Bidirectional(new LSTM(3)).mergeMode());
        Map<String, Object> c = l.config();
        for (String k : List.of("name", "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout", "recurrent_dropout",
                "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "implementation")) {
            assertTrue(c.containsKey(k), "LSTM config has " + k);
        }
        assertEquals(true, new GRU(3).config().get("reset_after"));
        assertEquals("concat", new Bidirectional(new LSTM(3)).config().get("merge_mode"));
    }

    @Test
    void initialWeightsAreKeras() {
        LSTM l = new LSTM(H);
        l.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        float[] bias = l.weights().get(2).variable().data();
        for (int j = 0; j < 4 * H; j++) assertEquals(j >= H && j < 2 * H ? 1f : 0f, bias[j], "unit forget bias");
        float[] k = l.weights().get(0).variable().data();
        double limit = Math.sqrt(6.0 / (I + 4 * H));
        for (float v : k) assertTrue(Math.abs(v) <= limit);
        float[] u = l.weights().get(1).variable().data(); // (H, 4H) with orthonormal rows
        for (int a = 0; a < H; a++) {
            for (int b = 0; b < H; b++) {
                double dot = 0;
                for (int j = 0; j < 4 * H; j++) dot += u[a * 4 * H + j] * u[b * 4 * H + j];
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5);
            }
        }
        LSTM noForget = new LSTM(H).withUnitForgetBias(false);
        noForget.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        for (float v : noForget.weights().get(2).variable().data()) assertEquals(0f, v);
    }

    @Test
    void argumentsAreValidatedWithKerasWording() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LSTM(0));
        assertEquals("Received an invalid value for argument `units`, expected a positive integer, got 0.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GRU(4).withDropout(1.5));
        assertEquals("Received an invalid value for argument `dropout`, expected a float in the range [0, 1), got 1.5.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(4).withRecurrentDropout(-0.1));
        assertTrue(e.getMessage().contains("`recurrent_dropout`"));
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(4).withActivation(Activation.SOFTMAX));
        assertTrue(e.getMessage().contains("`activation`"));
        assertThrows(IllegalArgumentException.class, () -> MergeMode.parse("max"));
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(null));
        LSTM built = new LSTM(4);
        built.build(List.of(new int[] {Layer.NONE, Layer.NONE, 3}));
        assertThrows(IllegalStateException.class, () -> built.withReturnSequences(true));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> built.call(List.of(Variable.constant(Tensor.zeros(2, 5, 7))), CallContext.inference()));
        assertTrue(bad.getMessage().contains("incompatible"), bad.getMessage());
        var badState = assertThrows(IllegalArgumentException.class, () -> built.call(List.of(
                Variable.constant(Tensor.zeros(2, 5, 3)), Variable.constant(Tensor.zeros(2, 3)), Variable.constant(Tensor.zeros(2, 4))),
                CallContext.inference()));
        assertTrue(badState.getMessage().contains("initial state 0"), badState.getMessage());
    }

    @Test
    void dropoutIsActiveOnlyWhileTrainingAndFollowsTheSeed() {
        LSTM l = new LSTM(H).withDropout(0.4).withRecurrentDropout(0.3);
        Variable x = Variable.constant(randomTensor(new SplittableRandom(3), B, T, I));
        float[] inference = l.call(List.of(x), CallContext.inference()).get(0).data();
        float[] train1 = l.call(List.of(x), new CallContext(true, 1)).get(0).data();
        float[] train1again = l.call(List.of(x), new CallContext(true, 1)).get(0).data();
        float[] train2 = l.call(List.of(x), new CallContext(true, 2)).get(0).data();
        assertArrayEquals(train1, train1again);
        assertFalse(java.util.Arrays.equals(train1, train2));
        assertFalse(java.util.Arrays.equals(train1, inference));
        LSTM plain = new LSTM(H);
        plain.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        for (int k = 0; k < 3; k++) {
            System.arraycopy(l.weights().get(k).variable().data(), 0, plain.weights().get(k).variable().data(), 0,
                    l.weights().get(k).variable().value().size());
        }
        assertArrayEquals(inference, plain.call(List.of(x), new CallContext(true, 1)).get(0).data());
    }

    @Test
    void returnStateOutputsEqualTheLastOutputAndInitialStatesAreUsed() {
        LSTM l = new LSTM(H).withReturnState(true);
        Variable x = Variable.constant(randomTensor(new SplittableRandom(4), B, T, I)).withMask(Mask.fromLengths(T, 2, 5, 0));
        List<Variable> out = l.call(List.of(x), CallContext.inference());
        assertArrayEquals(out.get(0).data(), java.util.Arrays.copyOf(out.get(1).data(), B * H));
        Variable h0 = Variable.constant(randomTensor(new SplittableRandom(5), B, H));
        Variable c0 = Variable.constant(randomTensor(new SplittableRandom(6), B, H));
        LSTM withInit = new LSTM(H).withReturnState(true);
        withInit.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}, new int[] {Layer.NONE, H}, new int[] {Layer.NONE, H}));
        List<Variable> o2 = withInit.call(List.of(x, h0, c0), CallContext.inference());
        // the empty row (b = 2) keeps its initial state and outputs zeros, as Keras
        for (int j = 0; j < H; j++) {
            assertEquals(h0.data()[2 * H + j], o2.get(1).data()[2 * H + j]);
            assertEquals(c0.data()[2 * H + j], o2.get(2).data()[2 * H + j]);
            assertEquals(0f, o2.get(0).data()[2 * H + j]);
        }
    }

    @Test
    void aSecondBackwardThroughTheSameCallIsRefused() {
        LSTM l = new LSTM(H);
        Variable x = Variable.parameter(randomTensor(new SplittableRandom(7), B, T, I));
        Variable y = l.call(List.of(x), CallContext.inference()).get(0);
        Autograd.backward(y, Tensor.full(1f, y.shape()));
        var e = assertThrows(IllegalStateException.class, () -> Autograd.backward(y, Tensor.full(1f, y.shape())));
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
    }

    @Test
    void vanishingGradientsAreFlushedInsteadOfGoingSubnormal() {
        // a GRU read at its last step over 400 steps: early gradients vanish below Float.MIN_NORMAL
        GRU g = new GRU(20);
        Variable x = Variable.parameter(randomTensor(new SplittableRandom(8), 2, 400, I));
        Variable y = g.call(List.of(x), CallContext.inference()).get(0);
        Autograd.backward(y, Tensor.full(1f, y.shape()));
        int zeros = 0;
        for (float v : x.grad().data()) {
            assertFalse(v != 0f && Math.abs(v) < Float.MIN_NORMAL, "subnormal gradient " + v);
            if (v == 0f) zeros++;
        }
        assertTrue(zeros > 0, "the test should reach the flushed range");
    }

    @Test
    void degenerateShapesWork() {
        for (Supplier<Layer> make : List.<Supplier<Layer>>of(() -> new LSTM(H).withReturnSequences(true).withReturnState(true),
                () -> new GRU(H).withReturnState(true), () -> new Bidirectional(new SimpleRNN(H).withReturnSequences(true)))) {
            // one step, one row
            Layer l = make.get();
            Variable x = Variable.parameter(randomTensor(new SplittableRandom(9), 1, 1, I));
            List<Variable> out = l.call(List.of(x), CallContext.inference());
            Autograd.backward(out.get(0), Tensor.full(1f, out.get(0).shape()));
            assertTrue(x.grad() != null);
            // every step of every row masked: zero outputs, zero states, zero gradients
            Variable xm = Variable.parameter(randomTensor(new SplittableRandom(10), 2, 3, I)).withMask(Mask.fromLengths(3, 0, 0));
            List<Variable> o2 = l.call(List.of(xm), CallContext.inference());
            for (Variable v : o2) for (float f : v.data()) assertEquals(0f, f);
            Autograd.backward(o2.get(0), Tensor.full(1f, o2.get(0).shape()));
            if (xm.grad() != null) for (float f : xm.grad().data()) assertEquals(0f, f);
        }
    }
}
