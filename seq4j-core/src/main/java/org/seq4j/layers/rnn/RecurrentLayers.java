package org.seq4j.layers.rnn;

import java.util.Map;
import org.seq4j.layers.Args;

/** Rebuilds a serialized recurrent layer ({@code {"class_name": "LSTM", "config": {...}}}). */
public final class RecurrentLayers {
    private RecurrentLayers() {}

    /** The layer a {@link org.seq4j.layers.LayerConfig#of} map describes: SimpleRNN, LSTM or GRU. */
    @SuppressWarnings("unchecked")
    public static RecurrentLayer<?> fromConfig(Map<String, Object> serialized) {
        Object cls = serialized.get("class_name");
        Object cfg = serialized.get("config");
        if (!(cfg instanceof Map<?, ?>)) throw Args.invalid("config", "a map of layer options", String.valueOf(cfg));
        Map<String, Object> c = (Map<String, Object>) cfg;
        return switch (String.valueOf(cls)) {
            case "SimpleRNN" -> SimpleRNN.fromConfig(c);
            case "LSTM" -> LSTM.fromConfig(c);
            case "GRU" -> GRU.fromConfig(c);
            default -> throw Args.invalid("class_name", "one of SimpleRNN, LSTM, GRU", "\"" + cls + "\"");
        };
    }
}
