package org.seq4j.data;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.SplittableRandom;

/**
 * Cuts a {@link TokenSequences} into padded {@link Batch}es, epoch by epoch.
 *
 * <pre>{@code
 * SequenceBatcher batcher = SequenceBatcher.builder(train).batchSize(128).seed(42).build();
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Batch b : batcher.epoch(epoch)) { ... }   // 25,000 rows / 128 -> 196 batches
 * }
 * }</pre>
 *
 * <p>Order of one epoch, a pure function of ({@code seed}, {@code epoch}):
 * <ul>
 *   <li>{@link Bucketing#BY_LENGTH} (default): a random permutation, then a stable sort by length (so equal
 *       lengths are in random order), cut into consecutive batches of {@code batchSize} (the last one may be
 *       smaller and holds the longest rows), then the batch order is shuffled;</li>
 *   <li>{@link Bucketing#NONE}: a random permutation cut into batches;</li>
 *   <li>{@code shuffle(false)}: no randomness — stored order (NONE) or ascending length, ties in stored order
 *       (BY_LENGTH; the cheapest order for evaluation).</li>
 * </ul>
 * Every row appears exactly once per epoch; the last partial batch is kept ({@code ceil(n / batchSize)}
 * batches). Inside a batch, rows are sorted by descending length (stable), see {@link Batch}.
 *
 * <p>{@code maxLength} (optional) truncates each sequence to its <em>first</em> {@code maxLength} tokens (as
 * {@code TextVectorization(output_sequence_length)} does; note that Keras' {@code pad_sequences} keeps the
 * last ones by default). Batches are built lazily by {@link List#get}; building one allocates its arrays.
 */
public final class SequenceBatcher {
    private final TokenSequences data;
    private final int batchSize;
    private final long seed;
    private final Bucketing bucketing;
    private final boolean shuffle;
    private final int maxLength; // Integer.MAX_VALUE: no truncation
    private final int[] lengths; // (N) effective lengths after truncation

    private SequenceBatcher(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.bucketing = b.bucketing;
        this.shuffle = b.shuffle;
        this.maxLength = b.maxLength;
        this.lengths = new int[data.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = Math.min(data.length(i), maxLength);
        }
    }

    /** A builder over {@code data}: batch size 32 (Keras' default), seed 0, length bucketing, shuffling. */
    public static Builder builder(TokenSequences data) {
        return new Builder(data);
    }

    /** {@code ceil(size / batchSize)}. */
    public int numBatches() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * The batches of epoch {@code epoch} (0-based), built on demand. The same (seed, epoch) always gives the
     * same batches.
     */
    public List<Batch> epoch(int epoch) {
        int[][] plan = plan(epoch);
        return new Epoch(plan);
    }

    /** Row indices of each batch of {@code epoch}, rows sorted by descending length inside each batch. */
    public int[][] plan(int epoch) {
        int n = data.size();
        SplittableRandom rng = Shuffle.forEpoch(seed, epoch);
        int[] order;
        if (shuffle) {
            order = Shuffle.permutation(n, rng);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        if (bucketing == Bucketing.BY_LENGTH) {
            order = stableSortByLength(order, false);
        }
        int nb = numBatches();
        int[][] batches = new int[nb][];
        for (int k = 0; k < nb; k++) {
            int from = k * batchSize;
            int to = Math.min(n, from + batchSize);
            int[] rows = new int[to - from];
            System.arraycopy(order, from, rows, 0, rows.length);
            batches[k] = stableSortByLength(rows, true);
        }
        if (shuffle && bucketing == Bucketing.BY_LENGTH) {
            int[] perm = Shuffle.permutation(nb, rng);
            int[][] shuffled = new int[nb][];
            for (int k = 0; k < nb; k++) {
                shuffled[k] = batches[perm[k]];
            }
            batches = shuffled;
        }
        return batches;
    }

    /** Counting sort of {@code rows} by effective length: linear, stable. */
    private int[] stableSortByLength(int[] rows, boolean descending) {
        int max = 0;
        for (int r : rows) {
            max = Math.max(max, lengths[r]);
        }
        if ((long) max > 4L * rows.length + 1024) {
            // few rows with huge lengths: a comparison sort is cheaper than a huge count array
            Integer[] boxed = new Integer[rows.length];
            for (int i = 0; i < rows.length; i++) {
                boxed[i] = rows[i];
            }
            java.util.Arrays.sort(boxed, (a, b) -> descending
                    ? Integer.compare(lengths[b], lengths[a]) : Integer.compare(lengths[a], lengths[b]));
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = boxed[i];
            }
            return out;
        }
        int[] start = new int[max + 2];
        for (int r : rows) {
            int key = descending ? max - lengths[r] : lengths[r];
            start[key + 1]++;
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        int[] out = new int[rows.length];
        for (int r : rows) {
            int key = descending ? max - lengths[r] : lengths[r];
            out[start[key]++] = r;
        }
        return out;
    }

    /**
     * The padded batch of the given dataset rows (any order: they are sorted by descending length, stably,
     * and {@link Batch#rows()} says where each went).
     */
    public Batch batch(int[] rows) {
        for (int r : rows) {
            java.util.Objects.checkIndex(r, lengths.length);
        }
        rows = stableSortByLength(rows, true);
        int b = rows.length;
        int[] lens = new int[b];
        int maxLen = 0;
        for (int i = 0; i < b; i++) {
            lens[i] = lengths[rows[i]];
            maxLen = Math.max(maxLen, lens[i]);
        }
        int[] ids = new int[b * maxLen]; // (B, T) zero = padding
        for (int i = 0; i < b; i++) {
            System.arraycopy(data.ids(rows[i]), 0, ids, i * maxLen, lens[i]);
        }
        return new Batch(ids, b, maxLen, lens, data.labels().select(rows), rows);
    }

    /** Real and padded token counts of one epoch: the cost of the padding. */
    public record PaddingStats(long realTokens, long paddedTokens, int batches) {
        /** Padded / real: 1.0 = no padding at all. */
        public double paddingFactor() {
            return realTokens == 0 ? 1.0 : (double) paddedTokens / realTokens;
        }

        /** (padded - real) / real: the fraction of extra, wasted time steps. */
        public double waste() {
            return paddingFactor() - 1.0;
        }
    }

    /** {@link PaddingStats} of {@code epoch} without building the batches. */
    public PaddingStats paddingStats(int epoch) {
        long real = 0;
        long padded = 0;
        int[][] plan = plan(epoch);
        for (int[] rows : plan) {
            int maxLen = rows.length == 0 ? 0 : lengths[rows[0]];
            for (int r : rows) {
                real += lengths[r];
            }
            padded += (long) maxLen * rows.length;
        }
        return new PaddingStats(real, padded, plan.length);
    }

    public TokenSequences data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    private final class Epoch extends AbstractList<Batch> implements RandomAccess {
        private final int[][] plan;

        Epoch(int[][] plan) {
            this.plan = plan;
        }

        @Override
        public Batch get(int index) {
            return batch(plan[index]);
        }

        @Override
        public int size() {
            return plan.length;
        }
    }

    /** Options of {@link SequenceBatcher}. */
    public static final class Builder {
        private final TokenSequences data;
        private int batchSize = 32;
        private long seed;
        private Bucketing bucketing = Bucketing.BY_LENGTH;
        private boolean shuffle = true;
        private int maxLength = Integer.MAX_VALUE;

        private Builder(TokenSequences data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("Received an invalid value for argument `batchSize`, expected "
                        + "a positive integer, got " + batchSize + ".");
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of every random choice; same seed, same batches. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder bucketing(Bucketing bucketing) {
            this.bucketing = Objects.requireNonNull(bucketing, "bucketing");
            return this;
        }

        /** Keras' {@code shuffle}: false for evaluation (deterministic, no seed used). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Keep only the first {@code maxLength} tokens of every sequence. */
        public Builder maxLength(int maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("Received an invalid value for argument `maxLength`, expected "
                        + "a positive integer, got " + maxLength + ".");
            }
            this.maxLength = maxLength;
            return this;
        }

        public SequenceBatcher build() {
            return new SequenceBatcher(this);
        }
    }
}
