package org.seq4j.layers.rnn;

import java.util.Map;
import org.seq4j.tensor.Tensor;

/**
 * Fully connected recurrent layer (Elman 1990, "Finding Structure in Time"), Keras' {@code SimpleRNN}.
 *
 * <pre>
 *   h_t = φ(x_t·W + h_{t−1}·U + b)          φ the activation (tanh by default)
 * </pre>
 * Weights: {@code simple_rnn_cell/kernel} (I, H), {@code simple_rnn_cell/recurrent_kernel} (H, H),
 * {@code simple_rnn_cell/bias} (H). Parameters: H(I + H + 1).
 *
 * <p>Inputs {@code [x]} or {@code [x, h0]}; outputs {@code [y]} or, with returnState, {@code [y, h]}. See
 * {@link RecurrentLayer} for masking, dropout and the options.
 */
public final class SimpleRNN extends RecurrentLayer<SimpleRNN> {
    public SimpleRNN(int units) {
        this(units, null);
    }

    /** @param name the layer name, or null for Keras' automatic one ({@code simple_rnn}, {@code simple_rnn_1}, …) */
    public SimpleRNN(int units, String name) {
        super(units, name);
    }

    /** A SimpleRNN from its {@link #config()} (Keras {@code from_config}). */
    public static SimpleRNN fromConfig(Map<String, Object> config) {
        return new SimpleRNN(units(config), name(config)).applyConfig(config);
    }

    @Override
    SimpleRNN recreate(Map<String, Object> config) {
        return fromConfig(config);
    }

    @Override
    String cellName() {
        return "simple_rnn_cell";
    }

    @Override
    RecurrentOp.Cell cell() {
        return new RecurrentOp.Cell(RecurrentOp.Kind.SIMPLE_RNN, activation(), null, false);
    }

    @Override
    Tensor initialBias() {
        return Tensor.zeros(units());
    }

    @Override
    void cellConfig(Map<String, Object> c) {}
}
