package org.seq4j.autograd;

import org.seq4j.tensor.Tensor;

/**
 * A node of the reverse-mode autodiff graph: a value, its gradient (allocated on first use), the parents it was
 * computed from and the function that pushes its gradient back to them.
 *
 * <p>Graphs are built by running ops (define-by-run, like PyTorch); {@link Autograd#backward} walks them in
 * reverse topological order. A variable also carries Keras' metadata for sequences: an optional {@link Mask}
 * (Keras' {@code _keras_mask}) and, for the output of a sigmoid or softmax, the logits it came from, so that a
 * cross-entropy loss can use the numerically stable from-logits form exactly as tf.keras does in graph mode.
 */
public final class Variable {
    private final Tensor value;
    private Tensor grad;
    private final boolean requiresGrad;
    private final Variable[] parents;
    private final BackwardFn backwardFn;
    private Mask mask;
    private Variable logits;
    private Activation logitsActivation;
    private Lookup lookup;

    private Variable(Tensor value, boolean requiresGrad, Variable[] parents, BackwardFn backwardFn) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backwardFn = backwardFn;
    }

    /** A value that takes no gradient (inputs, targets). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, new Variable[0], null);
    }

    /** A trainable leaf (a weight): takes a gradient, has no parents. */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, new Variable[0], null);
    }

    /**
     * The result of an op. It takes a gradient when gradients are recorded ({@link GradMode}) and any parent takes
     * one; otherwise {@code backward} is dropped so that no activations are kept alive.
     */
    public static Variable result(Tensor value, BackwardFn backward, Variable... parents) {
        boolean needs = false;
        if (GradMode.isEnabled()) {
            for (Variable p : parents) needs |= p.requiresGrad;
        }
        return needs ? new Variable(value, true, parents, backward) : new Variable(value, false, new Variable[0], null);
    }

    public Tensor value() {
        return value;
    }

    /** Shorthand for {@code value().data()}. */
    public float[] data() {
        return value.data();
    }

    public int[] shape() {
        return value.shape();
    }

    public int dim(int i) {
        return value.dim(i);
    }

    /** The accumulated gradient, or null when none reached this variable. */
    public Tensor grad() {
        return grad;
    }

    /** The gradient buffer, zero-allocated on first use; backward functions accumulate ({@code +=}) into it. */
    public Tensor gradBuffer() {
        if (grad == null) grad = Tensor.zeros(value.shape());
        return grad;
    }

    /** Drops the gradient (weights, between steps). */
    public void zeroGrad() {
        if (grad != null) grad.zero();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    Variable[] parents() {
        return parents;
    }

    BackwardFn backwardFn() {
        return backwardFn;
    }

    public Mask mask() {
        return mask;
    }

    /** Attaches a sequence mask (fluent). */
    public Variable withMask(Mask m) {
        this.mask = m;
        return this;
    }

    /** For a sigmoid/softmax output: the pre-activation it was computed from, else null. */
    public Variable logits() {
        return logits;
    }

    public Activation logitsActivation() {
        return logitsActivation;
    }

    void setLogits(Variable z, Activation activation) {
        this.logits = z;
        this.logitsActivation = activation;
    }

    /**
     * For the output of an embedding lookup: the ids and the table it gathered from, else null. A layer that
     * multiplies this value by a weight matrix may instead look the rows up in table·W (a recurrent layer's input
     * projection at inference): the same products, computed once per vocabulary row instead of once per token.
     */
    public Lookup lookup() {
        return lookup;
    }

    void setLookup(Lookup l) {
        this.lookup = l;
    }

    /** The ids (one per position of the output, flattened) and the (V, D) table of an embedding lookup. */
    public record Lookup(int[] ids, Variable table) {}

    @Override
    public String toString() {
        return "Variable" + org.seq4j.tensor.Shape.toString(value.shape()) + (requiresGrad ? " (grad)" : "");
    }
}
