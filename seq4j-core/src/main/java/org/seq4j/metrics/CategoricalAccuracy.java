package org.seq4j.metrics;

/**
 * tf.keras {@code categorical_accuracy}: 1 when {@code argmax(yPred) == argmax(yTrue)} for the row (first index on
 * ties), else 0; weighted mean over rows. Targets are one-hot (or any scores whose argmax is the class).
 */
public final class CategoricalAccuracy extends MeanMetric {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    double value(float[] yTrue, float[] yPred, int row, int width) {
        int off = row * width;
        return argmax(yPred, off, width) == argmax(yTrue, off, width) ? 1 : 0;
    }
}
