package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Variable;

/**
 * Pooling over the time axis, (B, T, F) → (B, F). It consumes the mask: with one, only the real steps are pooled,
 * so a padded step never changes the result.
 */
abstract class GlobalPooling1D extends Layer {
    GlobalPooling1D(String name) {
        super(name);
    }

    /** The pooling op on a (B, T, F) variable (its mask attached). */
    abstract Variable pool(Variable x);

    /** Output features for F input features (F, or −1 when unknown); concat pooling gives 2F. */
    int outputFeatures(int f) {
        return f;
    }

    @Override
    public final boolean supportsMasking() {
        return true;
    }

    @Override
    protected final void doBuild(List<int[]> inputShapes) {
        if (inputShapes.get(0).length != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected ndim=3, found ndim="
                    + inputShapes.get(0).length + ". Full shape received: " + ShapeText.of(inputShapes.get(0)));
        }
    }

    @Override
    public final List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        return List.of(new int[] {in[0], in[2] < 0 ? in[2] : outputFeatures(in[2])});
    }

    @Override
    protected final boolean[] computeOutputMasks(List<Boolean> inputMasks, int outputs) {
        return new boolean[] {false}; // the mask is consumed here
    }

    @Override
    public final List<Variable> call(List<Variable> inputs, CallContext ctx) {
        return List.of(pool(inputs.get(0)));
    }

    @Override
    public final Map<String, Object> config() {
        return baseConfig();
    }
}
