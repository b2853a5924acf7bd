package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recycles the big work buffers of the recurrent ops (packed inputs, gates, states: ~170 MB for an LSTM(128) on a
 * 128 × 230 batch). Allocating them per batch made the collector copy the live caches of every batch between forward
 * and backward (12% of a training step in pauses). A buffer is taken in forward and given back once the backward
 * that needs it is done (right away when no gradient is recorded).
 *
 * <p>Buffers come back dirty: {@link #take} returns an array of at least the asked length with arbitrary content,
 * {@link #takeZeroed} a zeroed prefix.
 *
 * <p>A request gets the smallest free buffer that is long enough, however much longer: batches come in random
 * order of length, and refusing a buffer more than twice too long (as this pool once did) made every shorter batch
 * after a long one miss, allocate, and evict, ~80 MB of new arrays per step for an LSTM(128) on IMDB.
 *
 * <p>Bounded by what one step needs: the pooled bytes plus the bytes taken and not yet given back never exceed the
 * most ever taken at once (the working set of the biggest step so far). A miss allocates, and free buffers are
 * dropped to the collector (smallest first) to keep that sum in bounds, so buffers of a long batch that the next,
 * shorter batches cannot use do not pile up next to the ones they allocate. Also at most
 * {@code -Dseq4j.rnn.poolBytes} bytes are kept (default half the maximum heap: a stacked BiLSTM's longest IMDB batch
 * takes ~3 GB of buffers, and with a quarter of a 6 GB heap most of them were allocated afresh at every step: its
 * first 30 training steps took 1,497 ms each with 25 s of system time, 1,097 ms and 11 s with half the heap). The bound above keeps this from costing more than the
 * biggest step needs anyway.
 */
final class BufferPool {
    private static final long CAPACITY = Long.getLong("seq4j.rnn.poolBytes", Runtime.getRuntime().maxMemory() / 2);
    /** Buffers shorter than this are cheaper to allocate than to look up. */
    private static final int MIN_POOLED = 1 << 14;

    private static final List<float[]> FREE = new ArrayList<>();
    private static long freeBytes;
    /** Bytes taken and not given back, and the most ever at once. */
    private static long takenBytes, peakTakenBytes;

    private BufferPool() {}

    /** The most packed rows (real tokens) a batch is expected to have, 0 when unknown; see {@link #takeRows}. */
    private static long expectedRows;

    /** Sizes the buffers allocated from now on for batches of up to {@code rows} real tokens. */
    static synchronized void expectRows(long rows) {
        expectedRows = Math.max(0, rows);
    }

    /**
     * An array of at least {@code rows × width} floats, contents arbitrary. When it must be allocated, it is sized
     * for the largest batch announced by {@link #expectRows}: batches come in random order of length, so without
     * that the pool grows with every new longest batch of the first epoch, each time allocating hundreds of MB that
     * a tight heap can only find with a full collection (~1 s per epoch 1 of imdb-lstm in the launcher's heap).
     */
    static float[] takeRows(int rows, int width) {
        long want = (long) rows * width;
        long expected;
        synchronized (BufferPool.class) {
            expected = expectedRows;
        }
        if (expected > rows && want >= MIN_POOLED && expected * width <= Integer.MAX_VALUE - 16) {
            float[] hit = takeFree((int) want);
            if (hit != null) return hit;
            return allocate((int) (expected * width));
        }
        return take((int) want);
    }

    /** An array of length ≥ n, contents arbitrary. */
    static float[] take(int n) {
        if (n < MIN_POOLED) return new float[n];
        float[] hit = takeFree(n);
        return hit != null ? hit : allocate(n);
    }

    /** The smallest free buffer of length ≥ n, or null. */
    private static float[] takeFree(int n) {
        synchronized (BufferPool.class) {
            int best = -1;
            for (int i = 0; i < FREE.size(); i++) {
                int len = FREE.get(i).length;
                if (len >= n && (best < 0 || len < FREE.get(best).length)) best = i;
            }
            if (best >= 0) {
                float[] a = FREE.remove(best);
                freeBytes -= 4L * a.length;
                takenBytes += 4L * a.length;
                return a;
            }
            return null;
        }
    }

    /** A new buffer of at least n floats, counted as taken; frees pooled ones to stay within the peak. */
    private static float[] allocate(int n) {
        synchronized (BufferPool.class) {
            int len = roundUp(n);
            takenBytes += 4L * len;
            peakTakenBytes = Math.max(peakTakenBytes, takenBytes);
            evictTo(peakTakenBytes - takenBytes);
            return new float[len];
        }
    }

    /** An array of length ≥ n whose first n elements are zero. */
    static float[] takeZeroed(int n) {
        float[] a = take(n);
        Arrays.fill(a, 0, n, 0f);
        return a;
    }

    /** Gives buffers back; the caller must hold no other reference it will use. */
    static void give(List<float[]> buffers) {
        synchronized (BufferPool.class) {
            for (float[] a : buffers) {
                if (a == null || a.length < MIN_POOLED) continue;
                takenBytes -= 4L * a.length;
                if (freeBytes + 4L * a.length > CAPACITY) evictTo(CAPACITY - 4L * a.length);
                if (freeBytes + 4L * a.length > CAPACITY) continue;
                FREE.add(a);
                freeBytes += 4L * a.length;
            }
        }
    }

    /** Drops the smallest free buffers until at most {@code limit} bytes are free (big ones cost most to allocate). */
    private static void evictTo(long limit) {
        if (freeBytes <= limit) return;
        FREE.sort((x, y) -> Integer.compare(x.length, y.length));
        while (!FREE.isEmpty() && freeBytes > limit) {
            freeBytes -= 4L * FREE.remove(0).length;
        }
    }

    /** Sizes rounded up to 1/8 of their power of two, so that batches of slightly different lengths share buffers. */
    private static int roundUp(int n) {
        int step = Math.max(1, Integer.highestOneBit(n) >>> 3);
        long r = ((long) n + step - 1) / step * step;
        return (int) Math.min(r, Integer.MAX_VALUE - 8);
    }

    /** Frees everything pooled (tests, or to return memory). */
    static synchronized void clear() {
        FREE.clear();
        freeBytes = 0;
        peakTakenBytes = takenBytes;
    }
}
