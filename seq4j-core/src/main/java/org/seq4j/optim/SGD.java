package org.seq4j.optim;

import java.util.Map;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;

/**
 * Stochastic gradient descent with optional momentum (Polyak 1964) or Nesterov momentum (Nesterov 1983, in the
 * form of Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning"), exactly
 * as tf.keras' {@code SGD}:
 * <pre>
 *   momentum = 0:   w ← w − lr·g
 *   momentum &gt; 0:   v ← momentum·v − lr·g
 *                  w ← w + v                      (nesterov = false)
 *                  w ← w + momentum·v − lr·g      (nesterov = true, with the new v)
 * </pre>
 * Defaults: {@code learningRate} 0.01, {@code momentum} 0, {@code nesterov} false. One state array (v) per
 * parameter when momentum is used.
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        super(learningRate);
    }

    public SGD(LearningRateSchedule learningRate) {
        super(learningRate);
    }

    /** Momentum in [0, 1]; 0 (the default) is plain gradient descent. */
    public SGD withMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw Args.invalid("momentum", "a float in the range [0, 1]", Double.toString(momentum));
        }
        this.momentum = momentum;
        return this;
    }

    /** Nesterov momentum instead of the classical one (only matters when momentum &gt; 0). */
    public SGD withNesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected void update(Variable param, float[] w, float[] g, double lr, long t) {
        float rate = (float) lr;
        int n = w.length;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) w[i] -= rate * g[i];
            return;
        }
        float mu = (float) momentum;
        float[] v = slot(param, 0);
        if (nesterov) {
            for (int i = 0; i < n; i++) {
                v[i] = mu * v[i] - rate * g[i];
                w[i] += mu * v[i] - rate * g[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = mu * v[i] - rate * g[i];
                w[i] += v[i];
            }
        }
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
    }

    static SGD fromConfig(ConfigReader r) {
        SGD o = new SGD(Optimizer.learningRate(r, 0.01));
        o.withMomentum(r.number("momentum", 0));
        o.withNesterov(r.bool("nesterov", false));
        return o;
    }
}
