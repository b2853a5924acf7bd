package org.seq4j.losses;

import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Variable;
import org.seq4j.metrics.LossKind;

/**
 * ℓ = −mean_j [y_j log p_j + (1 − y_j) log(1 − p_j)] over the last axis.
 *
 * <p>As tf.keras does in graph mode, when the predictions come straight from a sigmoid the loss is computed from the
 * logits z in the stable form max(z, 0) − z·y + log(1 + e^(−|z|)), with gradient σ(z) − y. Otherwise (or with
 * probabilities from elsewhere) p is clipped to [ε, 1 − ε], ε = 1e-7, as Keras' backend does.
 */
public final class BinaryCrossentropy implements Loss {
    static final double EPS = 1e-7;
    private final boolean fromLogits;

    public BinaryCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight) {
        Reduction.checkShapes(name(), yPred, yTrue, false);
        Variable in = Reduction.logitsOrSelf(yPred, fromLogits, Activation.SIGMOID);
        boolean logits = in != yPred || fromLogits;
        int[] s = in.shape();
        int width = s.length == 0 ? 1 : s[s.length - 1];
        int rows = in.value().size() / width;
        float[] z = in.data();
        float[] y = yTrue.data();
        final boolean fromZ = logits;
        return Reduction.reduce(in, rows, width, sampleWeight, (r, g, off) -> {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                double x = z[off + j];
                double t = y[off + j];
                if (fromZ) {
                    sum += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
                    g[off + j] = (float) ((1.0 / (1.0 + Math.exp(-x)) - t) / width);
                } else {
                    double p = Math.min(Math.max(x, EPS), 1 - EPS);
                    sum += -(t * Math.log(p + EPS) + (1 - t) * Math.log(1 - p + EPS));
                    boolean clipped = x < EPS || x > 1 - EPS;
                    g[off + j] = clipped ? 0f : (float) ((-t / (p + EPS) + (1 - t) / (1 - p + EPS)) / width);
                }
            }
            return sum / width;
        });
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public LossKind kind() {
        return LossKind.BINARY;
    }
}
