package org.seq4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Variable;
import org.seq4j.tensor.Tensor;

/**
 * A Keras layer: owns weights, maps input variables to output variables.
 *
 * <p>Shapes are {@code int[]} including the batch dimension, with {@link #NONE} (-1) for an unknown size, as Keras
 * prints {@code None}: {@code (None, None, 64)} is {@code {-1, -1, 64}}. A layer is built once, on its first input
 * shapes ({@link #build}), which creates its weights from the global seed ({@link RandomSeed}).
 *
 * <p>Subclasses implement {@link #doBuild}, {@link #computeOutputShapes}, {@link #call} and {@link #config}.
 * Masks travel on the variables ({@link Variable#mask()}): a layer that cannot take a mask says so through
 * {@link #supportsMasking()} and receives none.
 */
public abstract class Layer {
    /** An unknown dimension ({@code None}). */
    public static final int NONE = -1;

    private final String name;
    private final List<Weight> weights = new ArrayList<>();
    private List<int[]> builtInputShapes;

    /** @param name the layer's name, or null for Keras' automatic one (snake_case of the class, then _1, _2 …) */
    protected Layer(String name) {
        this.name = name != null ? LayerNames.validate(name) : LayerNames.next(LayerNames.snakeCase(className()));
    }

    public final String name() {
        return name;
    }

    /** The Keras class name shown by {@code summary()}: "LSTM", "Dense", "Bidirectional", ... */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Builds the layer for these input shapes (once) and returns its output shapes. */
    public final List<int[]> build(List<int[]> inputShapes) {
        if (builtInputShapes == null) {
            doBuild(inputShapes);
            builtInputShapes = copy(inputShapes);
        } else {
            checkCompatible(inputShapes);
        }
        return computeOutputShapes(inputShapes);
    }

    public final boolean isBuilt() {
        return builtInputShapes != null;
    }

    /** The input shapes the layer was built for. */
    public final List<int[]> inputShapes() {
        if (builtInputShapes == null) throw new IllegalStateException("layer \"" + name + "\" is not built yet");
        return copy(builtInputShapes);
    }

    /**
     * Calls the layer on symbolic tensors (the functional API, Keras' {@code layer(x)}): builds it for their shapes
     * and returns its first output. Refuses a mask on a layer that cannot take one.
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        return applyAll(inputs).get(0);
    }

    /** {@link #apply} for layers with several outputs ({@code returnState}). */
    public final List<KerasTensor> applyAll(KerasTensor... inputs) {
        List<int[]> shapes = new ArrayList<>();
        List<Boolean> masks = new ArrayList<>();
        for (KerasTensor t : inputs) {
            shapes.add(t.shape());
            masks.add(t.masked());
        }
        if (!supportsMasking() && !masks.isEmpty() && masks.get(0)) {
            throw new IllegalArgumentException("Layer \"" + name + "\" (" + className() + ") does not support masking, "
                    + "but was passed an input mask (from " + inputs[0].node().layer().name() + "). Remove maskZero upstream "
                    + "or put a layer that consumes the mask (e.g. a recurrent layer) in between.");
        }
        List<int[]> outShapes = build(shapes);
        boolean[] outMasks = computeOutputMasks(masks, outShapes.size());
        KerasTensor.Node node = new KerasTensor.Node(this, List.of(inputs));
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) outs.add(new KerasTensor(node, i, outShapes.get(i), outMasks[i]));
        node.setOutputs(outs);
        return outs;
    }

    /**
     * Which outputs carry a mask, given which inputs do. Default: a masking-aware layer passes its first input's mask
     * to its first output.
     */
    protected boolean[] computeOutputMasks(List<Boolean> inputMasks, int outputs) {
        boolean[] m = new boolean[outputs];
        if (outputs > 0 && supportsMasking() && !inputMasks.isEmpty()) m[0] = inputMasks.get(0);
        return m;
    }

    /** Creates the weights. */
    protected abstract void doBuild(List<int[]> inputShapes);

    /** Output shapes for these input shapes (no side effects). */
    public abstract List<int[]> computeOutputShapes(List<int[]> inputShapes);

    /** Runs the layer. {@code inputs} are as many as {@link #build} was given; returns its outputs. */
    public abstract List<Variable> call(List<Variable> inputs, CallContext ctx);

    /** Whether the layer accepts a mask on its inputs (Keras {@code supports_masking}). */
    public boolean supportsMasking() {
        return false;
    }

    /** Keras {@code get_config()}: the constructor arguments, enough to rebuild the layer. */
    public abstract Map<String, Object> config();

    /** This layer's weights in Keras order. */
    public List<Weight> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** Number of scalars in the weights (trainable or not). */
    public long countParams() {
        long n = 0;
        for (Weight w : weights()) n += w.variable().value().size();
        return n;
    }

    /** Registers a weight created in {@link #doBuild}. */
    protected final Variable addWeight(String weightName, Tensor init, boolean trainable) {
        Variable v = trainable ? Variable.parameter(init) : Variable.constant(init);
        weights.add(new Weight(weightName, v, trainable));
        return v;
    }

    /** The config's common part: name (and trainable, as Keras writes it). */
    protected final Map<String, Object> baseConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        return c;
    }

    /** Refuses a call whose input does not match the built shape, naming the layer. */
    protected final void checkCompatible(List<int[]> shapes) {
        if (shapes.size() != builtInputShapes.size()) {
            throw new IllegalArgumentException("Layer \"" + name + "\" expects " + builtInputShapes.size()
                    + " input(s), but it received " + shapes.size() + " input tensors.");
        }
        for (int k = 0; k < shapes.size(); k++) {
            int[] want = builtInputShapes.get(k);
            int[] got = shapes.get(k);
            boolean ok = want.length == got.length;
            for (int i = 0; ok && i < want.length; i++) ok = want[i] == NONE || got[i] == NONE || want[i] == got[i];
            if (!ok) {
                throw new IllegalArgumentException("Input " + k + " of layer \"" + name + "\" is incompatible with the layer: "
                        + "expected shape=" + ShapeText.of(want) + ", found shape=" + ShapeText.of(got));
            }
        }
    }

    private static List<int[]> copy(List<int[]> shapes) {
        List<int[]> c = new ArrayList<>(shapes.size());
        for (int[] s : shapes) c.add(s.clone());
        return c;
    }

    @Override
    public String toString() {
        return name + " (" + className() + ")";
    }

    /** Keras-style text of a shape: {@code (None, None, 64)}. */
    public static final class ShapeText {
        private ShapeText() {}

        public static String of(int[] shape) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(shape[i] == NONE ? "None" : Integer.toString(shape[i]));
            }
            if (shape.length == 1) sb.append(',');
            return sb.append(')').toString();
        }

        /** One shape as {@code (…)}, several as {@code [(…), (…)]}. */
        public static String of(List<int[]> shapes) {
            if (shapes.size() == 1) return of(shapes.get(0));
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < shapes.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(of(shapes.get(i)));
            }
            return sb.append(']').toString();
        }
    }

}
