package org.seq4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seq4j.layers.Args;

/**
 * Keras' {@code CosineDecay} without warm-up (Loshchilov &amp; Hutter 2017, "SGDR: Stochastic Gradient Descent with
 * Warm Restarts", one cycle, no restart):
 * <pre>
 *   s        = min(step, decaySteps)
 *   lr(step) = initialLearningRate · ((1 − alpha) · ½(1 + cos(π·s/decaySteps)) + alpha)
 * </pre>
 * {@code alpha} is the final learning rate as a fraction of the initial one.
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha) implements LearningRateSchedule {
    public CosineDecay {
        Args.positive("initialLearningRate", initialLearningRate);
        Schedules.positiveSteps("decaySteps", decaySteps);
        if (!(alpha >= 0 && alpha <= 1)) throw Args.invalid("alpha", "a float in the range [0, 1]", Double.toString(alpha));
    }

    /** Decays to 0 ({@code alpha} = 0). */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0);
    }

    @Override
    public double at(long step) {
        double fraction = (double) Math.min(step, decaySteps) / decaySteps;
        double cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        return c;
    }

    static CosineDecay fromConfig(ConfigReader r) {
        r.requireAbsentOr("warmup_target", null);
        r.requireAbsentOr("warmup_steps", 0);
        return new CosineDecay(r.requiredNumber("initial_learning_rate"), r.requiredInteger("decay_steps"),
                r.number("alpha", 0));
    }
}
