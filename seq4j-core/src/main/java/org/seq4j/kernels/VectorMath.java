package org.seq4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise maps and reductions on {@code float[]} + offset + length. Each kernel has a Vector-API body and a
 * scalar twin with the same signature ({@code xxxScalar}); {@link Kernels#SCALAR} routes every call to the twin.
 * Outputs may alias inputs exactly (in-place), never partially.
 *
 * <p>Every body follows one pattern: a main loop of {@code SPECIES.length()} lanes up to
 * {@code SPECIES.loopBound(n)}, then a scalar tail. Maps whose twins use the same operations ({@code add},
 * {@code axpy}, {@code relu}, ...) are bit-identical to them; reductions ({@code dot}, {@code sum}) add in a
 * different (but fixed) order and transcendental maps use a polynomial, so those agree within rounding.
 *
 * <p>{@code exp}, {@code sigmoid} and {@code tanh} use our own range reduction and polynomial built from IEEE
 * operations only, rather than {@code lanewise(EXP)}: the Vector API leaves the accuracy of those operators
 * implementation-defined (interpreted and compiled code may differ), which would break run-to-run bit
 * reproducibility. Accuracy: within 2e-7 absolute of the float64 function for tanh and sigmoid, 3 ulp for exp.
 */
public final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorMath() {}

    // ---- reductions -------------------------------------------------------------------------------------------

    /** Returns {@code sum_i a[aOff+i] * b[bOff+i]}. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (Kernels.SCALAR) {
            return dotScalar(a, aOff, b, bOff, n);
        }
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        float sum = sumLanes(acc);
        for (; i < n; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
    }

    public static float dotScalar(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
    }

    /** Returns {@code sum_i x[xOff+i]}. */
    public static float sum(float[] x, int xOff, int n) {
        if (Kernels.SCALAR) {
            return sumScalar(x, xOff, n);
        }
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, xOff + i));
        }
        float sum = sumLanes(acc);
        for (; i < n; i++) {
            sum += x[xOff + i];
        }
        return sum;
    }

    public static float sumScalar(float[] x, int xOff, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += x[xOff + i];
        }
        return sum;
    }

    /** Returns {@code max_i x[xOff+i]}, NaN if any element is NaN, {@code -Infinity} when {@code n == 0}. */
    public static float max(float[] x, int xOff, int n) {
        if (Kernels.SCALAR) {
            return maxScalar(x, xOff, n);
        }
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            acc = acc.max(FloatVector.fromArray(S, x, xOff + i));
        }
        float max = acc.reduceLanes(VectorOperators.MAX); // exact in any order, unlike ADD
        for (; i < n; i++) {
            max = Math.max(max, x[xOff + i]);
        }
        return max;
    }

    public static float maxScalar(float[] x, int xOff, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xOff + i]);
        }
        return max;
    }

    /**
     * Adds the lanes of {@code v} in a fixed tree order. {@code reduceLanes(ADD)} may pick a different order in
     * interpreted and compiled code, so it is never used for floating-point sums.
     */
    static float sumLanes(FloatVector v) {
        for (int width = v.length() / 2; width > 0; width /= 2) {
            v = v.add(v.slice(width)); // lane i += lane i+width (upper lanes get zeros and are ignored)
        }
        return v.lane(0);
    }

    // ---- linear maps ------------------------------------------------------------------------------------------

    /** {@code y += alpha * x}, with one rounding per element (fused multiply-add). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (Kernels.SCALAR) {
            axpyScalar(alpha, x, xOff, y, yOff, n);
            return;
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    public static void axpyScalar(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    /** {@code out = a + b}. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            addScalar(a, aOff, b, bOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void addScalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** {@code out = a - b}. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            subScalar(a, aOff, b, bOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void subScalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    /** {@code out = a ∘ b} (element-wise product). */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            mulScalar(a, aOff, b, bOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void mulScalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    /** {@code out += a ∘ b}, fused (one rounding per element). */
    public static void mulAdd(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            mulAddScalar(a, aOff, b, bOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i)
                    .fma(FloatVector.fromArray(S, b, bOff + i), FloatVector.fromArray(S, out, outOff + i))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Math.fma(a[aOff + i], b[bOff + i], out[outOff + i]);
        }
    }

    public static void mulAddScalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(a[aOff + i], b[bOff + i], out[outOff + i]);
        }
    }

    /** {@code out = alpha * x}. */
    public static void scale(float alpha, float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            scaleScalar(alpha, x, xOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = alpha * x[xOff + i];
        }
    }

    public static void scaleScalar(float alpha, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = alpha * x[xOff + i];
        }
    }

    /** {@code x[xOff .. xOff+n) = value}. */
    public static void fill(float value, float[] x, int xOff, int n) {
        if (Kernels.SCALAR) {
            fillScalar(value, x, xOff, n);
            return;
        }
        FloatVector v = FloatVector.broadcast(S, value);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            v.intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] = value;
        }
    }

    public static void fillScalar(float value, float[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] = value;
        }
    }

    // ---- non-linear maps --------------------------------------------------------------------------------------

    /** {@code out = max(x, 0)} (NaN stays NaN). */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            reluScalar(x, xOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    public static void reluScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** {@code out = e^x}. */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            expScalar(x, xOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            exp(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) { // the tail as one masked vector, so that every element gets the same rounding
            VectorMask<Float> m = S.indexInRange(i, n);
            exp(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    public static void expScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) StrictMath.exp(x[xOff + i]);
        }
    }

    /** {@code out = 1 / (1 + e^-x)}. */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            sigmoidScalar(x, xOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) { // the tail as one masked vector, so that every element gets the same rounding
            VectorMask<Float> m = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    public static void sigmoidScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (1.0 / (1.0 + StrictMath.exp(-x[xOff + i])));
        }
    }

    /** {@code out = tanh(x)}. */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            tanhScalar(x, xOff, out, outOff, n);
            return;
        }
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) { // the tail as one masked vector, so that every element gets the same rounding
            VectorMask<Float> m = S.indexInRange(i, n);
            tanh(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    public static void tanhScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) StrictMath.tanh(x[xOff + i]);
        }
    }

    // ---- lane-wise building blocks ----------------------------------------------------------------------------

    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that {@code n * LN2_HI} is exact for the |n| <= 150 we meet (Cody and Waite). */
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Adding 1.5 * 2^23 rounds any |t| < 2^22 to the nearest integer, which then sits in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);

    /** e^x: x = n ln2 + r with |r| <= ln2/2, e^r by its Taylor series to r^7 (error < 6e-9), times 2^n. */
    static FloatVector exp(FloatVector x) {
        x = x.max(-104f).min(89f); // e^x is 0 below and +Inf above these anyway; keeps n in [-150, 129]
        FloatVector t = x.mul(LOG2E).add(ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        FloatVector r = n.fma(broadcast(-LN2_HI), x);
        r = n.fma(broadcast(-LN2_LO), r);
        FloatVector p = expm1Taylor(r).add(1f);
        // 2^n as two powers of two, each with a normal exponent, so that underflow and overflow round correctly
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        return p.mul(powerOfTwo(half)).mul(powerOfTwo(ni.sub(half)));
    }

    /** 1 / (1 + e^-x). */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    /**
     * tanh(x) = m / (m + 2) with m = e^{2|x|} - 1, then the sign of x. Computing m directly (rather than e^{2x})
     * keeps full relative accuracy near 0.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs().min(10f); // tanh(10) rounds to 1f
        FloatVector y = ax.add(ax);
        FloatVector t = y.mul(LOG2E).add(ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        FloatVector r = n.fma(broadcast(-LN2_HI), y);
        r = n.fma(broadcast(-LN2_LO), r);
        FloatVector scale = powerOfTwo(ni); // n in [0, 29]
        FloatVector m = scale.fma(expm1Taylor(r), scale.sub(1f)); // 2^n (e^r - 1) + (2^n - 1)
        FloatVector th = m.div(m.add(2f));
        IntVector sign = x.reinterpretAsInts().and(0x80000000);
        return th.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /** e^r - 1 for |r| <= ln2/2: r (1 + r/2 + r^2/6 + ... + r^6/7!), Horner with fused multiply-adds. */
    private static FloatVector expm1Taylor(FloatVector r) {
        FloatVector q = FloatVector.broadcast(S, 1f / 5040);
        q = q.fma(r, broadcast(1f / 720));
        q = q.fma(r, broadcast(1f / 120));
        q = q.fma(r, broadcast(1f / 24));
        q = q.fma(r, broadcast(1f / 6));
        q = q.fma(r, broadcast(1f / 2));
        q = q.fma(r, broadcast(1f));
        return q.mul(r);
    }

    private static FloatVector broadcast(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** 2^e for integer lanes e in [-126, 127], built directly in the exponent field. */
    private static FloatVector powerOfTwo(IntVector e) {
        return e.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
