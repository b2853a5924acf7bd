/**
 * Reverse-mode automatic differentiation: {@link org.seq4j.autograd.Variable} nodes, the differentiable
 * primitives in {@link org.seq4j.autograd.Ops}, sequence {@link org.seq4j.autograd.Mask}s, and
 * {@link org.seq4j.autograd.Autograd#backward}. Fused ops (a whole recurrent layer over a sequence) build their
 * variables with {@link org.seq4j.autograd.Variable#result} and their own backward.
 */
package org.seq4j.autograd;
