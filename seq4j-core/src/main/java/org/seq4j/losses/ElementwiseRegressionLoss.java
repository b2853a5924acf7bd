package org.seq4j.losses;

import org.seq4j.autograd.Variable;
import org.seq4j.metrics.LossKind;

/** A regression loss ℓ = mean_j f(p_j − y_j) over the last axis, given f and its derivative. */
abstract class ElementwiseRegressionLoss implements Loss {
    /** f(d) for the difference d = p − y. */
    abstract double value(double d);

    /** f'(d). */
    abstract double derivative(double d);

    @Override
    public final Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight) {
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
                sum += value(d);
                g[off + j] = (float) (derivative(d) / width);
            }
            return sum / width;
        });
    }

    @Override
    public final LossKind kind() {
        return LossKind.REGRESSION;
    }
}
