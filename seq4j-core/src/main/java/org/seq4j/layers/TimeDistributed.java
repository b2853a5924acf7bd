package org.seq4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/**
 * Applies a layer to every time step: (B, T, …) → (B·T, …) → layer → (B, T, …'). The input's mask passes through.
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    public TimeDistributed(Layer layer) {
        this(layer, null);
    }

    public TimeDistributed(Layer layer, String name) {
        super(name);
        if (layer == null) throw Args.invalid("layer", "a layer", "null");
        this.layer = layer;
    }

    public Layer layer() {
        return layer;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length < 3) {
            throw new IllegalArgumentException("layer \"" + name() + "\": TimeDistributed needs an input of at least 3 dimensions "
                    + "(batch, time, …), got " + ShapeText.of(in));
        }
        layer.build(List.of(inner(in)));
    }

    private static int[] inner(int[] in) {
        int[] s = new int[in.length - 1];
        s[0] = NONE;
        System.arraycopy(in, 2, s, 1, in.length - 2);
        return s;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int[] o = layer.computeOutputShapes(List.of(inner(in))).get(0);
        int[] out = new int[o.length + 1];
        out[0] = in[0];
        out[1] = in[1];
        System.arraycopy(o, 1, out, 2, o.length - 1);
        return List.of(out);
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        Variable x = inputs.get(0);
        int[] s = x.shape();
        int[] flat = new int[s.length - 1];
        flat[0] = s[0] * s[1];
        System.arraycopy(s, 2, flat, 1, s.length - 2);
        Variable y = layer.call(List.of(SequenceOps.reshape(x, flat)), ctx).get(0);
        int[] ys = y.shape();
        int[] back = new int[ys.length + 1];
        back[0] = s[0];
        back[1] = s[1];
        System.arraycopy(ys, 1, back, 2, ys.length - 1);
        return List.of(SequenceOps.reshape(y, back).withMask(x.mask()));
    }

    @Override
    public List<Weight> weights() {
        List<Weight> w = new ArrayList<>();
        for (Weight inner : layer.weights()) w.add(new Weight(layer.name() + "/" + inner.name(), inner.variable(), inner.trainable()));
        return w;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("layer", LayerConfig.of(layer));
        return c;
    }
}
