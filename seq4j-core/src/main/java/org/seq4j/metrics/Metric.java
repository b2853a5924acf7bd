package org.seq4j.metrics;

/** A statistic accumulated over batches (Keras' {@code Metric}: {@code update_state}, {@code result}, {@code reset_state}). */
public interface Metric {
    /** Keras name used in logs: "accuracy", "auc", "precision", "recall", "mae", ... */
    String name();

    /** Forgets everything accumulated (start of an epoch). */
    void reset();

    /**
     * Accumulates one batch: {@code rows × width} predictions and targets, row-major; {@code sampleWeight} has one
     * weight per row, or is null for all ones. A row of weight 0 is ignored (padded steps). Sparse metrics take one
     * class id per row in {@code yTrue}.
     */
    void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight);

    /** The value over everything accumulated since the last reset; 0 when nothing (of non-zero weight) was seen. */
    double result();
}
