package org.seq4j.layers;

import org.seq4j.autograd.Ops;
import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/**
 * Max and mean over time, concatenated: (B, T, F) → (B, 2F) = [GlobalMaxPooling1D(x), GlobalAveragePooling1D(x)],
 * the "concat pooling" of ULMFiT. Keras has no such layer (it is written there as Concatenate()([GlobalMaxPooling1D()(x),
 * GlobalAveragePooling1D()(x)]) in a functional model); this is that, for Sequential models. Mask-aware like both
 * poolings: only the real steps are pooled, and the mask is consumed.
 */
public final class GlobalMaxAveragePooling1D extends GlobalPooling1D {
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
    int outputFeatures(int f) {
        return 2 * f;
    }

    @Override
    Variable pool(Variable x) {
        return Ops.concatLast(SequenceOps.maxOverTime(x), SequenceOps.meanOverTime(x)).withMask(null);
    }
}
