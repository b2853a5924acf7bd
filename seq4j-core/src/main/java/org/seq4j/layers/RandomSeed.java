package org.seq4j.layers;

import java.util.SplittableRandom;

/**
 * The global seed weights are initialised from ({@code tf.keras.utils.set_random_seed}). Each built weight draws
 * the next stream, so the same seed and the same model give the same weights, run after run. The default seed
 * is 0: runs are reproducible unless asked otherwise.
 */
public final class RandomSeed {
    private static SplittableRandom root = new SplittableRandom(0L);

    private RandomSeed() {}

    public static synchronized void set(long seed) {
        root = new SplittableRandom(seed);
    }

    /** The next independent stream. */
    public static synchronized SplittableRandom next() {
        return root.split();
    }
}
