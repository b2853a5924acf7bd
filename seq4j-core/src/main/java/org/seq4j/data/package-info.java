/**
 * Labeled token sequences and their batching for training: {@link org.seq4j.data.TokenSequences} (ids +
 * {@link org.seq4j.data.Labels}), {@link org.seq4j.data.SequenceBatcher} (seeded shuffling, length bucketing,
 * per-batch right padding, rows sorted by descending length) producing {@link org.seq4j.data.Batch}es, and
 * Keras' {@code validation_split} ({@link org.seq4j.data.ValidationSplit}). JDK only.
 */
package org.seq4j.data;
