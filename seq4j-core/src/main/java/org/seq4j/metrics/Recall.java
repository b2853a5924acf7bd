package org.seq4j.metrics;

/** TP / (TP + FN) at threshold 0.5. */
public final class Recall implements Metric {
    private double tp;
    private double fn;

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public void reset() {
        tp = 0;
        fn = 0;
    }

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        for (int i = 0; i < rows * width; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i / width];
            if (yTrue[i] > 0.5f) {
                if (yPred[i] > 0.5f) tp += w; else fn += w;
            }
        }
    }

    @Override
    public double result() {
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }
}
