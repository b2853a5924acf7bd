package org.seq4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Kernels;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.Weight;
import org.seq4j.layers.rnn.GRU;
import org.seq4j.layers.rnn.LSTM;
import org.seq4j.tensor.Tensor;

/**
 * The fused recurrent layer (the whole time loop of {@link LSTM} / {@link GRU}, one autograd op), forward only
 * (inference, no gradient recorded) and forward + backward (training: gradient of the sum of the outputs w.r.t.
 * x and every weight), with the Vector API kernels ({@code lstmForward} …) and with the scalar twins
 * ({@code lstmForwardScalar} …; they run in their own fork with {@code -Dseq4j.scalar=true}, since
 * {@link Kernels#SCALAR} is read once per JVM).
 *
 * <p>Shape: imdb-lstm's layer, B = 128 rows, I = 64 inputs, H = 128 units, returnSequences false, over a short
 * sequence of T = 32 steps: every row full ({@code lengths=full}), or right-padded with lengths between T/4 and T
 * sorted descending as the batcher produces them ({@code lengths=varied}, 2,515 of the 4,096 steps real).
 *
 * <p>Before timing, {@link #setUp} checks the variant this JVM runs against a float64 reference written here (Keras
 * equations, independent of seq4j-core's kernels) on a small problem (B = 5, T = 7, I = 11, H = 37: H is two 16-lane
 * vectors and a tail, so the vector row kernels and their scalar tails both run), with and without a mask, with and
 * without returnSequences: outputs and the gradients of x, kernel, recurrent kernel and bias of a random linear
 * loss must agree to 1e-4 (absolute + relative). The vector and the scalar variant then agree with each other
 * through the reference. It also checks that the fork runs the variant the method names.
 *
 * <p>Scores are ms per layer call (AverageTime). With P the real (row, step) pairs (4,096 full, 2,515 varied; printed
 * by the setup) and G the gates (4 LSTM, 3 GRU):
 * tokens/s = P / (ms / 1e3); GFLOP/s = c·P·G·H·(I + H) / (ms · 1e6) with c = 2 forward, 6 forward + backward
 * (the gemms only; LSTM forward full: 0.805 GFLOP, forward + backward 2.42).
 *
 * <pre>
 * java -jar seq4j-bench/target/benchmarks.jar RecurrentStepBenchmark                  # all, vector and scalar
 * java -jar seq4j-bench/target/benchmarks.jar 'RecurrentStepBenchmark.(lstm|gru)Forward(Backward)?$' -p threads=1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class RecurrentStepBenchmark {
    static final int B = 128, T = 32, I = 64, H = 128;

    /** {@code full}: every row T real steps, no mask; {@code varied}: right-padded, lengths in [T/4, T]. */
    @Param({"full", "varied"})
    public String lengths;

    @Param({"2"})
    public int threads;

    private LSTM lstm;
    private GRU gru;
    /** (B, T, I), a parameter so that backward also computes dX (as behind an Embedding). */
    private Variable x;
    private List<Variable> inputs;
    private Tensor ones;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        boolean scalarMethod = params.getBenchmark().endsWith("Scalar");
        if (scalarMethod != Kernels.SCALAR) {
            throw new IllegalStateException(params.getBenchmark() + " runs with seq4j.scalar=" + Kernels.SCALAR
                    + ": the *Scalar methods must run in a fork with -Dseq4j.scalar=true, the others without it");
        }
        Parallel.setThreads(threads);
        String variant = Kernels.SCALAR ? "scalar twins" : "Vector API kernels";
        double lstmErr = Reference.check(true, variant);
        double gruErr = Reference.check(false, variant);
        System.out.printf("%n%s agree with the float64 reference: LSTM max error %.2e, GRU %.2e (tolerance %.0e)%n",
                variant, lstmErr, gruErr, Reference.TOLERANCE);

        RandomSeed.set(1);
        lstm = new LSTM(H);
        gru = new GRU(H);
        List<int[]> shape = List.of(new int[] {Layer.NONE, Layer.NONE, I});
        lstm.build(shape);
        gru.build(shape);
        SplittableRandom rnd = new SplittableRandom(7);
        Tensor xt = Tensor.zeros(B, T, I);
        for (int k = 0; k < xt.size(); k++) xt.data()[k] = (float) (2 * rnd.nextDouble() - 1);
        x = Variable.parameter(xt);
        int[] len = new int[B];
        switch (lengths) {
            case "full" -> Arrays.fill(len, T);
            case "varied" -> {
                SplittableRandom lr = new SplittableRandom(42);
                for (int b = 0; b < B; b++) len[b] = T / 4 + lr.nextInt(T - T / 4 + 1);
                Arrays.sort(len);
                for (int b = 0; b < B / 2; b++) {
                    int t = len[b];
                    len[b] = len[B - 1 - b];
                    len[B - 1 - b] = t;
                }
                x.withMask(Mask.fromLengths(T, len));
            }
            default -> throw new IllegalArgumentException("lengths must be full or varied, got " + lengths);
        }
        inputs = List.of(x);
        ones = Tensor.full(1f, B, H);
        System.out.printf("B=%d T=%d I=%d H=%d, %s lengths: P = %d real steps, %d thread(s)%n", B, T, I, H, lengths,
                Arrays.stream(len).sum(), threads);
    }

    private static Tensor forward(Layer layer, List<Variable> in) {
        return GradMode.noGrad(() -> layer.call(in, CallContext.inference()).get(0)).value();
    }

    private Tensor forwardBackward(Layer layer) {
        for (Weight w : layer.weights()) w.variable().zeroGrad();
        x.zeroGrad();
        Variable y = layer.call(inputs, new CallContext(true, 1)).get(0);
        Autograd.backward(y, ones);
        return layer.weights().get(0).variable().grad();
    }

    // ---- Vector API kernels ---------------------------------------------------------------------------------

    @Benchmark
    public Tensor lstmForward() {
        return forward(lstm, inputs);
    }

    @Benchmark
    public Tensor lstmForwardBackward() {
        return forwardBackward(lstm);
    }

    @Benchmark
    public Tensor gruForward() {
        return forward(gru, inputs);
    }

    @Benchmark
    public Tensor gruForwardBackward() {
        return forwardBackward(gru);
    }

    // ---- scalar twins (own fork) ----------------------------------------------------------------------------

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g", "-Dseq4j.scalar=true"})
    public Tensor lstmForwardScalar() {
        return forward(lstm, inputs);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g", "-Dseq4j.scalar=true"})
    public Tensor lstmForwardBackwardScalar() {
        return forwardBackward(lstm);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g", "-Dseq4j.scalar=true"})
    public Tensor gruForwardScalar() {
        return forward(gru, inputs);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g", "-Dseq4j.scalar=true"})
    public Tensor gruForwardBackwardScalar() {
        return forwardBackward(gru);
    }

    /**
     * A float64 LSTM / GRU (Keras equations and weight layout: kernel (I, G·H), recurrent_kernel (H, G·H); LSTM gate
     * blocks i, f, c, o and bias (4H); GRU reset_after gate blocks z, r, h and bias (2, 3H) = input bias, recurrent
     * bias) with its backward through time, and the check of the layers against it.
     */
    static final class Reference {
        static final double TOLERANCE = 1e-4;
        static final int B = 5, T = 7, I = 11, H = 37;

        private Reference() {}

        /** Outputs y (B, T, H) (zeros at padded steps) and the gradients of loss = Σ y·dy. */
        record Result(double[] y, double[] dx, double[] dw, double[] du, double[] db) {}

        /**
         * Checks a freshly built layer (the JVM's kernels) against the reference, with and without returnSequences,
         * with and without a mask (unsorted lengths, one row of a single step).
         *
         * @return the largest |layer − reference| seen
         */
        static double check(boolean isLstm, String variant) {
            double worst = 0;
            for (boolean sequences : new boolean[] {true, false}) {
                for (boolean masked : new boolean[] {false, true}) {
                    worst = Math.max(worst, checkCase(isLstm, sequences, masked, variant));
                }
            }
            return worst;
        }

        private static double checkCase(boolean isLstm, boolean sequences, boolean masked, String variant) {
            String what = (isLstm ? "LSTM" : "GRU") + " (" + variant + ", returnSequences=" + sequences
                    + ", mask=" + masked + ")";
            int G = (isLstm ? 4 : 3) * H;
            SplittableRandom rnd = new SplittableRandom(2024);
            float[] xs = uniform(rnd, B * T * I, 1);
            float[] w = uniform(rnd, I * G, 0.5);
            float[] u = uniform(rnd, H * G, 0.5);
            float[] bias = uniform(rnd, isLstm ? G : 2 * G, 0.5);
            int[] len = masked ? new int[] {4, 7, 1, 6, 3} : new int[] {T, T, T, T, T};
            float[] dyOut = uniform(rnd, sequences ? B * T * H : B * H, 1);

            Layer layer = isLstm ? new LSTM(H).withReturnSequences(sequences) : new GRU(H).withReturnSequences(sequences);
            layer.build(List.of(new int[] {Layer.NONE, Layer.NONE, I}));
            Variable kernel = weight(layer, "/kernel"), recurrent = weight(layer, "/recurrent_kernel"),
                    b = weight(layer, "/bias");
            set(kernel, w);
            set(recurrent, u);
            set(b, bias);
            Variable xv = Variable.parameter(Tensor.of(xs.clone(), B, T, I));
            if (masked) xv.withMask(Mask.fromLengths(T, len));
            Variable y = layer.call(List.of(xv), new CallContext(true, 1)).get(0);
            Autograd.backward(y, Tensor.of(dyOut.clone(), y.shape()));

            // the gradient reaching each step's h: all of dy, or the last real step's only
            float[] dy = sequences ? dyOut : new float[B * T * H];
            if (!sequences) {
                for (int r = 0; r < B; r++) {
                    if (len[r] > 0) System.arraycopy(dyOut, r * H, dy, (r * T + len[r] - 1) * H, H);
                }
            }
            Result ref = isLstm ? lstm(xs, len, w, u, bias, dy) : gru(xs, len, w, u, bias, dy);
            double[] refY = ref.y();
            if (!sequences) {
                refY = new double[B * H];
                for (int r = 0; r < B; r++) {
                    if (len[r] > 0) System.arraycopy(ref.y(), (r * T + len[r] - 1) * H, refY, r * H, H);
                }
            }
            double worst = compare(what, "y", y.data(), refY);
            worst = Math.max(worst, compare(what, "dx", grad(xv), ref.dx()));
            worst = Math.max(worst, compare(what, "dkernel", grad(kernel), ref.dw()));
            worst = Math.max(worst, compare(what, "drecurrent_kernel", grad(recurrent), ref.du()));
            return Math.max(worst, compare(what, "dbias", grad(b), ref.db()));
        }

        static Result lstm(float[] x, int[] len, float[] w, float[] u, float[] bias, float[] dy) {
            int G = 4 * H;
            double[] y = new double[B * T * H], dx = new double[B * T * I];
            double[] dw = new double[I * G], du = new double[H * G], db = new double[G];
            for (int r = 0; r < B; r++) {
                int n = len[r];
                double[][] h = new double[n + 1][H], c = new double[n + 1][H], a = new double[n][G];
                for (int t = 0; t < n; t++) {
                    double[] z = preActivation(x, (r * T + t) * I, w, h[t], u, bias, 0, G);
                    for (int j = 0; j < H; j++) {
                        double ig = sigmoid(z[j]), fg = sigmoid(z[H + j]), gg = Math.tanh(z[2 * H + j]),
                                og = sigmoid(z[3 * H + j]);
                        a[t][j] = ig;
                        a[t][H + j] = fg;
                        a[t][2 * H + j] = gg;
                        a[t][3 * H + j] = og;
                        c[t + 1][j] = fg * c[t][j] + ig * gg;
                        h[t + 1][j] = og * Math.tanh(c[t + 1][j]);
                        y[(r * T + t) * H + j] = h[t + 1][j];
                    }
                }
                double[] dh = new double[H], dc = new double[H];
                for (int t = n - 1; t >= 0; t--) {
                    double[] da = new double[G];
                    for (int j = 0; j < H; j++) {
                        double ig = a[t][j], fg = a[t][H + j], gg = a[t][2 * H + j], og = a[t][3 * H + j];
                        double dht = dh[j] + dy[(r * T + t) * H + j];
                        double tc = Math.tanh(c[t + 1][j]);
                        double dct = dc[j] + dht * og * (1 - tc * tc);
                        da[j] = dct * gg * ig * (1 - ig);
                        da[H + j] = dct * c[t][j] * fg * (1 - fg);
                        da[2 * H + j] = dct * ig * (1 - gg * gg);
                        da[3 * H + j] = dht * tc * og * (1 - og);
                        dc[j] = dct * fg;
                    }
                    backProject(x, (r * T + t) * I, dx, w, dw, da, G, I);
                    dh = backRecurrent(h[t], u, du, da, G);
                    for (int k = 0; k < G; k++) db[k] += da[k];
                }
            }
            return new Result(y, dx, dw, du, db);
        }

        /** GRU, reset_after: ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h)), h' = z ⊙ h + (1 − z) ⊙ ĥ. */
        static Result gru(float[] x, int[] len, float[] w, float[] u, float[] bias, float[] dy) {
            int G = 3 * H;
            double[] y = new double[B * T * H], dx = new double[B * T * I];
            double[] dw = new double[I * G], du = new double[H * G], db = new double[2 * G];
            double[] noH = new double[H];
            for (int r = 0; r < B; r++) {
                int n = len[r];
                double[][] h = new double[n + 1][H], a = new double[n][G], qh = new double[n][H];
                for (int t = 0; t < n; t++) {
                    double[] xz = preActivation(x, (r * T + t) * I, w, noH, u, bias, 0, G); // x·W + b
                    double[] hz = preActivation(null, 0, w, h[t], u, bias, G, G);          // h·U + b'
                    for (int j = 0; j < H; j++) {
                        double zg = sigmoid(xz[j] + hz[j]), rg = sigmoid(xz[H + j] + hz[H + j]);
                        double cand = Math.tanh(xz[2 * H + j] + rg * hz[2 * H + j]);
                        a[t][j] = zg;
                        a[t][H + j] = rg;
                        a[t][2 * H + j] = cand;
                        qh[t][j] = hz[2 * H + j];
                        h[t + 1][j] = zg * h[t][j] + (1 - zg) * cand;
                        y[(r * T + t) * H + j] = h[t + 1][j];
                    }
                }
                double[] dh = new double[H];
                for (int t = n - 1; t >= 0; t--) {
                    double[] dxz = new double[G], dhz = new double[G], direct = new double[H];
                    for (int j = 0; j < H; j++) {
                        double zg = a[t][j], rg = a[t][H + j], cand = a[t][2 * H + j];
                        double dht = dh[j] + dy[(r * T + t) * H + j];
                        double dcand = dht * (1 - zg) * (1 - cand * cand);
                        double dz = dht * (h[t][j] - cand) * zg * (1 - zg);
                        double dr = dcand * qh[t][j] * rg * (1 - rg);
                        dxz[j] = dhz[j] = dz;
                        dxz[H + j] = dhz[H + j] = dr;
                        dxz[2 * H + j] = dcand;
                        dhz[2 * H + j] = dcand * rg;
                        direct[j] = dht * zg;
                    }
                    backProject(x, (r * T + t) * I, dx, w, dw, dxz, G, I);
                    dh = backRecurrent(h[t], u, du, dhz, G);
                    for (int j = 0; j < H; j++) dh[j] += direct[j];
                    for (int k = 0; k < G; k++) {
                        db[k] += dxz[k];
                        db[G + k] += dhz[k];
                    }
                }
            }
            return new Result(y, dx, dw, du, db);
        }

        /** bias[bOff ..] + x_row·W (x null: none) + h·U, G values. */
        private static double[] preActivation(float[] x, int xOff, float[] w, double[] h, float[] u, float[] bias,
                                              int bOff, int G) {
            double[] z = new double[G];
            for (int k = 0; k < G; k++) z[k] = bias[bOff + k];
            if (x != null) {
                for (int i = 0; i < I; i++) {
                    for (int k = 0; k < G; k++) z[k] += (double) x[xOff + i] * w[i * G + k];
                }
            }
            for (int i = 0; i < H; i++) {
                for (int k = 0; k < G; k++) z[k] += h[i] * u[i * G + k];
            }
            return z;
        }

        /** dW += x_rowᵀ·da, dx_row = da·Wᵀ. */
        private static void backProject(float[] x, int xOff, double[] dx, float[] w, double[] dw, double[] da, int G,
                                        int in) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int k = 0; k < G; k++) {
                    dw[i * G + k] += x[xOff + i] * da[k];
                    s += da[k] * w[i * G + k];
                }
                dx[xOff + i] = s;
            }
        }

        /** dU += hᵀ·da; returns da·Uᵀ. */
        private static double[] backRecurrent(double[] h, float[] u, double[] du, double[] da, int G) {
            double[] dh = new double[H];
            for (int i = 0; i < H; i++) {
                double s = 0;
                for (int k = 0; k < G; k++) {
                    du[i * G + k] += h[i] * da[k];
                    s += da[k] * u[i * G + k];
                }
                dh[i] = s;
            }
            return dh;
        }

        private static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }

        private static float[] uniform(SplittableRandom rnd, int n, double scale) {
            float[] a = new float[n];
            for (int k = 0; k < n; k++) a[k] = (float) (scale * (2 * rnd.nextDouble() - 1));
            return a;
        }

        private static Variable weight(Layer layer, String suffix) {
            for (Weight w : layer.weights()) {
                if (w.name().endsWith(suffix)) return w.variable();
            }
            throw new IllegalStateException("no weight *" + suffix + " in " + layer.weights());
        }

        private static void set(Variable v, float[] values) {
            if (v.data().length != values.length) {
                throw new IllegalStateException("weight " + v + " has " + v.data().length + " values, the reference "
                        + values.length + ": layouts differ");
            }
            System.arraycopy(values, 0, v.data(), 0, values.length);
        }

        private static float[] grad(Variable v) {
            if (v.grad() == null) throw new IllegalStateException("no gradient reached " + v);
            return v.grad().data();
        }

        private static double compare(String what, String name, float[] got, double[] ref) {
            if (got.length != ref.length) {
                throw new IllegalStateException(what + ": " + name + " has " + got.length + " values, the reference "
                        + ref.length);
            }
            double worst = 0;
            for (int k = 0; k < got.length; k++) {
                double err = Math.abs(got[k] - ref[k]);
                if (!(err <= TOLERANCE * (1 + Math.abs(ref[k])))) {
                    throw new IllegalStateException(what + " disagrees with the float64 reference: " + name + "[" + k
                            + "] = " + got[k] + ", reference " + ref[k]);
                }
                worst = Math.max(worst, err);
            }
            return worst;
        }
    }
}
