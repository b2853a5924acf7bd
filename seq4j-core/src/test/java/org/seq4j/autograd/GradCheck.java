package org.seq4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.seq4j.tensor.Tensor;

/**
 * Finite-difference gradient checks in double precision.
 *
 * <p>The production ops run in float32, so their own finite differences would be noise-limited. Instead each test
 * gives an independent <em>double-precision reference</em> of the op's forward (plain loops, no seq4j code), and this
 * checker compares the production backward (float32, analytic) with central differences of that reference in double
 * (h = 1e-6). It also compares the production forward with the reference. Together they show the float32 op
 * computes the function the reference defines, and its derivative.
 */
public final class GradCheck {
    private GradCheck() {}

    /** A reference loss L(inputs) in double, where L = Σ y·w for the fixed random weights w of the check. */
    public interface Reference {
        double[] forward(List<double[]> inputs);
    }

    /**
     * @param inputs     the op's inputs (float32 tensors); all take gradients
     * @param op         the production op on variables
     * @param reference  the same function in double
     * @param tol        allowed |analytic − numeric| / max(1, |numeric|)
     */
    public static void check(List<Tensor> inputs, Function<List<Variable>, Variable> op, Reference reference, double tol) {
        SplittableRandom rnd = new SplittableRandom(99);
        List<Variable> vars = inputs.stream().map(t -> Variable.parameter(t.copy())).toList();
        Variable y = op.apply(vars);
        float[] yd = y.data();
        double[] w = new double[yd.length];
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextDouble(-1, 1);
        Tensor seed = Tensor.zeros(y.shape());
        for (int i = 0; i < w.length; i++) seed.data()[i] = (float) w[i];
        Autograd.backward(y, seed);

        List<double[]> xs = inputs.stream().map(GradCheck::toDouble).toList();
        double[] ref = reference.forward(xs);
        assertEquals(yd.length, ref.length, "reference output size");
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], yd[i], 1e-5 * Math.max(1, Math.abs(ref[i])), "forward value " + i);
        }
        ToDoubleFunction<List<double[]>> loss = in -> {
            double[] r = reference.forward(in);
            double s = 0;
            for (int i = 0; i < r.length; i++) s += r[i] * w[i];
            return s;
        };
        double h = 1e-6;
        for (int k = 0; k < xs.size(); k++) {
            double[] x = xs.get(k);
            Tensor g = vars.get(k).grad();
            for (int i = 0; i < x.length; i++) {
                double old = x[i];
                x[i] = old + h;
                double lp = loss.applyAsDouble(xs);
                x[i] = old - h;
                double lm = loss.applyAsDouble(xs);
                x[i] = old;
                double numeric = (lp - lm) / (2 * h);
                double analytic = g == null ? 0 : g.data()[i];
                assertEquals(numeric, analytic, tol * Math.max(1, Math.abs(numeric)), "d/d input" + k + "[" + i + "]");
            }
        }
    }

    public static double[] toDouble(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.data()[i];
        return d;
    }

    public static Tensor random(SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) rnd.nextDouble(-1, 1);
        return t;
    }
}
