package org.seq4j.layers;

import org.seq4j.autograd.Variable;

/**
 * A layer's weight: its Keras name relative to the layer ({@code "kernel"}, {@code "lstm_cell/recurrent_kernel"},
 * {@code "forward_lstm/lstm_cell/bias"}), the variable, and whether optimizers update it.
 */
public record Weight(String name, Variable variable, boolean trainable) {}
