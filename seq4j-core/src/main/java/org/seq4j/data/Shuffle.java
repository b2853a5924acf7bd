package org.seq4j.data;

import java.util.SplittableRandom;

/** Seeded permutations: the only source of randomness in this package, so one seed fixes everything. */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * A uniformly random permutation of {@code 0..n-1}, reproducible from {@code seed}: the order
     * {@link TokenSequences#shuffled} uses, so texts and their vectorized form can be shuffled alike.
     */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The RNG of one epoch: a pure function of (seed, epoch), so any epoch can be replayed on its own. */
    static SplittableRandom forEpoch(long seed, int epoch) {
        // SplittableRandom mixes its seed (mix64), so seeds one golden-ratio step apart give unrelated streams
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * epoch);
    }
}
