package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Layer;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * A recurrent layer on an Embedding's output sums its input-side gradients per id ({@link LookupGradients}): the
 * forward is the same bits (E·W built for the batch's distinct ids only), and the gradients agree with the
 * per-token products to float rounding (every cell, sequences and last outputs, both directions, Bidirectional, an
 * embedding output read by two layers), with central differences of the double-precision {@link Reference} through
 * the lookup, and are the same bits on one thread and two.
 */
class LookupGradientsTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restore() {
        LookupGradients.enabled = true;
        Parallel.setThreads(DEFAULT_THREADS);
    }

    private record Result(List<float[]> outputs, List<float[]> grads, Tensor embeddingOutputGrad) {}

    /** One training step's gradients (embedding table first, then the layers' weights) for a random linear loss. */
    private static Result step(Embedding emb, List<Layer> layers, Tensor ids, long seed) {
        for (Weight w : emb.weights()) w.variable().zeroGrad();
        for (Layer l : layers) for (Weight w : l.weights()) w.variable().zeroGrad();
        CallContext ctx = new CallContext(true, 1);
        Variable x = emb.call(List.of(Variable.constant(ids)), ctx).get(0);
        List<Variable> outs = new ArrayList<>();
        for (Layer l : layers) outs.addAll(l.call(List.of(x), ctx));
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> proj = new ArrayList<>();
        for (Variable y : outs) proj.add(GradientCheckTest.random(r, y.value().size(), 1.0));
        Autograd.backward(GradientCheckTest.linearLoss(outs, proj));
        List<float[]> values = new ArrayList<>();
        for (Variable y : outs) values.add(y.data().clone());
        List<float[]> grads = new ArrayList<>();
        for (Weight w : emb.weights()) grads.add(w.variable().grad().data().clone());
        for (Layer l : layers) for (Weight w : l.weights()) grads.add(w.variable().grad().data().clone());
        return new Result(values, grads, x.grad());
    }

    /** A (b, t) batch of ids in [1, vocab) with right padding (id 0, masked), lengths 3 to t. */
    private static Tensor ids(SplittableRandom r, int b, int t, int vocab) {
        Tensor ids = Tensor.zeros(b, t);
        for (int i = 0; i < b; i++) {
            int len = 3 + r.nextInt(t - 2);
            for (int s = 0; s < len; s++) ids.data()[i * t + s] = 1 + r.nextInt(vocab - 1);
        }
        return ids;
    }

    private static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 0;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]);
            assertTrue(err <= 1e-5 * Math.max(scale, 1e-3), what + "[" + i + "]: " + got[i] + " vs per-token " + want[i]
                    + " (scale " + scale + ")");
        }
    }

    @Test
    void perIdSumsAgreeWithThePerTokenProducts() {
        SplittableRandom r = new SplittableRandom(8);
        int vocab = 23, b = 16, t = 14, dim = 6, H = 40; // 4H = 160: two 64-column blocks and a 32-column tail
        List<Supplier<List<Layer>>> cases = List.of(
                () -> List.of(new LSTM(H)),
                () -> List.of(new LSTM(H).withReturnSequences(true).withGoBackwards(true).withReturnState(true)),
                () -> List.of(new GRU(H).withReturnSequences(true)),
                () -> List.of(new GRU(H).withResetAfter(false).withGoBackwards(true)),
                () -> List.of(new SimpleRNN(H).withReturnSequences(true)),
                () -> List.of(new Bidirectional(new LSTM(H).withReturnSequences(true))),
                () -> List.of(new Bidirectional(new GRU(H))),
                () -> List.of(new LSTM(H), new GRU(H).withReturnSequences(true))); // one embedding output, two readers
        for (int c = 0; c < cases.size(); c++) {
            Embedding emb = new Embedding(vocab, dim, true, null);
            emb.build(List.of(new int[] {b, t}));
            List<Layer> layers = cases.get(c).get();
            for (Layer l : layers) l.build(List.of(new int[] {b, t, dim}));
            Tensor ids = ids(r, b, t, vocab);
            String what = "case " + c + " " + layers.get(0).className();

            LookupGradients.enabled = false;
            Result perToken = step(emb, layers, ids, c);
            LookupGradients.enabled = true;
            Result perId = step(emb, layers, ids, c);
            Parallel.setThreads(1);
            Result perIdOneThread = step(emb, layers, ids, c);
            Parallel.setThreads(DEFAULT_THREADS);

            assertNotNull(perToken.embeddingOutputGrad(), what + ": the per-token path sends dL/dx through x");
            if (layers.size() == 1) {
                assertNull(perId.embeddingOutputGrad(), what + ": the per-id path must bypass x (it did not engage)");
            }
            for (int k = 0; k < perToken.outputs().size(); k++) { // the distinct rows of E·W: the same forward bits
                assertArrayEquals(perToken.outputs().get(k), perId.outputs().get(k), what + " output " + k);
            }
            for (int k = 0; k < perToken.grads().size(); k++) {
                assertClose(perToken.grads().get(k), perId.grads().get(k), what + " gradient " + k);
                assertArrayEquals(perIdOneThread.grads().get(k), perId.grads().get(k), what + " gradient " + k
                        + ": one thread vs " + DEFAULT_THREADS);
            }
        }
    }

    @Test
    void tooFewRepeatsKeepThePerTokenProducts() {
        // 20 real steps over 19 distinct ids: summing per id would save nothing
        int[] idv = new int[20];
        for (int p = 0; p < idv.length; p++) idv[p] = p % 19;
        Schedule sc = Schedule.of(2, 10, null, false);
        Variable table = Variable.parameter(Tensor.zeros(19, 3));
        assertNull(LookupGradients.of(new Variable.Lookup(idv, table), sc));
        for (int p = 0; p < idv.length; p++) idv[p] = p % 10; // 10 distinct: two tokens each
        LookupGradients perId = LookupGradients.of(new Variable.Lookup(idv, table), sc);
        assertNotNull(perId);
        assertEquals(10, perId.distinctIds());
    }

    /** Embedding (maskZero) → cell against central differences of the double reference through the lookup. */
    @Test
    void finiteDifferencesThroughTheLookup() {
        int vocab = 5, dim = 3, B = 4, T = 6, H = 4;
        for (Reference.Kind kind : Reference.Kind.values()) {
            for (boolean back : new boolean[] {false, true}) {
                SplittableRandom rnd = new SplittableRandom(kind.ordinal() * 2L + (back ? 1 : 0));
                RecurrentLayer<?> layer = switch (kind) {
                    case SIMPLE_RNN -> new SimpleRNN(H);
                    case LSTM -> new LSTM(H);
                    case GRU_RESET_AFTER -> new GRU(H);
                    case GRU_RESET_BEFORE -> new GRU(H).withResetAfter(false);
                };
                layer.withReturnSequences(true).withReturnState(true).withGoBackwards(back);
                Embedding emb = new Embedding(vocab, dim, true, null);
                emb.build(List.of(new int[] {B, T}));
                layer.build(List.of(new int[] {B, T, dim}));
                int[] len = {6, 4, 5, 3}; // 18 real steps over at most 4 ids: the per-id path
                Tensor ids = Tensor.zeros(B, T);
                boolean[] valid = new boolean[B * T];
                for (int b = 0; b < B; b++) {
                    for (int t = 0; t < len[b]; t++) {
                        ids.data()[b * T + t] = 1 + rnd.nextInt(vocab - 1);
                        valid[b * T + t] = true;
                    }
                }
                double[] table = GradientCheckTest.random(rnd, vocab * dim, 1.0);
                var ws = layer.weights();
                List<double[]> weights = new ArrayList<>();
                for (Weight w : ws) weights.add(GradientCheckTest.random(rnd, w.variable().value().size(), 0.6));
                GradientCheckTest.copy(table, emb.weights().get(0).variable().data());
                for (int k = 0; k < ws.size(); k++) GradientCheckTest.copy(weights.get(k), ws.get(k).variable().data());

                Variable x = emb.call(List.of(Variable.constant(ids)), new CallContext(true, 1)).get(0);
                List<Variable> outs = layer.call(List.of(x), new CallContext(true, 1));
                Supplier<List<double[]>> reference = () -> referenceOutputs(kind, back, table, weights, ids, valid,
                        vocab, dim, B, T, H);
                List<double[]> proj = new ArrayList<>();
                for (double[] o : reference.get()) proj.add(GradientCheckTest.random(rnd, o.length, 1.0));
                Autograd.backward(GradientCheckTest.linearLoss(outs, proj));
                assertNull(x.grad(), kind + ": the per-id path did not engage");

                List<double[]> blocks = new ArrayList<>(List.of(table));
                blocks.addAll(weights);
                List<Variable> vars = new ArrayList<>(List.of(emb.weights().get(0).variable()));
                for (Weight w : ws) vars.add(w.variable());
                for (int bi = 0; bi < blocks.size(); bi++) {
                    double[] theta = blocks.get(bi);
                    float[] got = vars.get(bi).grad().data();
                    for (int i = 0; i < theta.length; i++) {
                        double keep = theta[i], h = 1e-6;
                        theta[i] = keep + h;
                        double lp = GradientCheckTest.loss(reference.get(), proj);
                        theta[i] = keep - h;
                        double lm = GradientCheckTest.loss(reference.get(), proj);
                        theta[i] = keep;
                        double fd = (lp - lm) / (2 * h);
                        double err = Math.abs(got[i] - fd) / Math.max(Math.abs(fd), 0.1);
                        assertTrue(err <= GradientCheckTest.GRAD_TOLERANCE, kind + " back=" + back + " block " + bi
                                + "[" + i + "]: " + got[i] + " but central differences give " + fd);
                    }
                }
            }
        }
    }

    /** y (processing order), h (and c) of the reference on x = E[ids]. */
    private static List<double[]> referenceOutputs(Reference.Kind kind, boolean back, double[] table,
                                                   List<double[]> weights, Tensor ids, boolean[] valid, int vocab,
                                                   int dim, int B, int T, int H) {
        double[] x = new double[B * T * dim];
        for (int p = 0; p < B * T; p++) System.arraycopy(table, (int) ids.data()[p] * dim, x, p * dim, dim);
        var spec = new Reference.Spec(kind, dim, H, Activation.TANH, Activation.SIGMOID, back);
        Reference.Out o = Reference.run(spec, new Reference.Weights(weights.get(0), weights.get(1), weights.get(2)), x,
                valid, null, null, null, null, B, T);
        List<double[]> out = new ArrayList<>(List.of(o.sequence(), o.h()));
        if (o.c() != null) out.add(o.c());
        return out;
    }
}
