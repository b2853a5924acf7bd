package org.seq4j.metrics;

import java.util.Locale;
import java.util.Objects;

/** Metric names as given to {@code compile(metrics = ...)}, resolved the way tf.keras does. */
public final class Metrics {
    private Metrics() {}

    /**
     * The metric for a name given to {@code compile}, for a model trained with a loss of the given kind. Names are
     * case-insensitive:
     * <ul>
     *   <li>{@code "accuracy"} / {@code "acc"}: {@link BinaryAccuracy}, {@link CategoricalAccuracy} or
     *       {@link SparseCategoricalAccuracy} according to {@code kind}, named "accuracy"; an error for
     *       {@link LossKind#REGRESSION};</li>
     *   <li>{@code "binary_accuracy"}, {@code "categorical_accuracy"}, {@code "sparse_categorical_accuracy"};</li>
     *   <li>{@code "mae"} / {@code "mean_absolute_error"}, {@code "mse"} / {@code "mean_squared_error"};</li>
     *   <li>{@code "auc"}, {@code "precision"}, {@code "recall"} (on probabilities in [0, 1]).</li>
     * </ul>
     * The metric is named by the lower-cased string it was resolved from (so logs show "mae" or
     * "mean_absolute_error", as written), except that "acc" is logged as "accuracy". Only sparse categorical
     * accuracy reads class ids, so it requires {@link LossKind#SPARSE_CATEGORICAL}, and every other metric refuses it.
     */
    public static Metric resolve(String name, LossKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        String key = name.toLowerCase(Locale.ROOT);
        Metric m = switch (key) {
            case "accuracy", "acc" -> accuracy(kind);
            case "binary_accuracy" -> new BinaryAccuracy(key, 0.5);
            case "categorical_accuracy" -> new CategoricalAccuracy(key);
            case "sparse_categorical_accuracy" -> new SparseCategoricalAccuracy(key);
            case "mae", "mean_absolute_error" -> new MeanAbsoluteError(key);
            case "mse", "mean_squared_error" -> new MeanSquaredError(key);
            case "auc" -> new AUC(key, 200);
            case "precision" -> new Precision(key, 0.5);
            case "recall" -> new Recall(key, 0.5);
            default -> throw new IllegalArgumentException("Unknown metric function: '" + name + "'. Known names: "
                    + "accuracy (acc), binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, "
                    + "mae (mean_absolute_error), mse (mean_squared_error), auc, precision, recall.");
        };
        boolean readsClassIds = m instanceof SparseCategoricalAccuracy;
        if (readsClassIds != (kind == LossKind.SPARSE_CATEGORICAL)) {
            throw new IllegalArgumentException(readsClassIds
                    ? "Metric `" + name + "` reads class ids as targets, but the loss is " + kind + ". Use \"accuracy\" "
                            + "to get the accuracy that fits the loss."
                    : "Metric `" + name + "` needs targets shaped like the predictions, but a "
                            + "SPARSE_CATEGORICAL loss has class ids as targets. Use \"accuracy\", or one-hot targets "
                            + "with a categorical loss.");
        }
        return m;
    }

    private static Metric accuracy(LossKind kind) {
        return switch (kind) {
            case BINARY -> new BinaryAccuracy("accuracy", 0.5);
            case CATEGORICAL -> new CategoricalAccuracy("accuracy");
            case SPARSE_CATEGORICAL -> new SparseCategoricalAccuracy("accuracy");
            case REGRESSION -> throw new IllegalArgumentException("Metric `accuracy` needs a classification loss "
                    + "(BINARY, CATEGORICAL or SPARSE_CATEGORICAL): a REGRESSION loss has no classes to compare. "
                    + "Use \"mae\" or \"mse\" instead.");
        };
    }
}
