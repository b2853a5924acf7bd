package org.seq4j.metrics;

/** argmax(prediction) == integer target. */
public final class SparseCategoricalAccuracy extends MeanMetric {
    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        super.update(yTrue, yPred, rows, width, sampleWeight);
    }

    @Override
    double score(float[] yTrue, float[] yPred, int row, int width) {
        return CategoricalAccuracy.argmax(yPred, row * width, width) == (int) yTrue[row] ? 1 : 0;
    }
}
