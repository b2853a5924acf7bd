/**
 * Training metrics with tf.keras semantics: accuracies, {@code mae}/{@code mse}, {@code AUC}, {@code Precision},
 * {@code Recall}. A {@link org.seq4j.metrics.Metric} accumulates weighted statistics in double over the batches of an
 * epoch ({@code update}) until {@code reset}; {@link org.seq4j.metrics.Metrics#resolve} turns the names given to
 * {@code compile} ("accuracy", "auc", ...) into metrics, choosing the accuracy that fits the loss
 * ({@link org.seq4j.metrics.LossKind}).
 *
 * <p>Inputs are {@code rows × width} row-major arrays: a batch of B samples with a (B, C) output is B rows of width
 * C; a sequence output (B, T, C) is B·T rows, and a per-row sample weight of 0 (a padded step) leaves the row out
 * entirely, whatever its values.
 */
package org.seq4j.metrics;
