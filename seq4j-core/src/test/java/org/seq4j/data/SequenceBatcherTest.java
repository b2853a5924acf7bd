package org.seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceBatcherTest {

    /** n sequences with IMDB-like skewed lengths; row i holds ids (i % 1000) + 2 so rows can be recognized. */
    static TokenSequences data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] ids = new int[n][];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int len = (int) Math.min(2500, Math.exp(4.5 + 0.8 * r.nextGaussian()));
            ids[i] = new int[len];
            Arrays.fill(ids[i], i % 1000 + 2);
            labels[i] = i % 2;
        }
        return TokenSequences.binary(ids, labels);
    }

    @Test
    void everyRowOncePerEpochAndTheLastPartialBatchIsKept() {
        TokenSequences d = data(25_000, 1);
        for (Bucketing b : Bucketing.values()) {
            SequenceBatcher batcher = SequenceBatcher.builder(d).batchSize(128).seed(3).bucketing(b).build();
            assertEquals(196, batcher.numBatches());
            int[][] plan = batcher.plan(0);
            assertEquals(196, plan.length);
            boolean[] seen = new boolean[d.size()];
            int partial = 0;
            for (int[] rows : plan) {
                assertTrue(rows.length == 128 || rows.length == 25_000 - 195 * 128);
                partial += rows.length == 128 ? 0 : 1;
                for (int r : rows) {
                    assertFalse(seen[r]);
                    seen[r] = true;
                }
            }
            assertEquals(1, partial);
        }
    }

    @Test
    void sameSeedSameBatchesOtherEpochOrSeedOthers() {
        TokenSequences d = data(3000, 2);
        SequenceBatcher a = SequenceBatcher.builder(d).batchSize(64).seed(42).build();
        SequenceBatcher b = SequenceBatcher.builder(d).batchSize(64).seed(42).build();
        assertTrue(Arrays.deepEquals(a.plan(0), b.plan(0)));
        assertTrue(Arrays.deepEquals(a.plan(5), b.plan(5)));
        assertFalse(Arrays.deepEquals(a.plan(0), a.plan(1)));
        SequenceBatcher c = SequenceBatcher.builder(d).batchSize(64).seed(43).build();
        assertFalse(Arrays.deepEquals(a.plan(0), c.plan(0)));
        Batch x = a.epoch(3).get(7);
        Batch y = b.epoch(3).get(7);
        assertArrayEquals(x.ids(), y.ids());
        assertArrayEquals(x.binaryLabels(), y.binaryLabels());
    }

    @Test
    void batchIsRightPaddedAndSortedByDescendingLength() {
        int[][] ids = {{5, 6}, {7, 8, 9, 10}, {}, {11}, {12, 13, 14}};
        TokenSequences d = TokenSequences.classes(ids, new int[] {0, 1, 2, 0, 1}, 3);
        SequenceBatcher batcher = SequenceBatcher.builder(d).batchSize(5).shuffle(false).bucketing(Bucketing.NONE).build();
        Batch b = batcher.epoch(0).get(0);
        assertEquals(5, b.batchSize());
        assertEquals(4, b.maxLen());
        assertArrayEquals(new int[] {1, 4, 0, 3, 2}, b.rows());
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, b.lengths());
        assertArrayEquals(new int[] {
            7, 8, 9, 10,
            12, 13, 14, 0,
            5, 6, 0, 0,
            11, 0, 0, 0,
            0, 0, 0, 0}, b.ids());
        assertArrayEquals(new int[] {1, 1, 0, 0, 2}, b.classLabels());
        assertEquals(4, b.active(0)); // the empty row is never active
        assertEquals(3, b.active(1));
        assertEquals(2, b.active(2));
        assertEquals(1, b.active(3));
        assertEquals(0, b.active(4));
        assertEquals(10, b.realTokens());
        assertThrows(IllegalStateException.class, b::binaryLabels);
    }

    @Test
    void labelsAndIdsFollowTheirRows() {
        TokenSequences d = data(1000, 3);
        for (Batch b : SequenceBatcher.builder(d).batchSize(100).seed(9).build().epoch(2)) {
            for (int i = 0; i < b.batchSize(); i++) {
                int row = b.rows()[i];
                assertEquals(d.length(row), b.lengths()[i]);
                assertEquals(row % 2, b.binaryLabels()[i]);
                if (b.lengths()[i] > 0) {
                    assertEquals(row % 1000 + 2, b.ids()[i * b.maxLen()]);
                }
                for (int t = b.lengths()[i]; t < b.maxLen(); t++) {
                    assertEquals(0, b.ids()[i * b.maxLen() + t]);
                }
                if (i > 0) {
                    assertTrue(b.lengths()[i - 1] >= b.lengths()[i]);
                }
            }
        }
    }

    @Test
    void bucketingCutsThePaddingWaste() {
        TokenSequences d = data(25_000, 4);
        SequenceBatcher.PaddingStats bucketed = SequenceBatcher.builder(d).batchSize(128).seed(1).build().paddingStats(0);
        SequenceBatcher.PaddingStats plain = SequenceBatcher.builder(d).batchSize(128).seed(1)
                .bucketing(Bucketing.NONE).build().paddingStats(0);
        assertEquals(d.totalTokens(), bucketed.realTokens());
        assertEquals(d.totalTokens(), plain.realTokens());
        assertTrue(bucketed.waste() < 0.05, "bucketed waste " + bucketed.waste());
        assertTrue(plain.waste() > 1.0, "plain waste " + plain.waste());
    }

    @Test
    void bucketingShufflesBatchOrderAndTiesButKeepsLengthsTogether() {
        TokenSequences d = data(5000, 5);
        SequenceBatcher batcher = SequenceBatcher.builder(d).batchSize(50).seed(11).build();
        int[][] plan = batcher.plan(0);
        int[] maxLens = Arrays.stream(plan).mapToInt(rows -> d.length(rows[0])).toArray();
        int[] sorted = maxLens.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, maxLens), "batch order must be shuffled");
        // without shuffling: ascending length, ties in stored order, batch order kept
        int[][] eval = SequenceBatcher.builder(d).batchSize(50).shuffle(false).build().plan(0);
        int prevMax = -1;
        for (int[] rows : eval) {
            assertTrue(d.length(rows[rows.length - 1]) >= prevMax);
            prevMax = d.length(rows[0]);
        }
        int[][] seq = SequenceBatcher.builder(d).batchSize(50).shuffle(false).bucketing(Bucketing.NONE).build().plan(0);
        int[] firstRows = seq[0].clone();
        Arrays.sort(firstRows);
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), firstRows);
    }

    @Test
    void maxLengthKeepsTheFirstTokens() {
        TokenSequences d = TokenSequences.binary(new int[][] {{1, 2, 3, 4, 5}, {6, 7}}, new float[] {0, 1});
        Batch b = SequenceBatcher.builder(d).batchSize(2).maxLength(3).shuffle(false).build().epoch(0).get(0);
        assertEquals(3, b.maxLen());
        assertArrayEquals(new int[] {1, 2, 3, 6, 7, 0}, b.ids());
        assertArrayEquals(new int[] {3, 2}, b.lengths());
    }

    @Test
    void batchOfAnyRowsSortsThem() {
        TokenSequences d = TokenSequences.binary(new int[][] {{1}, {2, 3, 4}, {5, 6}}, new float[] {0, 1, 0});
        Batch b = SequenceBatcher.builder(d).build().batch(new int[] {0, 2, 1});
        assertArrayEquals(new int[] {1, 2, 0}, b.rows());
        assertArrayEquals(new int[] {3, 2, 1}, b.lengths());
        assertArrayEquals(new float[] {1, 0, 0}, b.binaryLabels());
        assertThrows(IndexOutOfBoundsException.class, () -> SequenceBatcher.builder(d).build().batch(new int[] {3}));
        assertThrows(IllegalArgumentException.class,
                () -> new Batch(new int[4], 2, 2, new int[] {1, 2}, new Labels.None(), new int[] {0, 1}));
    }

    @Test
    void allEmptyBatchHasZeroWidth() {
        TokenSequences d = TokenSequences.unlabeled(new int[][] {{}, {}});
        Batch b = SequenceBatcher.builder(d).batchSize(8).build().epoch(0).get(0);
        assertEquals(0, b.maxLen());
        assertEquals(0, b.ids().length);
        assertEquals(0, b.active(0));
        assertTrue(b.labels() instanceof Labels.None);
    }

    @Test
    void hugeSequencesUseTheComparisonSortPath() {
        TokenSequences d = TokenSequences.unlabeled(new int[][] {new int[100_000], new int[3], new int[70_000]});
        int[][] plan = SequenceBatcher.builder(d).batchSize(3).shuffle(false).build().plan(0);
        assertArrayEquals(new int[] {0, 2, 1}, plan[0]);
    }

    @Test
    void badArguments() {
        TokenSequences d = data(10, 6);
        assertEquals("Received an invalid value for argument `batchSize`, expected a positive integer, got 0.",
                assertThrows(IllegalArgumentException.class, () -> SequenceBatcher.builder(d).batchSize(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceBatcher.builder(d).maxLength(0));
        assertThrows(IllegalArgumentException.class,
                () -> TokenSequences.binary(new int[][] {{1}}, new float[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> TokenSequences.classes(new int[][] {{1}}, new int[] {3}, 3));
        assertThrows(IllegalArgumentException.class, () -> TokenSequences.binary(new int[][] {{1}}, new float[] {2}));
    }

    @Test
    void validationSplitTakesTheLastFractionLikeKeras() {
        TokenSequences d = TokenSequences.binary(new int[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}},
                new float[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        TokenSequences.TrainValidation tv = d.validationSplit(0.2);
        assertEquals(8, tv.train().size());
        assertEquals(2, tv.validation().size());
        assertArrayEquals(new int[] {9}, tv.validation().ids(0));
        assertEquals(20_000, ValidationSplit.splitAt(25_000, 0.2));
        assertEquals(6, ValidationSplit.splitAt(10, 0.35)); // floor(6.5)
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidationSplit.splitAt(1, 0.5)).getMessage()
                .contains("not sufficient"));
        assertThrows(IllegalArgumentException.class, () -> d.validationSplit(1.0));
        TokenSequences s = d.shuffled(5);
        assertEquals(d.size(), s.size());
        assertEquals(d.totalTokens(), s.totalTokens());
        assertArrayEquals(Shuffle.permutation(10, 5), Shuffle.permutation(10, 5));
    }
}
