package org.seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Layer;
import org.seq4j.layers.RandomSeed;

class Word2VecTest {

    /**
     * Two topics of 10 words each (ids 2..11 and 12..21): every sentence draws its words from one topic only, with
     * some padding and [UNK] sprinkled in. Words of the same topic co-occur by construction; words of different
     * topics never do.
     */
    private static int[][] topicCorpus(int sentences, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] corpus = new int[sentences][];
        for (int s = 0; s < sentences; s++) {
            int base = r.nextInt(2) == 0 ? 2 : 12;
            int[] seq = new int[20];
            for (int i = 0; i < seq.length; i++) {
                int u = r.nextInt(20);
                seq[i] = u == 0 ? 0 : u == 1 ? 1 : base + r.nextInt(10);
            }
            corpus[s] = seq;
        }
        return corpus;
    }

    private static Word2Vec small(long seed) {
        return Word2Vec.builder().dim(16).window(3).negatives(4).sample(0).epochs(3).learningRate(0.025)
                .seed(seed).noiseTableSize(10_000).build();
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void sameSeedGivesIdenticalVectorsAndAnotherSeedDoesNot() {
        int[][] corpus = topicCorpus(2000, 5);
        Word2Vec.Result a = small(42).train(corpus, 22);
        Word2Vec.Result b = small(42).train(corpus, 22);
        Word2Vec.Result c = small(43).train(corpus, 22);
        assertArrayEquals(a.table(), b.table());
        assertEquals(a.stats().lastEpochLoss(), b.stats().lastEpochLoss());
        assertFalse(Arrays.equals(a.table(), c.table()));
    }

    @Test
    void wordsThatCoOccurEndUpCloserThanWordsThatNeverDo() {
        Word2Vec.Result res = small(7).train(topicCorpus(3000, 11), 22);
        double within = 0, across = 0;
        int nw = 0, na = 0;
        for (int a = 2; a < 22; a++) {
            for (int b = a + 1; b < 22; b++) {
                double cos = cosine(res.row(a), res.row(b));
                if ((a < 12) == (b < 12)) {
                    within += cos;
                    nw++;
                } else {
                    across += cos;
                    na++;
                }
            }
        }
        within /= nw;
        across /= na;
        assertTrue(within > 0.5, "mean within-topic cosine " + within);
        assertTrue(within - across > 0.4, "mean within-topic cosine " + within + ", across " + across);
        // and every single word's nearest neighbour is in its own topic
        for (int a = 2; a < 22; a++) {
            int best = -1;
            double bestCos = -2;
            for (int b = 2; b < 22; b++) {
                if (b == a) continue;
                double cos = cosine(res.row(a), res.row(b));
                if (cos > bestCos) {
                    bestCos = cos;
                    best = b;
                }
            }
            assertEquals(a < 12, best < 12, "nearest neighbour of " + a + " is " + best);
        }
    }

    @Test
    void paddingAndUnknownRowsStayZeroAndLossDecreases() {
        int[][] corpus = topicCorpus(1000, 3);
        Word2Vec.Result one = Word2Vec.builder().dim(16).window(3).negatives(4).sample(0).epochs(1).seed(1)
                .noiseTableSize(10_000).build().train(corpus, 22);
        Word2Vec.Result five = Word2Vec.builder().dim(16).window(3).negatives(4).sample(0).epochs(5).seed(1)
                .noiseTableSize(10_000).build().train(corpus, 22);
        for (int d = 0; d < 16; d++) {
            assertEquals(0f, five.table()[d]);
            assertEquals(0f, five.table()[16 + d]);
        }
        assertTrue(five.stats().lastEpochLoss() < one.stats().lastEpochLoss(),
                five.stats().lastEpochLoss() + " vs " + one.stats().lastEpochLoss());
        assertTrue(one.stats().lastEpochLoss() < 5 * Math.log(2), "below the loss of all-zero vectors");
    }

    /** Finite-difference check of the SGNS loss gradient, in double, for one (center, context, 3 negatives) group. */
    @Test
    void lossGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(9);
        int dim = 7;
        double[] v = new double[dim];
        double[][] u = new double[4][dim];
        for (int d = 0; d < dim; d++) v[d] = r.nextDouble(-1, 1);
        for (double[] row : u) for (int d = 0; d < dim; d++) row[d] = r.nextDouble(-1, 1);
        double[] gv = new double[dim];
        double[][] gu = new double[4][dim];
        Word2Vec.gradient(v, u, gv, gu);
        double h = 1e-6;
        for (int d = 0; d < dim; d++) {
            double keep = v[d];
            v[d] = keep + h;
            double lp = Word2Vec.loss(v, u);
            v[d] = keep - h;
            double lm = Word2Vec.loss(v, u);
            v[d] = keep;
            assertEquals((lp - lm) / (2 * h), gv[d], 1e-8, "dL/dv[" + d + "]");
        }
        for (int j = 0; j < u.length; j++) {
            for (int d = 0; d < dim; d++) {
                double keep = u[j][d];
                u[j][d] = keep + h;
                double lp = Word2Vec.loss(v, u);
                u[j][d] = keep - h;
                double lm = Word2Vec.loss(v, u);
                u[j][d] = keep;
                assertEquals((lp - lm) / (2 * h), gu[j][d], 1e-8, "dL/du[" + j + "][" + d + "]");
            }
        }
    }

    /** The float training step moves every vector by −η times the (checked) analytic gradient, and reports the loss. */
    @Test
    void trainingStepIsOneGradientStep() {
        SplittableRandom r = new SplittableRandom(4);
        int dim = 37; // not a multiple of any vector width: exercises the scalar tails
        int vocab = 8;
        float[] in = new float[vocab * dim];
        float[] out = new float[vocab * dim];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextDouble(-0.5, 0.5);
            out[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        int center = 3;
        int[] ctx = {5, 2, 7, 4};
        double[] v = new double[dim];
        double[][] u = new double[ctx.length][dim];
        for (int d = 0; d < dim; d++) v[d] = in[center * dim + d];
        for (int j = 0; j < ctx.length; j++) for (int d = 0; d < dim; d++) u[j][d] = out[ctx[j] * dim + d];
        double[] gv = new double[dim];
        double[][] gu = new double[ctx.length][dim];
        Word2Vec.gradient(v, u, gv, gu);
        double expectedLoss = Word2Vec.loss(v, u);

        float lr = 0.1f;
        double loss = Word2Vec.step(in, center * dim, out, ctx, ctx.length, dim, lr, new float[dim],
                new float[Word2Vec.LANES], true);
        assertEquals(expectedLoss, loss, 1e-5);
        for (int d = 0; d < dim; d++) assertEquals(v[d] - lr * gv[d], in[center * dim + d], 1e-5, "v[" + d + "]");
        for (int j = 0; j < ctx.length; j++) {
            for (int d = 0; d < dim; d++) assertEquals(u[j][d] - lr * gu[j][d], out[ctx[j] * dim + d], 1e-5, "u[" + j + "][" + d + "]");
        }
    }

    @Test
    void noiseTableFollowsCountsToTheThreeQuarterPowerAndSkipsSpecialIds() {
        long[] counts = {100, 100, 16, 0, 1, 81};
        int[] t = Word2Vec.noiseTable(counts, 100_000);
        int[] hits = new int[counts.length];
        for (int id : t) hits[id]++;
        double norm = Math.pow(16, 0.75) + 1 + Math.pow(81, 0.75);
        assertEquals(0, hits[0]);
        assertEquals(0, hits[1]);
        assertEquals(0, hits[3]);
        assertEquals(8 / norm, hits[2] / 1e5, 1e-4);
        assertEquals(1 / norm, hits[4] / 1e5, 1e-4);
        assertEquals(27 / norm, hits[5] / 1e5, 1e-4);
    }

    @Test
    void subsamplingKeepsRareWordsAndThinsFrequentOnes() {
        long[] counts = {0, 0, 1_000_000, 10};
        float[] keep = Word2Vec.keepProbabilities(counts, 1_000_010, 1e-4);
        assertEquals(1f, keep[3]);
        double f = 1_000_000 / 1_000_010.0;
        assertEquals((Math.sqrt(f / 1e-4) + 1) * 1e-4 / f, keep[2], 1e-6);
    }

    @Test
    void scaledTableHasTheRequestedRmsAndLoadsIntoAnEmbedding() {
        Word2Vec.Result res = small(1).train(topicCorpus(500, 2), 22);
        float[] scaled = res.scaledToRms(0.05 / Math.sqrt(3));
        double ss = 0;
        for (int i = 2 * 16; i < scaled.length; i++) ss += scaled[i] * scaled[i];
        assertEquals(0.05 / Math.sqrt(3), Math.sqrt(ss / (20 * 16)), 1e-6);

        RandomSeed.set(3);
        Embedding e = new Embedding(22, 16, true, "emb");
        e.build(java.util.List.of(new int[] {Layer.NONE, Layer.NONE}));
        float[] before = e.weights().get(0).variable().data().clone();
        assertEquals(20, e.loadPretrained(scaled));
        float[] after = e.weights().get(0).variable().data();
        assertArrayEquals(Arrays.copyOf(before, 32), Arrays.copyOf(after, 32), "padding and [UNK] rows keep their init");
        assertArrayEquals(Arrays.copyOfRange(scaled, 32, scaled.length), Arrays.copyOfRange(after, 32, after.length));
        assertThrows(IllegalArgumentException.class, () -> e.loadPretrained(new float[5]));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> small(1).train(new int[][] {{2, 3, 9}}, 5));
    }
}
