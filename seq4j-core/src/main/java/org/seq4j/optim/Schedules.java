package org.seq4j.optim;

import org.seq4j.layers.Args;

/** Argument checks shared by the schedules. */
final class Schedules {
    private Schedules() {}

    static void positiveSteps(String arg, long steps) {
        if (steps <= 0) throw Args.invalid(arg, "a positive integer", Long.toString(steps));
    }
}
