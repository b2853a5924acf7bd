package org.seq4j.text;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Word vectors by skip-gram with negative sampling (SGNS; Mikolov et al., 2013, "Distributed Representations of
 * Words and Phrases and their Compositionality"), trained on the token-id sequences of a {@link TextVectorization}.
 *
 * <h2>Objective</h2>
 * Every word id w has an input vector v_w (the row returned by {@link #train}) and an output vector u_w. For each
 * (center w, context c) pair within the window, and K negatives n_1..n_K drawn from the noise distribution
 * P_n(x) ∝ count(x)^0.75, the loss is
 * <pre>
 *   L = −log σ(u_c·v_w) − Σ_k log σ(−u_{n_k}·v_w)
 * </pre>
 * With labels y_0 = 1 for the context and y_k = 0 for the negatives, write j over {c, n_1..n_K} and
 * g_j = σ(u_j·v_w) − y_j. The gradients are
 * <pre>
 *   ∂L/∂u_j = g_j v_w          ∂L/∂v_w = Σ_j g_j u_j
 * </pre>
 * and one SGD step (learning rate η) sets u_j ← u_j − η g_j v_w and v_w ← v_w − η Σ_j g_j u_j, both with the
 * values from before the step (an exact gradient step when the negatives are distinct; a negative equal to the
 * context word is skipped, as in the reference implementation).
 *
 * <h2>Sampling</h2>
 * <ul>
 *   <li>ids 0 (padding) and 1 ([UNK]) are dropped from the corpus before anything else: they are neither centers,
 *       contexts nor negatives, and their rows stay zero.</li>
 *   <li>Subsampling of frequent words: each occurrence of w (relative frequency f_w) is kept with probability
 *       min(1, (√(f_w/t) + 1) · t/f_w), re-drawn every epoch; dropped words are removed before windowing.</li>
 *   <li>Dynamic window: for each center a window b is drawn uniformly from 1..window, so near words are used more.</li>
 *   <li>Noise: a table of {@code noiseTableSize} ids filled in proportion to count^0.75, indexed uniformly.</li>
 *   <li>Learning rate decays linearly from η₀ to η₀·10⁻⁴ over all the (kept or dropped) tokens of all epochs.</li>
 * </ul>
 *
 * <h2>Determinism</h2>
 * Training is single-threaded and driven by one seeded generator, so a seed gives bit-identical vectors on a given
 * machine (the dot products use the Vector API's preferred species, so a machine with other vector widths may round
 * differently). Multi-threaded "Hogwild" SGD would race on shared rows and not be reproducible; single-threaded is
 * fast enough here: on the 2-core build machine, shared with other jobs and at nice 19, 2 epochs over the 72,500
 * IMDB training + unlabeled reviews (16.2 M tokens per epoch, 7.8 M kept, 128 dimensions) took 148 s (about
 * 0.6 M (center, context) pairs per second; the random output rows of the negatives make it memory-bound, so the
 * vector width barely matters: 256- and 512-bit species measured the same).
 */
public final class Word2Vec {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes of the species (a power of two): the length of {@link #dot}'s scratch. */
    static final int LANES = S.length();

    private final int dim;
    private final int window;
    private final int negatives;
    private final double sample;
    private final int epochs;
    private final double learningRate;
    private final long seed;
    private final int noiseTableSize;

    private Word2Vec(Builder b) {
        this.dim = b.dim;
        this.window = b.window;
        this.negatives = b.negatives;
        this.sample = b.sample;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
        this.noiseTableSize = b.noiseTableSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@link #train} did: the tokens seen and kept, the mean loss per pair of the last epoch, and its time. */
    public record Stats(long corpusTokens, long keptTokens, long pairs, double lastEpochLoss, double seconds) {}

    /** The result: the (vocab, dim) input-vector table, row-major, and how training went. */
    public record Result(float[] table, int vocabSize, int dim, Stats stats) {
        /**
         * A copy of the table scaled by one factor so that the root-mean-square of the trained rows' components is
         * {@code rms} (e.g. 0.05/√3 ≈ 0.0289, the RMS of an Embedding's U(−0.05, 0.05) initialisation). Directions and
         * relative norms are kept.
         */
        public float[] scaledToRms(double rms) {
            double ss = 0;
            long n = 0;
            for (int w = TextVectorization.OOV_ID + 1; w < vocabSize; w++) {
                boolean trained = false;
                for (int d = 0; d < dim; d++) {
                    float x = table[w * dim + d];
                    ss += (double) x * x;
                    trained |= x != 0f;
                }
                if (trained) n += dim;
            }
            float f = n == 0 || ss == 0 ? 1f : (float) (rms / Math.sqrt(ss / n));
            float[] t = table.clone();
            for (int i = 0; i < t.length; i++) t[i] *= f;
            return t;
        }

        /** Row {@code id} as a fresh array. */
        public float[] row(int id) {
            float[] r = new float[dim];
            System.arraycopy(table, id * dim, r, 0, dim);
            return r;
        }
    }

    /**
     * Trains on {@code corpus} (sequences of ids in [0, vocabSize)) and returns the input vectors.
     *
     * @throws IllegalArgumentException if an id is out of range or the corpus has fewer than two real tokens
     */
    public Result train(int[][] corpus, int vocabSize) {
        Objects.requireNonNull(corpus, "corpus");
        if (vocabSize < 3) throw new IllegalArgumentException("vocabSize must be >= 3 (padding, [UNK] and a word), got " + vocabSize);
        long t0 = System.nanoTime();
        long[] counts = new long[vocabSize];
        long total = 0;
        int longest = 0;
        for (int[] seq : corpus) {
            longest = Math.max(longest, seq.length);
            for (int id : seq) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
                }
                if (id > TextVectorization.OOV_ID) {
                    counts[id]++;
                    total++;
                }
            }
        }
        if (total < 2) throw new IllegalArgumentException("the corpus has " + total + " tokens besides padding and [UNK]; need at least 2");

        int[] noise = noiseTable(counts, noiseTableSize);
        float[] keep = keepProbabilities(counts, total, sample);
        Rng rng = new Rng(seed);
        float[] in = new float[vocabSize * dim];
        float[] out = new float[vocabSize * dim];
        for (int w = TextVectorization.OOV_ID + 1; w < vocabSize; w++) {
            if (counts[w] == 0) continue;
            for (int d = 0; d < dim; d++) in[w * dim + d] = (rng.nextFloat() - 0.5f) / dim;
        }

        int[] sentence = new int[longest];
        int[] ctx = new int[negatives + 1];
        float[] grad = new float[dim];
        float[] lanes = new float[LANES];
        double totalWork = (double) epochs * total + 1;
        long processed = 0;
        long kept = 0;
        long pairs = 0;
        double lastLoss = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double lossSum = 0;
            long epochPairs = 0;
            long lossPairs = 0;
            for (int[] seq : corpus) {
                int n = 0;
                for (int id : seq) {
                    if (id <= TextVectorization.OOV_ID) continue;
                    processed++;
                    if (keep[id] < 1f && rng.nextFloat() >= keep[id]) continue;
                    sentence[n++] = id;
                }
                kept += n;
                float lr = (float) (learningRate * Math.max(1e-4, 1.0 - processed / totalWork));
                for (int i = 0; i < n; i++) {
                    int center = sentence[i];
                    int b = 1 + rng.nextInt(window);
                    int lo = Math.max(0, i - b);
                    int hi = Math.min(n - 1, i + b);
                    for (int j = lo; j <= hi; j++) {
                        if (j == i) continue;
                        int target = sentence[j];
                        ctx[0] = target;
                        int m = 1;
                        for (int k = 0; k < negatives; k++) {
                            int neg = noise[rng.nextInt(noise.length)];
                            if (neg != target) ctx[m++] = neg;
                        }
                        // the loss (two transcendentals per dot) is only a progress figure: estimate it on 1 pair in 16
                        boolean withLoss = (epochPairs & 15) == 0;
                        double l = step(in, center * dim, out, ctx, m, dim, lr, grad, lanes, withLoss);
                        if (withLoss) {
                            lossSum += l;
                            lossPairs++;
                        }
                        epochPairs++;
                    }
                }
            }
            pairs += epochPairs;
            lastLoss = lossPairs == 0 ? 0 : lossSum / lossPairs;
        }
        return new Result(in, vocabSize, dim,
                new Stats((long) epochs * total, kept, pairs, lastLoss, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * One SGNS step for input row {@code in[inOff..inOff+dim)} against output rows {@code ctx[0]} (label 1) and
     * {@code ctx[1..m)} (label 0), in place; returns the loss before the step (a float-precision estimate) if
     * {@code withLoss}, else 0. {@code grad} is scratch of length ≥ dim, {@code lanes} of length {@link #LANES}.
     */
    static double step(float[] in, int inOff, float[] out, int[] ctx, int m, int dim, float lr, float[] grad, float[] lanes,
                       boolean withLoss) {
        java.util.Arrays.fill(grad, 0, dim, 0f);
        double loss = 0;
        for (int j = 0; j < m; j++) {
            int uOff = ctx[j] * dim;
            float x = dot(in, inOff, out, uOff, dim, lanes);
            float g = j == 0 ? sigmoid(x) - 1f : sigmoid(x);
            if (withLoss) loss += j == 0 ? softplus(-x) : softplus(x);
            // grad += g u_j (old u_j); then u_j -= lr g v (v not yet updated)
            axpy(g, out, uOff, grad, 0, dim);
            axpy(-lr * g, in, inOff, out, uOff, dim);
        }
        axpy(-lr, grad, 0, in, inOff, dim);
        return loss;
    }

    static float sigmoid(float x) {
        if (x > 30f) return 1f;
        if (x < -30f) return 0f;
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** log(1 + e^x), stable. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** a·b over n values; {@code lanes} is scratch of length {@link #LANES}. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n, float[] lanes) {
        int i = 0;
        float s = 0f;
        int bound = S.loopBound(n);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < bound; i += S.length()) {
                acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
            }
            // reduceLanes(ADD) leaves the order of the float additions unspecified (the interpreter and the JIT
            // differ), which would break determinism: sum the lanes in a fixed pairwise-tree order instead.
            acc.intoArray(lanes, 0);
            for (int w = lanes.length >> 1; w > 0; w >>= 1) {
                for (int k = 0; k < w; k++) lanes[k] += lanes[k + w];
            }
            s = lanes[0];
        }
        for (; i < n; i++) s += a[aOff + i] * b[bOff + i];
        return s;
    }

    /** y += alpha x. */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (bound > 0) {
            FloatVector va = FloatVector.broadcast(S, alpha);
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    // ---------------------------------------------------------------------------------------- reference (double)

    /** The SGNS loss of one (center v, context u[0], negatives u[1..]) group, in double: the objective above. */
    static double loss(double[] v, double[][] u) {
        double l = 0;
        for (int j = 0; j < u.length; j++) {
            double x = 0;
            for (int d = 0; d < v.length; d++) x += u[j][d] * v[d];
            l += j == 0 ? softplus(-x) : softplus(x);
        }
        return l;
    }

    /** The analytic gradient of {@link #loss}: fills {@code gv} (∂L/∂v) and {@code gu[j]} (∂L/∂u_j). */
    static void gradient(double[] v, double[][] u, double[] gv, double[][] gu) {
        java.util.Arrays.fill(gv, 0);
        for (int j = 0; j < u.length; j++) {
            double x = 0;
            for (int d = 0; d < v.length; d++) x += u[j][d] * v[d];
            double g = 1 / (1 + Math.exp(-x)) - (j == 0 ? 1 : 0);
            for (int d = 0; d < v.length; d++) {
                gv[d] += g * u[j][d];
                gu[j][d] = g * v[d];
            }
        }
    }

    // ---------------------------------------------------------------------------------------- tables

    /** count^0.75 noise table: id w fills about size·count_w^0.75/Σ count^0.75 slots; unseen ids (and 0, 1) none. */
    static int[] noiseTable(long[] counts, int size) {
        double norm = 0;
        int last = -1;
        for (int w = TextVectorization.OOV_ID + 1; w < counts.length; w++) {
            if (counts[w] > 0) {
                norm += Math.pow(counts[w], 0.75);
                last = w;
            }
        }
        int[] table = new int[size];
        double cum = 0;
        int start = 0;
        for (int w = TextVectorization.OOV_ID + 1; w <= last; w++) {
            if (counts[w] == 0) continue;
            cum += Math.pow(counts[w], 0.75);
            int end = w == last ? size : (int) Math.min(size, Math.round(cum / norm * size));
            java.util.Arrays.fill(table, start, Math.max(start, end), w);
            start = Math.max(start, end);
        }
        return table;
    }

    /** Keep probability per id: min(1, (√(f/t) + 1) t/f); 1 everywhere when t ≤ 0. */
    static float[] keepProbabilities(long[] counts, long total, double t) {
        float[] keep = new float[counts.length];
        for (int w = 0; w < counts.length; w++) {
            if (t <= 0 || counts[w] == 0) {
                keep[w] = 1f;
                continue;
            }
            double f = counts[w] / (double) total;
            keep[w] = (float) Math.min(1.0, (Math.sqrt(f / t) + 1) * t / f);
        }
        return keep;
    }

    /** SplitMix64: small, fast and seeded. */
    private static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, 1) with 24 bits. */
        float nextFloat() {
            return (nextLong() >>> 40) * 0x1.0p-24f;
        }

        /** Uniform in [0, bound) (multiply-shift; the bias is below 2^-32 for our bounds). */
        int nextInt(int bound) {
            return (int) (((nextLong() >>> 32) * bound) >>> 32);
        }
    }

    /** Settings; defaults are the reference implementation's skip-gram ones, with 128 dimensions. */
    public static final class Builder {
        private int dim = 128;
        private int window = 5;
        private int negatives = 5;
        private double sample = 1e-4;
        private int epochs = 3;
        private double learningRate = 0.025;
        private long seed = 1;
        private int noiseTableSize = 10_000_000;

        public Builder dim(int d) {
            if (d <= 0) throw new IllegalArgumentException("dim must be positive, got " + d);
            this.dim = d;
            return this;
        }

        /** Largest window radius (each center draws its radius from 1..window). */
        public Builder window(int w) {
            if (w <= 0) throw new IllegalArgumentException("window must be positive, got " + w);
            this.window = w;
            return this;
        }

        public Builder negatives(int k) {
            if (k < 0) throw new IllegalArgumentException("negatives must be >= 0, got " + k);
            this.negatives = k;
            return this;
        }

        /** Subsampling threshold t (0 = off). */
        public Builder sample(double t) {
            if (t < 0) throw new IllegalArgumentException("sample must be >= 0, got " + t);
            this.sample = t;
            return this;
        }

        public Builder epochs(int e) {
            if (e <= 0) throw new IllegalArgumentException("epochs must be positive, got " + e);
            this.epochs = e;
            return this;
        }

        /** Initial learning rate η₀ (decays linearly to η₀·10⁻⁴). */
        public Builder learningRate(double lr) {
            if (!(lr > 0)) throw new IllegalArgumentException("learningRate must be positive, got " + lr);
            this.learningRate = lr;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder noiseTableSize(int n) {
            if (n <= 0) throw new IllegalArgumentException("noiseTableSize must be positive, got " + n);
            this.noiseTableSize = n;
            return this;
        }

        public Word2Vec build() {
            return new Word2Vec(this);
        }
    }
}
