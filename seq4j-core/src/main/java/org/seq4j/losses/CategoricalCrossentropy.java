package org.seq4j.losses;

import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Variable;
import org.seq4j.metrics.LossKind;

/**
 * ℓ = −Σ_j y_j log p_j over the last axis, with one-hot (or soft) targets y.
 *
 * <p>From a softmax output (or with {@code fromLogits}) it uses the logits: ℓ = logsumexp(z) − Σ_j y_j z_j with
 * gradient softmax(z)·Σy − y; otherwise p is renormalised and clipped to [ε, 1 − ε] as Keras does.
 */
public final class CategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    public CategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight) {
        Reduction.checkShapes(name(), yPred, yTrue, false);
        Variable in = Reduction.logitsOrSelf(yPred, fromLogits, Activation.SOFTMAX);
        boolean logits = in != yPred || fromLogits;
        int width = in.dim(-1);
        int rows = in.value().size() / width;
        float[] z = in.data();
        float[] y = yTrue.data();
        final boolean fromZ = logits;
        return Reduction.reduce(in, rows, width, sampleWeight, (r, g, off) -> fromZ
                ? SparseCategoricalCrossentropy.fromLogitsRow(z, off, width, g, j -> y[off + j])
                : fromProbabilitiesRow(z, off, width, g, y));
    }

    private static double fromProbabilitiesRow(float[] p, int off, int width, float[] g, float[] y) {
        double total = 0;
        for (int j = 0; j < width; j++) total += p[off + j];
        double loss = 0;
        for (int j = 0; j < width; j++) {
            double q = p[off + j] / total;
            double c = Math.min(Math.max(q, BinaryCrossentropy.EPS), 1 - BinaryCrossentropy.EPS);
            loss -= y[off + j] * Math.log(c);
        }
        // d/dp_k of −Σ_j y_j log(p_j / S) = −y_k/p_k + Σy/S (clipping ignored in the gradient where inactive)
        double ysum = 0;
        for (int j = 0; j < width; j++) ysum += y[off + j];
        for (int k = 0; k < width; k++) {
            double pk = Math.max(p[off + k], 1e-30);
            g[off + k] = (float) (-y[off + k] / pk + ysum / total);
        }
        return loss;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public LossKind kind() {
        return LossKind.CATEGORICAL;
    }
}
