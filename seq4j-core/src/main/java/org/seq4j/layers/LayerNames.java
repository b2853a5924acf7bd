package org.seq4j.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras' automatic layer names: the snake_case class name, then {@code _1}, {@code _2} … for later layers of
 * the same class within the process ({@code bidirectional}, {@code bidirectional_1}). {@link #reset()} is
 * Keras' {@code clear_session()}.
 */
public final class LayerNames {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private LayerNames() {}

    /** Next name for a base: {@code base}, then {@code base_1}, … */
    public static synchronized String next(String base) {
        int n = COUNTS.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /** One-based names, as Keras names inputs: {@code input_1}, {@code input_2}, … */
    public static synchronized String nextOneBased(String base) {
        return base + "_" + COUNTS.merge(base, 1, Integer::sum);
    }

    /** Forgets every count, as {@code tf.keras.backend.clear_session()} does. */
    public static synchronized void reset() {
        COUNTS.clear();
    }

    /** Keras' generic_utils.to_snake_case: "SimpleRNN" → "simple_rnn", "LSTM" → "lstm", "GRU" → "gru". */
    public static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("_") ? "private" + s : s;
    }

    static String validate(String name) {
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("Received an invalid value for argument `name`, expected a non-empty "
                    + "name without '/', got \"" + name + "\".");
        }
        return name;
    }
}
