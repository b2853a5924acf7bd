package org.seq4j.layers;

import java.util.SplittableRandom;
import org.seq4j.tensor.Tensor;

/**
 * Keras' default initializers.
 * <ul>
 *   <li>glorot_uniform (Glorot &amp; Bengio 2010): U(−l, l), l = √(6 / (fan_in + fan_out)); for a 2-D (I, O) kernel
 *       fan_in = I, fan_out = O.</li>
 *   <li>orthogonal (Saxe et al. 2014): the Q of a QR decomposition of a standard-normal matrix, signs fixed by R's
 *       diagonal; for a (H, 4H) recurrent kernel the rows are orthonormal.</li>
 *   <li>uniform(−0.05, 0.05): Keras' {@code RandomUniform} default for embeddings.</li>
 * </ul>
 */
public final class Initializers {
    private Initializers() {}

    public static Tensor glorotUniform(int fanIn, int fanOut, SplittableRandom rnd) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(-limit, limit, rnd, fanIn, fanOut);
    }

    public static Tensor uniform(double lo, double hi, SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        return t;
    }

    /** An orthogonal (rows, cols) matrix (orthonormal rows if rows ≤ cols, else orthonormal columns), times gain. */
    public static Tensor orthogonal(int rows, int cols, double gain, SplittableRandom rnd) {
        int tall = Math.max(rows, cols);
        int wide = Math.min(rows, cols);
        double[][] a = new double[tall][wide]; // Gaussian, decomposed as Q (tall×wide) R (wide×wide)
        for (int i = 0; i < tall; i++) for (int j = 0; j < wide; j++) a[i][j] = gaussian(rnd);
        double[][] q = gramSchmidt(a, tall, wide);
        Tensor t = Tensor.zeros(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rows >= cols ? q[i][j] : q[j][i];
                d[i * cols + j] = (float) (gain * v);
            }
        }
        return t;
    }

    /** Modified Gram-Schmidt on the columns; R's diagonal is then positive, which is Keras' sign convention. */
    private static double[][] gramSchmidt(double[][] a, int n, int m) {
        double[][] q = new double[n][m];
        for (int j = 0; j < m; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = a[i][j];
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += q[i][k] * v[i];
                for (int i = 0; i < n; i++) v[i] -= dot * q[i][k];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += v[i] * v[i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) q[i][j] = v[i] / norm;
        }
        return q;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
