package org.seq4j.metrics;

/** The argument checks every metric's {@code update} makes. */
final class Shapes {
    private Shapes() {}

    /**
     * Checks that {@code yPred} holds {@code rows × width} values, {@code yTrue} {@code trueWidth} per row and
     * {@code sampleWeight} (if any) one per row.
     */
    static void check(String metric, float[] yTrue, float[] yPred, int rows, int width, int trueWidth,
            float[] sampleWeight) {
        if (rows < 0 || width < 1) {
            throw new IllegalArgumentException("Metric `" + metric + "`: expected rows >= 0 and width >= 1, got rows="
                    + rows + ", width=" + width + ".");
        }
        long n = (long) rows * width;
        if (yPred.length != n) {
            throw new IllegalArgumentException("Metric `" + metric + "`: yPred has " + yPred.length
                    + " values, expected rows × width = " + rows + " × " + width + " = " + n + ".");
        }
        long nTrue = (long) rows * trueWidth;
        if (yTrue.length != nTrue) {
            throw new IllegalArgumentException("Metric `" + metric + "`: yTrue has " + yTrue.length + " values, expected "
                    + (trueWidth == 1 && width != 1 ? "one class id per row = " : "rows × width = ") + nTrue + ".");
        }
        if (sampleWeight != null && sampleWeight.length != rows) {
            throw new IllegalArgumentException("Metric `" + metric + "`: sampleWeight has " + sampleWeight.length
                    + " values, expected one per row = " + rows + ".");
        }
    }

    /** Keras' check for metrics on probabilities: "predictions must be >= 0" / "<= 1" (NaN fails too). */
    static void probability(String metric, float p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Metric `" + metric + "`: predictions must be in [0, 1], got " + p
                    + ". Pass probabilities (a sigmoid output), not logits.");
        }
    }
}
