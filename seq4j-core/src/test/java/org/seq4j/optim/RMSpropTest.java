package org.seq4j.optim;

import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** RMSprop against TensorFlow's ApplyRMSProp / ApplyCenteredRMSProp written out in double. */
class RMSpropTest {
    private static final double[] W0 = {0.5, -1.0, 2.0, 0.0};
    private static final double[][] GRADS = {{0.1, -0.2, 0.3, 0.0}, {-0.4, 0.5, 0.05, 1e-4}, {0.2, 0.2, -0.6, 0.0}};

    @Test
    void plain() {
        check(0.01, 0.9, 0, 1e-7, false);
    }

    @Test
    void momentum() {
        check(0.01, 0.9, 0.5, 1e-7, false);
    }

    @Test
    void centered() {
        check(0.01, 0.8, 0, 1e-7, true);
    }

    @Test
    void centeredWithMomentumAndLargeEpsilon() {
        check(0.01, 0.8, 0.9, 0.1, true);
    }

    private static void check(double lr, double rho, double momentum, double eps, boolean centered) {
        RMSprop opt = new RMSprop(lr).withRho(rho).withMomentum(momentum).withEpsilon(eps).withCentered(centered);
        Variable p = param(W0);
        double[] w = W0.clone();
        double[] ms = new double[w.length];
        double[] mg = new double[w.length];
        double[] mom = new double[w.length];
        for (double[] g : GRADS) {
            setGrad(p, g);
            opt.apply(List.of(p));
            for (int i = 0; i < w.length; i++) {
                ms[i] = rho * ms[i] + (1 - rho) * g[i] * g[i];
                double denom = ms[i] + eps;
                if (centered) {
                    mg[i] = rho * mg[i] + (1 - rho) * g[i];
                    denom = ms[i] - mg[i] * mg[i] + eps;
                }
                mom[i] = momentum * mom[i] + lr * g[i] / Math.sqrt(denom);
                w[i] -= mom[i];
            }
            assertClose(w, p.data(), 1e-6, "w");
        }
    }
}
