package org.seq4j.cli.experiments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.RandomSeed;

/**
 * The vanishing-gradient experiment: for every cell and every length T, measure the gradient flow of a fresh
 * network, train it on the adding problem with the common budget, score it on fresh sequences and measure the
 * gradient flow again.
 *
 * <p><b>Reproducibility.</b> Every random stream is derived from the seed and what it is for, never from the order
 * runs finish in: a cell's initial weights depend on (seed, cell) only, so the "init" profiles of one cell at
 * different T come from the same network; the training batches, test sequences and gradient-probe sequences
 * depend on (seed, T) only, so at a given T every cell sees the same data. The runs go to a small pool of threads
 * (one per core) with single-threaded kernels, which for these small matrices is faster than splitting each
 * product over cores; kernels chunk their work independently of the thread count, so results do not depend on it.
 */
final class VanishingGradientExperiment {
    /** Everything a run depends on. {@code units} are the LSTM's; the other cells get the parameter-matched units. */
    record Settings(int[] lengths, int units, AddingTraining.Budget budget, int probeSize, long seed, int workers) {
        Settings {
            if (lengths.length == 0) throw new IllegalArgumentException("Received an invalid value for argument `lengths`, expected at least one length, got none");
            for (int t : lengths) {
                if (t < 2) throw new IllegalArgumentException("Received an invalid value for argument `lengths`, expected integers >= 2, got " + t);
            }
            lengths = lengths.clone();
            if (units < 1) throw new IllegalArgumentException("Received an invalid value for argument `units`, expected a positive integer, got " + units);
            if (probeSize < 1) throw new IllegalArgumentException("Received an invalid value for argument `probeSize`, expected a positive integer, got " + probeSize);
            if (workers < 1) throw new IllegalArgumentException("Received an invalid value for argument `workers`, expected a positive integer, got " + workers);
        }

        int unitsOf(CellType cell) {
            return cell == CellType.LSTM ? units : cell.unitsMatching(units, AddingProblem.FEATURES);
        }

        long paramsOf(CellType cell) {
            return cell.params(unitsOf(cell), AddingProblem.FEATURES) + unitsOf(cell) + 1; // + Dense(1)
        }
    }

    /** One cell at one length: the adding-problem scores and the gradient profiles before and after training. */
    record Run(CellType cell, int units, long params, int length, double testMse, double finalTrainLoss,
               GradientFlow.Profile init, GradientFlow.Profile trained, double seconds) {
        boolean solved() {
            return testMse < SOLVED_MSE;
        }
    }

    /** Test MSE below which a run counts as having solved the task (the baseline is 1/6 ≈ 0.167). */
    static final double SOLVED_MSE = 0.01;

    private VanishingGradientExperiment() {}

    /** Runs every (cell, T), printing one line per finished run to {@code log}; returns them by T, then cell. */
    static List<Run> run(Settings s, PrintStream log) throws InterruptedException {
        List<int[]> jobs = new ArrayList<>(); // (cell ordinal, T)
        for (int t : s.lengths()) for (CellType c : CellType.values()) jobs.add(new int[] {c.ordinal(), t});
        // longest first, so that the last job to start is a short one
        jobs.sort(Comparator.comparingInt((int[] j) -> -j[1]).thenComparingInt(j -> j[0]));

        int workers = Math.min(s.workers(), jobs.size());
        int kernelThreads = Parallel.threads();
        if (workers > 1) Parallel.setThreads(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "vanishing-gradient");
            th.setDaemon(true);
            return th;
        });
        int[] done = {0};
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int[] j : jobs) {
                CellType cell = CellType.values()[j[0]];
                int length = j[1];
                AddingTraining.Net net = newNet(cell, s); // on this thread: the global weight seed is not thread-safe
                futures.add(pool.submit(() -> {
                    Run r = runOne(cell, net, length, s);
                    synchronized (log) {
                        done[0]++;
                        log.println(progressLine(r, done[0], jobs.size()));
                    }
                    return r;
                }));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) runs.add(f.get());
            runs.sort(Comparator.comparingInt(Run::length).thenComparing(Run::cell));
            return runs;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            Parallel.setThreads(kernelThreads);
        }
    }

    /** A fresh network whose weights depend on (seed, cell) only. */
    private static AddingTraining.Net newNet(CellType cell, Settings s) {
        synchronized (RandomSeed.class) {
            RandomSeed.set(stream(s.seed(), "weights", cell.ordinal()));
            return AddingTraining.newNet(cell, s.unitsOf(cell), s.budget());
        }
    }

    private static Run runOne(CellType cell, AddingTraining.Net net, int length, Settings s) {
        long t0 = System.nanoTime();
        AddingProblem.Batch probe = AddingProblem.sample(s.probeSize(), length, new SplittableRandom(stream(s.seed(), "probe", length)));
        GradientFlow.Profile init = GradientFlow.measure(net.rnn(), net.head(), probe.x(), probe.y());
        double trainLoss = AddingTraining.train(net, length, s.budget(), new SplittableRandom(stream(s.seed(), "train", length)));
        double mse = AddingTraining.testMse(net.model(), length, s.budget().testSize(),
                new SplittableRandom(stream(s.seed(), "test", length)));
        GradientFlow.Profile trained = GradientFlow.measure(net.rnn(), net.head(), probe.x(), probe.y());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(cell, s.unitsOf(cell), net.model().countParams(), length, mse, trainLoss, init, trained, seconds);
    }

    /** The seed of one random stream: a function of the experiment seed, what the stream is for, and an index. */
    static long stream(long seed, String purpose, int index) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + purpose.hashCode();
        h = h * 0x9E3779B97F4A7C15L + index;
        return h;
    }

    private static String progressLine(Run r, int done, int total) {
        return String.format(Locale.ROOT, "[%2d/%d] %-9s T=%-4d test MSE %.4f%s  gradient ratio init %s, trained %s  (%.0f s)",
                done, total, r.cell().label(), r.length(), r.testMse(), r.solved() ? " (solved)" : "",
                ResultTable.ratio(r.init().ratio()), ResultTable.ratio(r.trained().ratio()), r.seconds());
    }
}
