package org.seq4j.metrics;

/**
 * tf.keras {@code sparse_categorical_accuracy}: {@code yTrue} holds one class id per row, {@code yPred} a row of
 * {@code width} class scores; 1 when {@code argmax(yPred) == yTrue} (first index on ties), else 0; weighted mean.
 */
public final class SparseCategoricalAccuracy extends MeanMetric {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    int trueWidth(int width) {
        return 1;
    }

    @Override
    double value(float[] yTrue, float[] yPred, int row, int width) {
        return argmax(yPred, row * width, width) == yTrue[row] ? 1 : 0;
    }
}
