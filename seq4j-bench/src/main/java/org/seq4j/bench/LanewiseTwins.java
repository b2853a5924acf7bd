package org.seq4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and sigmoid through the Vector API's own {@code lanewise(TANH)} / {@code lanewise(EXP)}: the alternative
 * to VectorMath's polynomial, kept here only to benchmark against it (its rounding may differ between interpreted
 * and compiled code, which is why seq4j-core does not use it).
 */
final class LanewiseTwins {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private LanewiseTwins() {}

    static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).lanewise(VectorOperators.TANH).intoArray(out, outOff + i, m);
        }
    }

    static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector e = FloatVector.fromArray(S, x, xOff + i, m).neg().lanewise(VectorOperators.EXP);
            one.div(e.add(one)).intoArray(out, outOff + i, m);
        }
    }
}
