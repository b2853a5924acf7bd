package org.seq4j.text;

/** How {@link TextVectorization} cuts a standardized text into tokens (Keras' {@code split} argument). */
public enum Split {
    /**
     * On runs of ASCII whitespace: space, {@code \t}, {@code \n}, {@code \r}, {@code \u000B}, {@code \f}
     * (what {@code tf.strings.split} and Python's {@code bytes.split()} use). Other Unicode spaces, such as the
     * no-break space U+00A0, are part of tokens.
     */
    WHITESPACE("whitespace"),
    /** Every Unicode code point is a token, whitespace included ({@code tf.strings.unicode_split}). */
    CHARACTER("character"),
    /** The whole standardized text is one token (Keras {@code split=None}). */
    NONE(null);

    private final String kerasName;

    Split(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The Keras config value ({@code null} for {@link #NONE}). */
    public String kerasName() {
        return kerasName;
    }

    /** Parses a Keras config value ({@code null} means {@link #NONE}). */
    public static Split fromKerasName(String name) {
        for (Split s : values()) {
            if (java.util.Objects.equals(s.kerasName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Received an invalid value for argument `split`, expected one of "
                + "whitespace, character or null, got " + name + ".");
    }
}
