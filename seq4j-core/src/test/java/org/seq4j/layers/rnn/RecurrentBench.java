package org.seq4j.layers.rnn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * Forward + backward time of the recurrent layers on an IMDB-sized batch (B = 128, T = 230, I = 64, H = 128), on
 * 1 and 2 threads: full-length rows vs sorted, right-padded lengths (what the batcher produces), for LSTM, GRU,
 * SimpleRNN, Bidirectional and a two-layer Bidirectional stack. Prints; asserts nothing.
 * {@code mvn -Pslow -pl seq4j-core test -Dtest=RecurrentBench}, or run {@link #main} ({@code main 10} for 10 reps;
 * {@code -Dbench.only=GRU} keeps the lines containing "GRU").
 *
 * <p>The machine's load average is printed for each section, and the process CPU time of each run: on shared cores
 * wall-clock times mean little when the load is above the core count; on one thread the CPU time approximates the
 * uncontended cost.
 */
@Tag("slow")
class RecurrentBench {
    static final int B = 128, T = 230, I = 64, H = 128;
    static final double IMDB_TOKENS = 6.0e6;

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] full = new int[B];
        Arrays.fill(full, T);
        int[] sorted = imdbLikeLengths(new SplittableRandom(42));
        long real = Arrays.stream(sorted).asLongStream().sum();
        System.out.printf("B=%d T=%d I=%d H=%d, best of %d after 3 warm-up runs; sorted lengths: %d of %d steps real (%.0f%%)%n",
                B, T, I, H, reps, real, (long) B * T, 100.0 * real / (B * T));
        int original = Parallel.threads();
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            System.out.printf("%n--- %d thread(s); load average %s%n", threads, loadAverage());
            time("LSTM(128)                  full  ", () -> new LSTM(H), full, reps, 4);
            time("LSTM(128)                  sorted", () -> new LSTM(H), sorted, reps, 4);
            time("GRU(128)                   full  ", () -> new GRU(H), full, reps, 3);
            time("GRU(128)                   sorted", () -> new GRU(H), sorted, reps, 3);
            time("GRU(128) reset_after=False full  ", () -> new GRU(H).withResetAfter(false), full, reps, 3);
            time("SimpleRNN(128)             full  ", () -> new SimpleRNN(H), full, reps, 1);
            time("Bi(LSTM(128), seq)         full  ", () -> new Bidirectional(new LSTM(H).withReturnSequences(true)), full, reps, 8);
            time("Bi(LSTM(128), seq)         sorted", () -> new Bidirectional(new LSTM(H).withReturnSequences(true)), sorted, reps, 8);
            time("Bi-LSTM 2-layer stack      full  ", RecurrentBench::stack, full, reps, 0);
            time("Bi-LSTM 2-layer stack      sorted", RecurrentBench::stack, sorted, reps, 0);
        }
        Parallel.setThreads(original);
        System.out.printf("%nIMDB projection: epoch ≈ %.1fM tokens × (µs per real row-step); recurrent layers only.%n", IMDB_TOKENS / 1e6);
    }

    /** Bidirectional(LSTM(128), seq) on 64 → Bidirectional(LSTM(128)) on 256, as one "layer" for timing. */
    static Layer stack() {
        Bidirectional first = new Bidirectional(new LSTM(H).withReturnSequences(true));
        Bidirectional second = new Bidirectional(new LSTM(H));
        return new Layer(null) {
            @Override
            protected void doBuild(List<int[]> s) {
                first.build(s);
                second.build(List.of(new int[] {Layer.NONE, Layer.NONE, 2 * H}));
            }

            @Override
            public List<int[]> computeOutputShapes(List<int[]> s) {
                return second.computeOutputShapes(first.computeOutputShapes(s));
            }

            @Override
            public List<Variable> call(List<Variable> in, CallContext ctx) {
                return second.call(first.call(in, ctx), ctx);
            }

            @Override
            public List<Weight> weights() {
                List<Weight> w = new ArrayList<>(first.weights());
                w.addAll(second.weights());
                return w;
            }

            @Override
            public java.util.Map<String, Object> config() {
                return baseConfig();
            }
        };
    }

    /** Lengths like IMDB reviews cut at T: skewed (log-normal, median ~150 words, a long tail cut at T), sorted descending. */
    static int[] imdbLikeLengths(SplittableRandom rnd) {
        int[] len = new int[B];
        for (int b = 0; b < B; b++) {
            double g = Math.exp(5.0 + 0.75 * gaussian(rnd));
            len[b] = (int) Math.max(10, Math.min(T, g));
        }
        Arrays.sort(len);
        for (int i = 0; i < B / 2; i++) {
            int t = len[i];
            len[i] = len[B - 1 - i];
            len[B - 1 - i] = t;
        }
        return len;
    }

    static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** CPU time of the whole process (all threads; spinning pool workers count too). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * @param gates G of the layer (for the FLOP count 6·P·G·H·(I + H) of forward + backward); 0 to skip it
     */
    static void time(String what, Supplier<Layer> make, int[] lengths, int reps, int gates) {
        String only = System.getProperty("bench.only");
        if (only != null && !what.contains(only)) return;
        Layer layer = make.get();
        layer.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
        SplittableRandom rnd = new SplittableRandom(1);
        Tensor xt = Tensor.zeros(B, T, I);
        for (int i = 0; i < xt.size(); i++) xt.data()[i] = (float) (2 * rnd.nextDouble() - 1);
        Mask mask = Mask.fromLengths(T, lengths);
        double bestTotal = Double.MAX_VALUE, bestFwd = 0, bestCpu = Double.MAX_VALUE;
        for (int r = -3; r < reps; r++) {
            for (Weight w : layer.weights()) w.variable().zeroGrad();
            Variable x = Variable.parameter(xt).withMask(mask);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            Variable y = layer.call(List.of(x), CallContext.inference()).get(0);
            long t1 = System.nanoTime();
            Autograd.backward(y, Tensor.full(1f, y.shape()));
            long t2 = System.nanoTime();
            long c1 = processCpuNanos();
            if (r >= 0 && t2 - t0 < bestTotal * 1e6) {
                bestTotal = (t2 - t0) / 1e6;
                bestFwd = (t1 - t0) / 1e6;
            }
            if (r >= 0) bestCpu = Math.min(bestCpu, (c1 - c0) / 1e6);
        }
        long steps = Arrays.stream(lengths).asLongStream().sum();
        double usPerStep = 1e3 * bestTotal / steps;
        String flops = gates == 0 ? "" : String.format("  %5.1f GFLOP/s", 6.0 * steps * gates * H * (I + H) / (bestTotal / 1e3) / 1e9);
        System.out.printf("%s  fwd %7.1f ms  fwd+bwd %7.1f ms (CPU %7.1f ms)  %6.2f µs/real row-step%s  → IMDB epoch %5.1f s%n",
                what, bestFwd, bestTotal, bestCpu, usPerStep, flops, IMDB_TOKENS * usPerStep / 1e6);
    }

    @Test
    void run() throws Exception {
        main(new String[0]);
    }
}
