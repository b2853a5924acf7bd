package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;

/**
 * Inverted dropout (Srivastava et al. 2014): while training, each element is zeroed with probability {@code rate}
 * and the survivors are scaled by 1/(1 − rate), so inference is the identity.
 */
public final class Dropout extends Layer {
    private final float rate;

    public Dropout(double rate) {
        this(rate, null);
    }

    public Dropout(double rate, String name) {
        super(name);
        this.rate = Args.rate("rate", rate);
    }

    public float rate() {
        return rate;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {}

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        Variable x = inputs.get(0);
        if (!ctx.training() || rate == 0f) return List.of(x);
        return List.of(Ops.maskedScale(x, pattern(x.value().size(), rate, ctx.split())));
    }

    /** A 0 / (1/(1−rate)) pattern of n elements. */
    public static float[] pattern(int n, float rate, SplittableRandom rnd) {
        float keep = 1f / (1f - rate);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) p[i] = rnd.nextFloat() >= rate ? keep : 0f;
        return p;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("rate", (double) rate);
        return c;
    }
}
