/**
 * Saving and loading models, JDK only: {@link org.seq4j.io.ModelArchive} (the {@code .seq4j} file, a zip of
 * {@code config.json} and {@code model.safetensors}), {@link org.seq4j.io.Safetensors} (the weights format
 * shared with Hugging Face and PyTorch), {@link org.seq4j.io.Json} (a strict reader and writer for configs),
 * and {@link org.seq4j.io.ModelFormatException} for files that cannot be read.
 */
package org.seq4j.io;
