package org.seq4j.text;

/**
 * How {@link TextVectorization#adapt} orders tokens that occur equally often. Tokens are compared by Unicode
 * code point, which is the same order as comparing their UTF-8 bytes (and Python's {@code bytes} order).
 */
public enum TieBreak {
    /**
     * Ascending token order ({@code "a"} before {@code "b"}): the seq4j default, identical to the PyTorch peer
     * {@code bench/torch_imdb.py} ({@code sorted(key=(-count, token))}).
     */
    ASCENDING("ascending"),
    /**
     * Descending token order: what Keras 3's {@code IndexLookup.finalize_state} does
     * ({@code np.lexsort((tokens, counts))[::-1]}). Choose it to reproduce a Keras vocabulary id for id.
     */
    DESCENDING("descending");

    private final String configName;

    TieBreak(String configName) {
        this.configName = configName;
    }

    /** The value stored in {@link TextVectorization#toConfig()}. */
    public String configName() {
        return configName;
    }

    /** Parses {@link #configName()}. */
    public static TieBreak fromConfigName(String name) {
        for (TieBreak t : values()) {
            if (t.configName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Received an invalid value for argument `tie_break`, expected "
                + "ascending or descending, got " + name + ".");
    }
}
