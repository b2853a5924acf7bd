/** Dense float32 tensors ({@link org.seq4j.tensor.Tensor}) and shape helpers. No math lives here: see kernels. */
package org.seq4j.tensor;
