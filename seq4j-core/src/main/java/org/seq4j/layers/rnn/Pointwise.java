package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;
import org.seq4j.kernels.VectorMath;

/**
 * Element-wise activations for the recurrent kernels, in place on {@code float[]} + offset + length, and their
 * derivatives written in terms of the activation's output (all the activations a cell may use have one:
 * tanh' = 1 − y², sigmoid' = y (1 − y), relu' = [y &gt; 0], linear' = 1), so that backward needs only the cached
 * activations.
 */
final class Pointwise {
    private Pointwise() {}

    /** The activations a recurrent cell accepts (softmax is not element-wise). */
    static Activation checkCellActivation(String arg, Activation a) {
        if (a == null || a == Activation.SOFTMAX) {
            throw org.seq4j.layers.Args.invalid(arg, "one of linear, relu, sigmoid, tanh", a == null ? "null" : a.kerasName());
        }
        return a;
    }

    /** x = f(x) on x[off, off + n). */
    static void apply(Activation f, float[] x, int off, int n) {
        switch (f) {
            case TANH -> VectorMath.tanh(x, off, x, off, n);
            case SIGMOID -> VectorMath.sigmoid(x, off, x, off, n);
            case RELU -> VectorMath.relu(x, off, x, off, n);
            case LINEAR -> { }
            default -> throw new AssertionError(f);
        }
    }

    /** f'(x) given y = f(x). */
    static float derivative(Activation f, float y) {
        return switch (f) {
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case RELU -> y > 0f ? 1f : 0f;
            case LINEAR -> 1f;
            default -> throw new AssertionError(f);
        };
    }

    /** g = g ⊙ f'(x) on g[gOff, gOff + n), given the outputs y = f(x) at y[yOff, yOff + n). */
    static void backprop(Activation f, float[] y, int yOff, float[] g, int gOff, int n) {
        switch (f) {
            case TANH -> { for (int j = 0; j < n; j++) { float v = y[yOff + j]; g[gOff + j] *= 1f - v * v; } }
            case SIGMOID -> { for (int j = 0; j < n; j++) { float v = y[yOff + j]; g[gOff + j] *= v * (1f - v); } }
            case RELU -> { for (int j = 0; j < n; j++) if (!(y[yOff + j] > 0f)) g[gOff + j] = 0f; }
            case LINEAR -> { }
            default -> throw new AssertionError(f);
        }
    }
}
