/**
 * Numeric kernels on {@code float[]} + offset + length: {@link org.seq4j.kernels.MatMul} (GEMM),
 * {@link org.seq4j.kernels.VectorMath} (element-wise maps and reductions), the one thread helper,
 * {@link org.seq4j.kernels.Parallel}, and {@link org.seq4j.kernels.Phases}, the timers behind
 * {@code -Dseq4j.phases=true}.
 *
 * <p>Every kernel has a Vector-API body and a scalar twin with the same signature (suffix {@code Scalar}); the
 * scalar twin is the readable reference that tests compare against. {@code -Dseq4j.scalar=true}
 * ({@link org.seq4j.kernels.Kernels#SCALAR}) forces the scalar twins everywhere.
 *
 * <p>Determinism: for the same inputs every kernel returns bit-identical results on every run and for every
 * thread count. Work is split only over output rows or column blocks in chunks that depend on the problem size,
 * never inside a dot product, and no kernel relies on an operation whose rounding is left unspecified (such as
 * {@code reduceLanes(ADD)} or the Vector API's transcendental lanewise operators).
 */
package org.seq4j.kernels;
