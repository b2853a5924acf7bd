package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Layer;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * A padded position never changes a result: outputs and gradients are bit-identical with and without thousands of
 * trailing pads; a shuffled (unsorted) batch, and left-padded or holed rows, give each row the same result as the
 * sorted right-padded batch.
 */
class MaskingInvarianceTest {
    static final int I = 5, H = 6;

    static List<Supplier<Layer>> layers() {
        List<Supplier<Layer>> l = new ArrayList<>();
        for (boolean seq : new boolean[] {false, true}) {
            for (boolean back : new boolean[] {false, true}) {
                l.add(() -> new SimpleRNN(H).withReturnSequences(seq).withGoBackwards(back));
                l.add(() -> new LSTM(H).withReturnSequences(seq).withGoBackwards(back));
                l.add(() -> new GRU(H).withReturnSequences(seq).withGoBackwards(back));
                l.add(() -> new GRU(H).withResetAfter(false).withReturnSequences(seq).withGoBackwards(back));
            }
            l.add(() -> new Bidirectional(new LSTM(H).withReturnSequences(seq)));
            l.add(() -> new Bidirectional(new GRU(H).withReturnSequences(seq), MergeMode.AVE));
        }
        return l;
    }

    record Case(String name, Supplier<Layer> make) {}

    static Stream<Case> cases() {
        List<Supplier<Layer>> l = layers();
        List<Case> c = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Layer probe = l.get(i).get();
            c.add(new Case(i + " " + probe.className() + " " + probe.config(), l.get(i)));
        }
        return c.stream();
    }

    /** Two layers with identical weights (same seed). */
    static Layer[] twins(Supplier<Layer> make) {
        RandomSeed.set(11);
        Layer a = make.get();
        a.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        RandomSeed.set(11);
        Layer b = make.get();
        b.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        return new Layer[] {a, b};
    }

    record Run(float[] y, int[] yShape, float[] dx, List<float[]> dw) {}

    /** Forward with mask, backward with a seed gradient of ones on y; returns y, dx and the weight gradients. */
    static Run run(Layer layer, float[] x, int batch, int time, Mask mask) {
        for (Weight w : layer.weights()) w.variable().zeroGrad();
        Variable xv = Variable.parameter(Tensor.of(x.clone(), batch, time, I)).withMask(mask);
        Variable y = layer.call(List.of(xv), CallContext.inference()).get(0);
        Autograd.backward(y, Tensor.full(1f, y.shape()));
        List<float[]> dw = new ArrayList<>();
        for (Weight w : layer.weights()) dw.add(w.variable().grad().data().clone());
        return new Run(y.data(), y.shape(), xv.grad().data(), dw);
    }

    static float[] randomX(int batch, int time, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[batch * time * I];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * rnd.nextDouble() - 1);
        return x;
    }

    /** x (B, T, I) placed in (B, T + pad, I), the extra steps filled with garbage. */
    static float[] pad(float[] x, int batch, int time, int extra) {
        float[] p = randomX(batch, time + extra, 99);
        for (int b = 0; b < batch; b++) System.arraycopy(x, b * time * I, p, b * (time + extra) * I, time * I);
        return p;
    }

    @TestFactory
    Stream<DynamicTest> twoThousandTrailingPadsChangeNothing() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Supplier<Layer> make = c.make();
            Layer[] l = twins(make);
            int batch = 3, time = 7, extra = 2000;
            int[] len = {7, 4, 2};
            float[] x = randomX(batch, time, 1);
            Run plain = run(l[0], x, batch, time, Mask.fromLengths(time, len));
            Run padded = run(l[1], pad(x, batch, time, extra), batch, time + extra, Mask.fromLengths(time + extra, len));
            if (plain.yShape().length == 2) {
                assertArrayEquals(plain.y(), padded.y());
            } else {
                // sequences: the T steps identical, the pads zero. go_backwards outputs are in processing order,
                // where the trailing pads come first (Keras), so there the real steps are the last T.
                boolean back = l[0] instanceof RecurrentLayer<?> r && r.goBackwards();
                int shift = back ? extra : 0;
                int width = plain.yShape()[2];
                for (int b = 0; b < batch; b++) {
                    int row = b * (time + extra) * width;
                    for (int i = 0; i < time * width; i++) {
                        assertEquals(plain.y()[b * time * width + i], padded.y()[row + shift * width + i]);
                    }
                    for (int k = 0; k < time + extra; k++) {
                        if (k >= shift && k < shift + time) continue;
                        for (int j = 0; j < width; j++) assertEquals(0f, padded.y()[row + k * width + j]);
                    }
                }
            }
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < time * I; i++) {
                    assertEquals(plain.dx()[b * time * I + i], padded.dx()[b * (time + extra) * I + i]);
                }
                for (int i = time * I; i < (time + extra) * I; i++) assertEquals(0f, padded.dx()[b * (time + extra) * I + i]);
            }
            for (int k = 0; k < plain.dw().size(); k++) assertArrayEquals(plain.dw().get(k), padded.dw().get(k));
        }));
    }

    @TestFactory
    Stream<DynamicTest> shuffledBatchAgreesRowByRowWithTheSortedOne() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Supplier<Layer> make = c.make();
            Layer[] l = twins(make);
            int batch = 4, time = 6;
            int[] len = {6, 5, 3, 1};
            int[] perm = {2, 0, 3, 1}; // shuffled row b holds sorted row perm[b]
            float[] x = randomX(batch, time, 2);
            float[] xs = new float[x.length];
            int[] lens = new int[batch];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(x, perm[b] * time * I, xs, b * time * I, time * I);
                lens[b] = len[perm[b]];
            }
            Mask sorted = Mask.fromLengths(time, len);
            Mask shuffled = Mask.fromLengths(time, lens);
            assertEquals(true, sorted.isSortedDescending());
            assertEquals(false, shuffled.isSortedDescending());
            Run a = run(l[0], x, batch, time, sorted);
            Run b = run(l[1], xs, batch, time, shuffled);
            int rowY = a.y().length / batch;
            for (int r = 0; r < batch; r++) {
                for (int i = 0; i < rowY; i++) assertEquals(a.y()[perm[r] * rowY + i], b.y()[r * rowY + i]);
                for (int i = 0; i < time * I; i++) assertEquals(a.dx()[perm[r] * time * I + i], b.dx()[r * time * I + i]);
            }
            for (int k = 0; k < a.dw().size(); k++) assertArrayEquals(a.dw().get(k), b.dw().get(k), 1e-5f);
        }));
    }

    @Test
    void leftPaddedAndHoledRowsGiveTheRightPaddedResult() {
        for (Supplier<Layer> make : layers()) {
            Layer[] l = twins(make);
            if (l[0].computeOutputShapes(List.of(new int[] {1, 4, I})).get(0).length == 3) continue; // the last output only
            int time = 6;
            float[] x = randomX(1, 4, 3);
            float[] right = new float[time * I];
            System.arraycopy(x, 0, right, 0, 4 * I);
            float[] holed = randomX(1, time, 4); // real steps at t = 0, 2, 3, 5
            int[] at = {0, 2, 3, 5};
            for (int k = 0; k < 4; k++) System.arraycopy(x, k * I, holed, at[k] * I, I);
            boolean[] v = {true, false, true, true, false, true};
            Run a = run(l[0], right, 1, time, Mask.fromLengths(time, 4));
            Run b = run(l[1], holed, 1, time, new Mask(1, time, v));
            assertArrayEquals(a.y(), b.y(), l[0] + " " + l[0].config());
        }
    }

    @Test
    void embeddingMaskZeroReviewPredictsIdenticallyWithTrailingPads() {
        RandomSeed.set(5);
        Embedding emb = new Embedding(50, I, true, null);
        Layer lstm = new LSTM(H);
        int[] review = {3, 17, 9, 44, 2, 8};
        float[] shortIds = new float[review.length];
        float[] longIds = new float[review.length + 2000];
        for (int t = 0; t < review.length; t++) shortIds[t] = longIds[t] = review[t];
        float[] a = predict(emb, lstm, shortIds);
        float[] b = predict(emb, lstm, longIds);
        assertArrayEquals(a, b);
    }

    static float[] predict(Embedding emb, Layer lstm, float[] ids) {
        Variable in = Variable.constant(Tensor.of(ids, 1, ids.length));
        if (!emb.isBuilt()) emb.build(List.of(new int[] {Layer.NONE, Layer.NONE}));
        Variable e = emb.call(List.of(in), CallContext.inference()).get(0);
        return lstm.call(List.of(e), CallContext.inference()).get(0).data();
    }

    /** Recycled (dirty) work buffers never change a result: interleaved graphs and reuse agree with a clean pool. */
    @Test
    void recycledBuffersNeverChangeAResult() {
        for (Supplier<Layer> make : List.<Supplier<Layer>>of(() -> new LSTM(32).withReturnSequences(true),
                () -> new GRU(32), () -> new GRU(32).withResetAfter(false).withReturnSequences(true), () -> new SimpleRNN(32))) {
            Layer[] l = twins(make);
            int batch = 16, time = 60;
            int[] lenA = new int[batch], lenB = new int[batch];
            for (int b = 0; b < batch; b++) {
                lenA[b] = time - 3 * b;
                lenB[b] = 1 + (7 * b) % time;
            }
            float[] xa = randomX(batch, time, 21), xb = randomX(batch, time, 22);
            BufferPool.clear();
            Run cleanA = run(l[1], xa, batch, time, Mask.fromLengths(time, lenA));
            BufferPool.clear();
            Run cleanB = run(l[1], xb, batch, time, Mask.fromLengths(time, lenB));
            // two live graphs at once, backward in the other order, buffers recycled between and after
            for (Weight w : l[0].weights()) w.variable().zeroGrad();
            Variable va = Variable.parameter(Tensor.of(xa.clone(), batch, time, I)).withMask(Mask.fromLengths(time, lenA));
            Variable vb = Variable.parameter(Tensor.of(xb.clone(), batch, time, I)).withMask(Mask.fromLengths(time, lenB));
            Variable ya = l[0].call(List.of(va), CallContext.inference()).get(0);
            Variable yb = l[0].call(List.of(vb), CallContext.inference()).get(0);
            Autograd.backward(yb, Tensor.full(1f, yb.shape()));
            Autograd.backward(ya, Tensor.full(1f, ya.shape()));
            Run dirtyB = run(l[0], xb, batch, time, Mask.fromLengths(time, lenB));
            assertArrayEquals(cleanA.y(), ya.data());
            assertArrayEquals(cleanA.dx(), va.grad().data());
            assertArrayEquals(cleanB.y(), yb.data());
            assertArrayEquals(cleanB.dx(), vb.grad().data());
            assertArrayEquals(cleanB.y(), dirtyB.y());
            assertArrayEquals(cleanB.dx(), dirtyB.dx());
            for (int k = 0; k < cleanB.dw().size(); k++) assertArrayEquals(cleanB.dw().get(k), dirtyB.dw().get(k));
        }
    }
}
