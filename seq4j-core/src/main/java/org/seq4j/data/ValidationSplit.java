package org.seq4j.data;

/**
 * Keras' {@code fit(validation_split=x)}: the validation set is the <em>last</em> {@code x} fraction of the
 * samples, taken <em>before</em> any shuffling; training uses the first
 * {@code floor(n * (1 - x))} samples. Data stored in class order (IMDB: all negatives, then all positives)
 * therefore gives a one-class validation set: shuffle it once first ({@link TokenSequences#shuffled}).
 */
public final class ValidationSplit {
    private ValidationSplit() {
    }

    /**
     * Index of the first validation sample: {@code floor(numSamples * (1 - validationSplit))}, Keras' formula
     * (same double arithmetic).
     *
     * @throws IllegalArgumentException if {@code validationSplit} is not in (0, 1) or either side is empty
     */
    public static int splitAt(int numSamples, double validationSplit) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("Received an invalid value for argument `validationSplit`, "
                    + "expected a number strictly between 0 and 1, got " + validationSplit + ".");
        }
        int splitAt = (int) Math.floor(numSamples * (1.0 - validationSplit));
        if (splitAt == 0 || splitAt == numSamples) {
            throw new IllegalArgumentException("Training data contains " + numSamples + " samples, which is not "
                    + "sufficient to split it into a validation and training set as specified by "
                    + "`validationSplit=" + validationSplit + "`. Either provide more data, or a different value "
                    + "for the `validationSplit` argument.");
        }
        return splitAt;
    }
}
