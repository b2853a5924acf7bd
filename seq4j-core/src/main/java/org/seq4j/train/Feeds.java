package org.seq4j.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.seq4j.data.Batch;
import org.seq4j.data.Labels;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.tensor.Tensor;

/** A source of mini-batches for {@code fit}, {@code evaluate} and {@code predict}: a number of steps and, per epoch, the batches. */
public interface Feeds {
    /** Batches per epoch. */
    int steps();

    /** The batches of epoch {@code epoch} (0-based); the order may depend on the epoch (shuffling). */
    Iterator<Feed> epoch(int epoch);

    /** Token-id batches from a {@link SequenceBatcher}: input (B, T) ids, target (B, 1) binary labels or (B) class ids. */
    static Feeds of(SequenceBatcher batcher) {
        return new Feeds() {
            @Override
            public int steps() {
                return batcher.numBatches();
            }

            @Override
            public Iterator<Feed> epoch(int epoch) {
                Iterator<Batch> it = batcher.epoch(epoch).iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Feed next() {
                        return toFeed(it.next());
                    }
                };
            }
        };
    }

    /** One {@link Batch} as a {@link Feed}. */
    static Feed toFeed(Batch b) {
        int[] ids = b.ids();
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        Tensor x = Tensor.of(f, b.batchSize(), b.maxLen());
        List<Tensor> targets = new ArrayList<>();
        switch (b.labels()) {
            case Labels.Binary bin -> targets.add(Tensor.of(bin.values().clone(), b.batchSize(), 1));
            case Labels.Classes c -> {
                int[] v = c.values();
                float[] t = new float[v.length];
                for (int i = 0; i < v.length; i++) t[i] = v[i];
                targets.add(Tensor.of(t, b.batchSize()));
            }
            case Labels.None n -> { }
        }
        return new Feed(List.of(x), targets, null, b.rows());
    }

    /**
     * Mini-batches of in-memory arrays, sliced along the first axis; {@code y} may be null (prediction). With
     * {@code shuffle} the rows are permuted every epoch from {@code seed} (Keras' {@code shuffle=True}).
     */
    static Feeds arrays(Tensor x, Tensor y, int batchSize, boolean shuffle, long seed) {
        int n = x.dim(0);
        if (y != null && y.dim(0) != n) {
            throw new IllegalArgumentException("Data cardinality is ambiguous: x has " + n + " samples but y has " + y.dim(0) + ".");
        }
        if (batchSize <= 0) throw new IllegalArgumentException("Received an invalid value for argument `batchSize`, expected a positive integer, got " + batchSize + ".");
        int steps = (n + batchSize - 1) / batchSize;
        return new Feeds() {
            @Override
            public int steps() {
                return steps;
            }

            @Override
            public Iterator<Feed> epoch(int epoch) {
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                if (shuffle) {
                    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
                    for (int i = n - 1; i > 0; i--) {
                        int j = r.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                }
                List<Feed> feeds = new ArrayList<>(steps);
                for (int s = 0; s < steps; s++) {
                    int from = s * batchSize;
                    int to = Math.min(n, from + batchSize);
                    int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                    List<Tensor> targets = y == null ? List.of() : List.of(rowsOf(y, rows));
                    feeds.add(new Feed(List.of(rowsOf(x, rows)), targets, null, rows));
                }
                return feeds.iterator();
            }
        };
    }

    /** The given rows (first axis) of t. */
    static Tensor rowsOf(Tensor t, int[] rows) {
        int[] s = t.shape();
        int w = t.size() / Math.max(1, s[0]);
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) System.arraycopy(t.data(), rows[i] * w, out, i * w, w);
        s[0] = rows.length;
        return Tensor.of(out, s);
    }
}
