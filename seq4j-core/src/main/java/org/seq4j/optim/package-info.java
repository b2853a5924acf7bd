/**
 * Optimizers, learning-rate schedules and gradient clipping, with tf.keras semantics.
 *
 * <p>{@link org.seq4j.optim.Optimizer} is the base: one {@code apply(params)} per training step reads each
 * parameter's gradient and updates it in place. {@link org.seq4j.optim.SGD}, {@link org.seq4j.optim.RMSprop},
 * {@link org.seq4j.optim.Adam} and {@link org.seq4j.optim.AdamW} document their update equations. A learning rate
 * is a number or a {@link org.seq4j.optim.LearningRateSchedule} ({@link org.seq4j.optim.ExponentialDecay},
 * {@link org.seq4j.optim.PiecewiseConstantDecay}, {@link org.seq4j.optim.CosineDecay},
 * {@link org.seq4j.optim.InverseTimeDecay}). Optimizer-specific options first, then the common ones:
 * <pre>{@code
 * Optimizer opt = new Adam(new CosineDecay(1e-3, 10_000)).withAmsgrad(true).withClipnorm(1.0);
 * Optimizer same = Optimizer.fromConfig(opt.config());
 * }</pre>
 */
package org.seq4j.optim;
