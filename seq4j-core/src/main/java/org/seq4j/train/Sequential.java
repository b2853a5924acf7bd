package org.seq4j.train;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Input;
import org.seq4j.layers.InputLayer;
import org.seq4j.layers.KerasTensor;
import org.seq4j.layers.Layer;

/**
 * A linear stack of layers, Keras' {@code Sequential}. It builds itself when its input shape is known: from a first
 * {@link InputLayer}, from a first {@link Embedding} (token ids of any length: {@code (None, None)}), or from
 * {@link #build(int...)}.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(new Embedding(10000, 64, true, null), new LSTM(128), new Dense(1, SIGMOID));
 * System.out.print(model.summary());
 * }</pre>
 */
public final class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();

    public Sequential() {
        this(null);
    }

    public Sequential(String name) {
        super(name);
    }

    public static Sequential of(Layer... layers) {
        Sequential s = new Sequential();
        for (Layer l : layers) s.add(l);
        return s;
    }

    /** Appends a layer (before the model is built). */
    public Sequential add(Layer layer) {
        if (isBuilt()) throw new IllegalStateException("Sequential \"" + name() + "\" is already built; add layers before using it");
        if (layer == null) throw new IllegalArgumentException("Received an invalid value for argument `layer`, expected a layer, got null.");
        stack.add(layer);
        return this;
    }

    /** Builds for inputs of this shape (without the batch dimension; {@link Layer#NONE} for variable length). */
    public Sequential build(int... inputShape) {
        if (isBuilt()) return this;
        if (stack.isEmpty()) throw new IllegalStateException("Sequential \"" + name() + "\" has no layers");
        int start = 0;
        KerasTensor x;
        if (stack.get(0) instanceof InputLayer in) {
            x = in.applyAll().get(0);
            start = 1;
        } else if (inputShape.length == 0 && stack.get(0) instanceof Embedding) {
            x = Input.of(Layer.NONE); // token ids of any length
        } else if (inputShape.length == 0) {
            throw new IllegalArgumentException("build() needs the input shape (without the batch dimension) for a model that starts with "
                    + stack.get(0).className() + ", e.g. build(Layer.NONE, 8) for sequences of 8 features");
        } else {
            x = Input.of(inputShape);
        }
        KerasTensor in = x;
        for (int i = start; i < stack.size(); i++) {
            List<KerasTensor> outs = stack.get(i).applyAll(x);
            if (outs.size() != 1 && i < stack.size() - 1) {
                throw new IllegalArgumentException("Layer \"" + stack.get(i).name() + "\" returns " + outs.size()
                        + " outputs; a Sequential model needs one per layer (use the functional API for returnState)");
            }
            x = outs.get(0);
        }
        setGraph(List.of(in), List.of(x));
        return this;
    }

    @Override
    protected void ensureBuilt() {
        if (isBuilt()) return;
        if (stack.isEmpty()) throw new IllegalStateException("Sequential \"" + name() + "\" has no layers");
        Layer first = stack.get(0);
        if (first instanceof InputLayer || first instanceof Embedding) {
            build(Layer.NONE);
        } else {
            throw new IllegalStateException("This model has not yet been built. Build the model first by calling build(inputShape) "
                    + "or by starting with an InputLayer or an Embedding.");
        }
    }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>(super.layers());
        ls.removeIf(l -> l instanceof InputLayer);
        return ls;
    }

    @Override
    protected List<KerasTensor.Node> summaryNodes() {
        List<KerasTensor.Node> ns = new ArrayList<>(nodes());
        ns.removeIf(n -> n.layer() instanceof InputLayer);
        return ns;
    }

    @Override
    protected boolean isSequentialLike() {
        return true;
    }

    /** The stacked layers as given (InputLayer included). */
    public List<Layer> stack() {
        return List.copyOf(stack);
    }
}
