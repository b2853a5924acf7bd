package org.seq4j.cli.experiments;

import java.util.SplittableRandom;
import org.seq4j.tensor.Tensor;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997, "Long Short-Term Memory", experiment 4; in the form of
 * Le, Jaitly &amp; Hinton 2015, "A Simple Way to Initialize Recurrent Networks of Rectified Linear Units").
 *
 * <p>Each of the T steps carries two features: a value drawn from U[0, 1] and a marker, 1 at exactly two steps
 * (one in the first half, {@code [0, T/2)}, one in the second, {@code [T/2, T)}) and 0 elsewhere. The target is
 * the sum of the two marked values. It lies in [0, 2] with mean 1 and variance 1/6, so always answering 1 scores
 * {@link #BASELINE_MSE}: a network only beats it by carrying the first marked value across at least T/2 steps.
 */
public final class AddingProblem {
    /** The MSE of the constant prediction 1: the variance of the sum of two U[0, 1] values, 2 · 1/12. */
    public static final double BASELINE_MSE = 1.0 / 6.0;

    /** Features per step: value, marker. */
    public static final int FEATURES = 2;

    /** A batch: x (n, T, 2), y (n, 1). */
    public record Batch(Tensor x, Tensor y) {}

    private AddingProblem() {}

    /** {@code n} fresh sequences of {@code length} steps drawn from {@code rng}. */
    public static Batch sample(int n, int length, SplittableRandom rng) {
        if (n < 1) throw new IllegalArgumentException("Received an invalid value for argument `n`, expected a positive integer, got " + n);
        if (length < 2) {
            throw new IllegalArgumentException("Received an invalid value for argument `length`, expected an integer >= 2 "
                    + "(one marked step in each half), got " + length);
        }
        int half = length / 2;
        float[] x = new float[n * length * FEATURES]; // (n, T, 2)
        float[] y = new float[n];                     // (n, 1)
        for (int b = 0; b < n; b++) {
            int row = b * length * FEATURES;
            for (int t = 0; t < length; t++) x[row + t * FEATURES] = (float) rng.nextDouble();
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(length - half);
            x[row + first * FEATURES + 1] = 1f;
            x[row + second * FEATURES + 1] = 1f;
            y[b] = x[row + first * FEATURES] + x[row + second * FEATURES];
        }
        return new Batch(Tensor.of(x, n, length, FEATURES), Tensor.of(y, n, 1));
    }
}
