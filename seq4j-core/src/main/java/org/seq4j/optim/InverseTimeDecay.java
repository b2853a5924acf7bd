package org.seq4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seq4j.layers.Args;

/**
 * Keras' {@code InverseTimeDecay}:
 * <pre>
 *   lr(step) = initialLearningRate / (1 + decayRate · step / decaySteps)   (step / decaySteps floored when staircase)
 * </pre>
 */
public record InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {
    public InverseTimeDecay {
        Args.positive("initialLearningRate", initialLearningRate);
        Schedules.positiveSteps("decaySteps", decaySteps);
        Args.nonNegative("decayRate", decayRate);
    }

    /** A continuous (not staircase) decay. */
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate / (1 + decayRate * p);
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

    static InverseTimeDecay fromConfig(ConfigReader r) {
        return new InverseTimeDecay(r.requiredNumber("initial_learning_rate"),
                r.requiredInteger("decay_steps"), r.requiredNumber("decay_rate"), r.bool("staircase", false));
    }
}
