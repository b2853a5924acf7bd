package org.seq4j.data;

/**
 * One padded mini-batch, as the recurrent layers want it.
 *
 * <ul>
 *   <li>{@code ids}: (B, T) row-major, {@code ids[b * maxLen + t]}, right-padded with 0 ({@code T = maxLen},
 *       the longest row of <em>this</em> batch);</li>
 *   <li>{@code lengths}: (B) real tokens per row, <b>non-increasing</b>: rows are sorted by descending length,
 *       so at time step {@code t} the rows still running are a prefix {@code 0..active(t)-1} (the recurrent
 *       kernels shrink the batch instead of masking). A row may have length 0 (an empty text);</li>
 *   <li>{@code labels}: (B) targets in row order;</li>
 *   <li>{@code rows}: (B) the index of each row in the source {@link TokenSequences} (to put predictions
 *       back in dataset order).</li>
 * </ul>
 */
public record Batch(int[] ids, int batchSize, int maxLen, int[] lengths, Labels labels, int[] rows) {

    public Batch {
        if (ids.length != batchSize * maxLen || lengths.length != batchSize || rows.length != batchSize) {
            throw new IllegalArgumentException("inconsistent batch: ids " + ids.length + ", B=" + batchSize
                    + ", T=" + maxLen + ", lengths " + lengths.length + ", rows " + rows.length);
        }
        for (int i = 0; i < batchSize; i++) {
            if (lengths[i] < 0 || lengths[i] > maxLen || (i > 0 && lengths[i] > lengths[i - 1])) {
                throw new IllegalArgumentException("batch lengths must be non-increasing and within [0, " + maxLen
                        + "]: " + java.util.Arrays.toString(lengths));
            }
        }
        if (labels.size() != -1 && labels.size() != batchSize) {
            throw new IllegalArgumentException("batch has " + batchSize + " rows but " + labels.size() + " labels");
        }
    }

    /** Number of rows whose length is greater than {@code t}: rows {@code 0..active(t)-1} are live at step t. */
    public int active(int t) {
        int lo = 0;
        int hi = batchSize; // lengths non-increasing: binary search for the first row with length <= t
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lengths[mid] > t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sum of {@code lengths}. */
    public long realTokens() {
        long n = 0;
        for (int l : lengths) {
            n += l;
        }
        return n;
    }

    /** The binary targets; throws if the labels are not {@link Labels.Binary}. */
    public float[] binaryLabels() {
        if (labels instanceof Labels.Binary b) {
            return b.values();
        }
        throw new IllegalStateException("This batch has " + labels.getClass().getSimpleName()
                + " labels, not binary ones.");
    }

    /** The class targets; throws if the labels are not {@link Labels.Classes}. */
    public int[] classLabels() {
        if (labels instanceof Labels.Classes c) {
            return c.values();
        }
        throw new IllegalStateException("This batch has " + labels.getClass().getSimpleName()
                + " labels, not class indices.");
    }
}
