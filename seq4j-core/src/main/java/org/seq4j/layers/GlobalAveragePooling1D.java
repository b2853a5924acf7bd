package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/** Mean over time: (B, T, F) → (B, F); with a mask, the mean of the real steps only. */
public final class GlobalAveragePooling1D extends Layer {
    public GlobalAveragePooling1D() {
        this(null);
    }

    public GlobalAveragePooling1D(String name) {
        super(name);
    }

    @Override
    public String className() {
        return "GlobalAveragePooling1D";
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
        return List.of(new int[] {in[0], in[2]});
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        return List.of(SequenceOps.meanOverTime(inputs.get(0)));
    }

    @Override
    protected boolean[] computeOutputMasks(List<Boolean> inputMasks, int outputs) {
        return new boolean[] {false}; // the mask is consumed here
    }

    @Override
    public Map<String, Object> config() {
        return baseConfig();
    }
}
