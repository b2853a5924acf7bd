package org.seq4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The three accuracies and mae/mse: known values, weights, padded rows, accumulation, reset. */
class AccuracyTest {
    private static final float NAN = Float.NaN;

    @Test
    void binaryAccuracyThresholdIsStrict() {
        BinaryAccuracy m = new BinaryAccuracy();
        // 0.5 is not > 0.5: predicted 0.
        m.update(new float[] {1, 0, 1, 0}, new float[] {0.9f, 0.5f, 0.5f, 0.2f}, 4, 1, null);
        assertEquals(0.75, m.result(), 1e-12);
        assertEquals("binary_accuracy", m.name());
    }

    @Test
    void binaryAccuracyAveragesTheWidthThenWeightsRows() {
        BinaryAccuracy m = new BinaryAccuracy(0.3);
        float[] yTrue = {1, 0, 1, /**/ 0, 0, 1};
        float[] yPred = {0.4f, 0.1f, 0.2f, /**/ 0.9f, 0.35f, 0.31f};
        // row 0: 2/3 correct, row 1: 1/3 correct; weights 1 and 2
        m.update(yTrue, yPred, 2, 3, new float[] {1, 2});
        assertEquals((2.0 / 3 + 2 * (1.0 / 3)) / 3, m.result(), 1e-12);
    }

    @Test
    void zeroWeightRowsAreIgnoredWhateverTheirValues() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.update(new float[] {1, NAN, 0}, new float[] {0.9f, NAN, 0.8f}, 3, 1, new float[] {1, 0, 1});
        assertEquals(0.5, m.result(), 1e-12);
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(new float[] {1, NAN}, new float[] {0, NAN}, 2, 1, new float[] {1, 0});
        assertEquals(1.0, mse.result(), 1e-12);
    }

    @Test
    void accumulatesAcrossBatchesUntilReset() {
        CategoricalAccuracy m = new CategoricalAccuracy();
        m.update(new float[] {0, 1, 0, /**/ 1, 0, 0}, new float[] {0.1f, 0.7f, 0.2f, /**/ 0.2f, 0.5f, 0.3f}, 2, 3, null);
        assertEquals(0.5, m.result(), 1e-12);
        m.update(new float[] {0, 0, 1}, new float[] {0.1f, 0.1f, 0.8f}, 1, 3, new float[] {2});
        assertEquals(3.0 / 4, m.result(), 1e-12); // (1 + 0 + 2·1) / (1 + 1 + 2)
        m.reset();
        assertEquals(0, m.result());
        m.update(new float[] {1, 0}, new float[] {0.4f, 0.6f}, 1, 2, null);
        assertEquals(0, m.result());
    }

    @Test
    void categoricalArgmaxTakesTheFirstOnTies() {
        CategoricalAccuracy m = new CategoricalAccuracy();
        m.update(new float[] {1, 0, 0}, new float[] {0.4f, 0.4f, 0.2f}, 1, 3, null);
        assertEquals(1.0, m.result());
    }

    @Test
    void sparseCategoricalAccuracyReadsClassIds() {
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        float[] yPred = {0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.3f, 0.2f, /**/ 0.1f, 0.1f, 0.8f, /**/ 0.3f, 0.3f, 0.4f};
        m.update(new float[] {1, 2, 2, 0}, yPred, 4, 3, new float[] {1, 1, 0.5f, 1});
        assertEquals((1 + 0 + 0.5 + 0) / 3.5, m.result(), 1e-12);
        assertEquals("sparse_categorical_accuracy", m.name());
    }

    @Test
    void meanAbsoluteAndSquaredError() {
        float[] yTrue = {1, 2, /**/ 0, -1};
        float[] yPred = {1.5f, 1, /**/ 0, 1};
        float[] w = {1, 3};
        MeanAbsoluteError mae = new MeanAbsoluteError();
        mae.update(yTrue, yPred, 2, 2, w);
        assertEquals((1 * (0.5 + 1) / 2 + 3 * (0 + 2) / 2.0) / 4, mae.result(), 1e-7);
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(yTrue, yPred, 2, 2, w);
        assertEquals((1 * (0.25 + 1) / 2 + 3 * (0 + 4) / 2.0) / 4, mse.result(), 1e-7);
        assertEquals("mean_absolute_error", mae.name());
    }

    @Test
    void shapesAreChecked() {
        BinaryAccuracy m = new BinaryAccuracy();
        assertEquals("Metric `binary_accuracy`: yPred has 3 values, expected rows × width = 2 × 2 = 4.",
                assertThrows(IllegalArgumentException.class,
                        () -> m.update(new float[4], new float[3], 2, 2, null)).getMessage());
        assertEquals("Metric `binary_accuracy`: sampleWeight has 1 values, expected one per row = 2.",
                assertThrows(IllegalArgumentException.class,
                        () -> m.update(new float[4], new float[4], 2, 2, new float[1])).getMessage());
        assertEquals("Metric `sparse_categorical_accuracy`: yTrue has 6 values, expected one class id per row = 2.",
                assertThrows(IllegalArgumentException.class,
                        () -> new SparseCategoricalAccuracy().update(new float[6], new float[6], 2, 3, null))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.update(new float[0], new float[0], 0, 0, null));
        m.update(new float[0], new float[0], 0, 1, null); // an empty batch is fine
        assertEquals(0, m.result());
    }
}
