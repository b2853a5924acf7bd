package org.seq4j.autograd;

import org.seq4j.tensor.Tensor;

/** Pushes the gradient of an op's output back into its parents' {@link Variable#gradBuffer()}s (accumulating). */
@FunctionalInterface
public interface BackwardFn {
    void backward(Tensor gradOutput);
}
