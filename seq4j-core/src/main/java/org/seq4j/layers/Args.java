package org.seq4j.layers;

/** Argument checks with Keras' wording: "Received an invalid value for argument `units`, expected …, got 0." */
public final class Args {
    private Args() {}

    public static int positive(String arg, int value) {
        if (value <= 0) throw invalid(arg, "a positive integer", Integer.toString(value));
        return value;
    }

    /** A rate in [0, 1): dropout rates. */
    public static float rate(String arg, double value) {
        if (!(value >= 0 && value < 1)) throw invalid(arg, "a float in the range [0, 1)", Double.toString(value));
        return (float) value;
    }

    public static double positive(String arg, double value) {
        if (!(value > 0) || Double.isInfinite(value)) throw invalid(arg, "a positive finite number", Double.toString(value));
        return value;
    }

    public static double nonNegative(String arg, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw invalid(arg, "a non-negative finite number", Double.toString(value));
        return value;
    }

    public static IllegalArgumentException invalid(String arg, String expected, String got) {
        return new IllegalArgumentException("Received an invalid value for argument `" + arg + "`, expected "
                + expected + ", got " + got + ".");
    }
}
