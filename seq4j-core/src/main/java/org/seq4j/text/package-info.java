/**
 * Text preprocessing: {@link org.seq4j.text.TextVectorization} turns raw strings into integer token ids, the
 * equivalent of Keras' {@code TextVectorization(output_mode="int")}: standardize ({@link
 * org.seq4j.text.Standardize}), split ({@link org.seq4j.text.Split}), optional n-grams, a vocabulary learned by
 * {@code adapt} (index 0 = padding, 1 = {@code [UNK]}), optional fixed output length. JDK only.
 */
package org.seq4j.text;
