package org.seq4j.layers.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.seq4j.autograd.Activation;
import org.seq4j.kernels.Kernels;

/**
 * The activations of the gate kernels: lane-wise sigmoid and tanh for the fused Vector-API row kernels (the
 * Keras default cell, tanh + sigmoid), and scalar activations with derivatives from outputs for the scalar twins
 * (any element-wise activation).
 *
 * <p>Lane-wise e^x: x = n·ln2 + r (Cody–Waite, |r| ≤ ln2/2), e^r by its Taylor polynomial to r⁷ (truncation
 * &lt; 1e-8), times 2^n built in the exponent field; only IEEE operations, so results do not depend on how the
 * Vector API implements its own transcendental operators. sigmoid(x) = 1/(1 + e^−x);
 * tanh(x) = sign(x)·(1 − 2/(e^{2|x|} + 1)) for |x| ≥ 0.25 and its odd Taylor polynomial to x⁹ below (keeping
 * relative accuracy near 0). Both within 2e-7 absolute of the float64 functions ({@code GateMathTest}).
 */
final class GateMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145752f;  // ln 2 split so that n·LN2_HI is exact for |n| ≤ 127
    private static final float LN2_LO = 1.42860677e-6f;
    private static final float ROUND = 12582912f;       // 1.5·2^23: adding it rounds |t| < 2^22 to an integer

    private GateMath() {}

    /** Whether the fused vector kernels apply: the Keras default cell and vector kernels enabled. */
    static boolean vectorized(Activation act, Activation recAct) {
        return !Kernels.SCALAR && act == Activation.TANH && (recAct == null || recAct == Activation.SIGMOID);
    }

    /** Lanes [j, n) of a tail: the mask for a partial last vector. */
    static VectorMask<Float> tail(int j, int n) {
        return S.indexInRange(j, n);
    }

    private static FloatVector exp(FloatVector x) {
        x = x.max(-87.3f).min(88.3f); // keeps n in [-126, 127]: 2^n is a normal float
        FloatVector n = x.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, 1f / 5040);
        p = p.fma(r, FloatVector.broadcast(S, 1f / 720));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        IntVector e = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(e.reinterpretAsFloats());
    }

    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector e = exp(ax.min(9.1f).mul(2f)); // tanh(9.1) rounds to 1
        FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        big = big.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        FloatVector x2 = x.mul(x);
        FloatVector q = FloatVector.broadcast(S, 62f / 2835);
        q = q.fma(x2, FloatVector.broadcast(S, -17f / 315));
        q = q.fma(x2, FloatVector.broadcast(S, 2f / 15));
        q = q.fma(x2, FloatVector.broadcast(S, -1f / 3));
        q = q.fma(x2, FloatVector.broadcast(S, 1f));
        FloatVector small = q.mul(x);
        return big.blend(small, ax.compare(VectorOperators.LT, 0.25f));
    }

    /**
     * Gradients below this magnitude are set to zero. Gradients that vanish through time otherwise reach subnormal
     * floats, directly or as products with the weights inside the next gemm, and the CPU computes with subnormals
     * through microcode assists, 10–100× slower: every backward gemm crawls (a GRU over 230 steps: 2.6 s instead of
     * 0.3 s). 1e-30 keeps the products with any weight above ~1e-8 normal; it changes a gradient by less than 1e-30
     * (what flush-to-zero does in other frameworks, with margin; Java cannot set the FTZ flag).
     */
    static final float FLUSH_BELOW = 1e-30f;

    /** v with the lanes below {@link #FLUSH_BELOW} in magnitude set to zero. */
    static FloatVector flush(FloatVector v) {
        return v.blend(0f, v.abs().compare(VectorOperators.LT, FLUSH_BELOW));
    }

    /** Flushes x[off, off + n) (a gradient handed to another layer). */
    static void flush(float[] x, int off, int n) {
        int i = 0;
        if (!Kernels.SCALAR) {
            for (; i < S.loopBound(n); i += L) flush(FloatVector.fromArray(S, x, off + i)).intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] = flush(x[off + i]);
    }

    /** Scalar twin of {@link #flush(FloatVector)}. */
    static float flush(float v) {
        return Math.abs(v) < FLUSH_BELOW ? 0f : v;
    }

    // ---- in-place array kernels --------------------------------------------------------------------------------
    // The lane-wise sigmoid and tanh are called only from these two loops, so C2 always inlines them: a FloatVector
    // crossing a call that is not inlined is boxed (an allocation per vector, 3x slower). Fusing four gates and a
    // tanh(c) into one loop did exactly that once the helpers had been compiled on their own (InlineSmallCode).

    /** x = σ(x + bias) on x[off, off + n), bias[bOff, bOff + n) or null. */
    static void sigmoid(float[] x, int off, float[] bias, int bOff, int n) {
        int j = 0;
        for (; j < S.loopBound(n); j += L) {
            FloatVector a = FloatVector.fromArray(S, x, off + j);
            if (bias != null) a = a.add(FloatVector.fromArray(S, bias, bOff + j));
            sigmoid(a).intoArray(x, off + j);
        }
        for (; j < n; j++) x[off + j] = act(Activation.SIGMOID, x[off + j] + (bias == null ? 0f : bias[bOff + j]));
    }

    /** x = tanh(x + bias) on x[off, off + n), bias[bOff, bOff + n) or null. */
    static void tanh(float[] x, int off, float[] bias, int bOff, int n) {
        int j = 0;
        for (; j < S.loopBound(n); j += L) {
            FloatVector a = FloatVector.fromArray(S, x, off + j);
            if (bias != null) a = a.add(FloatVector.fromArray(S, bias, bOff + j));
            tanh(a).intoArray(x, off + j);
        }
        for (; j < n; j++) x[off + j] = act(Activation.TANH, x[off + j] + (bias == null ? 0f : bias[bOff + j]));
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
