package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;

/**
 * Fully connected layer on the last axis: y = f(x·W + b), W (I, U) glorot-uniform, b (U) zeros. On a (B, T, I)
 * input it applies to every step (as Keras' Dense does), passing the mask through.
 */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private Variable kernel;
    private Variable bias;

    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    public Dense(int units, Activation activation) {
        this(units, activation, true, null);
    }

    public Dense(int units, Activation activation, boolean useBias, String name) {
        super(name);
        this.units = Args.positive("units", units);
        if (activation == null) throw Args.invalid("activation", "an activation", "null");
        this.activation = activation;
        this.useBias = useBias;
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int inDim = in[in.length - 1];
        if (inDim == NONE) {
            throw new IllegalArgumentException("layer \"" + name() + "\": the last dimension of the input must be known, got "
                    + ShapeText.of(in));
        }
        kernel = addWeight("kernel", Initializers.glorotUniform(inDim, units, RandomSeed.next()), true);
        if (useBias) bias = addWeight("bias", org.seq4j.tensor.Tensor.zeros(units), true);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] out = inputShapes.get(0).clone();
        out[out.length - 1] = units;
        return List.of(out);
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        return List.of(Ops.activation(Ops.linear(inputs.get(0), kernel, bias), activation));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("units", units);
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        return c;
    }
}
