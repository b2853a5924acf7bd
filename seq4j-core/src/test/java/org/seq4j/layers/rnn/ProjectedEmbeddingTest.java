package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * Training a recurrent layer on an Embedding's output with the input projection looked up in E·W: the forward
 * values and every gradient (embeddings, kernels, bias) are the same bits as with the product it replaces for the
 * GRU and SimpleRNN (their product over all packed rows), and within float rounding for the LSTM (its row kernels
 * add the row of E·W + b to h̃·U: the stacked step product's sum in another order); inference gives the training
 * forward's bits either way. The input-side gradients summed per id ({@link LookupGradients}) are off here: they
 * regroup the sums.
 */
class ProjectedEmbeddingTest {
    @AfterEach
    void restore() {
        ProjectedEmbedding.enabled = true;
        LookupGradients.enabled = true;
    }

    private record Result(List<float[]> outputs, List<float[]> grads) {}

    /** The bias is added to the rows asked for and no others; null adds nothing. */
    @Test
    void withBiasAddsTheBiasToEachRowAsked() {
        int g = 3 * GateMath.L + 5, rows = 4;
        float[] table = new float[(rows + 2) * g], bias = new float[g];
        for (int i = 0; i < table.length; i++) table[i] = i * 0.5f;
        for (int j = 0; j < g; j++) bias[j] = 100f + j;
        float[] want = table.clone();
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < g; j++) want[row * g + j] += bias[j];
        }
        float[] plain = table.clone();
        assertArrayEquals(want, ProjectedEmbedding.withBias(table, rows, bias, g));
        assertArrayEquals(plain, ProjectedEmbedding.withBias(plain.clone(), rows, null, g));
    }

    private static Result trainStep(Embedding emb, RecurrentLayer<?> lstm, Tensor ids, Tensor seed0, Tensor seed1) {
        for (Weight w : emb.weights()) w.variable().zeroGrad();
        for (Weight w : lstm.weights()) w.variable().zeroGrad();
        CallContext ctx = new CallContext(true, 1);
        List<Variable> out = lstm.call(emb.call(List.of(Variable.constant(ids)), ctx), ctx);
        Autograd.backward(out.get(0), seed0);
        List<float[]> outputs = new ArrayList<>();
        for (Variable v : out) outputs.add(v.data().clone());
        List<float[]> grads = new ArrayList<>();
        for (Weight w : emb.weights()) grads.add(w.variable().grad().data().clone());
        for (Weight w : lstm.weights()) grads.add(w.variable().grad().data().clone());
        return new Result(outputs, grads);
    }

    private static final List<IntFunction<RecurrentLayer<?>>> CELLS = List.of(
            LSTM::new, GRU::new, u -> new GRU(u).withResetAfter(false), SimpleRNN::new);

    @Test
    void trainingWithTheLookupGivesTheSameBits() {
        SplittableRandom r = new SplittableRandom(5);
        int vocab = 20, b = 16, t = 12;
        for (IntFunction<RecurrentLayer<?>> cell : CELLS) {
            for (boolean seq : new boolean[] {false, true}) {
                for (boolean back : new boolean[] {false, true}) {
                    Embedding emb = new Embedding(vocab, 6, true, null);
                    emb.build(List.of(new int[] {b, t}));
                    RecurrentLayer<?> layer = cell.apply(32).withReturnSequences(seq).withGoBackwards(back)
                            .withReturnState(true);
                    Tensor ids = Tensor.zeros(b, t);
                    long tokens = 0;
                    for (int i = 0; i < b; i++) {
                        int len = 4 + r.nextInt(t - 3);
                        tokens += len;
                        for (int s = 0; s < len; s++) ids.data()[i * t + s] = 1 + r.nextInt(vocab - 1);
                    }
                    assertTrue(ProjectedEmbedding.worthIt(tokens, vocab, true), "the test batch must take the lookup");
                    Tensor seed = Tensor.zeros(seq ? new int[] {b, t, 32} : new int[] {b, 32});
                    for (int i = 0; i < seed.size(); i++) seed.data()[i] = (float) r.nextDouble(-1, 1);
                    String what = layer.getClass().getSimpleName() + " seq=" + seq + " back=" + back;
                    LookupGradients.enabled = false; // regroups the input-side sums: LookupGradientsTest
                    ProjectedEmbedding.enabled = false;
                    Result want = trainStep(emb, layer, ids, seed, null);
                    List<float[]> wantInference = infer(emb, layer, ids);
                    ProjectedEmbedding.enabled = true;
                    Result got = trainStep(emb, layer, ids, seed, null);
                    List<float[]> gotInference = infer(emb, layer, ids);
                    // the LSTM adds the row x̃·W + b to h̃·U: the product's sum rounded in another order
                    boolean sameBits = !(layer instanceof LSTM);
                    for (int k = 0; k < want.outputs().size(); k++) {
                        assertMatches(sameBits, want.outputs().get(k), got.outputs().get(k), what + " output " + k);
                        assertArrayEquals(want.outputs().get(k), wantInference.get(k), what + " product: inference " + k);
                        assertArrayEquals(got.outputs().get(k), gotInference.get(k), what + " lookup: inference " + k);
                    }
                    for (int k = 0; k < want.grads().size(); k++) {
                        assertMatches(sameBits, want.grads().get(k), got.grads().get(k), what + " gradient " + k);
                    }
                }
            }
        }
    }

    /** The same bits, or (sameBits false) within 1e-5 of the largest magnitude in {@code want}. */
    private static void assertMatches(boolean sameBits, float[] want, float[] got, String what) {
        if (sameBits) {
            assertArrayEquals(want, got, what);
            return;
        }
        float scale = 0f;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        assertArrayEquals(want, got, 1e-5f * Math.max(scale, 1e-3f), what);
    }

    private static List<float[]> infer(Embedding emb, RecurrentLayer<?> layer, Tensor ids) {
        CallContext ctx = new CallContext(false, 1);
        return GradMode.noGrad(() -> {
            List<float[]> outputs = new ArrayList<>();
            for (Variable v : layer.call(emb.call(List.of(Variable.constant(ids)), ctx), ctx)) {
                outputs.add(v.data().clone());
            }
            return outputs;
        });
    }
}
