package org.seq4j.layers;

import java.util.SplittableRandom;

/**
 * Per-call state: whether the model is training (dropout is active only then) and the random stream that
 * dropout masks draw from, split from the fit seed so that a run is reproducible.
 */
public final class CallContext {
    private final boolean training;
    private final SplittableRandom random;

    public CallContext(boolean training, long seed) {
        this.training = training;
        this.random = new SplittableRandom(seed);
    }

    /** Inference: no dropout, no randomness. */
    public static CallContext inference() {
        return new CallContext(false, 0L);
    }

    public boolean training() {
        return training;
    }

    /** A fresh independent stream (one per layer call keeps results independent of call order inside a layer). */
    public SplittableRandom split() {
        return random.split();
    }
}
