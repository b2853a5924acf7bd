package org.seq4j.train;

import java.util.List;
import org.seq4j.tensor.Tensor;

/**
 * One mini-batch as the model consumes it: input tensors (token ids are stored as floats), target tensors (empty
 * for prediction), optional per-row sample weights, and optional source row indices (to put predictions back
 * in dataset order when the batcher reordered rows).
 */
public record Feed(List<Tensor> inputs, List<Tensor> targets, float[] sampleWeights, int[] rows) {
    public Feed {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
    }

    public int batchSize() {
        return inputs.get(0).dim(0);
    }
}
