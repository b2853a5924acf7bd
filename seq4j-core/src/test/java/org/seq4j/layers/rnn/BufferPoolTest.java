package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work-buffer pool: buffers sized for the announced largest batch are reused by every smaller one. */
class BufferPoolTest {
    @AfterEach
    void reset() {
        BufferPool.expectRows(0);
        BufferPool.clear();
    }

    @Test
    void buffersAreSizedForTheLargestBatchAnnounced() {
        BufferPool.clear();
        BufferPool.expectRows(10_000);
        float[] gates = BufferPool.takeRows(2_000, 512), xs = BufferPool.takeRows(2_000, 192);
        assertTrue(gates.length >= 10_000 * 512, "allocated for the largest batch, not this one");
        assertTrue(xs.length >= 10_000 * 192);
        BufferPool.give(List.of(gates, xs));
        // a longer batch, still within the announcement: served by the same two buffers, whatever the order
        float[] a = BufferPool.takeRows(9_000, 192), b = BufferPool.takeRows(9_000, 512);
        assertSame(xs, a);
        assertSame(gates, b);
        BufferPool.give(List.of(a, b));
    }

    @Test
    void withoutAnAnnouncementABufferFitsTheRequest() {
        BufferPool.clear();
        float[] x = BufferPool.takeRows(1_000, 128);
        assertTrue(x.length >= 1_000 * 128 && x.length < 2 * 1_000 * 128);
        BufferPool.give(List.of(x));
    }
}
