package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.seq4j.autograd.Variable;
import org.seq4j.tensor.Tensor;

/** Test helpers: parameters with a chosen gradient, and element-wise comparison with a double reference. */
final class Params {
    private Params() {}

    static Variable param(double... values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) data[i] = (float) values[i];
        return Variable.parameter(Tensor.of(data, values.length));
    }

    /** Sets {@code p}'s gradient to {@code g} (overwriting, as after zeroGrad + backward). */
    static void setGrad(Variable p, double... g) {
        float[] buf = p.gradBuffer().data();
        for (int i = 0; i < g.length; i++) buf[i] = (float) g[i];
    }

    /** Relative-or-absolute closeness, printing the first mismatch. */
    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (diff > tol * Math.max(1, Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                        + " (diff " + diff + ")");
            }
        }
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
