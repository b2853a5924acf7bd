package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;

/**
 * Keras' SpatialDropout1D: dropout of whole feature channels. While training, for every sample b and feature f one
 * draw decides whether x[b, :, f] is zeroed (probability {@code rate}) at every time step, or kept and scaled by
 * 1/(1 − rate). After an embedding it drops embedding dimensions for a whole review instead of single elements, which
 * neighbouring steps could otherwise fill in. Inference is the identity; the mask passes through.
 */
public final class SpatialDropout1D extends Layer {
    private final float rate;

    public SpatialDropout1D(double rate) {
        this(rate, null);
    }

    public SpatialDropout1D(double rate, String name) {
        super(name);
        this.rate = Args.rate("rate", rate);
    }

    public float rate() {
        return rate;
    }

    @Override
    public String className() {
        return "SpatialDropout1D";
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        if (inputShapes.get(0).length != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected ndim=3, found ndim="
                    + inputShapes.get(0).length + ". Full shape received: " + ShapeText.of(inputShapes.get(0)));
        }
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        Variable x = inputs.get(0);
        if (!ctx.training() || rate == 0f) return List.of(x);
        int[] s = x.shape();
        return List.of(Ops.maskedScale(x, pattern(s[0], s[1], s[2], rate, ctx.split())));
    }

    /** A (B, T, F) 0 / (1/(1−rate)) pattern that is constant along T: Dropout's with noise_shape (None, 1, None). */
    public static float[] pattern(int b, int t, int f, float rate, SplittableRandom rnd) {
        return Dropout.broadcastPattern(new int[] {b, t, f}, new int[] {NONE, 1, NONE}, rate, rnd);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("rate", (double) rate);
        return c;
    }
}
