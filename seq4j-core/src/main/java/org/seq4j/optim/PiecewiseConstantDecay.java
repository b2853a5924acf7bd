package org.seq4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.layers.Args;

/**
 * Keras' {@code PiecewiseConstantDecay}: {@code values.get(0)} while {@code step <= boundaries.get(0)},
 * {@code values.get(i)} while {@code boundaries.get(i-1) < step <= boundaries.get(i)}, and the last value after the
 * last boundary. There is one more value than boundaries.
 */
public record PiecewiseConstantDecay(List<Long> boundaries, List<Double> values) implements LearningRateSchedule {
    public PiecewiseConstantDecay {
        boundaries = List.copyOf(boundaries);
        values = List.copyOf(values);
        if (boundaries.size() != values.size() - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. "
                    + "Received: boundaries=" + boundaries + " of length " + boundaries.size() + ", and values="
                    + values + " of length " + values.size() + ".");
        }
        for (int i = 1; i < boundaries.size(); i++) {
            if (boundaries.get(i) <= boundaries.get(i - 1)) {
                throw Args.invalid("boundaries", "strictly increasing steps", boundaries.toString());
            }
        }
        for (double v : values) Args.nonNegative("values", v);
    }

    @Override
    public double at(long step) {
        for (int i = 0; i < boundaries.size(); i++) {
            if (step <= boundaries.get(i)) return values.get(i);
        }
        return values.get(values.size() - 1);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", boundaries);
        c.put("values", values);
        return c;
    }

    static PiecewiseConstantDecay fromConfig(ConfigReader r) {
        List<Double> b = r.numbers("boundaries");
        List<Double> v = r.numbers("values");
        if (b == null || v == null) {
            throw new IllegalArgumentException("PiecewiseConstantDecay config needs `boundaries` and `values`.");
        }
        List<Long> steps = new ArrayList<>(b.size());
        for (double x : b) {
            if (x != Math.rint(x)) throw Args.invalid("boundaries", "integer steps", b.toString());
            steps.add((long) x);
        }
        return new PiecewiseConstantDecay(steps, v);
    }
}
