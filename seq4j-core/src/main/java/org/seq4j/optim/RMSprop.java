package org.seq4j.optim;

import java.util.Map;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5; the centered
 * variant from Graves 2013, "Generating Sequences With Recurrent Neural Networks"). The update is TensorFlow's
 * {@code ApplyRMSProp} / {@code ApplyCenteredRMSProp} kernel, which is also tf.keras 2.11+ and Keras 3
 * {@code RMSprop}, with ε inside the square root:
 * <pre>
 *   ms  ← ρ·ms + (1 − ρ)·g²
 *   mg  ← ρ·mg + (1 − ρ)·g                      (centered only)
 *   d   ← ms + ε          or   ms − mg² + ε     (centered)
 *   mom ← momentum·mom + lr·g/√d               (mom is just the increment when momentum = 0)
 *   w   ← w − mom
 * </pre>
 * Note: the legacy tf.keras optimizer ({@code optimizer_v2}, default up to TF 2.10) used this kernel only when
 * momentum &gt; 0; with momentum = 0 it computed {@code w ← w − lr·g/(√d' + ε)} with ε outside the root
 * ({@code d'} = ms, or ms − mg² when centered). The two agree unless ms is of the order of ε.
 *
 * <p>Defaults: {@code learningRate} 0.001, {@code rho} 0.9, {@code momentum} 0, {@code epsilon} 1e-7,
 * {@code centered} false. State per parameter: ms, plus mom when momentum &gt; 0, plus mg when centered.
 */
public final class RMSprop extends Optimizer {
    private static final int MS = 0;
    private static final int MOM = 1;
    private static final int MG = 2;

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        super(learningRate);
    }

    public RMSprop(LearningRateSchedule learningRate) {
        super(learningRate);
    }

    /** Discount of the running average of squared gradients, in [0, 1). */
    public RMSprop withRho(double rho) {
        Args.rate("rho", rho);
        this.rho = rho;
        return this;
    }

    /** Momentum in [0, 1]. */
    public RMSprop withMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw Args.invalid("momentum", "a float in the range [0, 1]", Double.toString(momentum));
        }
        this.momentum = momentum;
        return this;
    }

    public RMSprop withEpsilon(double epsilon) {
        this.epsilon = Args.positive("epsilon", epsilon);
        return this;
    }

    /** Normalizes by the estimated variance of the gradient instead of its second moment. */
    public RMSprop withCentered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    protected void update(Variable param, float[] w, float[] g, double lr, long t) {
        float rate = (float) lr;
        float r = (float) rho;
        float oneMinusR = (float) (1 - rho);
        float eps = (float) epsilon;
        float mu = (float) momentum;
        float[] ms = slot(param, MS);
        float[] mom = momentum > 0 ? slot(param, MOM) : null;
        float[] mg = centered ? slot(param, MG) : null;
        int n = w.length;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            ms[i] = r * ms[i] + oneMinusR * gi * gi;
            float d = ms[i] + eps;
            if (mg != null) {
                mg[i] = r * mg[i] + oneMinusR * gi;
                d -= mg[i] * mg[i];
            }
            float step = rate * gi / (float) Math.sqrt(d);
            if (mom != null) {
                mom[i] = mu * mom[i] + step;
                step = mom[i];
            }
            w[i] -= step;
        }
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
    }

    static RMSprop fromConfig(ConfigReader r) {
        RMSprop o = new RMSprop(Optimizer.learningRate(r, 0.001));
        o.withRho(r.number("rho", 0.9));
        o.withMomentum(r.number("momentum", 0));
        o.withEpsilon(r.number("epsilon", 1e-7));
        o.withCentered(r.bool("centered", false));
        return o;
    }
}
