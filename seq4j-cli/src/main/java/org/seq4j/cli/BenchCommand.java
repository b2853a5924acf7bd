package org.seq4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.concurrent.Callable;
import org.seq4j.cli.datasets.ImdbDataset;
import org.seq4j.cli.datasets.LabeledTexts;
import org.seq4j.data.Bucketing;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.rnn.Bidirectional;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.optim.Adam;
import org.seq4j.spec.ModelSpec;
import org.seq4j.text.TextVectorization;
import org.seq4j.train.Feed;
import org.seq4j.train.Feeds;
import org.seq4j.train.Model;
import org.seq4j.train.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./seq4j bench imdb|predict}: training and inference speed on the real IMDB pipeline, one JSON line each.
 * Training FLOPs are counted from the recurrent layers' matrix products over the real (unpadded) tokens: per token
 * and direction, forward 2·(I + H)·G·H, backward twice that (input and weight gradients). That is the work of the
 * dense formulation (what PyTorch performs); after an Embedding seq4j does less of it (the input products looked up
 * in E·W, the input gradients summed per id first), so "gflops" is the dense-equivalent rate.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on the IMDB pipeline; prints one JSON line. `bench imdb` times training steps, `bench predict` inference.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "imdb | predict")
    String what;

    @Option(names = {"-m", "--model"}, defaultValue = "imdb-lstm", description = "Preset or spec. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--steps", defaultValue = "30", description = "Timed training steps after 3 warm-up steps; 0 = one whole epoch. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--no-bucketing", description = "Random batches padded to their longest review (no length buckets).")
    boolean noBucketing;

    @Option(names = "--vs", paramLabel = "SPEC", description = "`bench imdb`: also train this variant, step for step in "
            + "alternation on the same batches, and print its time relative to --model (robust to a drifting machine).")
    String vs;

    @Option(names = "--vs-no-bucketing", description = "`bench imdb`: as --vs, the same model on random batches.")
    boolean vsNoBucketing;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--data", description = "IMDB archive or folder (default: located as by `imdb`).")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Parallel.setThreads(threads);
        if (steps < 0) throw new IllegalArgumentException("Received an invalid value for option `--steps`, expected a non-negative integer, got " + steps + ".");
        ImdbDataset imdb = ImdbDataset.load(ImdbCommand.locate(data));
        LayerNames.reset();
        RandomSeed.set(seed);
        Sequential m = ModelSpec.build(model, null);
        TextVectorization v = TextVectorization.builder().maxTokens(((org.seq4j.layers.Embedding) m.layers().get(0)).inputDim()).build();
        LabeledTexts train = imdb.train().shuffled(seed);
        v.adapt(train.texts());
        if ((vs != null || vsNoBucketing) && !what.equals("imdb")) {
            throw new IllegalArgumentException("Options `--vs` and `--vs-no-bucketing` go with `bench imdb`, not `bench " + what + "`.");
        }
        if (vs != null || vsNoBucketing) {
            if (steps == 0) throw new IllegalArgumentException("Received --steps 0 with --vs: paired runs take a number of steps (e.g. --steps 30).");
            System.out.println(json(PairedBench.run(model, vs != null ? vs : model, vsNoBucketing, v, train, batchSize, seed, steps)));
            return 0;
        }
        return switch (what) {
            case "imdb" -> benchTrain(m, v, train);
            case "predict" -> benchPredict(m, v, imdb.test());
            default -> throw new IllegalArgumentException("Received an invalid value for `bench`, expected imdb or predict, got \"" + what + "\".");
        };
    }

    private int benchTrain(Sequential m, TextVectorization v, LabeledTexts train) {
        TokenSequences seq = TokenSequences.binary(v.encodeAll(train.texts()), train.binaryLabels());
        SequenceBatcher batcher = SequenceBatcher.builder(seq).batchSize(batchSize).seed(seed)
                .bucketing(noBucketing ? Bucketing.NONE : Bucketing.BY_LENGTH).build();
        m.compile(new Adam(1e-3), new BinaryCrossentropy(false), "accuracy");
        Feeds feeds = Feeds.of(batcher);
        int epochSteps = feeds.steps();
        Iterator<Feed> it = feeds.epoch(0);
        List<Feed> all = new ArrayList<>();
        while (it.hasNext()) all.add(it.next());
        long largest = 0; // as `imdb` does: the work buffers are sized for the largest batch from the start
        for (Feed f : all) largest = Math.max(largest, realTokens(f));
        RecurrentLayer.expectBatchTokens(largest);
        for (int i = 0; i < 3; i++) m.trainOnBatch(all.get(all.size() - 1 - i)); // warm-up (JIT), not timed
        int n = steps == 0 ? epochSteps : Math.min(steps, epochSteps);
        long tokens = 0;
        long paddedTokens = 0;
        org.seq4j.kernels.Phases.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Feed f = all.get(i);
            m.trainOnBatch(f);
            tokens += realTokens(f);
            paddedTokens += f.inputs().get(0).size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> phases = org.seq4j.kernels.Phases.millis();
        double flopsPerToken = trainFlopsPerToken(m);
        double epochTokens = seq.totalTokens();
        double tokPerS = tokens / seconds;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("steps", n);
        r.put("bucketing", !noBucketing);
        r.put("threads", Parallel.threads());
        r.put("ms_per_step", round(seconds * 1000 / n, 1));
        r.put("epoch_s", round(steps == 0 ? seconds : epochTokens / tokPerS, 1));
        r.put("epoch_measured", steps == 0);
        r.put("tokens_per_s", Math.round(tokPerS));
        r.put("padding_factor", round((double) paddedTokens / tokens, 3));
        double gflops = flopsPerToken * tokPerS / 1e9;
        double peak = gemmPeakGflops();
        r.put("gflops", round(gflops, 1));
        r.put("gemm_peak_gflops", round(peak, 1));
        r.put("efficiency", round(gflops / peak, 3));
        r.put("peak_rss_mb", peakRssMb());
        System.out.println(json(r));
        if (org.seq4j.kernels.Phases.ENABLED) { // -Dseq4j.phases=true: milliseconds per step in each phase
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("event", "phases_ms_per_step");
            phases.forEach((k, ms) -> p.put(k, round(ms / n, 2)));
            System.out.println(json(p));
        }
        return 0;
    }

    private int benchPredict(Sequential m, TextVectorization v, LabeledTexts test) {
        int[][] ids = v.encodeAll(test.texts());
        TokenSequences seq = TokenSequences.unlabeled(ids);
        SequenceBatcher batcher = SequenceBatcher.builder(seq).batchSize(batchSize).shuffle(false).build();
        m.predict(Feeds.of(SequenceBatcher.builder(TokenSequences.unlabeled(Arrays.copyOf(ids, 2000))).batchSize(batchSize).shuffle(false).build()));
        org.seq4j.kernels.Phases.reset();
        long t0 = System.nanoTime();
        m.predict(Feeds.of(batcher));
        double batchedSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> phases = org.seq4j.kernels.Phases.millis();
        int single = Math.min(600, ids.length);
        double[] lat = new double[single];
        for (int i = 0; i < single; i++) {
            TokenSequences one = TokenSequences.unlabeled(new int[][] {ids[i]});
            Feeds f = Feeds.of(SequenceBatcher.builder(one).batchSize(1).shuffle(false).build());
            long s = System.nanoTime();
            m.predict(f);
            lat[i] = (System.nanoTime() - s) / 1e6;
        }
        double[] warm = Arrays.copyOfRange(lat, 100, single);
        Arrays.sort(warm);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("reviews", ids.length);
        r.put("threads", Parallel.threads());
        r.put("reviews_per_s", Math.round(ids.length / batchedSeconds));
        r.put("latency_ms_median", round(warm[warm.length / 2], 2));
        r.put("latency_ms_p90", round(warm[(int) (warm.length * 0.9)], 2));
        r.put("mean_review_tokens", round((double) seq.totalTokens() / ids.length, 1));
        r.put("peak_rss_mb", peakRssMb());
        System.out.println(json(r));
        if (org.seq4j.kernels.Phases.ENABLED) { // -Dseq4j.phases=true: milliseconds in each phase of the batched run
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("event", "phases_ms_batched");
            p.put("total", round(batchedSeconds * 1000, 1));
            phases.forEach((k, ms) -> p.put(k, round(ms, 1)));
            System.out.println(json(p));
        }
        return 0;
    }

    /**
     * The matrix-multiply peak to compare an epoch with: the best of 5 timings of a 1024^3 gemm (2 GFLOP) after
     * 2 s of warm-up, on the same threads, measured in this process after the training timings.
     */
    static double gemmPeakGflops() {
        int n = 1024;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) org.seq4j.kernels.MatMul.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            org.seq4j.kernels.MatMul.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** Matrix-product FLOPs per real token for a training step (forward + backward) of the recurrent layers. */
    static double trainFlopsPerToken(Model m) {
        double f = 0;
        for (Layer l : m.layers()) {
            RecurrentLayer<?> r = null;
            int directions = 1;
            if (l instanceof RecurrentLayer<?> rl) r = rl;
            if (l instanceof Bidirectional b) {
                r = b.forwardLayer();
                directions = 2;
            }
            if (r == null) continue;
            int in = l.inputShapes().get(0)[2];
            int h = r.units();
            int g = r.stateCount() == 2 ? 4 : (r.className().equals("GRU") ? 3 : 1);
            f += directions * 3.0 * 2.0 * (in + h) * g * h;
        }
        return f;
    }

    static long realTokens(Feed f) {
        long n = 0;
        for (float x : f.inputs().get(0).data()) if (x != 0f) n++;
        return n;
    }

    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }

    static String json(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            sb.append(v instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : String.valueOf(v));
        }
        return sb.append('}').toString();
    }
}
