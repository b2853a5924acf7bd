/**
 * Training-time text output that must match Keras byte for byte: {@link org.seq4j.train.SummaryPrinter}
 * ({@code model.summary()}), {@link org.seq4j.train.Progbar} (the {@code fit(verbose=1)} bar) and
 * {@link org.seq4j.train.PyFormat} (Python's float formatting they rely on).
 */
package org.seq4j.train;
