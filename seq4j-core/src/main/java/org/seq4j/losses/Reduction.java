package org.seq4j.losses;

import org.seq4j.autograd.Variable;
import org.seq4j.tensor.Tensor;

/**
 * Shared plumbing for losses written as per-row value and gradient: reduces Σ w_i ℓ_i / N and builds the scalar
 * variable whose backward scales each row's gradient by w_i / N.
 */
final class Reduction {
    private Reduction() {}

    /** Per-row loss and its gradient with respect to the row's inputs. */
    interface RowLoss {
        /** Writes dℓ/dinput for this row into {@code grad[off..off+width)} and returns ℓ. */
        double row(int r, float[] grad, int off);
    }

    static Variable reduce(Variable input, int rows, int width, float[] sampleWeight, RowLoss loss) {
        if (sampleWeight != null && sampleWeight.length != rows) {
            throw new IllegalArgumentException("sample weights: " + sampleWeight.length + " values for " + rows + " rows");
        }
        float[] grad = new float[rows * width];
        double sum = 0;
        double count = 0;
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1.0 : sampleWeight[r];
            if (w == 0) continue;
            sum += w * loss.row(r, grad, r * width);
            count += 1;
            if (w != 1.0) for (int j = 0; j < width; j++) grad[r * width + j] *= (float) w;
        }
        // Keras divides by the batch size; with a padding mask the padded rows do not count.
        double n = sampleWeight == null ? rows : count;
        float scale = n == 0 ? 0f : (float) (1.0 / n);
        Tensor value = Tensor.scalar((float) (n == 0 ? 0.0 : sum / n));
        return Variable.result(value, dy -> {
            float s = dy.data()[0] * scale;
            float[] dx = input.gradBuffer().data();
            for (int i = 0; i < grad.length; i++) dx[i] += s * grad[i];
        }, input);
    }

    /**
     * The variable a cross-entropy should read: the logits when {@code fromLogits}, or when the predictions come
     * straight from {@code activation} (as tf.keras does in graph mode); else the predictions themselves.
     */
    static Variable logitsOrSelf(Variable yPred, boolean fromLogits, org.seq4j.autograd.Activation activation) {
        if (!fromLogits && yPred.logits() != null && yPred.logitsActivation() == activation) return yPred.logits();
        return yPred;
    }

    static void checkShapes(String loss, Variable yPred, Variable yTrue, boolean sparse) {
        int[] p = yPred.shape();
        int[] t = yTrue.shape();
        boolean ok;
        if (sparse) {
            ok = yTrue.value().size() * p[p.length - 1] == yPred.value().size();
        } else {
            ok = yTrue.value().size() == yPred.value().size();
        }
        if (!ok) {
            throw new IllegalArgumentException(loss + ": targets of shape " + org.seq4j.tensor.Shape.toString(t)
                    + " do not match predictions of shape " + org.seq4j.tensor.Shape.toString(p)
                    + (sparse ? " (expected one class id per prediction row)" : ""));
        }
    }
}
