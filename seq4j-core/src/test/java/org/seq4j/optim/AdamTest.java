package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** Adam, AMSGrad and AdamW against the Keras update rule written out in double. */
class AdamTest {
    private static final double[] W0 = {0.5, -1.0, 2.0, 0.0, 3e-3};
    private static final double[][] GRADS = {
        {0.1, -0.2, 0.3, 0.0, 1e-3}, {-0.4, 0.5, 0.05, 0.0, 2e-3}, {0.2, 0.2, -0.6, 0.0, -5e-3}, {1.0, -0.3, 0.1, 0, 0}};

    @Test
    void kerasRule() {
        check(new Adam(0.01), 0.01, 0.9, 0.999, 1e-7, false, 0);
    }

    @Test
    void nonDefaultBetasAndEpsilon() {
        check(new Adam(0.05).withBeta1(0.5).withBeta2(0.9).withEpsilon(1e-3), 0.05, 0.5, 0.9, 1e-3, false, 0);
    }

    @Test
    void amsgrad() {
        check(new Adam(0.01).withAmsgrad(true), 0.01, 0.9, 0.999, 1e-7, true, 0);
    }

    @Test
    void adamWDecaysBeforeTheAdamStep() {
        check(new AdamW(0.01, 0.1), 0.01, 0.9, 0.999, 1e-7, false, 0.1);
    }

    @Test
    void adamWDefaultsAreKeras() {
        AdamW o = new AdamW();
        assertEquals(0.004, o.weightDecay());
        assertEquals(0.001, o.learningRate());
        check(new AdamW(), 0.001, 0.9, 0.999, 1e-7, false, 0.004);
    }

    /** The first step moves every weight with a non-zero gradient by about lr, whatever the gradient's scale. */
    @Test
    void firstStepIsAboutLearningRate() {
        Variable p = param(0, 0, 0);
        setGrad(p, 1e-3, -50, 7);
        new Adam(0.01).apply(List.of(p));
        assertClose(new double[] {-0.01, 0.01, -0.01}, p.data(), 1e-3, "w");
    }

    private static void check(Adam opt, double lr, double b1, double b2, double eps, boolean amsgrad, double wd) {
        Variable p = param(W0);
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] vHat = new double[w.length];
        int t = 0;
        for (double[] g : GRADS) {
            setGrad(p, g);
            opt.apply(List.of(p));
            t++;
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vHat[i] = Math.max(vHat[i], v[i]);
                w[i] -= alpha * m[i] / (Math.sqrt(amsgrad ? vHat[i] : v[i]) + eps);
            }
            assertClose(w, p.data(), 1e-6, "w at t=" + t);
            assertEquals(t, opt.iterations());
        }
    }
}
