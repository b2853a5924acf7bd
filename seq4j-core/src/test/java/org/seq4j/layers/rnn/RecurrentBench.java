package org.seq4j.layers.rnn;

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
 * Forward + backward time of the recurrent layers on an IMDB-sized batch (B = 128, T = 230, I = 64, H = 128):
 * full-length rows vs sorted, right-padded lengths (what the batcher produces), for LSTM, GRU and Bidirectional.
 * Prints; asserts nothing. {@code mvn -Pslow -pl seq4j-core test -Dtest=RecurrentBench}, or run {@link #main}.
 */
@Tag("slow")
class RecurrentBench {
    static final int B = 128, T = 230, I = 64, H = 128;

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("threads=%d  B=%d T=%d I=%d H=%d  (median of %d after warm-up)%n", Parallel.threads(), B, T, I, H, reps);
        int[] full = new int[B];
        Arrays.fill(full, T);
        int[] sorted = imdbLikeLengths(new SplittableRandom(42));
        double fill = Arrays.stream(sorted).average().orElse(0) / T;
        System.out.printf("sorted lengths: mean %.0f of %d (%.0f%% real steps)%n", fill * T, T, 100 * fill);
        time("LSTM(128)            full  ", () -> new LSTM(H), I, full, reps);
        time("LSTM(128)            sorted", () -> new LSTM(H), I, sorted, reps);
        time("GRU(128)             full  ", () -> new GRU(H), I, full, reps);
        time("GRU(128)             sorted", () -> new GRU(H), I, sorted, reps);
        time("GRU(128) reset_before full ", () -> new GRU(H).withResetAfter(false), I, full, reps);
        time("SimpleRNN(128)       full  ", () -> new SimpleRNN(H), I, full, reps);
        time("Bi(LSTM(128)) seq    full  ", () -> new Bidirectional(new LSTM(H).withReturnSequences(true)), I, full, reps);
        time("Bi(LSTM(128)) seq    sorted", () -> new Bidirectional(new LSTM(H).withReturnSequences(true)), I, sorted, reps);
        time("Bi(LSTM(128)) on 256 sorted", () -> new Bidirectional(new LSTM(H)), 2 * H, sorted, reps);
    }

    /** Lengths like IMDB reviews truncated to T: skewed (many short, a long tail cut at T), sorted descending. */
    static int[] imdbLikeLengths(SplittableRandom rnd) {
        int[] len = new int[B];
        for (int b = 0; b < B; b++) {
            double g = Math.exp(5.0 + 0.75 * gaussian(rnd)); // log-normal, median ~150 words
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

    static void time(String what, Supplier<Layer> make, int in, int[] lengths, int reps) {
        Layer layer = make.get();
        layer.build(List.of(new int[] {Layer.NONE, Layer.NONE, in}));
        SplittableRandom rnd = new SplittableRandom(1);
        Tensor xt = Tensor.zeros(B, T, in);
        for (int i = 0; i < xt.size(); i++) xt.data()[i] = (float) (2 * rnd.nextDouble() - 1);
        Mask mask = Mask.fromLengths(T, lengths);
        long[] fwd = new long[reps];
        long[] total = new long[reps];
        for (int r = -3; r < reps; r++) { // 3 warm-up runs
            for (Weight w : layer.weights()) w.variable().zeroGrad();
            Variable x = Variable.parameter(xt).withMask(mask);
            long t0 = System.nanoTime();
            Variable y = layer.call(List.of(x), CallContext.inference()).get(0);
            long t1 = System.nanoTime();
            Autograd.backward(y, Tensor.full(1e-3f, y.shape()));
            long t2 = System.nanoTime();
            if (r >= 0) {
                fwd[r] = t1 - t0;
                total[r] = t2 - t0;
            }
        }
        Arrays.sort(fwd);
        Arrays.sort(total);
        double ms = total[reps / 2] / 1e6;
        double fms = fwd[reps / 2] / 1e6;
        long steps = Arrays.stream(lengths).asLongStream().sum();
        System.out.printf("%s  fwd %7.1f ms  fwd+bwd %7.1f ms  (%.2f µs per real row-step)%n", what, fms, ms, 1e3 * ms / steps);
    }

    @Test
    void run() {
        main(new String[0]);
    }
}
