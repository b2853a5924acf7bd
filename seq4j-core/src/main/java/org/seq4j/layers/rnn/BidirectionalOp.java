package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Parallel;
import org.seq4j.kernels.VectorMath;
import org.seq4j.tensor.Tensor;

/**
 * A concat-merged {@link Bidirectional} call while training, as one autograd op whose forward and backward run the
 * two directions at the same time, one thread each.
 *
 * <pre>
 *   forward:  (y_fw, states_fw) ‖ (y_bw, states_bw)       the two RecurrentOp runs, concurrently
 *             y = [y_fw | y_bw] along the last axis
 *   backward: dy → [dy_fw | dy_bw];  both directions' backward concurrently;
 *             dL/dx += dx_bw (in place), then += dx_fw (from a buffer of its own), always in that order (after an
 *             embedding, each direction's dE is added to the table's gradient in that order instead)
 * </pre>
 *
 * <p>Why: a direction's time loop is a chain of small products (one 128 × 4H gemm per step), and splitting each of
 * them over two threads pays a hand-off per step; two independent chains need none. The directions share only x:
 * their weights and caches are their own, and dL/dx is summed in a fixed order, so the results do not depend on
 * which thread finishes first. With one thread ({@code Parallel.threads() == 1}) the two run one after the other.
 */
final class BidirectionalOp {
    private BidirectionalOp() {}

    /** Outputs: y (concatenated), then the forward copy's states, then the backward copy's. */
    static List<Variable> concat(RecurrentLayer<?> forward, RecurrentLayer<?> backward, Variable x,
                                 float[][] forwardDropout, float[][] backwardDropout) {
        List<RecurrentOp.Run> runs = bothDirections(c -> c == 0 ? forward.run(x, forwardDropout) : backward.run(x, backwardDropout));
        RecurrentOp.Run f = runs.get(0), b = runs.get(1);
        Tensor yf = f.values().get(0), yb = b.values().get(0);
        int[] shape = yf.shape().clone();
        int h = shape[shape.length - 1];
        shape[shape.length - 1] = 2 * h;
        Tensor y = Tensor.zeros(shape);
        int rows = yf.size() / h;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(yf.data(), r * h, y.data(), 2 * r * h, h);
            System.arraycopy(yb.data(), r * h, y.data(), (2 * r + 1) * h, h);
        }
        int nf = f.values().size(), nb = b.values().size();
        List<Tensor> values = new ArrayList<>();
        values.add(y);
        values.addAll(f.values().subList(1, nf));
        values.addAll(b.values().subList(1, nb));

        MultiOutput.Backward backwardFn = null;
        if (f.backward() != null || b.backward() != null) {
            backwardFn = grads -> {
                Tensor[] gf = new Tensor[nf], gb = new Tensor[nb];
                if (grads[0] != null) {
                    float[] dyf = new float[rows * h], dyb = new float[rows * h];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(grads[0].data(), 2 * r * h, dyf, r * h, h);
                        System.arraycopy(grads[0].data(), (2 * r + 1) * h, dyb, r * h, h);
                    }
                    gf[0] = Tensor.of(dyf, yf.shape());
                    gb[0] = Tensor.of(dyb, yb.shape());
                }
                System.arraycopy(grads, 1, gf, 1, nf - 1);
                System.arraycopy(grads, nf, gb, 1, nb - 1);
                float[] dx = x.requiresGrad() && (f.sendsDx() || b.sendsDx()) ? x.gradBuffer().data() : null;
                List<float[]> own = new ArrayList<>();
                float[] dxForward = dx == null || !f.sendsDx() ? null : BufferPool.takeZeroed(dx.length);
                if (dxForward != null) own.add(dxForward);
                Runnable[] rest = new Runnable[2]; // what each direction adds into an embedding table's gradient
                bothDirections(c -> {
                    if (c == 0 && f.backward() != null) rest[0] = f.backward().backward(gf, dxForward);
                    if (c == 1 && b.backward() != null) rest[1] = b.backward().backward(gb, b.sendsDx() ? dx : null);
                    return null;
                });
                if (dxForward != null) VectorMath.axpy(1f, dxForward, 0, dx, 0, dx.length);
                for (int c = 1; c >= 0; c--) if (rest[c] != null) rest[c].run(); // the same order as dx's sums
                BufferPool.give(own);
            };
        }
        List<Variable> results = MultiOutput.of(values, backwardFn, union(f.parents(), b.parents()));
        if (f.sequenceMask() != null) results.get(0).withMask(f.sequenceMask());
        return results;
    }

    /**
     * {@code body(0)} and {@code body(1)} at the same time (one on a worker, inline nested calls), the caller's
     * gradient mode carried to the worker; their results in that order.
     */
    static <T> List<T> bothDirections(java.util.function.IntFunction<T> body) {
        Object[] out = new Object[2];
        boolean grad = GradMode.isEnabled();
        Parallel.forRange(2, 1, (first, end) -> {
            for (int c = first; c < end; c++) {
                int direction = c;
                out[c] = GradMode.withEnabled(grad, () -> body.apply(direction));
            }
        });
        @SuppressWarnings("unchecked")
        List<T> results = java.util.Arrays.asList((T) out[0], (T) out[1]);
        return results;
    }

    private static Variable[] union(Variable[] a, Variable[] b) {
        IdentityHashMap<Variable, Boolean> seen = new IdentityHashMap<>();
        List<Variable> all = new ArrayList<>();
        for (Variable[] vs : List.of(a, b)) {
            for (Variable v : vs) if (seen.put(v, Boolean.TRUE) == null) all.add(v);
        }
        return all.toArray(new Variable[0]);
    }
}
