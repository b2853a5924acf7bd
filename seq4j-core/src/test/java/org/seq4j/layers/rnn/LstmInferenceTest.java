package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Embedding;
import org.seq4j.tensor.Tensor;

/**
 * The LSTM's inference path (slot-sized buffers, and the E·W lookup after an Embedding) against its training path:
 * the same products and gate math, so the same bits, for every output option, mask shape and activation.
 */
class LstmInferenceTest {
    private static final CallContext CTX = CallContext.inference();

    private static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextDouble(-1, 1);
        return t;
    }

    /** Outputs with gradients recorded (x takes one): the training path. */
    private static List<Variable> training(LSTM layer, List<Variable> inputs) {
        return layer.call(inputs, CTX);
    }

    private static List<Variable> inference(LSTM layer, List<Variable> inputs) {
        return GradMode.noGrad(() -> layer.call(inputs, CTX));
    }

    private static void assertSameBits(List<Variable> want, List<Variable> got, String what) {
        assertEquals(want.size(), got.size(), what + ": outputs");
        for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k).data(), got.get(k).data(), what + ": output " + k);
        }
    }

    private static Mask mask(String kind, int b, int t, SplittableRandom r) {
        return switch (kind) {
            case "none" -> null;
            case "sorted" -> {
                int[] len = new int[b];
                for (int i = 0; i < b; i++) len[i] = Math.max(0, t - i * t / b);
                yield Mask.fromLengths(t, len);
            }
            case "unsorted" -> {
                int[] len = new int[b];
                for (int i = 0; i < b; i++) len[i] = r.nextInt(t + 1);
                len[b / 2] = 0; // a row with no real step
                yield Mask.fromLengths(t, len);
            }
            default -> { // holes anywhere, as Keras allows
                boolean[] valid = new boolean[b * t];
                for (int i = 0; i < valid.length; i++) valid[i] = r.nextDouble() < 0.7;
                yield new Mask(b, t, valid);
            }
        };
    }

    @Test
    void inferenceEqualsTheTrainingForwardBitForBit() {
        SplittableRandom r = new SplittableRandom(11);
        int t = 9, in = 5, h = 7;
        for (int b : new int[] {1, 6, 23}) {
            for (String maskKind : new String[] {"none", "sorted", "unsorted", "holes"}) {
                for (int variant = 0; variant < 8; variant++) {
                    boolean seq = (variant & 1) != 0, state = (variant & 2) != 0, back = (variant & 4) != 0;
                    LSTM layer = new LSTM(h).withReturnSequences(seq).withReturnState(state).withGoBackwards(back);
                    if (b == 6) layer = layer.withActivation(Activation.RELU).withRecurrentActivation(Activation.SIGMOID);
                    Mask m = mask(maskKind, b, t, r);
                    Tensor x = random(r, b, t, in);
                    boolean init = variant % 3 == 0;
                    Variable h0 = Variable.constant(random(r, b, h)), c0 = Variable.constant(random(r, b, h));
                    List<Variable> trainIn = init ? List.of(Variable.parameter(x).withMask(m), h0, c0)
                            : List.of(Variable.parameter(x).withMask(m));
                    List<Variable> inferIn = init ? List.of(Variable.constant(x).withMask(m), h0, c0)
                            : List.of(Variable.constant(x).withMask(m));
                    List<Variable> want = training(layer, trainIn);
                    assertEquals(true, want.get(0).requiresGrad(), "the reference must be the training path");
                    assertSameBits(want, inference(layer, inferIn),
                            "b=" + b + " mask=" + maskKind + " seq=" + seq + " state=" + state + " back=" + back + " init=" + init);
                }
            }
        }
    }

    /** After an Embedding the input projection is a row of E·W: same bits, and rebuilt when E or W change. */
    @Test
    void projectedEmbeddingLookupEqualsTheProductAndFollowsWeightChanges() {
        SplittableRandom r = new SplittableRandom(12);
        int vocab = 40, b = 16, t = 12;
        Embedding emb = new Embedding(vocab, 6, true, null);
        emb.build(List.of(new int[] {b, t}));
        for (boolean back : new boolean[] {false, true}) {
            LSTM layer = new LSTM(5).withReturnState(true).withGoBackwards(back);
            Tensor ids = Tensor.zeros(b, t);
            for (int i = 0; i < b; i++) {
                int len = 1 + r.nextInt(t);
                for (int s = 0; s < len; s++) ids.data()[i * t + s] = 1 + r.nextInt(vocab - 1);
            }
            for (int round = 0; round < 3; round++) {
                Variable idv = Variable.constant(ids);
                List<Variable> want = layer.call(emb.call(List.of(idv), CTX), CTX); // the table takes gradients
                assertEquals(true, want.get(0).requiresGrad());
                List<Variable> got = GradMode.noGrad(() -> {
                    Variable x = emb.call(List.of(idv), CTX).get(0);
                    assertNotNull(x.lookup(), "an embedding output carries its lookup");
                    assertEquals(true, ProjectedEmbedding.worthIt(b * t / 2, vocab, false), "the test batch must take the lookup path");
                    return layer.call(List.of(x), CTX);
                });
                assertSameBits(want, got, "back=" + back + " round " + round);
                // change the weights in place, as an optimizer step does: the cached E·W must not be reused
                float[] e = emb.weights().get(0).variable().data();
                e[(1 + round) * 6] += 0.25f;
                float[] w = layer.weights().get(0).variable().data();
                w[round] -= 0.5f;
            }
        }
    }
}
