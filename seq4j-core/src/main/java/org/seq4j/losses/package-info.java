/** Keras losses with SUM_OVER_BATCH_SIZE reduction; cross-entropies take the stable from-logits path as tf.keras does. */
package org.seq4j.losses;
