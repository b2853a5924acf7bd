package org.seq4j.losses;

/** ℓ = mean_j |p_j − y_j| over the last axis (subgradient 0 at equality). */
public final class MeanAbsoluteError extends ElementwiseRegressionLoss {
    @Override
    double value(double d) {
        return Math.abs(d);
    }

    @Override
    double derivative(double d) {
        return Math.signum(d);
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }
}
