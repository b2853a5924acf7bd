package org.seq4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.GradCheck;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;
import org.seq4j.tensor.Tensor;

/** Each loss (and its stable from-logits path) against a double-precision reference, values and gradients. */
class LossGradientTest {
    private static final double TOL = 2e-4;
    private final SplittableRandom rnd = new SplittableRandom(3);

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void binaryCrossentropyThroughSigmoidUsesLogits() {
        int n = 6;
        Tensor y = Tensor.of(new float[] {1, 0, 1, 1, 0, 0}, n, 1);
        float[] w = {1, 2, 0.5f, 1, 0, 1};
        GradCheck.check(List.of(GradCheck.random(rnd, n, 1)),
                v -> new BinaryCrossentropy(false).compute(Ops.activation(v.get(0), Activation.SIGMOID), Variable.constant(y), w),
                in -> {
                    double s = 0;
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        if (w[i] == 0) continue;
                        double p = sigmoid(in.get(0)[i]);
                        s += w[i] * -(y.data()[i] * Math.log(p) + (1 - y.data()[i]) * Math.log(1 - p));
                        count++;
                    }
                    return new double[] {s / count};
                }, TOL);
    }

    @Test
    void binaryCrossentropyOnProbabilitiesClipsLikeKeras() {
        Tensor y = Tensor.of(new float[] {1, 0}, 2, 1);
        Tensor p = Tensor.of(new float[] {0.8f, 0.3f}, 2, 1);
        double got = new BinaryCrossentropy(false).compute(Variable.constant(p), Variable.constant(y), null).value().item();
        double want = -(Math.log(0.8f + 1e-7) + Math.log(1 - 0.3f + 1e-7)) / 2;
        assertEquals(want, got, 1e-6);
        GradCheck.check(List.of(Tensor.of(new float[] {0.8f, 0.3f}, 2, 1)),
                v -> new BinaryCrossentropy(false).compute(v.get(0), Variable.constant(y), null),
                in -> new double[] {-(Math.log(in.get(0)[0] + 1e-7) + Math.log(1 - in.get(0)[1] + 1e-7)) / 2}, TOL);
    }

    @Test
    void sparseAndCategoricalCrossentropyFromSoftmax() {
        int n = 3, c = 4;
        Tensor cls = Tensor.of(new float[] {2, 0, 3}, n);
        Tensor onehot = Tensor.zeros(n, c);
        for (int i = 0; i < n; i++) onehot.data()[i * c + (int) cls.data()[i]] = 1;
        GradCheck.Reference ref = in -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j < c; j++) z += Math.exp(in.get(0)[i * c + j]);
                s += -Math.log(Math.exp(in.get(0)[i * c + (int) cls.data()[i]]) / z);
            }
            return new double[] {s / n};
        };
        GradCheck.check(List.of(GradCheck.random(rnd, n, c)),
                v -> new SparseCategoricalCrossentropy(false).compute(Ops.softmax(v.get(0)), Variable.constant(cls), null), ref, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, n, c)),
                v -> new CategoricalCrossentropy(false).compute(Ops.softmax(v.get(0)), Variable.constant(onehot), null), ref, TOL);
        GradCheck.check(List.of(GradCheck.random(rnd, n, c)),
                v -> new SparseCategoricalCrossentropy(true).compute(v.get(0), Variable.constant(cls), null), ref, TOL);
    }

    @Test
    void categoricalCrossentropyOnProbabilities() {
        int n = 2, c = 3;
        Tensor t = Tensor.of(new float[] {0, 1, 0, 0.2f, 0.3f, 0.5f}, n, c);
        Tensor p = Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0.1f, 0.6f, 0.3f}, n, c);
        GradCheck.check(List.of(p), v -> new CategoricalCrossentropy(false).compute(v.get(0), Variable.constant(t), null), in -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double tot = 0;
                for (int j = 0; j < c; j++) tot += in.get(0)[i * c + j];
                for (int j = 0; j < c; j++) s -= t.data()[i * c + j] * Math.log(in.get(0)[i * c + j] / tot);
            }
            return new double[] {s / n};
        }, TOL);
    }

    @Test
    void regressionLosses() {
        Tensor y = GradCheck.random(rnd, 4, 2);
        Tensor p = GradCheck.random(rnd, 4, 2);
        for (int i = 0; i < p.size(); i++) if (Math.abs(p.data()[i] - y.data()[i]) < 1e-2) p.data()[i] += 0.1f;
        GradCheck.check(List.of(p), v -> new MeanSquaredError().compute(v.get(0), Variable.constant(y), null), in -> {
            double s = 0;
            for (int i = 0; i < 8; i++) s += Math.pow(in.get(0)[i] - y.data()[i], 2);
            return new double[] {s / 8};
        }, TOL);
        GradCheck.check(List.of(p), v -> new MeanAbsoluteError().compute(v.get(0), Variable.constant(y), null), in -> {
            double s = 0;
            for (int i = 0; i < 8; i++) s += Math.abs(in.get(0)[i] - y.data()[i]);
            return new double[] {s / 8};
        }, TOL);
    }
}
