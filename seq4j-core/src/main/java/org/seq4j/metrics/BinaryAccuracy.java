package org.seq4j.metrics;

import org.seq4j.layers.Args;

/**
 * tf.keras {@code binary_accuracy}: per row, the fraction of the {@code width} outputs with
 * {@code (yPred > threshold ? 1 : 0) == yTrue}; then the weighted mean over rows. Targets are compared exactly, so
 * they should be 0 or 1.
 */
public final class BinaryAccuracy extends MeanMetric {
    private final float threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(double threshold) {
        this("binary_accuracy", threshold);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name);
        if (!Double.isFinite(threshold)) throw Args.invalid("threshold", "a finite number", Double.toString(threshold));
        this.threshold = (float) threshold;
    }

    @Override
    double value(float[] yTrue, float[] yPred, int row, int width) {
        int off = row * width;
        int hits = 0;
        for (int j = 0; j < width; j++) {
            float predicted = yPred[off + j] > threshold ? 1f : 0f;
            if (predicted == yTrue[off + j]) hits++;
        }
        return (double) hits / width;
    }
}
