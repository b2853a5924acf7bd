package org.seq4j.layers.rnn;

import org.seq4j.autograd.Mask;

/**
 * The packed layout every recurrent kernel works on: which (batch row, time step) each packed row holds.
 *
 * <p>A masked step leaves the state unchanged, so running a row over only its real steps, in order, gives exactly
 * the masked result. The batch rows are therefore sorted by their number of real steps (longest first, stable),
 * and processing slot {@code s} holds the {@code s}-th real step (or, going backwards, the {@code s}-th from the
 * last) of every row that still has one. Those rows are a prefix of the sorted order, so slot {@code s} is one
 * contiguous block of {@code active[s]} packed rows starting at {@code offset[s]} (PyTorch's PackedSequence
 * layout, time-major). A padded step costs nothing, and the rows of slot {@code s} read their previous state from
 * the first rows of slot {@code s − 1}.
 *
 * <p>This one plan covers no mask, right padding (sorted or not), any other mask and go_backwards.
 *
 * <pre>
 *   B batch rows, T time steps, S = slots (longest real length), P = packed rows (total real steps)
 *   packed row p = offset[s] + r  holds batch row order[r] at time step timeOf(p), source[p] = b·T + t
 * </pre>
 */
final class Schedule {
    final int batch;       // B
    final int time;        // T
    final int slots;       // S
    final int rows;        // P
    final int[] active;    // (S) rows running at slot s, non-increasing
    final int[] offset;    // (S + 1) first packed row of slot s
    final int[] order;     // (B) sorted position r → batch row b
    final int[] length;    // (B) real steps of sorted row r
    final int[] source;    // (P) b·T + t of the input step each packed row reads
    final boolean identityOrder; // order[r] == r for all r

    private Schedule(int batch, int time, int[] order, int[] length, int[] source, int[] active, int[] offset) {
        this.batch = batch;
        this.time = time;
        this.order = order;
        this.length = length;
        this.source = source;
        this.active = active;
        this.offset = offset;
        this.slots = active.length;
        this.rows = offset[active.length];
        boolean id = true;
        for (int r = 0; r < batch && id; r++) id = order[r] == r;
        this.identityOrder = id;
    }

    /** The plan for a (B, T) batch with an optional mask, processing time forwards or backwards. */
    static Schedule of(int batch, int time, Mask mask, boolean goBackwards) {
        if (mask != null && (mask.batch() != batch || mask.time() != time)) {
            throw new IllegalArgumentException("the mask has shape (" + mask.batch() + ", " + mask.time()
                    + ") but the input has (batch, time) = (" + batch + ", " + time + ")");
        }
        int[] len = new int[batch];
        for (int b = 0; b < batch; b++) len[b] = mask == null ? time : mask.length(b);
        int[] order = sortByLengthDescending(len);
        int[] length = new int[batch];
        for (int r = 0; r < batch; r++) length[r] = len[order[r]];
        int slots = batch == 0 ? 0 : length[0];
        int[] active = new int[slots];
        int[] offset = new int[slots + 1];
        for (int s = 0, r = batch; s < slots; s++) {
            while (r > 0 && length[r - 1] <= s) r--;
            active[s] = r;
            offset[s + 1] = offset[s] + r;
        }
        int[] source = new int[offset[slots]];
        int[] steps = new int[time]; // the real time steps of one row, in order
        for (int r = 0; r < batch; r++) {
            int b = order[r];
            int n = 0;
            for (int t = 0; t < time; t++) {
                if (mask == null || mask.isValid(b, t)) steps[n++] = t;
            }
            for (int s = 0; s < n; s++) {
                int t = goBackwards ? steps[n - 1 - s] : steps[s];
                source[offset[s] + r] = b * time + t;
            }
        }
        return new Schedule(batch, time, order, length, source, active, offset);
    }

    /** Stable counting sort of row indices by descending length (lengths are in [0, T]). */
    private static int[] sortByLengthDescending(int[] len) {
        int max = 0;
        for (int n : len) max = Math.max(max, n);
        int[] start = new int[max + 2];
        for (int n : len) start[max - n + 1]++;
        for (int i = 1; i < start.length; i++) start[i] += start[i - 1];
        int[] order = new int[len.length];
        for (int b = 0; b < len.length; b++) order[start[max - len[b]]++] = b;
        return order;
    }

    /** The packed row of sorted row r's last real step, or −1 when the row has none. */
    int lastRow(int r) {
        return length[r] == 0 ? -1 : offset[length[r] - 1] + r;
    }

    /** Batch row of packed row p. */
    int batchOf(int p) {
        return source[p] / time;
    }

    /** Time step of packed row p. */
    int timeOf(int p) {
        return source[p] % time;
    }
}
