package org.seq4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise maps and reductions on {@code float[]} + offset + length. Each kernel has a Vector-API body and a
 * scalar twin with the same signature ({@code xxxScalar}); {@link Kernels#SCALAR} routes every call to the twin.
 * Outputs may alias inputs exactly (in-place), never partially.
 *
 * <p>Every body follows one pattern: a main loop of {@code SPECIES.length()} lanes up to
 * {@code SPECIES.loopBound(n)}, then a scalar tail (the transcendental maps: one masked iteration instead). Maps
 * whose twins use the same operations ({@code add}, {@code axpy}, {@code relu}, ...) are bit-identical to them;
 * reductions ({@code dot}, {@code sum}) add in a different (but fixed) order and transcendental maps use a
 * polynomial, so those agree within rounding.
 *
 * <p>{@code exp}, {@code sigmoid} and {@code tanh} use our own range reduction and polynomial built from IEEE
 * operations only, rather than {@code lanewise(EXP / TANH)}: the Vector API leaves the accuracy of those
 * operators implementation-defined (interpreted and compiled code may differ), which would break run-to-run bit
 * reproducibility. Accuracy against float64: tanh and sigmoid within 2e-7 absolute, exp within 3 ulp. Speed
 * (1 thread, 512 floats, CPU time, best of 40): exp 195 ns, sigmoid 183, tanh 181; the Vector API's lanewise
 * TANH 205, lanewise EXP then 1 / (1 + e) 141; StrictMath twins 4,100 (sigmoid) and 5,900 (tanh).
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

    // exp, sigmoid and tanh share one method of computing e^y: y = n ln2 + r with n an integer and |r| <= ln2/2
    // (Cody and Waite's two-part ln2 keeps r exact), e^r - 1 by its Taylor series to r^7 (error < 6e-9, Horner
    // with fused multiply-adds), then scaled by 2^n built in the exponent bits. The steps are written out in each
    // loop rather than in helpers taking and returning vectors: when C2 compiles such a helper on its own (it
    // did, under JMH), later callers stop inlining it and every vector is boxed; tanh on 512 floats went from
    // 190 ns to 2.5-4 us. The tail is one masked iteration of the same loop, so every element is rounded alike;
    // only that iteration loads and stores with the mask, and the clamps are compare-and-blend (Java's min and max
    // must order -0 < +0 and propagate NaN, a longer sequence on AVX2; for these constant bounds a blend gives the
    // same bits). Both mattered on AVX2 (Zen 3, 1 thread, 512 floats, best of 200): sigmoid 400 -> 268 ns, tanh
    // 380 -> 332 ns, the LSTM's row kernel 607 -> 470 ns per row of 128 units; masking every iteration and
    // min/max had cost little on AVX-512, where masks are registers of their own.

    private static final float LOG2E = 1.44269504f;
    /** ln 2 in two parts: n * LN2_HI is exact for the |n| < 2^9 we meet. */
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Adding 1.5 * 2^23 rounds any |t| < 2^22 to an integer, which then sits in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /** Taylor coefficients 1/7!, 1/6!, ..., 1/2!, 1/1! of (e^r - 1) / r, highest first. */
    private static final float C7 = 1f / 5040, C6 = 1f / 720, C5 = 1f / 120, C4 = 1f / 24, C3 = 1f / 6, C2 = 0.5f;

    /** {@code out = e^x}, within 3 ulp (0 below -104, +Infinity above 88.72, NaN stays NaN). */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            expScalar(x, xOff, out, outOff, n);
            return;
        }
        FloatVector negLn2Hi = FloatVector.broadcast(S, -LN2_HI), negLn2Lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector c5 = FloatVector.broadcast(S, C5), c4 = FloatVector.broadcast(S, C4);
        FloatVector c3 = FloatVector.broadcast(S, C3), c2 = FloatVector.broadcast(S, C2);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            boolean whole = i + L <= n;
            FloatVector v = whole ? FloatVector.fromArray(S, x, xOff + i)
                    : FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n));
            v = v.blend(-104f, v.compare(VectorOperators.LT, -104f)) // n in [-150, 129]
                    .blend(89f, v.compare(VectorOperators.GT, 89f));
            FloatVector t = v.mul(LOG2E).add(ROUND);
            FloatVector k = t.sub(ROUND); // n as a float
            IntVector ki = t.reinterpretAsInts().sub(ROUND_BITS); // n as an int
            FloatVector r = k.fma(negLn2Lo, k.fma(negLn2Hi, v));
            FloatVector q = r.fma(C7, C6).fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r, one); // (e^r - 1)/r
            FloatVector er = q.fma(r, one);
            // 2^n as two powers of two with normal exponents, so that underflow and overflow round correctly
            IntVector half = ki.lanewise(VectorOperators.ASHR, 1);
            FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = ki.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = er.mul(s1).mul(s2);
            if (whole) e.intoArray(out, outOff + i); else e.intoArray(out, outOff + i, S.indexInRange(i, n));
        }
    }

    public static void expScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) StrictMath.exp(x[xOff + i]);
        }
    }

    /**
     * {@code out = 1 / (1 + e^-x)}, within 1e-7 absolute. Here e^-x = 2^n e^-s with n = round(-x / ln2) and
     * s = x + n ln2, which needs no negation; e^-s to degree 6 (relative error < 1.2e-7, which the sigmoid
     * shrinks by s(1-s) <= 1/4). 1 thread, 512 floats, CPU time, best of 40: 230 ns with the exp kernel's steps,
     * 183 ns like this (the Vector API's lanewise EXP, then 1 / (1 + e): 139 ns, but see the note above).
     */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        sigmoid(x, xOff, null, 0, out, outOff, n);
    }

    /**
     * {@code out = σ(x + bias)}, bias[bOff, bOff + n) or null: the sum rounded to float first, exactly as
     * {@link #add} then {@link #sigmoid(float[], int, float[], int, int)} would, in one pass (a gate's bias).
     */
    public static void sigmoid(float[] x, int xOff, float[] bias, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            if (bias != null) addScalar(x, xOff, bias, bOff, out, outOff, n);
            sigmoidScalar(bias != null ? out : x, bias != null ? outOff : xOff, out, outOff, n);
            return;
        }
        FloatVector ln2Hi = FloatVector.broadcast(S, LN2_HI), ln2Lo = FloatVector.broadcast(S, LN2_LO);
        FloatVector d4 = FloatVector.broadcast(S, C4), d3 = FloatVector.broadcast(S, -C3);
        FloatVector d2 = FloatVector.broadcast(S, C2), d1 = FloatVector.broadcast(S, -1f);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            boolean whole = i + L <= n;
            // x in [-89, 87] keeps n in [-126, 128]: 2^n normal, or +Inf at 128 (then 1 / Inf = 0)
            FloatVector v = whole ? FloatVector.fromArray(S, x, xOff + i)
                    : FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n));
            if (bias != null) {
                v = v.add(whole ? FloatVector.fromArray(S, bias, bOff + i)
                        : FloatVector.fromArray(S, bias, bOff + i, S.indexInRange(i, n)));
            }
            v = v.blend(-89f, v.compare(VectorOperators.LT, -89f)).blend(87f, v.compare(VectorOperators.GT, 87f));
            FloatVector t = v.mul(-LOG2E).add(ROUND);
            FloatVector k = t.sub(ROUND); // n as a float
            FloatVector sv = k.fma(ln2Lo, k.fma(ln2Hi, v));
            FloatVector es = sv.fma(C6, -C5).fma(sv, d4).fma(sv, d3).fma(sv, d2).fma(sv, d1).fma(sv, one); // e^-s
            FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127) // n + 127, the biased exponent
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^n
            FloatVector sig = one.div(es.fma(scale, one));
            if (whole) sig.intoArray(out, outOff + i); else sig.intoArray(out, outOff + i, S.indexInRange(i, n));
        }
    }

    public static void sigmoidScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (1.0 / (1.0 + StrictMath.exp(-x[xOff + i])));
        }
    }

    /**
     * {@code out = tanh(x)}, within 2e-7 absolute and with full relative accuracy near 0: tanh|x| = m / (m + 2)
     * with m = e^{2|x|} - 1 computed directly as 2^n (e^r - 1) + (2^n - 1), then the sign of x.
     */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        tanh(x, xOff, null, 0, out, outOff, n);
    }

    /** {@code out = tanh(x + bias)}, bias[bOff, bOff + n) or null, in one pass (as for {@link #sigmoid}). */
    public static void tanh(float[] x, int xOff, float[] bias, int bOff, float[] out, int outOff, int n) {
        if (Kernels.SCALAR) {
            if (bias != null) addScalar(x, xOff, bias, bOff, out, outOff, n);
            tanhScalar(bias != null ? out : x, bias != null ? outOff : xOff, out, outOff, n);
            return;
        }
        FloatVector negLn2Hi = FloatVector.broadcast(S, -LN2_HI), negLn2Lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector c5 = FloatVector.broadcast(S, C5), c4 = FloatVector.broadcast(S, C4);
        FloatVector c3 = FloatVector.broadcast(S, C3), c2 = FloatVector.broadcast(S, C2);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            boolean whole = i + L <= n;
            FloatVector v = whole ? FloatVector.fromArray(S, x, xOff + i)
                    : FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n));
            if (bias != null) {
                v = v.add(whole ? FloatVector.fromArray(S, bias, bOff + i)
                        : FloatVector.fromArray(S, bias, bOff + i, S.indexInRange(i, n)));
            }
            FloatVector a = v.abs();
            // tanh(10) rounds to 1f; n stays in [0, 29]
            FloatVector y = a.blend(10f, a.compare(VectorOperators.GT, 10f)).mul(2f);
            FloatVector t = y.mul(LOG2E).add(ROUND);
            FloatVector k = t.sub(ROUND);
            FloatVector r = k.fma(negLn2Lo, k.fma(negLn2Hi, y));
            FloatVector em1 = r.fma(C7, C6).fma(r, c5).fma(r, c4).fma(r, c3).fma(r, c2).fma(r, one).mul(r);
            FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127) // n + 127, the biased exponent
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^n
            FloatVector em = scale.fma(em1, scale.sub(one)); // e^y - 1
            FloatVector th = em.div(em.add(2f));
            IntVector sign = v.reinterpretAsInts().and(0x80000000);
            FloatVector signed = th.reinterpretAsInts().or(sign).reinterpretAsFloats();
            if (whole) signed.intoArray(out, outOff + i); else signed.intoArray(out, outOff + i, S.indexInRange(i, n));
        }
    }

    public static void tanhScalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) StrictMath.tanh(x[xOff + i]);
        }
    }
}
