package org.seq4j.losses;

import org.seq4j.autograd.Variable;
import org.seq4j.metrics.LossKind;

/** ℓ = mean_j (p_j − y_j)² over the last axis. */
public final class MeanSquaredError implements Loss {
    @Override
    public Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight) {
        Reduction.checkShapes(name(), yPred, yTrue, false);
        int[] s = yPred.shape();
        int width = s.length == 0 ? 1 : s[s.length - 1];
        int rows = yPred.value().size() / width;
        float[] p = yPred.data();
        float[] y = yTrue.data();
        return Reduction.reduce(yPred, rows, width, sampleWeight, (r, g, off) -> {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                double d = (double) p[off + j] - y[off + j];
                sum += d * d;
                g[off + j] = (float) (2 * d / width);
            }
            return sum / width;
        });
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public LossKind kind() {
        return LossKind.REGRESSION;
    }
}
