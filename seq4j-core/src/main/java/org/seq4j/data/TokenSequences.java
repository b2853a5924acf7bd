package org.seq4j.data;

import java.util.Objects;

/**
 * A labeled dataset of variable-length token id sequences: row {@code i} is {@code ids(i)} with label
 * {@code labels()} at {@code i}. Immutable view: the arrays passed in are not copied and must not be changed
 * afterwards. Empty sequences are allowed (an empty review).
 */
public final class TokenSequences {
    private final int[][] ids;
    private final Labels labels;

    private TokenSequences(int[][] ids, Labels labels) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(labels, "labels");
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                throw new IllegalArgumentException("ids[" + i + "] is null; use an empty array for an empty text.");
            }
        }
        if (labels.size() != -1 && labels.size() != ids.length) {
            throw new IllegalArgumentException("Received " + ids.length + " sequences but " + labels.size()
                    + " labels; expected one label per sequence.");
        }
        this.ids = ids;
        this.labels = labels;
    }

    /** Sequences with 0/1 labels (a sigmoid output). */
    public static TokenSequences binary(int[][] ids, float[] labels) {
        return new TokenSequences(ids, new Labels.Binary(labels));
    }

    /** Sequences with class labels in {@code [0, numClasses)} (a softmax output). */
    public static TokenSequences classes(int[][] ids, int[] labels, int numClasses) {
        return new TokenSequences(ids, new Labels.Classes(labels, numClasses));
    }

    /** Sequences without labels (prediction). */
    public static TokenSequences unlabeled(int[][] ids) {
        return new TokenSequences(ids, new Labels.None());
    }

    /** Any {@link Labels}. */
    public static TokenSequences of(int[][] ids, Labels labels) {
        return new TokenSequences(ids, labels);
    }

    public int size() {
        return ids.length;
    }

    /** The ids of row {@code i} (the stored array, not a copy). */
    public int[] ids(int i) {
        return ids[i];
    }

    /** Number of tokens of row {@code i}. */
    public int length(int i) {
        return ids[i].length;
    }

    public Labels labels() {
        return labels;
    }

    /** Sum of all lengths. */
    public long totalTokens() {
        long n = 0;
        for (int[] row : ids) {
            n += row.length;
        }
        return n;
    }

    /** The rows {@code rows}, in that order (arrays shared, not copied). */
    public TokenSequences select(int[] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = ids[rows[i]];
        }
        return new TokenSequences(out, labels.select(rows));
    }

    /** Rows {@code [from, to)}. */
    public TokenSequences slice(int from, int to) {
        Objects.checkFromToIndex(from, to, ids.length);
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return select(rows);
    }

    /** A copy in a random order, reproducible from {@code seed} (Fisher-Yates, see {@link Shuffle#permutation(int, long)}). */
    public TokenSequences shuffled(long seed) {
        return select(Shuffle.permutation(ids.length, seed));
    }

    /** Training and validation parts of a dataset. */
    public record TrainValidation(TokenSequences train, TokenSequences validation) {
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the rows, in stored order, before any
     * shuffling (see {@link ValidationSplit}).
     */
    public TrainValidation validationSplit(double fraction) {
        int at = ValidationSplit.splitAt(ids.length, fraction);
        return new TrainValidation(slice(0, at), slice(at, ids.length));
    }

    @Override
    public String toString() {
        return "TokenSequences(" + ids.length + " sequences, " + totalTokens() + " tokens, labels="
                + labels.getClass().getSimpleName() + ")";
    }
}
