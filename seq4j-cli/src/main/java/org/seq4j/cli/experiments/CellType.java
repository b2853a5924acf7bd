package org.seq4j.cli.experiments;

import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.layers.rnn.SimpleRNN;

/**
 * The three recurrent cells compared, with their Keras defaults (tanh; LSTM unit forget bias; GRU reset_after),
 * and the unit counts that give each about the same number of parameters.
 */
public enum CellType {
    SIMPLE_RNN("SimpleRNN"),
    LSTM("LSTM"),
    GRU("GRU");

    private final String label;

    CellType(String label) {
        this.label = label;
    }

    /** The Keras class name, as printed. */
    public String label() {
        return label;
    }

    /**
     * A fresh layer of this cell with its final states among the outputs ({@code returnState}): {@link GradientFlow}
     * chains them step by step, a model may use the first output only.
     */
    public RecurrentLayer<?> newLayer(int units) {
        return switch (this) {
            case SIMPLE_RNN -> new SimpleRNN(units).withReturnState(true);
            case LSTM -> new org.seq4j.layers.rnn.LSTM(units).withReturnState(true);
            case GRU -> new org.seq4j.layers.rnn.GRU(units).withReturnState(true);
        };
    }

    /** Recurrent-layer parameters for {@code units} on {@code inputs} features (the formulas of each layer's Javadoc). */
    public long params(int units, int inputs) {
        long h = units;
        return switch (this) {
            case SIMPLE_RNN -> h * (inputs + h + 1);
            case LSTM -> 4 * h * (inputs + h + 1);
            case GRU -> 3 * h * (inputs + h + 2); // reset_after: input and recurrent biases
        };
    }

    /** The units whose parameter count is closest to an LSTM of {@code lstmUnits} on the same inputs (ties: fewer). */
    public int unitsMatching(int lstmUnits, int inputs) {
        long target = LSTM.params(lstmUnits, inputs);
        int best = 1;
        for (int u = 1; params(u, inputs) <= 2 * target; u++) {
            if (Math.abs(params(u, inputs) - target) < Math.abs(params(best, inputs) - target)) best = u;
        }
        return best;
    }
}
