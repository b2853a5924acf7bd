package org.seq4j.layers;

import java.util.List;

/** Keras' {@code Input(shape=…)}: the symbolic entry of a functional model. */
public final class Input {
    private Input() {}

    /** An input of the given shape without the batch dimension ({@link Layer#NONE} for a variable length). */
    public static KerasTensor of(int... shape) {
        return of(null, shape);
    }

    public static KerasTensor of(String name, int... shape) {
        InputLayer layer = new InputLayer(shape, name);
        return layer.applyAll().get(0);
    }

    /** For an {@link InputLayer} (no inputs). */
    static List<KerasTensor> entry(InputLayer layer) {
        return layer.applyAll();
    }
}
