package org.seq4j.kernels;

/** Global kernel switches, read once at class initialisation. */
public final class Kernels {
    /** {@code -Dseq4j.scalar=true} forces the scalar twins everywhere (for debugging and as a reference). */
    public static final boolean SCALAR = Boolean.getBoolean("seq4j.scalar");

    private Kernels() {}
}
