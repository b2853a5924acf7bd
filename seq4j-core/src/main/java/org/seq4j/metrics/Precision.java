package org.seq4j.metrics;

/** TP / (TP + FP) at threshold 0.5. */
public final class Precision implements Metric {
    private double tp;
    private double fp;

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public void reset() {
        tp = 0;
        fp = 0;
    }

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        for (int i = 0; i < rows * width; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i / width];
            if (yPred[i] > 0.5f) {
                if (yTrue[i] > 0.5f) tp += w; else fp += w;
            }
        }
    }

    @Override
    public double result() {
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }
}
