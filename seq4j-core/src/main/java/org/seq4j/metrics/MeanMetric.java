package org.seq4j.metrics;

/** A weighted running mean of a per-row score. */
abstract class MeanMetric implements Metric {
    private double total;
    private double count;

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    abstract double score(float[] yTrue, float[] yPred, int row, int width);

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            if (w == 0) continue;
            total += w * score(yTrue, yPred, r, width);
            count += w;
        }
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }
}
