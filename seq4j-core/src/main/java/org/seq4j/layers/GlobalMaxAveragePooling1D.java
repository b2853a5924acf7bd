package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/**
 * Max and mean over time, concatenated: (B, T, F) → (B, 2F) = [GlobalMaxPooling1D(x), GlobalAveragePooling1D(x)],
 * the "concat pooling" of ULMFiT. Keras has no such layer (it is written there as Concatenate()([GlobalMaxPooling1D()(x),
 * GlobalAveragePooling1D()(x)]) in a functional model); this is that, for Sequential models. Mask-aware like both
 * poolings: only the real steps are pooled, and the mask is consumed.
 */
public final class GlobalMaxAveragePooling1D extends Layer {
    public GlobalMaxAveragePooling1D() {
        this(null);
    }

    public GlobalMaxAveragePooling1D(String name) {
        super(name);
    }

    @Override
    public String className() {
        return "GlobalMaxAveragePooling1D";
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        if (inputShapes.get(0).length != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected ndim=3, found ndim="
                    + inputShapes.get(0).length + ". Full shape received: " + ShapeText.of(inputShapes.get(0)));
        }
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        return List.of(new int[] {in[0], in[2] < 0 ? in[2] : 2 * in[2]});
    }

    @Override
    protected boolean[] computeOutputMasks(List<Boolean> inputMasks, int outputs) {
        return new boolean[] {false};
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        Variable x = inputs.get(0);
        Variable y = Ops.concatLast(SequenceOps.maxOverTime(x), SequenceOps.meanOverTime(x));
        return List.of(y.withMask(null));
    }

    @Override
    public Map<String, Object> config() {
        return baseConfig();
    }
}
