/** Verification against reference fixtures (PyTorch float64 values in Keras layout): layers and a whole training run. */
package org.seq4j.verify;
