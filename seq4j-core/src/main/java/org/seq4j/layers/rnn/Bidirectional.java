package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerConfig;
import org.seq4j.layers.Weight;

/**
 * Bidirectional wrapper (Schuster &amp; Paliwal 1997, "Bidirectional Recurrent Neural Networks"), Keras'
 * {@code Bidirectional}: runs a copy of a recurrent layer forwards and another backwards over the same input and
 * merges their outputs.
 *
 * <pre>
 *   y_fw = layer(x)                 over steps 0 … T−1
 *   y_bw = reverse(layer'(x))       layer' has go_backwards toggled; its sequence output is put back in time order
 *   y    = merge(y_fw, y_bw)        concat (2H, default) | sum | mul | ave | none (both returned)
 * </pre>
 * The two copies are made from the given layer's config, named {@code forward_<name>} and {@code backward_<name>}
 * as in Keras, so the weights are {@code forward_lstm/lstm_cell/kernel}, …, {@code backward_lstm/lstm_cell/bias}.
 * With a mask, the backward copy runs over each row's real steps from its last one (right padding stays at the
 * end), and the merged sequence output carries the input's mask.
 *
 * <p>Inputs {@code [x]} or {@code [x, forward states…, backward states…]}; outputs the merged y (two outputs with
 * {@link MergeMode#NONE}), then with returnState the forward states and the backward states.
 */
public final class Bidirectional extends Layer {
    private final RecurrentLayer<?> layer;
    private final RecurrentLayer<?> forward;
    private final RecurrentLayer<?> backward;
    private final MergeMode mergeMode;

    public Bidirectional(RecurrentLayer<?> layer) {
        this(layer, MergeMode.CONCAT);
    }

    public Bidirectional(RecurrentLayer<?> layer, MergeMode mergeMode) {
        this(layer, mergeMode, null);
    }

    /** @param name the layer name, or null for Keras' automatic one ({@code bidirectional}, …) */
    public Bidirectional(RecurrentLayer<?> layer, MergeMode mergeMode, String name) {
        super(name);
        if (layer == null) throw Args.invalid("layer", "a recurrent layer", "null");
        if (mergeMode == null) throw Args.invalid("merge_mode", "a MergeMode", "null");
        this.layer = layer;
        this.mergeMode = mergeMode;
        Map<String, Object> fc = layer.config();
        fc.put("name", "forward_" + layer.name());
        this.forward = layer.recreate(fc);
        Map<String, Object> bc = layer.config();
        bc.put("name", "backward_" + layer.name());
        bc.put("go_backwards", !layer.goBackwards());
        this.backward = layer.recreate(bc);
        this.backward.reverseSequence = true;
    }

    /** A Bidirectional from its {@link #config()} (Keras {@code from_config}). */
    @SuppressWarnings("unchecked")
    public static Bidirectional fromConfig(Map<String, Object> config) {
        Object inner = config.get("layer");
        if (!(inner instanceof Map<?, ?> m)) throw Args.invalid("layer", "a serialized recurrent layer", String.valueOf(inner));
        Object name = config.get("name");
        return new Bidirectional(RecurrentLayers.fromConfig((Map<String, Object>) m),
                config.containsKey("merge_mode") ? MergeMode.parse((String) config.get("merge_mode")) : MergeMode.CONCAT, name == null ? null : name.toString());
    }

    public RecurrentLayer<?> forwardLayer() {
        return forward;
    }

    public RecurrentLayer<?> backwardLayer() {
        return backward;
    }

    public MergeMode mergeMode() {
        return mergeMode;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    private int states() {
        return forward.stateCount();
    }

    private List<int[]> half(List<int[]> shapes, int which) {
        List<int[]> s = new ArrayList<>();
        s.add(shapes.get(0));
        if (shapes.size() > 1) s.addAll(shapes.subList(1 + which * states(), 1 + (which + 1) * states()));
        return s;
    }

    private void checkInputCount(int n) {
        if (n != 1 && n != 1 + 2 * states()) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" expects 1 input, or " + (1 + 2 * states())
                    + " with initial states (forward ones, then backward ones), but it received " + n + " input tensors.");
        }
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        checkInputCount(inputShapes.size());
        forward.build(half(inputShapes, 0));
        backward.build(half(inputShapes, 1));
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        checkInputCount(inputShapes.size());
        List<int[]> f = forward.computeOutputShapes(half(inputShapes, 0));
        List<int[]> b = backward.computeOutputShapes(half(inputShapes, 1));
        List<int[]> out = new ArrayList<>();
        if (mergeMode == MergeMode.NONE) {
            out.add(f.get(0));
            out.add(b.get(0));
        } else {
            int[] y = f.get(0).clone();
            if (mergeMode == MergeMode.CONCAT) y[y.length - 1] *= 2;
            out.add(y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    /**
     * Runs the two directions at the same time, one thread each (see {@link BidirectionalOp}); the dropout masks are
     * drawn first, forward copy then backward copy, so a seed gives the same masks whatever the threads do.
     */
    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        checkInputCount(inputs.size());
        Variable x = inputs.get(0);
        float[][] fDrop = forward.dropoutMasks(x, ctx), bDrop = backward.dropoutMasks(x, ctx);
        if (inputs.size() == 1 && mergeMode == MergeMode.CONCAT && GradMode.isEnabled()) {
            return BidirectionalOp.concat(forward, backward, x, fDrop, bDrop);
        }
        List<List<Variable>> runs = BidirectionalOp.bothDirections(c -> c == 0
                ? forward.callWithDropoutMasks(halfInputs(inputs, 0), fDrop[0], fDrop[1])
                : backward.callWithDropoutMasks(halfInputs(inputs, 1), bDrop[0], bDrop[1]));
        List<Variable> f = runs.get(0), b = runs.get(1);
        List<Variable> out = new ArrayList<>();
        out.addAll(merge(f.get(0), b.get(0)));
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    private List<Variable> halfInputs(List<Variable> inputs, int which) {
        List<Variable> s = new ArrayList<>();
        s.add(inputs.get(0));
        if (inputs.size() > 1) s.addAll(inputs.subList(1 + which * states(), 1 + (which + 1) * states()));
        return s;
    }

    private List<Variable> merge(Variable yf, Variable yb) {
        Variable y = switch (mergeMode) {
            case CONCAT -> Ops.concatLast(yf, yb);
            case SUM -> Ops.add(yf, yb);
            case MUL -> Ops.mul(yf, yb);
            case AVE -> Ops.scale(Ops.add(yf, yb), 0.5f);
            case NONE -> null;
        };
        if (y == null) return List.of(yf, yb);
        return List.of(y.withMask(yf.mask()));
    }

    /** The forward copy's weights, then the backward copy's, named {@code forward_lstm/lstm_cell/kernel}, …. */
    @Override
    public List<Weight> weights() {
        List<Weight> w = new ArrayList<>();
        for (RecurrentLayer<?> l : List.of(forward, backward)) {
            for (Weight inner : l.weights()) w.add(new Weight(l.name() + "/" + inner.name(), inner.variable(), inner.trainable()));
        }
        return w;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("trainable", true);
        c.put("layer", LayerConfig.of(layer));
        c.put("merge_mode", mergeMode.kerasName());
        return c;
    }
}
