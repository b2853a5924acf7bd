package org.seq4j.autograd;

import org.seq4j.tensor.Tensor;

/** Differentiable reshaping and pooling over the time axis of (B, T, F) sequences. */
public final class SequenceOps {
    private SequenceOps() {}

    /** Same data, another shape (gradient reshaped back). The mask is dropped unless the caller re-attaches one. */
    public static Variable reshape(Variable x, int... shape) {
        Tensor y = x.value().copy().reshape(shape);
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            for (int i = 0; i < g.length; i++) dx[i] += g[i];
        }, x);
    }

    /**
     * Max over time of (B, T, F) → (B, F), over the real steps only when x has a mask (a padded step never wins);
     * an all-padding row gives zeros. The gradient flows to the arg-max step of each feature.
     */
    public static Variable maxOverTime(Variable x) {
        int b = x.dim(0), t = x.dim(1), f = x.dim(2);
        Mask m = x.mask();
        float[] xd = x.data();
        Tensor y = Tensor.zeros(b, f);
        float[] yd = y.data();
        int[] arg = new int[b * f];
        java.util.Arrays.fill(arg, -1);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                if (m != null && !m.isValid(i, s)) continue;
                int xo = (i * t + s) * f;
                for (int j = 0; j < f; j++) {
                    int k = i * f + j;
                    if (arg[k] < 0 || xd[xo + j] > yd[k]) {
                        yd[k] = xd[xo + j];
                        arg[k] = s;
                    }
                }
            }
        }
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            for (int i = 0; i < b; i++)
                for (int j = 0; j < f; j++) {
                    int k = i * f + j;
                    if (arg[k] >= 0) dx[(i * t + arg[k]) * f + j] += g[k];
                }
        }, x);
    }

    /** Mean over time of (B, T, F) → (B, F), over the real steps when x has a mask (Keras GlobalAveragePooling1D). */
    public static Variable meanOverTime(Variable x) {
        int b = x.dim(0), t = x.dim(1), f = x.dim(2);
        Mask m = x.mask();
        float[] xd = x.data();
        Tensor y = Tensor.zeros(b, f);
        float[] yd = y.data();
        float[] inv = new float[b];
        for (int i = 0; i < b; i++) {
            int n = m == null ? t : m.length(i);
            inv[i] = n == 0 ? 0f : 1f / n;
            for (int s = 0; s < t; s++) {
                if (m != null && !m.isValid(i, s)) continue;
                for (int j = 0; j < f; j++) yd[i * f + j] += xd[(i * t + s) * f + j];
            }
            for (int j = 0; j < f; j++) yd[i * f + j] *= inv[i];
        }
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            for (int i = 0; i < b; i++)
                for (int s = 0; s < t; s++) {
                    if (m != null && !m.isValid(i, s)) continue;
                    for (int j = 0; j < f; j++) dx[(i * t + s) * f + j] += g[i * f + j] * inv[i];
                }
        }, x);
    }
}
