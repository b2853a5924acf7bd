package org.seq4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Precision, Recall and AUC against hand-computed and independently computed values. */
class ConfusionMetricsTest {
    // Rows: label, prediction, weight -> tp: rows 0 (w1), 3 (w2); fp: row 1 (w1), row 4 (w0.5); fn: row 2 (w3).
    private static final float[] Y_TRUE = {1, 0, 1, 1, 0, 0};
    private static final float[] Y_PRED = {0.9f, 0.6f, 0.5f, 0.51f, 1.0f, 0.0f};
    private static final float[] W = {1, 1, 3, 2, 0.5f, 1};

    @Test
    void precisionAndRecallWeighted() {
        Precision p = new Precision();
        Recall r = new Recall();
        p.update(Y_TRUE, Y_PRED, 6, 1, W);
        r.update(Y_TRUE, Y_PRED, 6, 1, W);
        assertEquals(3 / 4.5, p.result(), 1e-12);
        assertEquals(3 / 6.0, r.result(), 1e-12);
    }

    @Test
    void precisionAndRecallAccumulateAndFlattenRows() {
        Precision p = new Precision(0.3);
        // 2 rows × 3 outputs, flattened: tp = 2 (0.4, 0.35), fp = 1 (0.31 on a 0 target)
        p.update(new float[] {1, 0, 1, 0, 1, 0}, new float[] {0.4f, 0.1f, 0.2f, 0.9f, 0.35f, 0.31f}, 2, 3, null);
        assertEquals(2 / 4.0, p.result(), 1e-12);
        p.update(new float[] {1}, new float[] {0.99f}, 1, 1, null);
        assertEquals(3 / 5.0, p.result(), 1e-12);
    }

    @Test
    void nothingPredictedOrNoPositivesGivesZero() {
        Precision p = new Precision();
        Recall r = new Recall();
        p.update(new float[] {1, 0}, new float[] {0.1f, 0.2f}, 2, 1, null);
        r.update(new float[] {0, 0}, new float[] {0.9f, 0.2f}, 2, 1, null);
        assertEquals(0, p.result());
        assertEquals(0, r.result());
    }

    @Test
    void aucOfSeparableAndReversedSets() {
        AUC auc = new AUC();
        auc.update(new float[] {0, 0, 1, 1}, new float[] {0.1f, 0.4f, 0.6f, 0.9f}, 4, 1, null);
        assertEquals(1.0, auc.result(), 1e-12);
        auc.reset();
        auc.update(new float[] {1, 1, 0, 0}, new float[] {0.1f, 0.4f, 0.6f, 0.9f}, 4, 1, null);
        assertEquals(0.0, auc.result(), 1e-12);
        auc.reset();
        // Extremes 0 and 1 are separable too (the thresholds' epsilon ends).
        auc.update(new float[] {0, 1}, new float[] {0f, 1f}, 2, 1, null);
        assertEquals(1.0, auc.result(), 1e-12);
        auc.reset();
        // All predictions equal: the chance diagonal.
        auc.update(new float[] {0, 1, 0, 1}, new float[] {0.3f, 0.3f, 0.3f, 0.3f}, 4, 1, null);
        assertEquals(0.5, auc.result(), 1e-12);
    }

    /** Values from src/test/python/auc_reference.py (every threshold against every prediction). */
    @Test
    void aucMatchesTheThresholdByThresholdReference() {
        AUC auc = new AUC();
        float[] yTrue = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0};
        float[] yPred = {0.91f, 0.12f, 0.46f, 0.73f, 0.58f, 0.33f, 0.27f, 0.81f, 0.64f, 0.04f};
        float[] w = {1.0f, 2.0f, 0.5f, 1.0f, 1.0f, 0.0f, 3.0f, 1.5f, 1.0f, 1.0f};
        // Two batches: accumulation must not change the result.
        auc.update(slice(yTrue, 0, 4), slice(yPred, 0, 4), 4, 1, slice(w, 0, 4));
        auc.update(slice(yTrue, 4, 10), slice(yPred, 4, 10), 6, 1, slice(w, 4, 10));
        assertEquals(0.6713286713286714, auc.result(), 1e-12);
    }

    /** Two predictions in one bucket of width 1/199 are tied, as in tf.keras (the exact AUC would be 1.0). */
    @Test
    void aucTiesPredictionsInTheSameBucket() {
        AUC auc = new AUC();
        auc.update(new float[] {0, 1, 0, 1}, new float[] {0.501f, 0.502f, 0.1f, 0.9f}, 4, 1, null);
        assertEquals(0.875, auc.result(), 1e-12);
        AUC fine = new AUC(2001);
        fine.update(new float[] {0, 1, 0, 1}, new float[] {0.501f, 0.502f, 0.1f, 0.9f}, 4, 1, null);
        assertEquals(1.0, fine.result(), 1e-12);
    }

    /** A prediction equal to a threshold is not above it: 100/199 (in float32) and the next float are separated. */
    @Test
    void aucThresholdComparisonIsStrict() {
        float atThreshold = (float) (100 / 199.0);
        AUC auc = new AUC();
        auc.update(new float[] {0, 1}, new float[] {atThreshold, Math.nextUp(atThreshold)}, 2, 1, null);
        assertEquals(1.0, auc.result(), 1e-12);
    }

    @Test
    void aucWithOneClassOnlyIsZero() {
        AUC auc = new AUC();
        auc.update(new float[] {1, 1}, new float[] {0.2f, 0.7f}, 2, 1, null);
        assertEquals(0.0, auc.result());
    }

    @Test
    void aucThresholdsAreKeras() {
        double[] t = new AUC().thresholds();
        assertEquals(200, t.length);
        assertEquals(-1e-7, t[0]);
        assertEquals(1 / 199.0, t[1]);
        assertEquals(198 / 199.0, t[198]);
        assertEquals(1 + 1e-7, t[199]);
    }

    @Test
    void predictionsMustBeProbabilities() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new AUC().update(new float[] {1}, new float[] {1.5f}, 1, 1, null)).getMessage();
        assertTrue(msg.startsWith("Metric `auc`: predictions must be in [0, 1], got 1.5."), msg);
        assertThrows(IllegalArgumentException.class,
                () -> new Precision().update(new float[] {1}, new float[] {Float.NaN}, 1, 1, null));
        // ... except in ignored rows.
        Recall r = new Recall();
        r.update(new float[] {1, 1}, new float[] {0.9f, -3f}, 2, 1, new float[] {1, 0});
        assertEquals(1.0, r.result());
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertEquals("Received an invalid value for argument `threshold`, expected a float in the range [0, 1], "
                + "got 1.5.", assertThrows(IllegalArgumentException.class, () -> new Precision(1.5)).getMessage());
        assertEquals("Received an invalid value for argument `numThresholds`, expected an integer > 2, got 1.",
                assertThrows(IllegalArgumentException.class, () -> new AUC(1)).getMessage());
    }

    private static float[] slice(float[] x, int from, int to) {
        return java.util.Arrays.copyOfRange(x, from, to);
    }
}
