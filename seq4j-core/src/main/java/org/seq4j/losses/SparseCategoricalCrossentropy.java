package org.seq4j.losses;

import java.util.function.IntToDoubleFunction;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Variable;
import org.seq4j.metrics.LossKind;

/**
 * Categorical cross-entropy with integer class targets: ℓ = −log p_y. From logits z (a softmax output's, or with
 * {@code fromLogits}): ℓ = logsumexp(z) − z_y, gradient softmax(z) − onehot(y).
 */
public final class SparseCategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight) {
        Reduction.checkShapes(name(), yPred, yTrue, true);
        Variable in = Reduction.logitsOrSelf(yPred, fromLogits, Activation.SOFTMAX);
        boolean logits = in != yPred || fromLogits;
        int width = in.dim(-1);
        int rows = in.value().size() / width;
        float[] z = in.data();
        float[] y = yTrue.data();
        for (int r = 0; r < rows; r++) {
            float c = y[r];
            if (c != (int) c || c < 0 || c >= width) {
                throw new IllegalArgumentException(name() + ": target " + c + " at row " + r + " is not a class id in [0, " + width + ")");
            }
        }
        final boolean fromZ = logits;
        return Reduction.reduce(in, rows, width, sampleWeight, (r, g, off) -> {
            int cls = (int) y[r];
            if (fromZ) return fromLogitsRow(z, off, width, g, j -> j == cls ? 1.0 : 0.0);
            double p = Math.min(Math.max(z[off + cls], BinaryCrossentropy.EPS), 1 - BinaryCrossentropy.EPS);
            g[off + cls] = (float) (-1.0 / Math.max(z[off + cls], 1e-30));
            return -Math.log(p);
        });
    }

    /** logsumexp(z) − Σ_j y_j z_j with gradient softmax(z)·Σy − y, for one row. */
    static double fromLogitsRow(float[] z, int off, int width, float[] g, IntToDoubleFunction target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) max = Math.max(max, z[off + j]);
        double sum = 0;
        for (int j = 0; j < width; j++) sum += Math.exp(z[off + j] - max);
        double lse = max + Math.log(sum);
        double loss = 0;
        double ysum = 0;
        for (int j = 0; j < width; j++) {
            double t = target.applyAsDouble(j);
            loss += t * (lse - z[off + j]);
            ysum += t;
        }
        for (int j = 0; j < width; j++) {
            g[off + j] = (float) (Math.exp(z[off + j] - lse) * ysum - target.applyAsDouble(j));
        }
        return loss;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public LossKind kind() {
        return LossKind.SPARSE_CATEGORICAL;
    }
}
