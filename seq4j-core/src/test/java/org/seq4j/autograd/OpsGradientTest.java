package org.seq4j.autograd;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.tensor.Tensor;

/** Every primitive op: production float32 backward vs. central differences of a double-precision reference. */
class OpsGradientTest {
    private static final double TOL = 2e-4;
    private final SplittableRandom rnd = new SplittableRandom(7);

    @Test
    void linearOnSequences() {
        int b = 2, t = 3, in = 5, out = 4;
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, in), GradCheck.random(rnd, in, out), GradCheck.random(rnd, out)),
                v -> Ops.linear(v.get(0), v.get(1), v.get(2)),
                x -> {
                    double[] y = new double[b * t * out];
                    for (int r = 0; r < b * t; r++)
                        for (int o = 0; o < out; o++) {
                            double s = x.get(2)[o];
                            for (int i = 0; i < in; i++) s += x.get(0)[r * in + i] * x.get(1)[i * out + o];
                            y[r * out + o] = s;
                        }
                    return y;
                }, TOL);
    }

    @Test
    void elementwiseActivations() {
        for (Activation a : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU)) {
            Tensor x = GradCheck.random(rnd, 3, 7);
            for (int i = 0; i < x.size(); i++) if (Math.abs(x.data()[i]) < 1e-3) x.data()[i] = 0.5f; // keep relu off its kink
            GradCheck.check(List.of(x), v -> Ops.activation(v.get(0), a), in -> {
                double[] z = in.get(0);
                double[] y = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    y[i] = switch (a) {
                        case SIGMOID -> 1 / (1 + Math.exp(-z[i]));
                        case TANH -> Math.tanh(z[i]);
                        default -> Math.max(0, z[i]);
                    };
                }
                return y;
            }, TOL);
        }
    }

    @Test
    void softmaxLastAxis() {
        int rows = 4, c = 5;
        GradCheck.check(List.of(GradCheck.random(rnd, rows, c)), v -> Ops.softmax(v.get(0)), in -> {
            double[] z = in.get(0);
            double[] y = new double[z.length];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < c; j++) s += Math.exp(z[r * c + j]);
                for (int j = 0; j < c; j++) y[r * c + j] = Math.exp(z[r * c + j]) / s;
            }
            return y;
        }, TOL);
    }

    @Test
    void addMulScaleConcat() {
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3), GradCheck.random(rnd, 2, 3)), v -> Ops.add(v.get(0), v.get(1)), in -> {
            double[] y = new double[6];
            for (int i = 0; i < 6; i++) y[i] = in.get(0)[i] + in.get(1)[i];
            return y;
        }, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3), GradCheck.random(rnd, 2, 3)), v -> Ops.mul(v.get(0), v.get(1)), in -> {
            double[] y = new double[6];
            for (int i = 0; i < 6; i++) y[i] = in.get(0)[i] * in.get(1)[i];
            return y;
        }, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3)), v -> Ops.scale(v.get(0), 0.5f), in -> {
            double[] y = new double[6];
            for (int i = 0; i < 6; i++) y[i] = 0.5 * in.get(0)[i];
            return y;
        }, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3, 2), GradCheck.random(rnd, 2, 3, 4)), v -> Ops.concatLast(v.get(0), v.get(1)), in -> {
            double[] y = new double[36];
            for (int r = 0; r < 6; r++) {
                for (int j = 0; j < 2; j++) y[r * 6 + j] = in.get(0)[r * 2 + j];
                for (int j = 0; j < 4; j++) y[r * 6 + 2 + j] = in.get(1)[r * 4 + j];
            }
            return y;
        }, TOL);
    }

    @Test
    void dropoutPatternAndReshape() {
        float[] pattern = {2f, 0f, 2f, 2f, 0f, 2f};
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3)), v -> Ops.maskedScale(v.get(0), pattern), in -> {
            double[] y = new double[6];
            for (int i = 0; i < 6; i++) y[i] = in.get(0)[i] * pattern[i];
            return y;
        }, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, 2, 3)), v -> SequenceOps.reshape(v.get(0), 3, 2), in -> in.get(0).clone(), TOL);
    }

    @Test
    void embeddingGathersAndScatters() {
        Tensor ids = Tensor.of(new float[] {1, 3, 3, 0, 2, 1}, 2, 3);
        int e = 4;
        GradCheck.check(List.of(GradCheck.random(rnd, 5, e)), v -> Ops.embedding(Variable.constant(ids), v.get(0), "embedding"), in -> {
            double[] y = new double[6 * e];
            for (int p = 0; p < 6; p++) for (int j = 0; j < e; j++) y[p * e + j] = in.get(0)[(int) ids.data()[p] * e + j];
            return y;
        }, TOL);
    }

    @Test
    void maskedPoolingOverTime() {
        int b = 2, t = 4, f = 3;
        Mask mask = Mask.fromLengths(t, 4, 2);
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, f)), v -> SequenceOps.maxOverTime(v.get(0).withMask(mask)), in -> {
            double[] x = in.get(0);
            double[] y = new double[b * f];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < f; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < mask.length(i); s++) m = Math.max(m, x[(i * t + s) * f + j]);
                    y[i * f + j] = m;
                }
            return y;
        }, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, f)), v -> SequenceOps.meanOverTime(v.get(0).withMask(mask)), in -> {
            double[] x = in.get(0);
            double[] y = new double[b * f];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < f; j++) {
                    double s = 0;
                    for (int k = 0; k < mask.length(i); k++) s += x[(i * t + k) * f + j];
                    y[i * f + j] = s / mask.length(i);
                }
            return y;
        }, TOL);
    }
}
