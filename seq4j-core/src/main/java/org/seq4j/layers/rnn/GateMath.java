package org.seq4j.layers.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.seq4j.autograd.Activation;
import org.seq4j.kernels.Kernels;
import org.seq4j.kernels.VectorMath;

/**
 * What the gate kernels share: in-place activations with a bias (over {@link VectorMath}'s sigmoid and tanh, within
 * 2e-7 of float64), the gradient flush, and scalar activations with derivatives from outputs for the scalar twins
 * (any element-wise activation).
 *
 * <p>The row kernels pass arrays, never vectors, to these: a FloatVector crossing a call that C2 does not inline is
 * boxed (an allocation per vector, 3x slower), which is what fusing four gates and a tanh(c) into one loop did once
 * the lane-wise helpers had been compiled on their own (InlineSmallCode); written out by hand in one loop it was
 * still 1.4× slower on AVX2 (five exp-based chains need more than its 16 vector registers). Short passes over the
 * L1-resident row cost little; each activation adds its bias in the same pass.
 */
final class GateMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private GateMath() {}

    /** Whether the fused vector kernels apply: the Keras default cell and vector kernels enabled. */
    static boolean vectorized(Activation act, Activation recAct) {
        return !Kernels.SCALAR && act == Activation.TANH && (recAct == null || recAct == Activation.SIGMOID);
    }

    /**
     * Gradients below this magnitude are set to zero. Gradients that vanish through time otherwise reach subnormal
     * floats, directly or as products with the weights inside the next gemm, and the CPU computes with subnormals
     * through microcode assists, 10–100× slower: every backward gemm crawls (a GRU over 230 steps: 2.6 s instead of
     * 0.3 s). 1e-30 keeps the products with any weight above ~1e-8 normal; it changes a gradient by less than 1e-30
     * (what flush-to-zero does in other frameworks, with margin; Java cannot set the FTZ flag).
     */
    static final float FLUSH_BELOW = 1e-30f;

    /** Flushes x[off, off + n) (a gradient handed to another layer). */
    static void flush(float[] x, int off, int n) {
        int i = 0;
        if (!Kernels.SCALAR) {
            for (; i < S.loopBound(n); i += L) { // written out, not flush(v): a vector argument may be boxed
                FloatVector v = FloatVector.fromArray(S, x, off + i);
                v.blend(0f, v.abs().compare(VectorOperators.LT, FLUSH_BELOW)).intoArray(x, off + i);
            }
        }
        for (; i < n; i++) x[off + i] = flush(x[off + i]);
    }

    /**
     * Scalar flush. (The vector kernels write {@code v.blend(0f, v.abs().compare(LT, FLUSH_BELOW))} out in place:
     * a helper taking a FloatVector is a call C2 may not inline in a big kernel, and then boxes the vector.)
     */
    static float flush(float v) {
        return Math.abs(v) < FLUSH_BELOW ? 0f : v;
    }

    // ---- in-place array kernels --------------------------------------------------------------------------------

    /** x = σ(x + bias) on x[off, off + n), bias[bOff, bOff + n) or null. */
    static void sigmoid(float[] x, int off, float[] bias, int bOff, int n) {
        VectorMath.sigmoid(x, off, bias, bOff, x, off, n);
    }

    /** x = tanh(x + bias) on x[off, off + n), bias[bOff, bOff + n) or null. */
    static void tanh(float[] x, int off, float[] bias, int bOff, int n) {
        VectorMath.tanh(x, off, bias, bOff, x, off, n);
    }

    // ---- scalar twins: any element-wise activation ---------------------------------------------------------

    static float act(Activation f, float x) {
        return switch (f) {
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case RELU -> Math.max(x, 0f);
            case LINEAR -> x;
            default -> throw new AssertionError(f);
        };
    }

    /** f'(x) given y = f(x): tanh' = 1 − y², sigmoid' = y(1 − y), relu' = [y &gt; 0], linear' = 1. */
    static float derivative(Activation f, float y) {
        return switch (f) {
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case RELU -> y > 0f ? 1f : 0f;
            case LINEAR -> 1f;
            default -> throw new AssertionError(f);
        };
    }

    /** The activations a recurrent cell accepts (softmax is not element-wise). */
    static Activation checkCellActivation(String arg, Activation a) {
        if (a == null || a == Activation.SOFTMAX) {
            throw org.seq4j.layers.Args.invalid(arg, "one of linear, relu, sigmoid, tanh", a == null ? "null" : a.kerasName());
        }
        return a;
    }
}
