package org.seq4j.metrics;

/**
 * A weighted mean of one value per row (Keras' {@code MeanMetricWrapper}): {@code total += w·value(row)},
 * {@code count += w}, {@code result = total / count}, all in double.
 */
abstract class MeanMetric implements Metric {
    private final String name;
    private double total;
    private double count;

    MeanMetric(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("A metric needs a non-empty name.");
        this.name = name;
    }

    /** This row's value; {@code width} values start at {@code row · width} in {@code yPred}. */
    abstract double value(float[] yTrue, float[] yPred, int row, int width);

    /** How many {@code yTrue} values one row has: the width, or 1 for class ids. */
    int trueWidth(int width) {
        return width;
    }

    @Override
    public final void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        Shapes.check(name, yTrue, yPred, rows, width, trueWidth(width), sampleWeight);
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            if (w == 0) continue;
            total += w * value(yTrue, yPred, r, width);
            count += w;
        }
    }

    @Override
    public final double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public final void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Index of the largest of {@code width} values from {@code off}; the first one on ties (as tf.argmax). */
    static int argmax(float[] x, int off, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (x[off + j] > x[off + best]) best = j;
        }
        return best;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
