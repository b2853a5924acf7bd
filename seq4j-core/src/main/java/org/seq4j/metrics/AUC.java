package org.seq4j.metrics;

import java.util.Arrays;
import org.seq4j.layers.Args;

/**
 * Area under the ROC curve as tf.keras' {@code AUC()} computes it by default: {@code num_thresholds} = 200,
 * {@code curve="ROC"}, {@code summation_method="interpolation"}, not multi-label (all elements of all rows are
 * pooled).
 *
 * <p>Thresholds: {@code t₀ = −ε}, {@code tᵢ = i/(T−1)} for {@code i = 1 … T−2}, {@code t_{T−1} = 1 + ε}, with
 * T = {@code numThresholds} and ε = 1e-7. At each threshold a prediction counts as positive when {@code p > tᵢ};
 * a target is positive when non-zero; counts are weighted by the row's sample weight. As in tf.keras (whose
 * thresholds are evenly spaced, so it uses its bucketed update), each prediction goes to bucket
 * {@code max(ceil(p·(T−1)) − 1, 0)}, computed in float32, and {@code tp(tᵢ)}, {@code fp(tᵢ)} are the sums over buckets
 * {@code ≥ i}. Then, with {@code tpr = tp / (tp + fn)} and {@code fpr = fp / (fp + tn)} (0 when the denominator is 0),
 * <pre>
 *   AUC = Σ_{i=0}^{T−2} (fpr(tᵢ) − fpr(tᵢ₊₁)) · (tpr(tᵢ) + tpr(tᵢ₊₁)) / 2
 * </pre>
 * the trapezoidal rule over the curve's points. Two predictions in the same bucket are tied (half credit), so this
 * is an approximation of the exact (rank-based) AUC at a resolution of 1/(T−1). A set with no positive or no
 * negative target gives 0, as tf.keras. Predictions must be probabilities in [0, 1].
 */
public final class AUC implements Metric {
    private static final double EPSILON = 1e-7;

    private final String name;
    private final int numThresholds;
    private final double[] positives; // (T) weight of positive targets per bucket
    private final double[] negatives; // (T) weight of negative targets per bucket

    public AUC() {
        this("auc", 200);
    }

    public AUC(int numThresholds) {
        this("auc", numThresholds);
    }

    public AUC(String name, int numThresholds) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("A metric needs a non-empty name.");
        if (numThresholds <= 2) throw Args.invalid("numThresholds", "an integer > 2", Integer.toString(numThresholds));
        this.name = name;
        this.numThresholds = numThresholds;
        this.positives = new double[numThresholds];
        this.negatives = new double[numThresholds];
    }

    public int numThresholds() {
        return numThresholds;
    }

    /** The thresholds, as tf.keras' {@code AUC.thresholds}: −ε, 1/(T−1), …, (T−2)/(T−1), 1 + ε. */
    public double[] thresholds() {
        double[] t = new double[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) t[i] = (double) i / (numThresholds - 1);
        t[0] = -EPSILON;
        t[numThresholds - 1] = 1 + EPSILON;
        return t;
    }

    @Override
    public void update(float[] yTrue, float[] yPred, int rows, int width, float[] sampleWeight) {
        Shapes.check(name, yTrue, yPred, rows, width, width, sampleWeight);
        float scale = numThresholds - 1;
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            if (w == 0) continue;
            for (int i = r * width, end = i + width; i < end; i++) {
                float p = yPred[i];
                Shapes.probability(name, p);
                int bucket = Math.max((int) Math.ceil(p * scale) - 1, 0);
                if (yTrue[i] != 0) positives[bucket] += w;
                else negatives[bucket] += w;
            }
        }
    }

    @Override
    public double result() {
        double totalPositive = 0;
        double totalNegative = 0;
        for (int i = 0; i < numThresholds; i++) {
            totalPositive += positives[i];
            totalNegative += negatives[i];
        }
        // From the highest threshold down: tp(t_i), fp(t_i) are the weights in buckets >= i.
        double tp = positives[numThresholds - 1];
        double fp = negatives[numThresholds - 1];
        double tprAbove = divideNoNan(tp, totalPositive); // the point at t_{i+1}
        double fprAbove = divideNoNan(fp, totalNegative);
        double area = 0;
        for (int i = numThresholds - 2; i >= 0; i--) {
            tp += positives[i];
            fp += negatives[i];
            double tpr = divideNoNan(tp, totalPositive);
            double fpr = divideNoNan(fp, totalNegative);
            area += (fpr - fprAbove) * (tpr + tprAbove) / 2;
            tprAbove = tpr;
            fprAbove = fpr;
        }
        return area;
    }

    private static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    @Override
    public void reset() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
    }

    @Override
    public String name() {
        return name;
    }
}
