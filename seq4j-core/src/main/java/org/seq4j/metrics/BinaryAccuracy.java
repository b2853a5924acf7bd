package org.seq4j.metrics;

/** Fraction of predictions on the right side of 0.5. */
public final class BinaryAccuracy extends MeanMetric {
    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    double score(float[] yTrue, float[] yPred, int row, int width) {
        double s = 0;
        for (int j = 0; j < width; j++) s += ((yPred[row * width + j] > 0.5f) == (yTrue[row * width + j] > 0.5f)) ? 1 : 0;
        return s / width;
    }
}
