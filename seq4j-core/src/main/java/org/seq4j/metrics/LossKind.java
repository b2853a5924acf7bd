package org.seq4j.metrics;

/** What targets a loss expects; decides how the metric name "accuracy" is resolved. */
public enum LossKind { BINARY, CATEGORICAL, SPARSE_CATEGORICAL, REGRESSION }
