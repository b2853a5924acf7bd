package org.seq4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seq4j.layers.Args;

/**
 * Keras' {@code ExponentialDecay}:
 * <pre>
 *   lr(step) = initialLearningRate · decayRate^(step / decaySteps)      (the exponent floored when staircase)
 * </pre>
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {
    public ExponentialDecay {
        Args.positive("initialLearningRate", initialLearningRate);
        Schedules.positiveSteps("decaySteps", decaySteps);
        Args.positive("decayRate", decayRate);
    }

    /** A continuous (not staircase) decay. */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }

    static ExponentialDecay fromConfig(ConfigReader r) {
        return new ExponentialDecay(r.requiredNumber("initial_learning_rate"),
                r.requiredInteger("decay_steps"), r.requiredNumber("decay_rate"), r.bool("staircase", false));
    }
}
