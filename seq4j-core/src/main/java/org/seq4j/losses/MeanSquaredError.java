package org.seq4j.losses;

/** ℓ = mean_j (p_j − y_j)² over the last axis. */
public final class MeanSquaredError extends ElementwiseRegressionLoss {
    @Override
    double value(double d) {
        return d * d;
    }

    @Override
    double derivative(double d) {
        return 2 * d;
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }
}
