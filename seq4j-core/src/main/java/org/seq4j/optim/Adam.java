package org.seq4j.optim;

import java.util.Map;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization") in the form tf.keras uses — the one
 * "just before Section 2.1" of the paper, with the bias corrections folded into the step size and ε added to √v
 * (ε is the paper's ε̂):
 * <pre>
 *   α_t ← lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)
 *   m   ← β₁·m + (1 − β₁)·g
 *   v   ← β₂·v + (1 − β₂)·g²
 *   v̂   ← max(v̂, v)                 (amsgrad only; Reddi et al. 2018, "On the Convergence of Adam and Beyond")
 *   w   ← w − α_t·m/(√v + ε)        (√v̂ with amsgrad)
 * </pre>
 * α_t is computed in double; the element loop runs in float32. Defaults: {@code learningRate} 0.001,
 * {@code beta1} 0.9, {@code beta2} 0.999, {@code epsilon} 1e-7, {@code amsgrad} false. State per parameter: m, v,
 * plus v̂ with amsgrad.
 */
public class Adam extends Optimizer {
    private static final int M = 0;
    private static final int V = 1;
    private static final int V_HAT = 2;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super(learningRate);
    }

    public Adam(LearningRateSchedule learningRate) {
        super(learningRate);
    }

    /** Decay of the first-moment estimate, in [0, 1). */
    public Adam withBeta1(double beta1) {
        Args.rate("beta1", beta1);
        this.beta1 = beta1;
        return this;
    }

    /** Decay of the second-moment estimate, in [0, 1). */
    public Adam withBeta2(double beta2) {
        Args.rate("beta2", beta2);
        this.beta2 = beta2;
        return this;
    }

    public Adam withEpsilon(double epsilon) {
        this.epsilon = Args.positive("epsilon", epsilon);
        return this;
    }

    /** Uses the running maximum of v (AMSGrad). */
    public Adam withAmsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    protected void update(Variable param, float[] w, float[] g, double lr, long t) {
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float[] m = slot(param, M);
        float[] v = slot(param, V);
        int n = w.length;
        if (amsgrad) {
            float[] vHat = slot(param, V_HAT);
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                m[i] = b1 * m[i] + oneMinusB1 * gi;
                v[i] = b2 * v[i] + oneMinusB2 * gi * gi;
                vHat[i] = Math.max(vHat[i], v[i]);
                w[i] -= alpha * m[i] / ((float) Math.sqrt(vHat[i]) + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                m[i] = b1 * m[i] + oneMinusB1 * gi;
                v[i] = b2 * v[i] + oneMinusB2 * gi * gi;
                w[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        }
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
    }

    /** Reads Adam's own keys into {@code o} (shared with AdamW). */
    static <T extends Adam> T readAdamConfig(ConfigReader r, T o) {
        o.withBeta1(r.number("beta_1", 0.9));
        o.withBeta2(r.number("beta_2", 0.999));
        o.withEpsilon(r.number("epsilon", 1e-7));
        o.withAmsgrad(r.bool("amsgrad", false));
        return o;
    }

    static Adam fromConfig(ConfigReader r) {
        return readAdamConfig(r, new Adam(Optimizer.learningRate(r, 0.001)));
    }
}
