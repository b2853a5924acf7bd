package org.seq4j.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Weight;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.MeanSquaredError;
import org.seq4j.tensor.Tensor;

/**
 * How much of the loss gradient reaches each hidden state: ‖∂L/∂h_t‖ for t = 1 … T, where L is the mean squared
 * error of {@code head(h_T)} against the targets — the loss on the last step only.
 *
 * <p><b>Mechanism.</b> A recurrent layer is one fused autograd op over the whole sequence, so its intermediate
 * states are not graph variables. This class instead calls the same layer (same weights, no copy) T times on
 * one-step slices {@code x[:, t:t+1, :]}, passing the previous call's final states as initial states:
 * {@code [x_t, h_{t−1}]}, or {@code [x_t, h_{t−1}, c_{t−1}]} for the LSTM. Each call's returned state is then a
 * variable of the graph, and one backward pass from L fills ∂L/∂h_t for every t at the cost of one
 * forward-and-backward pass. The forward values are those of the fused run (the layer's own kernels, one step at a
 * time; {@code GradientFlowTest} checks both the states and the gradients against the fused layer).
 *
 * <p><b>What the norm is.</b> With the batch of n probe sequences, ∂L/∂h_t is an (n, H) matrix; the reported norm
 * is its Frobenius norm. For the LSTM the state is the pair (h_t, c_t) and the reported value is ∂L/∂h_t with c_t
 * held fixed — the gradient w.r.t. h_t as an input of the steps after t, exactly ∂L/∂h0 of a run over steps
 * t+1 … T started from (h0, c0) = (h_t, c_t). The gradient that reaches c_t is not included.
 *
 * <p>The layer must have been made with {@code returnState} (the chained calls need the final states); the model
 * around it may ignore them. The backward pass also adds into the weights' gradients; they are cleared afterwards,
 * so a later training step is unaffected.
 */
final class GradientFlow {
    /** ‖∂L/∂h_t‖ for t = 1 … T: {@code norms[t − 1]}. */
    record Profile(double[] norms) {
        int length() {
            return norms.length;
        }

        /** ‖∂L/∂h_t‖ at step t (1-based). */
        double at(int t) {
            return norms[t - 1];
        }

        /** ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖: the fraction of the last step's gradient norm that reaches the first step. */
        double ratio() {
            return norms[0] / norms[norms.length - 1];
        }
    }

    private GradientFlow() {}

    /** The gradient norms of {@code rnn} followed by {@code head} on inputs x (n, T, I) with targets y (n, 1). */
    static Profile measure(RecurrentLayer<?> rnn, Dense head, Tensor x, Tensor y) {
        List<Tensor> grads = stateGradients(rnn, head, x, y);
        double[] norms = new double[grads.size()];
        for (int t = 0; t < norms.length; t++) norms[t] = frobenius(grads.get(t));
        return new Profile(norms);
    }

    /** ∂L/∂h_t (n, H) for t = 1 … T (element t − 1), zeros where no gradient arrived. */
    static List<Tensor> stateGradients(RecurrentLayer<?> rnn, Dense head, Tensor x, Tensor y) {
        List<List<Variable>> states = unroll(rnn, x);
        Variable hT = states.get(states.size() - 1).get(0);
        Variable prediction = head.call(List.of(hT), CallContext.inference()).get(0);
        Variable loss = new MeanSquaredError().compute(prediction, Variable.constant(y), null);
        try {
            Autograd.backward(loss);
        } finally {
            clearWeightGradients(rnn);
            clearWeightGradients(head);
        }
        List<Tensor> grads = new ArrayList<>(states.size());
        for (List<Variable> s : states) {
            Variable h = s.get(0);
            grads.add(h.grad() != null ? h.grad() : Tensor.zeros(h.shape()));
        }
        return grads;
    }

    /**
     * The layer run one step at a time: element t − 1 holds the states after step t, {@code [h_t]} or
     * {@code [h_t, c_t]}, as graph variables.
     */
    static List<List<Variable>> unroll(RecurrentLayer<?> rnn, Tensor x) {
        if (!rnn.returnState() || rnn.returnSequences() || rnn.goBackwards()) {
            throw new IllegalArgumentException("layer \"" + rnn.name() + "\": GradientFlow needs returnState = true, "
                    + "returnSequences = false and goBackwards = false, got returnState = " + rnn.returnState()
                    + ", returnSequences = " + rnn.returnSequences() + ", goBackwards = " + rnn.goBackwards());
        }
        if (x.rank() != 3 || x.dim(0) < 1 || x.dim(1) < 1) {
            throw new IllegalArgumentException("GradientFlow: expected x of shape (n, T, I) with n, T >= 1, got "
                    + org.seq4j.tensor.Shape.toString(x.shape()));
        }
        int T = x.dim(1);
        List<List<Variable>> all = new ArrayList<>(T);
        List<Variable> states = List.of();
        CallContext ctx = CallContext.inference();
        for (int t = 0; t < T; t++) {
            List<Variable> in = new ArrayList<>(1 + states.size());
            in.add(Variable.constant(step(x, t)));
            in.addAll(states);
            List<Variable> out = rnn.call(in, ctx);
            states = List.copyOf(out.subList(1, out.size()));
            all.add(states);
        }
        return all;
    }

    /** x[:, t:t+1, :] as a new (n, 1, I) tensor. */
    static Tensor step(Tensor x, int t) {
        int n = x.dim(0), T = x.dim(1), I = x.dim(2);
        float[] src = x.data();
        float[] dst = new float[n * I];
        for (int b = 0; b < n; b++) System.arraycopy(src, (b * T + t) * I, dst, b * I, I);
        return Tensor.of(dst, n, 1, I);
    }

    private static void clearWeightGradients(org.seq4j.layers.Layer layer) {
        for (Weight w : layer.weights()) w.variable().zeroGrad();
    }

    /** The Frobenius norm, 0 for a gradient that never reached the variable. */
    static double frobenius(Tensor g) {
        if (g == null) return 0;
        double s = 0;
        for (float v : g.data()) s += (double) v * v;
        return Math.sqrt(s);
    }
}
