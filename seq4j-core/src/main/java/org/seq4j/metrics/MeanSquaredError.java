package org.seq4j.metrics;

/** tf.keras {@code mean_squared_error}: per row, the mean of {@code (yTrue − yPred)²} over the width; weighted mean. */
public final class MeanSquaredError extends MeanMetric {
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    double value(float[] yTrue, float[] yPred, int row, int width) {
        int off = row * width;
        double sum = 0;
        for (int j = 0; j < width; j++) {
            double d = (double) yTrue[off + j] - yPred[off + j];
            sum += d * d;
        }
        return sum / width;
    }
}
