package org.seq4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Resolution of the names given to compile(). */
class MetricsTest {
    @Test
    void accuracyFollowsTheLoss() {
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", LossKind.BINARY));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", LossKind.CATEGORICAL));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolve("acc", LossKind.SPARSE_CATEGORICAL));
        for (LossKind k : new LossKind[] {LossKind.BINARY, LossKind.CATEGORICAL, LossKind.SPARSE_CATEGORICAL}) {
            assertEquals("accuracy", Metrics.resolve("accuracy", k).name());
            assertEquals("accuracy", Metrics.resolve("acc", k).name());
            assertEquals("accuracy", Metrics.resolve("Accuracy", k).name());
        }
    }

    @Test
    void regressionHasNoAccuracy() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Metrics.resolve("accuracy", LossKind.REGRESSION)).getMessage();
        assertTrue(msg.contains("REGRESSION") && msg.contains("\"mae\""), msg);
    }

    @Test
    void otherNames() {
        assertEquals("mae", Metrics.resolve("mae", LossKind.REGRESSION).name());
        assertInstanceOf(MeanAbsoluteError.class, Metrics.resolve("mae", LossKind.REGRESSION));
        assertEquals("mean_squared_error", Metrics.resolve("mean_squared_error", LossKind.REGRESSION).name());
        assertInstanceOf(MeanSquaredError.class, Metrics.resolve("mse", LossKind.BINARY));
        assertInstanceOf(AUC.class, Metrics.resolve("AUC", LossKind.BINARY));
        assertEquals("auc", Metrics.resolve("AUC", LossKind.BINARY).name());
        assertInstanceOf(Precision.class, Metrics.resolve("precision", LossKind.BINARY));
        assertInstanceOf(Recall.class, Metrics.resolve("recall", LossKind.CATEGORICAL));
        assertEquals("binary_accuracy", Metrics.resolve("binary_accuracy", LossKind.BINARY).name());
    }

    @Test
    void classIdTargetsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve("auc", LossKind.SPARSE_CATEGORICAL));
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve("mae", LossKind.SPARSE_CATEGORICAL));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.resolve("sparse_categorical_accuracy", LossKind.CATEGORICAL));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Metrics.resolve("f1", LossKind.BINARY)).getMessage();
        assertTrue(msg.startsWith("Unknown metric function: 'f1'. Known names: accuracy (acc)"), msg);
    }

    /** The IMDB case: Dense(1, sigmoid) outputs, 0/1 labels, two batches. */
    @Test
    void imdbLikeBatches() {
        Metric acc = Metrics.resolve("accuracy", LossKind.BINARY);
        acc.update(new float[] {1, 0, 1}, new float[] {0.8f, 0.3f, 0.4f}, 3, 1, null);
        acc.update(new float[] {0}, new float[] {0.6f}, 1, 1, null);
        assertEquals(0.5, acc.result(), 1e-12);
    }
}
