package org.seq4j.layers;

import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/** Mean over time: y[b, f] = (1/n_b) Σ over the n_b real steps t of x[b, t, f]. */
public final class GlobalAveragePooling1D extends GlobalPooling1D {
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
    Variable pool(Variable x) {
        return SequenceOps.meanOverTime(x);
    }
}
