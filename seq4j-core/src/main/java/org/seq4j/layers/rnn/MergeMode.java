package org.seq4j.layers.rnn;

import java.util.Locale;

/** How {@link Bidirectional} combines the forward and backward outputs (Keras {@code merge_mode}). */
public enum MergeMode {
    /** [y_fw, y_bw] on the last axis (2H): Keras' default. */
    CONCAT,
    /** y_fw + y_bw. */
    SUM,
    /** y_fw ⊙ y_bw. */
    MUL,
    /** (y_fw + y_bw) / 2. */
    AVE,
    /** No merge: both outputs are returned, forward first (Keras {@code merge_mode=None}). */
    NONE;

    /** The Keras name: "concat", "sum", "mul", "ave", or null for NONE. */
    public String kerasName() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Keras merge_mode; null or "none" give {@link #NONE}. */
    public static MergeMode parse(String name) {
        if (name == null || name.equalsIgnoreCase("none")) return NONE;
        for (MergeMode m : values()) {
            if (m != NONE && m.kerasName().equals(name.trim().toLowerCase(Locale.ROOT))) return m;
        }
        throw org.seq4j.layers.Args.invalid("merge_mode", "one of {\"sum\", \"mul\", \"ave\", \"concat\", None}", "\"" + name + "\"");
    }
}
