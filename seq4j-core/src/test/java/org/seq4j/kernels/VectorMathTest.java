package org.seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Every element-wise kernel against its scalar twin at sizes around the vector width, with offsets. */
class VectorMathTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int[] SIZES = {0, 1, 2, L - 1, L, L + 1, 2 * L - 1, 2 * L + 3, 101};
    private static final int OFF = 3;

    interface Map {
        void apply(float[] x, int xOff, float[] out, int outOff, int n);
    }

    interface Zip {
        void apply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);
    }

    private static float[] random(long seed, int n, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** Runs both variants on offset copies; checks they agree within {@code tol} and touch only [OFF, OFF+n). */
    private static void checkMap(String name, Map vector, Map scalar, double scale, double tol) {
        for (int n : SIZES) {
            float[] x = random(n, n + 2 * OFF, scale);
            float[] outV = random(n + 1, n + 2 * OFF + 1, 1);
            float[] outS = outV.clone();
            float[] before = outV.clone();
            vector.apply(x, OFF, outV, OFF + 1, n);
            scalar.apply(x, OFF, outS, OFF + 1, n);
            for (int i = 0; i < outV.length; i++) {
                boolean inside = i >= OFF + 1 && i < OFF + 1 + n;
                float expected = inside ? outS[i] : before[i];
                double diff = Math.abs(outV[i] - expected);
                if (!(diff <= (inside ? tol : 0)) && !(Float.isNaN(outV[i]) && Float.isNaN(expected))) {
                    fail(name + " n=" + n + " index " + i + ": vector " + outV[i] + ", expected " + expected);
                }
            }
        }
    }

    private static void checkZip(String name, Zip vector, Zip scalar) {
        for (int n : SIZES) {
            float[] a = random(n, n + OFF, 2);
            float[] b = random(n + 7, n + 2 * OFF, 2);
            float[] outV = random(n + 9, n + 3 * OFF, 2);
            float[] outS = outV.clone();
            vector.apply(a, OFF, b, 2 * OFF, outV, OFF - 1, n);
            scalar.apply(a, OFF, b, 2 * OFF, outS, OFF - 1, n);
            for (int i = 0; i < outV.length; i++) {
                assertEquals(Float.floatToRawIntBits(outS[i]), Float.floatToRawIntBits(outV[i]),
                        name + " n=" + n + " index " + i);
            }
        }
    }

    @Test
    void zipsMatchTheirTwinsBitForBit() {
        checkZip("add", VectorMath::add, VectorMath::addScalar);
        checkZip("sub", VectorMath::sub, VectorMath::subScalar);
        checkZip("mul", VectorMath::mul, VectorMath::mulScalar);
        checkZip("mulAdd", VectorMath::mulAdd, VectorMath::mulAddScalar);
    }

    @Test
    void linearMapsMatchTheirTwinsBitForBit() {
        checkMap("scale", (x, xo, o, oo, n) -> VectorMath.scale(-1.7f, x, xo, o, oo, n),
                (x, xo, o, oo, n) -> VectorMath.scaleScalar(-1.7f, x, xo, o, oo, n), 3, 0);
        checkMap("axpy", (x, xo, o, oo, n) -> VectorMath.axpy(0.3f, x, xo, o, oo, n),
                (x, xo, o, oo, n) -> VectorMath.axpyScalar(0.3f, x, xo, o, oo, n), 3, 0);
        checkMap("relu", VectorMath::relu, VectorMath::reluScalar, 3, 0);
        checkMap("fill", (x, xo, o, oo, n) -> VectorMath.fill(x.length, o, oo, n),
                (x, xo, o, oo, n) -> VectorMath.fillScalar(x.length, o, oo, n), 1, 0);
    }

    @Test
    void reductionsMatchDoublePrecision() {
        for (int n : SIZES) {
            float[] a = random(n, n + OFF, 1);
            float[] b = random(n + 1, n + OFF, 1);
            double dot = 0, sum = 0, magnitude = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                dot += (double) a[OFF + i] * b[OFF + i];
                sum += a[OFF + i];
                magnitude += Math.abs(a[OFF + i]);
                max = Math.max(max, a[OFF + i]);
            }
            double tol = (n + 1) * 0x1p-24 * magnitude;
            assertEquals(dot, VectorMath.dot(a, OFF, b, OFF, n), tol, "dot n=" + n);
            assertEquals(dot, VectorMath.dotScalar(a, OFF, b, OFF, n), tol, "dotScalar n=" + n);
            assertEquals(sum, VectorMath.sum(a, OFF, n), tol, "sum n=" + n);
            assertEquals(sum, VectorMath.sumScalar(a, OFF, n), tol, "sumScalar n=" + n);
            assertEquals(max, VectorMath.max(a, OFF, n), "max n=" + n);
            assertEquals(max, VectorMath.maxScalar(a, OFF, n), "maxScalar n=" + n);
        }
        float[] withNaN = {1, Float.NaN, 3};
        assertTrue(Float.isNaN(VectorMath.max(withNaN, 0, 3)));
    }

    /** σ(x + b) and tanh(x + b) in one pass: the bits of the sum, then the map; only [OFF, OFF + n) written. */
    @Test
    void biasedMapsEqualAddThenMapBitForBit() {
        for (int n : SIZES) {
            float[] x = random(2 * n + 1, n + 2 * OFF, 30), bias = random(3 * n + 2, n + OFF, 3);
            for (boolean sigmoid : new boolean[] {true, false}) {
                float[] want = random(n + 5, n + 2 * OFF, 1), got = want.clone();
                VectorMath.add(x, OFF, bias, 1, want, OFF, n);
                if (sigmoid) {
                    VectorMath.sigmoid(want, OFF, want, OFF, n);
                    VectorMath.sigmoid(x, OFF, bias, 1, got, OFF, n);
                } else {
                    VectorMath.tanh(want, OFF, want, OFF, n);
                    VectorMath.tanh(x, OFF, bias, 1, got, OFF, n);
                }
                assertArrayEquals(want, got, (sigmoid ? "sigmoid" : "tanh") + " n=" + n);
            }
        }
    }

    @Test
    void transcendentalMapsMatchTheirTwinsAtAnyOffset() {
        checkMap("sigmoid", VectorMath::sigmoid, VectorMath::sigmoidScalar, 30, 2e-7);
        checkMap("tanh", VectorMath::tanh, VectorMath::tanhScalar, 12, 2e-7);
        checkMap("exp", VectorMath::exp, VectorMath::expScalar, 3, 1e-6); // values up to e^3 ~ 20: 3 ulp
    }

    /** Dense sweep plus special values against float64: absolute error for tanh/sigmoid, relative for exp. */
    @Test
    void transcendentalAccuracy() {
        int n = 400_001;
        float[] x = new float[n + 9];
        for (int i = 0; i < n; i++) {
            x[i] = -20f + 40f * i / (n - 1);
        }
        float[] special = {0f, -0f, 1e-30f, -1e-8f, 88.7f, -87.5f, -103f, 200f, -200f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        System.arraycopy(special, 0, x, n - special.length, special.length);
        float[] out = new float[x.length];

        VectorMath.tanh(x, 0, out, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(out[i] - Math.tanh(x[i])));
            assertEquals(Math.copySign(1.0, x[i]), Math.copySign(1.0, out[i]), "tanh sign at " + x[i]);
        }
        assertTrue(worst <= 2e-7, "tanh max abs error " + worst);
        assertEquals(1e-30f, tanhOf(1e-30f), 1e-36f, "tanh keeps tiny arguments");

        VectorMath.sigmoid(x, 0, out, 0, n);
        worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(out[i] - 1 / (1 + Math.exp(-(double) x[i]))));
        }
        assertTrue(worst <= 2e-7, "sigmoid max abs error " + worst);

        VectorMath.exp(x, 0, out, 0, n);
        worst = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            if (exact > Float.MIN_NORMAL && exact < Float.MAX_VALUE) {
                worst = Math.max(worst, Math.abs(out[i] - exact) / Math.ulp((float) exact));
            }
        }
        assertTrue(worst <= 3, "exp max error " + worst + " ulp");
        assertEquals(Float.POSITIVE_INFINITY, expOf(200f));
        assertEquals(0f, expOf(-200f));
        assertEquals(1f, expOf(0f));
        assertTrue(Float.isNaN(expOf(Float.NaN)));
        assertTrue(Float.isNaN(tanhOf(Float.NaN)));
        assertEquals(1f, tanhOf(Float.POSITIVE_INFINITY));
        assertEquals(0f, sigmoidOf(Float.NEGATIVE_INFINITY));
        assertEquals(1f, sigmoidOf(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(sigmoidOf(Float.NaN)));
    }

    private static float expOf(float v) {
        float[] out = new float[1];
        VectorMath.exp(new float[] {v}, 0, out, 0, 1);
        return out[0];
    }

    private static float tanhOf(float v) {
        float[] out = new float[1];
        VectorMath.tanh(new float[] {v}, 0, out, 0, 1);
        return out[0];
    }

    private static float sigmoidOf(float v) {
        float[] out = new float[1];
        VectorMath.sigmoid(new float[] {v}, 0, out, 0, 1);
        return out[0];
    }
}
