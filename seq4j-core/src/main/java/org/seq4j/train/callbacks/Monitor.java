package org.seq4j.train.callbacks;

import java.util.Map;

/** A monitored log value and whether lower or higher is better (Keras mode "auto": names with acc, auc, precision or recall are maximised). */
record Monitor(String name, boolean higherIsBetter, double minDelta) {
    static Monitor of(String name, String mode, double minDelta) {
        boolean higher = switch (mode) {
            case "min" -> false;
            case "max" -> true;
            case "auto" -> name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall");
            default -> throw new IllegalArgumentException("Received an invalid value for argument `mode`, expected auto, min or max, got \"" + mode + "\".");
        };
        return new Monitor(name, higher, Math.abs(minDelta));
    }

    /** The value in the logs, or null (with a warning, as Keras) when it is not there. */
    Double read(Map<String, Double> logs, String who) {
        Double v = logs.get(name);
        if (v == null) System.err.println("seq4j: " + who + " conditioned on metric `" + name + "` which is not available. Available metrics are: " + logs.keySet());
        return v;
    }

    boolean improved(double current, double best) {
        return higherIsBetter ? current - minDelta > best : current + minDelta < best;
    }

    double worst() {
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
