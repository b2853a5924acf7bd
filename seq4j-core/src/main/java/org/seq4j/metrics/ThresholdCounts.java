package org.seq4j.metrics;

import org.seq4j.layers.Args;

/**
 * Weighted true-positive, false-positive and false-negative counts at one threshold, as tf.keras'
 * {@code update_confusion_matrix_variables}: every element of every row counts (the rows are flattened), a target is
 * positive when non-zero, a prediction when {@code > threshold}; the row's weight is added to the count.
 */
abstract class ThresholdCounts implements Metric {
    private final String name;
    private final float threshold;
    double truePositives;
    double falsePositives;
    double falseNegatives;

    ThresholdCounts(String name, double threshold) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("A metric needs a non-empty name.");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw Args.invalid("threshold", "a float in the range [0, 1]", Double.toString(threshold));
        }
        this.name = name;
        this.threshold = (float) threshold;
    }

    @Override
    public final void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        Shapes.check(name, yTrue, yPred, rows, width, width, sampleWeight);
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            if (w == 0) continue;
            for (int i = r * width, end = i + width; i < end; i++) {
                Shapes.probability(name, yPred[i]);
                boolean positive = yTrue[i] != 0;
                boolean predicted = yPred[i] > threshold;
                if (positive && predicted) truePositives += w;
                else if (predicted) falsePositives += w;
                else if (positive) falseNegatives += w;
            }
        }
    }

    @Override
    public final void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public final String name() {
        return name;
    }

    /** {@code a / b}, 0 when {@code b} is 0 (tf's {@code divide_no_nan}). */
    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
