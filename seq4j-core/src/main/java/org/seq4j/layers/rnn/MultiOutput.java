package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.VectorMath;
import org.seq4j.tensor.Tensor;

/**
 * An op with several outputs (y, h, c) and one backward. The autograd graph has single-output nodes, so the op is
 * one hidden node whose value is all outputs concatenated; each visible output is a view node that adds its gradient
 * into its part of the hidden node's gradient. The hidden node's backward then runs once with every output's
 * gradient (null for an output no loss reached).
 */
final class MultiOutput {
    /** The op's backward, given the gradient of each output (null when none reached it). */
    @FunctionalInterface
    interface Backward {
        void backward(Tensor[] grads);
    }

    private MultiOutput() {}

    /** The op's output variables. {@code backward} may be null when no gradient is recorded. */
    static List<Variable> of(List<Tensor> values, Backward backward, Variable... parents) {
        int k = values.size();
        if (k == 1) {
            Tensor y = values.get(0);
            List<Variable> one = new ArrayList<>(1);
            one.add(Variable.result(y, backward == null ? null : dy -> backward.backward(new Tensor[] {dy}), parents));
            return one;
        }
        int[] offsets = new int[k + 1];
        for (int i = 0; i < k; i++) offsets[i + 1] = offsets[i] + values.get(i).size();
        float[] all = new float[offsets[k]];
        for (int i = 0; i < k; i++) System.arraycopy(values.get(i).data(), 0, all, offsets[i], values.get(i).size());
        boolean[] reached = new boolean[k];
        Variable node = Variable.result(Tensor.of(all, offsets[k]), backward == null ? null : g -> {
            Tensor[] grads = new Tensor[k];
            for (int i = 0; i < k; i++) {
                if (!reached[i]) continue;
                float[] gi = new float[values.get(i).size()];
                System.arraycopy(g.data(), offsets[i], gi, 0, gi.length);
                grads[i] = Tensor.of(gi, values.get(i).shape());
            }
            backward.backward(grads);
        }, parents);
        List<Variable> outs = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            final int idx = i;
            int n = values.get(i).size();
            outs.add(Variable.result(values.get(i), dy -> {
                reached[idx] = true;
                VectorMath.axpy(1f, dy.data(), 0, node.gradBuffer().data(), offsets[idx], n);
            }, node));
        }
        return outs;
    }
}
