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
 * values and every gradient (embeddings, kernels, bias) are the same bits as with the product it replaces (the
 * LSTM's stacked step product; the GRU's and SimpleRNN's product over all packed rows), and so is inference. The
 * input-side gradients summed per id ({@link LookupGradients}) are off here: they regroup the sums.
 */
class ProjectedEmbeddingTest {
    @AfterEach
    void restore() {
        ProjectedEmbedding.enabled = true;
        LookupGradients.enabled = true;
    }

    private record Result(List<float[]> outputs, List<float[]> grads) {}

    /** The grouped row copy: every row where it belongs, for widths with and without a vector tail. */
    @Test
    void copyRowsCopiesEachLookedUpRowAndNothingElse() {
        SplittableRandom r = new SplittableRandom(5);
        for (int g : new int[] {1, 7, GateMath.L, 3 * GateMath.L + 5, 512}) {
            int vocab = 13, packed = 3 * ProjectedEmbedding.COPY_GROUP + 3;
            float[] table = new float[vocab * g];
            for (int i = 0; i < table.length; i++) table[i] = (float) r.nextDouble();
            int[] ids = new int[packed], source = new int[packed + 2];
            for (int i = 0; i < packed; i++) ids[i] = r.nextInt(vocab);
            for (int i = 0; i < source.length; i++) source[i] = r.nextInt(packed);
            int p0 = 2, r0 = 1, r1 = packed - 1, dstRow0 = 3;
            float[] dst = new float[(dstRow0 + packed + 1) * g], want = new float[dst.length];
            java.util.Arrays.fill(dst, -1f);
            java.util.Arrays.fill(want, -1f);
            for (int row = r0; row < r1; row++) {
                System.arraycopy(table, ids[source[p0 + row]] * g, want, (dstRow0 + row) * g, g);
            }
            ProjectedEmbedding.copyRows(table, ids, source, p0, r0, r1, dst, dstRow0, g);
            assertArrayEquals(want, dst, "G=" + g);
        }
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
                    for (int k = 0; k < want.outputs().size(); k++) {
                        assertArrayEquals(want.outputs().get(k), got.outputs().get(k), what + " output " + k);
                        assertArrayEquals(wantInference.get(k), gotInference.get(k), what + " inference output " + k);
                        assertArrayEquals(want.outputs().get(k), gotInference.get(k), what + " inference vs training " + k);
                    }
                    for (int k = 0; k < want.grads().size(); k++) {
                        assertArrayEquals(want.grads().get(k), got.grads().get(k), what + " gradient " + k);
                    }
                }
            }
        }
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
