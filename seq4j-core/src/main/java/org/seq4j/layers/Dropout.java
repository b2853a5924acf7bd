package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;

/**
 * Inverted dropout (Srivastava et al. 2014): while training, each element is zeroed with probability {@code rate}
 * and the survivors are scaled by 1/(1 − rate), so inference is the identity.
 *
 * <p>{@code noiseShape} is Keras' {@code noise_shape}: the shape of the random keep/drop pattern, broadcast to the
 * input's shape; an axis of size 1 shares one draw along that axis, {@link Layer#NONE} (Keras' {@code None}) takes the
 * input's size. After an embedding, {@code (None, None, 1)} drops whole time steps, i.e. whole words of a text
 * ("word dropout"): a dropped word's vector is all zeros at that step, its mask unchanged.
 */
public final class Dropout extends Layer {
    private final float rate;
    private final int[] noiseShape; // null: one draw per element

    public Dropout(double rate) {
        this(rate, null);
    }

    public Dropout(double rate, String name) {
        this(rate, null, name);
    }

    /** @param noiseShape Keras' noise_shape, {@link Layer#NONE} for None; null for an independent draw per element */
    public Dropout(double rate, int[] noiseShape, String name) {
        super(name);
        this.rate = Args.rate("rate", rate);
        if (noiseShape != null) {
            for (int d : noiseShape) {
                if (d != NONE && d < 1) throw new IllegalArgumentException("Received an invalid value for argument `noise_shape`: "
                        + "sizes must be positive or None, got " + ShapeText.of(noiseShape) + ".");
            }
        }
        this.noiseShape = noiseShape == null ? null : noiseShape.clone();
    }

    /** Keras' noise_shape ({@link Layer#NONE} for None), or null. */
    public int[] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
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
        if (noiseShape == null) return List.of(Ops.maskedScale(x, pattern(x.value().size(), rate, ctx.split())));
        return List.of(Ops.maskedScale(x, broadcastPattern(x.shape(), noiseShape, rate, ctx.split())));
    }

    /**
     * A 0 / (1/(1−rate)) pattern of {@code shape}, drawn on {@code noiseShape} (NONE = shape's size; otherwise 1 or
     * shape's size) and broadcast along its size-1 axes; the draws are in row-major order of the resolved noise shape.
     */
    public static float[] broadcastPattern(int[] shape, int[] noiseShape, float rate, SplittableRandom rnd) {
        if (noiseShape.length != shape.length) {
            throw new IllegalArgumentException("noise_shape " + ShapeText.of(noiseShape) + " does not match the input rank "
                    + shape.length + " (input shape " + ShapeText.of(shape) + ")");
        }
        int rank = shape.length;
        int[] noiseStride = new int[rank];
        int draws = 1;
        for (int a = rank - 1; a >= 0; a--) {
            int n = noiseShape[a] == NONE ? shape[a] : noiseShape[a];
            if (n != 1 && n != shape[a]) {
                throw new IllegalArgumentException("noise_shape " + ShapeText.of(noiseShape) + " is not broadcastable to the input shape "
                        + ShapeText.of(shape));
            }
            noiseStride[a] = n == 1 ? 0 : draws;
            draws *= n;
        }
        float[] noise = pattern(draws, rate, rnd);
        int size = 1;
        for (int d : shape) size *= d;
        float[] p = new float[size];
        if (size == 0) return p;
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < size; i++) {
            p[i] = noise[off];
            for (int a = rank - 1; a >= 0; a--) { // odometer over the input's indices, tracking the noise offset
                if (++idx[a] < shape[a]) {
                    off += noiseStride[a];
                    break;
                }
                off -= noiseStride[a] * (shape[a] - 1);
                idx[a] = 0;
            }
        }
        return p;
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
        if (noiseShape != null) {
            List<Object> ns = new java.util.ArrayList<>();
            for (int d : noiseShape) ns.add(d == NONE ? null : d);
            c.put("noise_shape", ns);
        }
        return c;
    }
}
