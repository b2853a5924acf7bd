package org.seq4j.metrics;

/**
 * tf.keras {@code Recall} at one threshold (default 0.5): {@code tp / (tp + fn)}, weighted, accumulated across
 * batches; 0 before any positive target. Predictions must be probabilities in [0, 1].
 */
public final class Recall extends ThresholdCounts {
    public Recall() {
        this("recall", 0.5);
    }

    public Recall(double threshold) {
        this("recall", threshold);
    }

    public Recall(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    public double result() {
        return divideNoNan(truePositives, truePositives + falseNegatives);
    }
}
