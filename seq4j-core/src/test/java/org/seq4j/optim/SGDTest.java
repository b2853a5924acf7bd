package org.seq4j.optim;

import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** SGD against the tf.keras update written out in double. */
class SGDTest {
    private static final double[] W0 = {0.5, -1.0, 2.0};
    private static final double[][] GRADS = {{0.1, -0.2, 0.3}, {-0.4, 0.5, 0.05}, {0.2, 0.2, -0.6}};

    @Test
    void plainDescent() {
        check(0.1, 0, false);
    }

    @Test
    void momentum() {
        check(0.1, 0.9, false);
    }

    @Test
    void nesterov() {
        check(0.1, 0.9, true);
    }

    @Test
    void defaultLearningRateIsKeras() {
        Variable w = param(1.0);
        setGrad(w, 1.0);
        new SGD().apply(List.of(w));
        assertClose(new double[] {1.0 - 0.01}, w.data(), 1e-7, "w");
    }

    private static void check(double lr, double momentum, boolean nesterov) {
        SGD opt = new SGD(lr).withMomentum(momentum).withNesterov(nesterov);
        Variable p = param(W0);
        double[] w = W0.clone();
        double[] v = new double[w.length];
        for (double[] g : GRADS) {
            setGrad(p, g);
            opt.apply(List.of(p));
            for (int i = 0; i < w.length; i++) {
                if (momentum == 0) {
                    w[i] -= lr * g[i];
                    continue;
                }
                v[i] = momentum * v[i] - lr * g[i];
                w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
            }
            assertClose(w, p.data(), 1e-6, "w (momentum " + momentum + ", nesterov " + nesterov + ")");
        }
    }
}
