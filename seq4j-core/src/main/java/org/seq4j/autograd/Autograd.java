package org.seq4j.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.tensor.Tensor;

/** Reverse-mode differentiation: {@link #backward(Variable)} fills the gradients of every variable the root depends on. */
public final class Autograd {
    private Autograd() {}

    /** Backpropagates from a scalar {@code root} (seed gradient 1). */
    public static void backward(Variable root) {
        if (root.value().size() != 1) {
            throw new IllegalArgumentException("backward() needs a scalar loss, got shape "
                    + org.seq4j.tensor.Shape.toString(root.shape()) + "; pass a seed gradient instead");
        }
        backward(root, Tensor.full(1f, root.shape()));
    }

    /** Backpropagates {@code seed} (the gradient of some loss w.r.t. {@code root}). */
    public static void backward(Variable root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("the root does not depend on any variable that takes a gradient");
        }
        if (!seed.sameShape(root.value())) {
            throw new IllegalArgumentException("seed gradient shape " + org.seq4j.tensor.Shape.toString(seed.shape())
                    + " differs from root shape " + org.seq4j.tensor.Shape.toString(root.shape()));
        }
        List<Variable> order = topologicalOrder(root);
        float[] g = root.gradBuffer().data();
        float[] s = seed.data();
        for (int i = 0; i < g.length; i++) g[i] += s[i];
        for (int i = order.size() - 1; i >= 0; i--) {
            Variable v = order.get(i);
            if (v.backwardFn() != null && v.grad() != null) {
                v.backwardFn().backward(v.grad());
            }
        }
    }

    /** Parents before children; iterative so that long unrolled graphs cannot overflow the stack. */
    static List<Variable> topologicalOrder(Variable root) {
        List<Variable> order = new ArrayList<>();
        Map<Variable, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Variable v = (Variable) top[0];
            int next = (Integer) top[1];
            Variable[] ps = v.parents();
            if (next < ps.length) {
                top[1] = next + 1;
                Variable p = ps[next];
                if (p.requiresGrad() && seen.put(p, Boolean.TRUE) == null) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return Collections.unmodifiableList(order);
    }
}
