package org.seq4j.metrics;

/**
 * tf.keras {@code Precision} at one threshold (default 0.5): {@code tp / (tp + fp)}, weighted, accumulated across
 * batches; 0 before any positive prediction. Predictions must be probabilities in [0, 1].
 */
public final class Precision extends ThresholdCounts {
    public Precision() {
        this("precision", 0.5);
    }

    public Precision(double threshold) {
        this("precision", threshold);
    }

    public Precision(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    public double result() {
        return divideNoNan(truePositives, truePositives + falsePositives);
    }
}
