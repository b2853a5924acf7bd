package org.seq4j.metrics;

/** A streaming metric accumulated over batches. */
public interface Metric {
    String name();

    void reset();

    /** rows × width predictions and targets, row-major; sampleWeight per row or null (0 = ignore the row). */
    void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight);

    double result();
}
