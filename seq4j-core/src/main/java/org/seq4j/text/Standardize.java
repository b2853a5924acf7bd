package org.seq4j.text;

/**
 * How {@link TextVectorization} normalizes a text before splitting it (Keras' {@code standardize} argument).
 *
 * <p>Lowercasing is ASCII only, exactly like {@code tf.strings.lower} without an encoding: only {@code A-Z}
 * change; {@code 'É'} stays {@code 'É'}. Punctuation stripping removes every character of Keras'
 * {@code DEFAULT_STRIP_REGEX}: {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~'} (all ASCII; other Unicode punctuation
 * is kept).
 */
public enum Standardize {
    /** ASCII lowercase, then strip punctuation. Keras' default, {@code "lower_and_strip_punctuation"}. */
    LOWER_AND_STRIP_PUNCTUATION("lower_and_strip_punctuation"),
    /** ASCII lowercase only ({@code "lower"}). */
    LOWER("lower"),
    /** Strip punctuation only ({@code "strip_punctuation"}). */
    STRIP_PUNCTUATION("strip_punctuation"),
    /** The text is used as it is (Keras {@code standardize=None}). */
    NONE(null);

    private final String kerasName;

    Standardize(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The Keras config value ({@code null} for {@link #NONE}). */
    public String kerasName() {
        return kerasName;
    }

    /** Parses a Keras config value ({@code null} means {@link #NONE}). */
    public static Standardize fromKerasName(String name) {
        for (Standardize s : values()) {
            if (java.util.Objects.equals(s.kerasName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Received an invalid value for argument `standardize`, expected one of "
                + "lower_and_strip_punctuation, lower, strip_punctuation or null, got " + name + ".");
    }

    boolean lower() {
        return this == LOWER_AND_STRIP_PUNCTUATION || this == LOWER;
    }

    boolean strip() {
        return this == LOWER_AND_STRIP_PUNCTUATION || this == STRIP_PUNCTUATION;
    }
}
