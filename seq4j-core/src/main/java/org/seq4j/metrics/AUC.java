package org.seq4j.metrics;

/** ROC AUC over 200 thresholds (Keras' default), trapezoid rule. */
public final class AUC implements Metric {
    private static final int N = 200;
    private final double[] tp = new double[N];
    private final double[] fp = new double[N];
    private final double[] tn = new double[N];
    private final double[] fn = new double[N];

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tp, 0);
        java.util.Arrays.fill(fp, 0);
        java.util.Arrays.fill(tn, 0);
        java.util.Arrays.fill(fn, 0);
    }

    private static double threshold(int k) {
        if (k == 0) return -1e-7;
        if (k == N - 1) return 1 + 1e-7;
        return (double) k / (N - 1);
    }

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        for (int i = 0; i < rows * width; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i / width];
            boolean pos = yTrue[i] > 0.5f;
            for (int k = 0; k < N; k++) {
                boolean predPos = yPred[i] > threshold(k);
                if (pos) {
                    if (predPos) tp[k] += w; else fn[k] += w;
                } else {
                    if (predPos) fp[k] += w; else tn[k] += w;
                }
            }
        }
    }

    @Override
    public double result() {
        double auc = 0;
        for (int k = 0; k < N - 1; k++) {
            double tpr0 = rate(tp[k], fn[k]), tpr1 = rate(tp[k + 1], fn[k + 1]);
            double fpr0 = rate(fp[k], tn[k]), fpr1 = rate(fp[k + 1], tn[k + 1]);
            auc += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
        }
        return auc;
    }

    private static double rate(double a, double b) {
        return a + b == 0 ? 0 : a / (a + b);
    }
}
