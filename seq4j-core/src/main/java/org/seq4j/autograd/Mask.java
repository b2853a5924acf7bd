package org.seq4j.autograd;

import java.util.Arrays;

/**
 * Which steps of a (B, T) batch of sequences are real: Keras' boolean {@code _keras_mask}. Recurrent layers skip
 * masked steps (the state carries over unchanged; a sequence output is zero there). When every row is a run of
 * real steps followed by padding ({@link #isRightPadded()}), the layers use the per-row lengths; when the rows are
 * also sorted by descending length ({@link #activeRows(int)}), a step only computes the rows still active.
 */
public final class Mask {
    private final int batch;
    private final int time;
    private final boolean[] valid; // (B, T)
    private final int[] lengths;   // real steps per row
    private final boolean rightPadded;
    private final boolean sortedDescending;

    public Mask(int batch, int time, boolean[] valid) {
        if (valid.length != batch * time) {
            throw new IllegalArgumentException("mask has " + valid.length + " entries, expected B*T = " + batch + "*" + time);
        }
        this.batch = batch;
        this.time = time;
        this.valid = valid;
        this.lengths = new int[batch];
        boolean right = true;
        for (int b = 0; b < batch; b++) {
            int n = 0;
            boolean seenPad = false;
            for (int t = 0; t < time; t++) {
                if (valid[b * time + t]) {
                    n++;
                    if (seenPad) right = false;
                } else {
                    seenPad = true;
                }
            }
            lengths[b] = n;
        }
        boolean sorted = right;
        for (int b = 1; b < batch && sorted; b++) sorted = lengths[b] <= lengths[b - 1];
        this.rightPadded = right;
        this.sortedDescending = sorted;
    }

    /** A right-padded mask from per-row lengths. */
    public static Mask fromLengths(int time, int... lengths) {
        boolean[] v = new boolean[lengths.length * time];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > time) {
                throw new IllegalArgumentException("length " + lengths[b] + " of row " + b + " is outside [0, " + time + "]");
            }
            Arrays.fill(v, b * time, b * time + lengths[b], true);
        }
        return new Mask(lengths.length, time, v);
    }

    public int batch() {
        return batch;
    }

    public int time() {
        return time;
    }

    public boolean isValid(int b, int t) {
        return valid[b * time + t];
    }

    /** Real steps in row {@code b}. */
    public int length(int b) {
        return lengths[b];
    }

    public int[] lengths() {
        return lengths.clone();
    }

    /** True when each row is real steps followed only by padding. */
    public boolean isRightPadded() {
        return rightPadded;
    }

    /** True when right-padded and rows are sorted by descending length, so the rows active at any step form a prefix. */
    public boolean isSortedDescending() {
        return sortedDescending;
    }

    /** With {@link #isSortedDescending()}: how many leading rows are real at step {@code t}. */
    public int activeRows(int t) {
        int lo = 0;
        int hi = batch;
        while (lo < hi) { // first row whose length <= t
            int mid = (lo + hi) >>> 1;
            if (lengths[mid] > t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** True when no step is masked. */
    public boolean isAllValid() {
        for (int n : lengths) if (n != time) return false;
        return true;
    }

    /** The mask with time reversed (for go_backwards outputs). */
    public Mask reversed() {
        boolean[] r = new boolean[valid.length];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++) r[b * time + t] = valid[b * time + (time - 1 - t)];
        return new Mask(batch, time, r);
    }
}
