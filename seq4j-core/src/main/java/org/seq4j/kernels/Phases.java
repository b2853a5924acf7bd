package org.seq4j.kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Wall-clock time per phase of a training step, for profiling: {@code -Dseq4j.phases=true} turns it on (off, every
 * call is a constant-false branch the JIT removes). Threads that run phases at the same time (Bidirectional's two
 * directions) each add their own time, so the sum can exceed the wall time.
 *
 * <pre>
 *   long t = Phases.start();
 *   ...work...
 *   Phases.stop(Phases.Phase.FORWARD_STEP_GEMM, t);
 * </pre>
 */
public final class Phases {
    /** {@code -Dseq4j.phases=true}. */
    public static final boolean ENABLED = Boolean.getBoolean("seq4j.phases");

    /** The phases of a recurrent layer's forward and backward, and of a whole training step. */
    public enum Phase {
        /** x̃ gathered into the packed order, kernels stacked and packed. */
        FORWARD_GATHER,
        /** The per-slot matrix products of the time loop. */
        FORWARD_STEP_GEMM,
        /** The per-slot point-wise gate math. */
        FORWARD_ROWS,
        /** Outputs and final states scattered back. */
        FORWARD_OUTPUTS,
        /** Output gradients seeded into the slots. */
        BACKWARD_SEED,
        /** The per-slot point-wise gate gradients. */
        BACKWARD_ROWS,
        /** The per-slot dh_{t−1} = dA·Uᵀ products. */
        BACKWARD_STEP_GEMM,
        /** dW and dU. */
        BACKWARD_WEIGHT_GEMM,
        /** db. */
        BACKWARD_BIAS,
        /** dX = dA·Wᵀ and its scatter. */
        BACKWARD_INPUT_GEMM,
        /** After an embedding: dA summed per id (S), dW = Eᵀ·S and dE = S·Wᵀ, instead of dW's x̃ rows and dX. */
        BACKWARD_LOOKUP,
        /** A training step's forward pass and loss. */
        STEP_FORWARD,
        /** A training step's backward pass. */
        STEP_BACKWARD,
        /** A training step's optimizer update. */
        STEP_OPTIMIZER
    }

    private static final AtomicLongArray NANOS = new AtomicLongArray(Phase.values().length);
    private static final AtomicLongArray CALLS = new AtomicLongArray(Phase.values().length);

    private Phases() {}

    /** A start time for {@link #stop}, or 0 when profiling is off. */
    public static long start() {
        return ENABLED ? System.nanoTime() : 0L;
    }

    /** Adds the time since {@code start} to {@code phase}. */
    public static void stop(Phase phase, long start) {
        if (ENABLED) {
            NANOS.addAndGet(phase.ordinal(), System.nanoTime() - start);
            CALLS.incrementAndGet(phase.ordinal());
        }
    }

    /** Milliseconds per phase so far, in declaration order (phases never entered are left out). */
    public static Map<String, Double> millis() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (CALLS.get(p.ordinal()) > 0) m.put(p.name().toLowerCase(java.util.Locale.ROOT), NANOS.get(p.ordinal()) / 1e6);
        }
        return m;
    }

    /** Forgets the time so far (e.g. after warm-up). */
    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) {
            NANOS.set(i, 0);
            CALLS.set(i, 0);
        }
    }
}
