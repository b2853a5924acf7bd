/**
 * Keras layers: the {@link org.seq4j.layers.Layer} contract, {@code Embedding}, {@code Dense}, {@code Dropout},
 * {@code TimeDistributed}, pooling, and the weight initializers. Recurrent layers live in
 * {@code org.seq4j.layers.rnn}.
 */
package org.seq4j.layers;
