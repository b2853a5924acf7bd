package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Variable;

/**
 * The entry of a functional model (Keras {@code Input(shape=…)}): declares the shape of one input without the batch
 * dimension; {@link Layer#NONE} for a variable length.
 */
public final class InputLayer extends Layer {
    private final int[] shape; // without batch

    public InputLayer(int[] shape, String name) {
        super(name != null ? name : LayerNames.nextOneBased("input"));
        for (int d : shape) {
            if (d != NONE && d <= 0) throw Args.invalid("shape", "positive sizes or None (-1)", ShapeText.of(shape));
        }
        this.shape = shape.clone();
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    /** The full shape with a leading {@code None} batch dimension. */
    public int[] batchShape() {
        int[] s = new int[shape.length + 1];
        s[0] = NONE;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {}

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        return List.of(batchShape());
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        return inputs;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        java.util.List<Object> s = new java.util.ArrayList<>();
        for (int d : batchShape()) s.add(d == NONE ? null : d);
        c.put("batch_input_shape", s);
        return c;
    }
}
