package org.seq4j.metrics;

/** tf.keras {@code mean_absolute_error}: per row, the mean of {@code |yTrue − yPred|} over the width; weighted mean. */
public final class MeanAbsoluteError extends MeanMetric {
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    double value(float[] yTrue, float[] yPred, int row, int width) {
        int off = row * width;
        double sum = 0;
        for (int j = 0; j < width; j++) sum += Math.abs((double) yTrue[off + j] - yPred[off + j]);
        return sum / width;
    }
}
