package org.seq4j.metrics;

/** What the loss compares, which decides what "accuracy" means ({@link Metrics#resolve}). */
public enum LossKind {
    /** Sigmoid outputs against 0/1 targets (binary cross-entropy): {@link BinaryAccuracy}. */
    BINARY,
    /** Softmax outputs against one-hot targets (categorical cross-entropy): {@link CategoricalAccuracy}. */
    CATEGORICAL,
    /** Softmax outputs against class ids (sparse categorical cross-entropy): {@link SparseCategoricalAccuracy}. */
    SPARSE_CATEGORICAL,
    /** Real-valued targets (mse, mae, ...): no accuracy. */
    REGRESSION
}
