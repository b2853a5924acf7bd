package org.seq4j.layers;

import org.seq4j.autograd.SequenceOps;
import org.seq4j.autograd.Variable;

/** Max over time: y[b, f] = max over the real steps t of x[b, t, f]; the gradient goes to the arg-max step. */
public final class GlobalMaxPooling1D extends GlobalPooling1D {
    public GlobalMaxPooling1D() {
        this(null);
    }

    public GlobalMaxPooling1D(String name) {
        super(name);
    }

    @Override
    public String className() {
        return "GlobalMaxPooling1D";
    }

    @Override
    Variable pool(Variable x) {
        return SequenceOps.maxOverTime(x);
    }
}
