package org.seq4j.optim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A learning rate that depends on the optimizer step (Keras' {@code LearningRateSchedule}). Pass one to an
 * optimizer's constructor instead of a number.
 *
 * <p>{@link #at} receives {@link Optimizer#iterations()} as it is before the update, as Keras calls it: the first
 * update uses {@code at(0)}.
 */
public interface LearningRateSchedule {
    /** The learning rate for the update made after {@code step} earlier updates. */
    double at(long step);

    /** Keras' {@code get_config()}: the constructor arguments under their Keras names. */
    Map<String, Object> config();

    /** The Keras class name ("ExponentialDecay", ...), used as {@code "class_name"} when serialized. */
    default String className() {
        return getClass().getSimpleName();
    }

    /** Keras' {@code serialize()}: {@code {"class_name": ..., "config": {...}}}. */
    static Map<String, Object> serialize(LearningRateSchedule schedule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", schedule.className());
        m.put("config", schedule.config());
        return m;
    }

    /**
     * Rebuilds a schedule from {@link #serialize}'s form, {@code {"class_name": "CosineDecay", "config": {...}}}
     * (Keras' {@code module} and {@code registered_name} keys are accepted and ignored). Known classes:
     * {@link ExponentialDecay}, {@link PiecewiseConstantDecay}, {@link CosineDecay}, {@link InverseTimeDecay}.
     */
    static LearningRateSchedule fromConfig(Map<String, Object> serialized) {
        Objects.requireNonNull(serialized, "serialized");
        Object className = serialized.get("class_name");
        if (!(className instanceof String s)) {
            throw new IllegalArgumentException("Could not interpret learning rate schedule: it needs a \"class_name\" "
                    + "and a \"config\", got " + serialized + ".");
        }
        ConfigReader outer = new ConfigReader("learning rate schedule", serialized);
        outer.ignore("class_name", "module", "registered_name");
        Map<String, Object> inner = ConfigReader.map(outer.raw("config"), "schedule `config`");
        outer.finish();
        ConfigReader r = new ConfigReader(s + " config", inner == null ? Map.of() : inner);
        r.ignore("name");
        LearningRateSchedule schedule = switch (s.toLowerCase(Locale.ROOT)) {
            case "exponentialdecay" -> ExponentialDecay.fromConfig(r);
            case "piecewiseconstantdecay" -> PiecewiseConstantDecay.fromConfig(r);
            case "cosinedecay" -> CosineDecay.fromConfig(r);
            case "inversetimedecay" -> InverseTimeDecay.fromConfig(r);
            default -> throw new IllegalArgumentException("Unknown learning rate schedule: '" + s + "'. Expected one of "
                    + "ExponentialDecay, PiecewiseConstantDecay, CosineDecay, InverseTimeDecay.");
        };
        r.finish();
        return schedule;
    }
}
