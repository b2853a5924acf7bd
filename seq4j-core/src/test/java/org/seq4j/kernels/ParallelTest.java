package org.seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    @Test
    void coversEveryIndexOnceInChunksThatDoNotDependOnThreads() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 7, 64, 1000, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                ConcurrentLinkedQueue<List<Integer>> chunks = new ConcurrentLinkedQueue<>();
                Parallel.forRange(n, 10, (start, end) -> {
                    chunks.add(List.of(start, end));
                    for (int i = start; i < end; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " with " + threads + " threads");
                }
                assertEquals((n + 9) / 10, chunks.size());
                for (List<Integer> c : chunks) {
                    assertEquals(0, c.get(0) % 10, "chunk start");
                    assertEquals(Math.min(n, c.get(0) + 10), c.get(1), "chunk end");
                }
            }
        }
    }

    @Test
    void eachThreadStartsOnItsOwnShareAndTakesOverALateOnesShare() {
        Parallel.setThreads(2);
        Thread caller = Thread.currentThread();
        ConcurrentLinkedQueue<Integer> byCaller = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray hits = new AtomicIntegerArray(20);
        Parallel.forRange(20, 1, (start, end) -> {
            hits.incrementAndGet(start);
            if (Thread.currentThread() == caller) {
                byCaller.add(start);
            } else {
                try {
                    Thread.sleep(200); // a descheduled worker: its share must not wait for it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        for (int i = 0; i < 20; i++) assertEquals(1, hits.get(i), "chunk " + i);
        List<Integer> order = List.copyOf(byCaller);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order.subList(0, 10), "the caller's share first, in order");
        assertTrue(order.size() > 10 && order.get(10) >= 10, "the caller took over the late worker's share: " + order);
    }

    @Test
    void propagatesTheExceptionOfAnyChunkAndStaysUsable() {
        Parallel.setThreads(2);
        for (int bad : new int[] {0, 5, 99}) {
            IllegalStateException boom = new IllegalStateException("chunk " + bad);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Parallel.forRange(100, 1, (start, end) -> {
                        if (start == bad) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
        }
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Parallel.forRange(100, 1, (start, end) -> hits.incrementAndGet(start));
        for (int i = 0; i < 100; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(20 * 30);
        Parallel.forRange(20, 1, (i0, i1) -> Parallel.forRange(30, 4, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                hits.incrementAndGet(i0 * 30 + j);
            }
        }));
        for (int i = 0; i < 20 * 30; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void threadsAvailableIsOneInsideAParallelLoop() {
        Parallel.setThreads(2);
        assertEquals(2, Parallel.threadsAvailable());
        java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(2);
        Parallel.forRange(2, 1, (s, e) -> seen.set(s, Parallel.threadsAvailable()));
        assertEquals(1, seen.get(0), "the caller's chunk");
        assertEquals(1, seen.get(1), "the worker's chunk");
        Parallel.setThreads(1);
        assertEquals(1, Parallel.threadsAvailable());
    }

    @Test
    void manySmallJobsInARow() {
        Parallel.setThreads(2);
        long[] total = new long[1];
        for (int r = 0; r < 20_000; r++) {
            long[] partial = new long[4];
            Parallel.forRange(4, 1, (s, e) -> partial[s] = s + 1);
            total[0] += partial[0] + partial[1] + partial[2] + partial[3];
        }
        assertEquals(20_000L * 10, total[0]);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(10, 0, (s, e) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(-1, 1, (s, e) -> { }));
    }
}
