package org.seq4j.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Named model specs: the seed notebook's two IMDB models, the GRU variant, and our best recipe. */
public final class Presets {
    private static final Map<String, String> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("imdb-lstm", "embedding(10000,64,mask_zero) lstm(128) dense(1,sigmoid)");
        PRESETS.put("imdb-stacked-bilstm",
                "embedding(10000,64,mask_zero) bidirectional(lstm(128,return_sequences)) bidirectional(lstm(128)) dense(1,sigmoid)");
        PRESETS.put("imdb-gru", "embedding(10000,64,mask_zero) gru(128) dense(1,sigmoid)");
        PRESETS.put("imdb-best",
                "embedding(20000,128,mask_zero) dropout(0.3) bidirectional(gru(64,return_sequences)) global_max_pool dropout(0.5) dense(1,sigmoid)");
    }

    private Presets() {}

    public static Optional<String> spec(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    public static String names() {
        return String.join(", ", PRESETS.keySet());
    }

    public static Map<String, String> all() {
        return Map.copyOf(PRESETS);
    }
}
