package org.seq4j.layers;

import java.util.List;

/**
 * A symbolic tensor of the functional API: which layer call ({@link Node}) produced it, which of that call's outputs
 * it is, its shape (batch first, {@link Layer#NONE} for unknown) and whether it carries a mask.
 */
public record KerasTensor(Node node, int index, int[] shape, boolean masked) {
    /** A layer call: the layer, the tensors it was called on, and the tensors it produced. */
    public static final class Node {
        private final Layer layer;
        private final List<KerasTensor> inputs;
        private List<KerasTensor> outputs;

        Node(Layer layer, List<KerasTensor> inputs) {
            this.layer = layer;
            this.inputs = List.copyOf(inputs);
        }

        public Layer layer() {
            return layer;
        }

        public List<KerasTensor> inputs() {
            return inputs;
        }

        public List<KerasTensor> outputs() {
            return outputs;
        }

        void setOutputs(List<KerasTensor> outputs) {
            this.outputs = List.copyOf(outputs);
        }
    }

    @Override
    public String toString() {
        return "KerasTensor(shape=" + Layer.ShapeText.of(shape) + ", created by layer '" + node.layer().name() + "')";
    }
}
