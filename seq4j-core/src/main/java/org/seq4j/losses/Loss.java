package org.seq4j.losses;

import java.util.Locale;
import org.seq4j.autograd.Variable;

/**
 * A training objective: per-sample losses ℓ_i reduced as Keras' SUM_OVER_BATCH_SIZE, L = Σ_i w_i ℓ_i / N, where N
 * counts the samples (rows) and w_i are sample weights (class weights, or 0 for padded steps of a masked sequence
 * output, in which case N counts the real steps only).
 */
public interface Loss {
    /** The scalar loss of {@code yPred} against constant targets {@code yTrue}; {@code sampleWeight} per row or null. */
    Variable compute(Variable yPred, Variable yTrue, float[] sampleWeight);

    /** Keras name: "binary_crossentropy", ... */
    String name();

    /** What kind of targets this loss expects (decides how "accuracy" is resolved). */
    org.seq4j.metrics.LossKind kind();

    /** Keras loss names (and the usual aliases). */
    static Loss parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "binary_crossentropy", "bce" -> new BinaryCrossentropy(false);
            case "categorical_crossentropy", "cce" -> new CategoricalCrossentropy(false);
            case "sparse_categorical_crossentropy", "scce" -> new SparseCategoricalCrossentropy(false);
            case "mean_squared_error", "mse" -> new MeanSquaredError();
            case "mean_absolute_error", "mae" -> new MeanAbsoluteError();
            default -> throw new IllegalArgumentException("Received an invalid value for argument `loss`, expected one of "
                    + "binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, mse, mae, got \"" + name + "\".");
        };
    }
}
