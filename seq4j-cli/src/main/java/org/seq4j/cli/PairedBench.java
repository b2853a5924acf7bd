package org.seq4j.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.cli.datasets.LabeledTexts;
import org.seq4j.data.Bucketing;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.optim.Adam;
import org.seq4j.spec.ModelSpec;
import org.seq4j.text.TextVectorization;
import org.seq4j.train.Feed;
import org.seq4j.train.Feeds;
import org.seq4j.train.Sequential;

/**
 * {@code bench imdb --vs SPEC | --vs-no-bucketing}: what a variant costs relative to a model, measured in pairs.
 *
 * <p>Both models train in one process, step for step: batch i of the first, then batch i of the second (the order
 * swapped every pair). On a machine whose speed drifts (a shared host: the same product ran anywhere from 52 to
 * 88 GFLOP/s within half a minute here), two runs one after the other measure the drift as much as the variant; a
 * pair of steps a few hundred milliseconds apart sees the same machine. The result is the ratio of the second's time
 * to the first's per real token, over the whole run and as the median and quartiles of the pairs.
 */
final class PairedBench {
    private PairedBench() {}

    /**
     * @param specA       the reference model
     * @param specB       the variant (the same spec for {@code randomB})
     * @param randomB     the variant trains on random batches (padded to their longest review) instead of buckets
     */
    static Map<String, Object> run(String specA, String specB, boolean randomB, TextVectorization v, LabeledTexts train,
                                   int batchSize, long seed, int steps) {
        TokenSequences seq = TokenSequences.binary(v.encodeAll(train.texts()), train.binaryLabels());
        List<Feed> a = batches(seq, batchSize, seed, Bucketing.BY_LENGTH, steps + 3);
        List<Feed> b = batches(seq, batchSize, seed, randomB ? Bucketing.NONE : Bucketing.BY_LENGTH, steps + 3);
        long largest = 0;
        for (Feed f : a) largest = Math.max(largest, BenchCommand.realTokens(f));
        for (Feed f : b) largest = Math.max(largest, BenchCommand.realTokens(f));
        RecurrentLayer.expectBatchTokens(largest);
        Sequential ma = model(specA, seed), mb = model(specB, seed);
        // the pool keeps the recurrent layers' per-token buffers, sized (above) for the largest batch trained here
        String note = MemoryPlan.sharedPoolNote(MemoryPlan.trainingBytes(ma.layers(), largest, 0),
                MemoryPlan.trainingBytes(mb.layers(), largest, 0), Runtime.getRuntime().maxMemory());
        if (note != null) System.err.println(note);
        for (int i = 0; i < 3; i++) { // warm-up (JIT, buffers), not timed: the last batches
            ma.trainOnBatch(a.get(a.size() - 1 - i));
            mb.trainOnBatch(b.get(b.size() - 1 - i));
        }
        int n = Math.min(steps, Math.min(a.size(), b.size()) - 3);
        double timeA = 0, timeB = 0;
        long tokensA = 0, tokensB = 0;
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Feed fa = a.get(i), fb = b.get(i);
            double ta, tb;
            if (i % 2 == 0) {
                ta = time(ma, fa);
                tb = time(mb, fb);
            } else {
                tb = time(mb, fb);
                ta = time(ma, fa);
            }
            long ka = BenchCommand.realTokens(fa), kb = BenchCommand.realTokens(fb);
            timeA += ta;
            timeB += tb;
            tokensA += ka;
            tokensB += kb;
            ratios.add((tb / kb) / (ta / ka));
        }
        Collections.sort(ratios);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", specA);
        r.put("vs", randomB ? specB + " (random batches)" : specB);
        r.put("pairs", n);
        r.put("ms_per_step", round(timeA * 1000 / n, 1));
        r.put("vs_ms_per_step", round(timeB * 1000 / n, 1));
        r.put("tokens_per_s", Math.round(tokensA / timeA));
        r.put("vs_tokens_per_s", Math.round(tokensB / timeB));
        r.put("ratio_per_token", round((timeB / tokensB) / (timeA / tokensA), 3));
        r.put("ratio_median", round(ratios.get(n / 2), 3));
        r.put("ratio_q1", round(ratios.get(n / 4), 3));
        r.put("ratio_q3", round(ratios.get(3 * n / 4), 3));
        return r;
    }

    private static List<Feed> batches(TokenSequences seq, int batchSize, long seed, Bucketing bucketing, int count) {
        SequenceBatcher batcher = SequenceBatcher.builder(seq).batchSize(batchSize).seed(seed).bucketing(bucketing).build();
        Iterator<Feed> it = Feeds.of(batcher).epoch(0);
        List<Feed> all = new ArrayList<>();
        while (it.hasNext() && all.size() < count) all.add(it.next());
        return all;
    }

    private static Sequential model(String spec, long seed) {
        LayerNames.reset();
        RandomSeed.set(seed);
        Sequential m = ModelSpec.build(spec, null);
        m.compile(new Adam(1e-3), new BinaryCrossentropy(false), "accuracy");
        return m;
    }

    private static double time(Sequential m, Feed f) {
        long t0 = System.nanoTime();
        m.trainOnBatch(f);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }
}
