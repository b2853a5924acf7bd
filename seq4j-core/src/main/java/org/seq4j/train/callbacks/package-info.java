/** Keras callbacks for {@code fit}: EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, CSVLogger, TerminateOnNaN. */
package org.seq4j.train.callbacks;
