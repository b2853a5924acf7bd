package org.seq4j.autograd;

import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.VectorMath;
import org.seq4j.tensor.Shape;
import org.seq4j.tensor.Tensor;

/**
 * The differentiable primitives. Each method computes its forward value and registers its backward, which
 * accumulates ({@code +=}) into the parents' gradients. Shapes in comments use B, T, I, H, V, E, N (rows).
 */
public final class Ops {
    private Ops() {}

    /**
     * Affine map on the last axis: y = x·W + b, x (..., I), W (I, O), b (O) or null → y (..., O).
     * Backward: dx += dy·Wᵀ, dW += xᵀ·dy, db += Σ_rows dy.
     */
    public static Variable linear(Variable x, Variable w, Variable b) {
        int[] xs = x.shape();
        int in = xs[xs.length - 1];
        if (w.dim(0) != in) {
            throw new IllegalArgumentException("linear: input's last dimension " + in + " does not match kernel shape "
                    + Shape.toString(w.shape()));
        }
        int out = w.dim(1);
        int rows = x.value().size() / Math.max(1, in);
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        Tensor y = Tensor.zeros(ys);
        float[] yd = y.data();
        if (b != null) {
            float[] bd = b.data();
            for (int r = 0; r < rows; r++) System.arraycopy(bd, 0, yd, r * out, out);
        }
        MatMul.gemm(false, false, rows, out, in, x.data(), 0, in, w.data(), 0, out, yd, 0, out, b != null);
        Variable[] parents = b == null ? new Variable[] {x, w} : new Variable[] {x, w, b};
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            if (x.requiresGrad()) {
                MatMul.gemm(false, true, rows, in, out, g, 0, out, w.data(), 0, out, x.gradBuffer().data(), 0, in, true);
            }
            if (w.requiresGrad()) {
                MatMul.gemm(true, false, in, out, rows, x.data(), 0, in, g, 0, out, w.gradBuffer().data(), 0, out, true);
            }
            if (b != null && b.requiresGrad()) {
                float[] db = b.gradBuffer().data();
                for (int r = 0; r < rows; r++) VectorMath.axpy(1f, g, r * out, db, 0, out);
            }
        }, parents).withMask(x.mask());
    }

    /** y = f(x) element-wise (softmax: over the last axis). Sigmoid and softmax outputs remember their logits. */
    public static Variable activation(Variable x, Activation f) {
        if (f == Activation.LINEAR) return x;
        if (f == Activation.SOFTMAX) return softmax(x);
        float[] xd = x.data();
        Tensor y = Tensor.zeros(x.shape());
        float[] yd = y.data();
        int n = xd.length;
        switch (f) {
            case RELU -> VectorMath.relu(xd, 0, yd, 0, n);
            case SIGMOID -> VectorMath.sigmoid(xd, 0, yd, 0, n);
            case TANH -> VectorMath.tanh(xd, 0, yd, 0, n);
            default -> throw new AssertionError(f);
        }
        Variable out = Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            switch (f) {
                case RELU -> { for (int i = 0; i < n; i++) if (yd[i] > 0f) dx[i] += g[i]; }
                case SIGMOID -> { for (int i = 0; i < n; i++) dx[i] += g[i] * yd[i] * (1f - yd[i]); }
                case TANH -> { for (int i = 0; i < n; i++) dx[i] += g[i] * (1f - yd[i] * yd[i]); }
                default -> throw new AssertionError(f);
            }
        }, x).withMask(x.mask());
        if (f == Activation.SIGMOID) out.setLogits(x, f);
        return out;
    }

    /** Softmax over the last axis: y_i = e^(x_i − max) / Σ_j e^(x_j − max); dx = y ⊙ (dy − Σ dy ⊙ y). */
    public static Variable softmax(Variable x) {
        int c = x.dim(-1);
        float[] xd = x.data();
        Tensor y = Tensor.zeros(x.shape());
        float[] yd = y.data();
        int rows = xd.length / Math.max(1, c);
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, xd[o + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) {
                float e = (float) Math.exp(xd[o + j] - max);
                yd[o + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < c; j++) yd[o + j] *= inv;
        }
        Variable out = Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            for (int r = 0; r < rows; r++) {
                int o = r * c;
                double dot = 0;
                for (int j = 0; j < c; j++) dot += g[o + j] * yd[o + j];
                for (int j = 0; j < c; j++) dx[o + j] += yd[o + j] * (g[o + j] - (float) dot);
            }
        }, x).withMask(x.mask());
        out.setLogits(x, Activation.SOFTMAX);
        return out;
    }

    /** a + b, same shapes. */
    public static Variable add(Variable a, Variable b) {
        requireSameShape("add", a, b);
        float[] ad = a.data();
        float[] bd = b.data();
        Tensor y = Tensor.zeros(a.shape());
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) yd[i] = ad[i] + bd[i];
        return Variable.result(y, dy -> {
            if (a.requiresGrad()) VectorMath.axpy(1f, dy.data(), 0, a.gradBuffer().data(), 0, yd.length);
            if (b.requiresGrad()) VectorMath.axpy(1f, dy.data(), 0, b.gradBuffer().data(), 0, yd.length);
        }, a, b);
    }

    /** a ⊙ b, same shapes. */
    public static Variable mul(Variable a, Variable b) {
        requireSameShape("mul", a, b);
        float[] ad = a.data();
        float[] bd = b.data();
        Tensor y = Tensor.zeros(a.shape());
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) yd[i] = ad[i] * bd[i];
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            if (a.requiresGrad()) {
                float[] da = a.gradBuffer().data();
                for (int i = 0; i < g.length; i++) da[i] += g[i] * bd[i];
            }
            if (b.requiresGrad()) {
                float[] db = b.gradBuffer().data();
                for (int i = 0; i < g.length; i++) db[i] += g[i] * ad[i];
            }
        }, a, b);
    }

    /** s · x. */
    public static Variable scale(Variable x, float s) {
        float[] xd = x.data();
        Tensor y = Tensor.zeros(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) yd[i] = s * xd[i];
        return Variable.result(y, dy -> VectorMath.axpy(s, dy.data(), 0, x.gradBuffer().data(), 0, yd.length), x)
                .withMask(x.mask());
    }

    /** Concatenation on the last axis. */
    public static Variable concatLast(Variable... xs) {
        int[] s0 = xs[0].shape();
        int rows = xs[0].value().size() / Math.max(1, s0[s0.length - 1]);
        int total = 0;
        int[] widths = new int[xs.length];
        for (int k = 0; k < xs.length; k++) {
            int[] s = xs[k].shape();
            if (s.length != s0.length || xs[k].value().size() / Math.max(1, s[s.length - 1]) != rows) {
                throw new IllegalArgumentException("concat: incompatible shapes " + Shape.toString(s0) + " and " + Shape.toString(s));
            }
            widths[k] = s[s.length - 1];
            total += widths[k];
        }
        int[] ys = s0.clone();
        ys[ys.length - 1] = total;
        Tensor y = Tensor.zeros(ys);
        float[] yd = y.data();
        for (int r = 0, off; r < rows; r++) {
            off = 0;
            for (int k = 0; k < xs.length; k++) {
                System.arraycopy(xs[k].data(), r * widths[k], yd, r * total + off, widths[k]);
                off += widths[k];
            }
        }
        final int tot = total;
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            int off = 0;
            for (int k = 0; k < xs.length; k++) {
                if (xs[k].requiresGrad()) {
                    float[] dx = xs[k].gradBuffer().data();
                    for (int r = 0; r < rows; r++) VectorMath.axpy(1f, g, r * tot + off, dx, r * widths[k], widths[k]);
                }
                off += widths[k];
            }
        }, xs).withMask(xs[0].mask());
    }

    /**
     * Multiplies by a fixed 0/scale pattern (inverted dropout: kept units are scaled by 1/(1−rate)).
     * {@code pattern} has x's shape.
     */
    public static Variable maskedScale(Variable x, float[] pattern) {
        float[] xd = x.data();
        Tensor y = Tensor.zeros(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) yd[i] = xd[i] * pattern[i];
        return Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dx = x.gradBuffer().data();
            for (int i = 0; i < g.length; i++) dx[i] += g[i] * pattern[i];
        }, x).withMask(x.mask());
    }

    /**
     * Embedding lookup: ids (…) holding integer token ids as floats, table (V, E) → (…, E).
     * Backward scatters: dTable[id] += dy for every position.
     */
    public static Variable embedding(Variable ids, Variable table, String layerName) {
        float[] idd = ids.data();
        int vocab = table.dim(0);
        int e = table.dim(1);
        int[] is = ids.shape();
        int[] ys = java.util.Arrays.copyOf(is, is.length + 1);
        ys[is.length] = e;
        Tensor y = Tensor.zeros(ys);
        float[] yd = y.data();
        float[] td = table.data();
        int[] index = new int[idd.length];
        for (int p = 0; p < idd.length; p++) {
            float f = idd[p];
            int id = (int) f;
            if (id != f || id < 0 || id >= vocab) {
                throw new IllegalArgumentException("layer \"" + layerName + "\": token id " + f + " at position " + p
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
            index[p] = id;
            System.arraycopy(td, id * e, yd, p * e, e);
        }
        Variable out = Variable.result(y, dy -> {
            float[] g = dy.data();
            float[] dt = table.gradBuffer().data();
            for (int p = 0; p < index.length; p++) VectorMath.axpy(1f, g, p * e, dt, index[p] * e, e);
        }, table);
        out.setLookup(new Variable.Lookup(index, table));
        return out;
    }

    static void requireSameShape(String op, Variable a, Variable b) {
        if (!a.value().sameShape(b.value())) {
            throw new IllegalArgumentException(op + ": shapes differ, " + Shape.toString(a.shape()) + " vs " + Shape.toString(b.shape()));
        }
    }
}
