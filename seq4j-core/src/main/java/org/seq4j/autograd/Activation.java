package org.seq4j.autograd;

import java.util.Locale;

/**
 * Keras activations by name. Element-wise ones are applied by {@link Ops#activation}; {@code softmax} acts on the
 * last axis.
 *
 * <ul>
 *   <li>linear: y = x</li>
 *   <li>relu: y = max(0, x)</li>
 *   <li>sigmoid: y = 1 / (1 + e^(−x)), dy/dx = y (1 − y)</li>
 *   <li>tanh: y = tanh x, dy/dx = 1 − y²</li>
 *   <li>softmax: y_i = e^(x_i) / Σ_j e^(x_j) over the last axis</li>
 * </ul>
 */
public enum Activation {
    LINEAR, RELU, SIGMOID, TANH, SOFTMAX;

    /** The Keras name ({@code "relu"}, ...). */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Keras activation name; {@code null} or "linear"/"none" give {@link #LINEAR}. */
    public static Activation parse(String name) {
        if (name == null) return LINEAR;
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("none")) return LINEAR;
        for (Activation a : values()) {
            if (a.kerasName().equals(n)) return a;
        }
        throw new IllegalArgumentException("Received an invalid value for argument `activation`, expected one of "
                + "linear, relu, sigmoid, tanh, softmax, got \"" + name + "\".");
    }
}
