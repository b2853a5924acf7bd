package org.seq4j.metrics;

import java.util.Locale;

/** Metric names resolved as Keras does for the compiled loss. */
public final class Metrics {
    private Metrics() {}

    public static Metric resolve(String name, LossKind kind) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "accuracy", "acc" -> switch (kind) {
                case BINARY -> new BinaryAccuracy();
                case CATEGORICAL -> new CategoricalAccuracy();
                case SPARSE_CATEGORICAL -> new SparseCategoricalAccuracy();
                case REGRESSION -> throw new IllegalArgumentException("metric \"accuracy\" needs a classification loss, not a regression one");
            };
            case "auc" -> new AUC();
            case "precision" -> new Precision();
            case "recall" -> new Recall();
            default -> throw new IllegalArgumentException("Received an invalid value for argument `metrics`, expected one of accuracy, auc, precision, recall, got \"" + name + "\".");
        };
    }
}
