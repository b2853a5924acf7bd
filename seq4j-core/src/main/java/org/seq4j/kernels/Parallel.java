package org.seq4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread helper: {@link #forRange} splits {@code [0, n)} into fixed chunks of {@code grain} and runs them on
 * a persistent pool of {@code threads() - 1} workers plus the calling thread.
 *
 * <p>Why not ForkJoin: an LSTM issues one ~85 µs GEMM per time step, so hand-off must cost a few µs. Workers
 * therefore spin for a short while after each job (catching the next one without a context switch) and only then
 * park. The chunking depends only on {@code n} and {@code grain}, never on the thread count, so a body that writes
 * each output from one chunk gives bit-identical results for any number of threads.
 *
 * <p>Nested calls, and calls made while another thread is using the pool, run inline on the calling thread (same
 * chunks, in order).
 *
 * <p>Tuning: {@code -Dseq4j.threads=N} (default: all processors), {@code -Dseq4j.parallel.spinNanos} (how long an
 * idle worker polls before parking, default 200 µs) and {@code -Dseq4j.parallel.pauseNanos} (how long a poll uses
 * a pause instruction before it starts yielding the core, default 5 µs). On a machine whose cores are shared with
 * other busy processes, use 1 thread: any fork-join code then waits for descheduled workers at every barrier.
 */
public final class Parallel {
    /** A loop body over the half-open range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /** How long an idle worker polls for the next job before parking; covers the gap between two LSTM steps. */
    private static final long SPIN_NANOS = Long.getLong("seq4j.parallel.spinNanos", 200_000);
    /**
     * Polls with a pause instruction for this long, then with {@link Thread#yield()}: if the OS has put another
     * runnable thread (often our own caller) on this core, a pure spin would starve it until the spin ends.
     */
    private static final long PAUSE_NANOS = Long.getLong("seq4j.parallel.pauseNanos", 5_000);

    private static volatile int threads = defaultThreads();
    private static Pool pool; // guarded by Parallel.class

    private Parallel() {}

    private static int defaultThreads() {
        int n = Integer.getInteger("seq4j.threads", Runtime.getRuntime().availableProcessors());
        if (n < 1) {
            throw new IllegalArgumentException("Received an invalid value for -Dseq4j.threads, expected an integer "
                    + ">= 1, got " + n + ". Remove the property to use all " + Runtime.getRuntime().availableProcessors()
                    + " processors.");
        }
        return n;
    }

    /** Number of threads {@link #forRange} uses, the caller included: {@code -Dseq4j.threads} or all processors. */
    public static int threads() {
        return threads;
    }

    /**
     * How many threads a {@link #forRange} call made now from this thread would use: 1 inside another forRange
     * (a nested call runs inline), else {@link #threads()}. For callers that choose how to split work by it.
     */
    public static int threadsAvailable() {
        int t = threads;
        if (t == 1 || Thread.currentThread() instanceof Worker) return 1;
        Pool p;
        synchronized (Parallel.class) {
            p = pool;
        }
        return p != null && p.lock.isHeldByCurrentThread() ? 1 : t;
    }

    /** Sets the number of threads (the caller included) used by later {@link #forRange} calls. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "Received an invalid value for argument `n` (threads), expected an integer >= 1, got " + n);
        }
        threads = n;
    }

    /**
     * Runs {@code body.run(start, end)} for the chunks {@code [0, grain), [grain, 2 grain), ..., [.., n)} and returns
     * when all have finished. The first exception thrown by any chunk is rethrown here (remaining chunks are
     * skipped).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n < 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `n`, expected >= 0, got " + n);
        }
        if (grain < 1) {
            throw new IllegalArgumentException(
                    "Received an invalid value for argument `grain`, expected >= 1, got " + grain);
        }
        int chunks = (int) ((n + (long) grain - 1) / grain);
        if (chunks == 0) {
            return;
        }
        int t = threads;
        if (chunks == 1 || t == 1 || Thread.currentThread() instanceof Worker) {
            runInline(n, grain, chunks, body);
            return;
        }
        Pool p = pool(t);
        if (p.lock.isHeldByCurrentThread() || !p.lock.tryLock()) {
            runInline(n, grain, chunks, body); // nested call, or another thread owns the pool
            return;
        }
        try {
            p.run(new Job(n, grain, chunks, p.workers.length + 1, body));
        } finally {
            p.lock.unlock();
        }
    }

    private static void runInline(int n, int grain, int chunks, RangeBody body) {
        for (int c = 0; c < chunks; c++) {
            int start = c * grain;
            body.run(start, Math.min(n, start + grain));
        }
    }

    private static synchronized Pool pool(int t) {
        if (pool == null || pool.workers.length != t - 1) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = new Pool(t - 1);
        }
        return pool;
    }

    /**
     * One {@link #forRange} call. The chunks are cut into one contiguous share per thread of the pool (the caller's
     * first); each thread claims the chunks of its own share in order, then helps with the others'. So consecutive
     * calls over the same rows (a step's product, then its row kernels, then the next step's product) give each
     * thread the same rows while none is late, and what one thread wrote stays in its core's caches; a thread that
     * is descheduled still has its share taken over. {@code done} counts finished chunks.
     */
    private static final class Job {
        /** Ints between two threads' claim counters: one cache line each. */
        private static final int PAD = 16;
        final int n;
        final int grain;
        final int chunks;
        final int shares;
        final RangeBody body;
        final AtomicIntegerArray next; // next chunk of share i at i·PAD
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        Job(int n, int grain, int chunks, int shares, RangeBody body) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.shares = shares;
            this.body = body;
            this.next = new AtomicIntegerArray(shares * PAD);
            for (int i = 1; i < shares; i++) next.set(i * PAD, shareStart(i));
        }

        private int shareStart(int share) {
            return (int) ((long) chunks * share / shares);
        }

        /** Runs chunks of share {@code self} in order, then of the other shares, until none is left. */
        void work(int self) {
            for (int i = 0; i < shares; i++) {
                int share = (self + i) % shares;
                int end = shareStart(share + 1);
                int c;
                while ((c = next.getAndIncrement(share * PAD)) < end) {
                    try {
                        if (error.get() == null) {
                            int start = c * grain;
                            body.run(start, Math.min(n, start + grain));
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    } finally {
                        done.incrementAndGet(); // release: the chunk's writes are visible to whoever sees the count
                    }
                }
            }
        }
    }

    private static final class Pool {
        final ReentrantLock lock = new ReentrantLock();
        final Worker[] workers;
        /** The job in progress, null between jobs (so that idle workers hold no reference to its arrays). */
        volatile Job job;
        /** Incremented for every job; workers wait for it to change. Written only by the lock holder. */
        volatile long epoch;
        volatile boolean stopped;

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i);
                workers[i].start();
            }
        }

        void run(Job j) {
            job = j;
            epoch = epoch + 1;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            j.work(0);
            long start = System.nanoTime();
            while (j.done.get() < j.chunks) { // the other chunks are already running: their end is near
                politeSpin(start);
            }
            job = null;
            Throwable e = j.error.get();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new RuntimeException(e);
            }
        }

        void shutdown() {
            stopped = true;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
        }
    }

    /** One step of a busy wait that began at {@code start}: a pause at first, then yield the core. */
    private static void politeSpin(long start) {
        if (System.nanoTime() - start < PAUSE_NANOS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private static final class Worker extends Thread {
        private final Pool pool;
        private final int index;
        volatile boolean parked;

        Worker(Pool pool, int index) {
            super("seq4j-parallel-" + index);
            this.pool = pool;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (!pool.stopped) {
                seen = awaitEpoch(seen);
                Job j = pool.job; // null if the caller already finished it alone
                if (j != null) {
                    j.work(index + 1);
                }
            }
        }

        /** Spins for {@link #SPIN_NANOS}, then parks, until the epoch differs from {@code seen}; returns it. */
        private long awaitEpoch(long seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                long e = pool.epoch;
                if (e != seen || pool.stopped) {
                    return e;
                }
                if (System.nanoTime() < spinUntil) {
                    politeSpin(spinUntil - SPIN_NANOS);
                    continue;
                }
                parked = true;
                if (pool.epoch == seen && !pool.stopped) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
