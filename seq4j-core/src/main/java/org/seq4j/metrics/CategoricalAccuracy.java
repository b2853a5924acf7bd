package org.seq4j.metrics;

/** argmax(prediction) == argmax(one-hot target). */
public final class CategoricalAccuracy extends MeanMetric {
    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    double score(float[] yTrue, float[] yPred, int row, int width) {
        return argmax(yPred, row * width, width) == argmax(yTrue, row * width, width) ? 1 : 0;
    }

    static int argmax(float[] a, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (a[off + j] > a[off + best]) best = j;
        return best;
    }
}
