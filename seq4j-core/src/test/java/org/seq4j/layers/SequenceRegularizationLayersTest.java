package org.seq4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.GradCheck;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.spec.ModelSpec;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.LayerRegistry;

/** SpatialDropout1D and GlobalMaxAveragePooling1D: forward and backward against double-precision references. */
class SequenceRegularizationLayersTest {
    private static final double TOL = 2e-4;
    private final SplittableRandom rnd = new SplittableRandom(11);

    @Test
    void maxAveragePoolingIsMaxThenMeanOverTheRealStepsWithItsGradient() {
        int b = 3, t = 5, f = 4;
        Mask mask = Mask.fromLengths(t, 5, 2, 1);
        GlobalMaxAveragePooling1D layer = new GlobalMaxAveragePooling1D();
        assertArrayEquals(new int[] {Layer.NONE, 2 * f}, layer.computeOutputShapes(List.of(new int[] {Layer.NONE, Layer.NONE, f})).get(0));
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, f)),
                v -> layer.call(List.of(v.get(0).withMask(mask)), CallContext.inference()).get(0),
                in -> {
                    double[] x = in.get(0);
                    double[] y = new double[b * 2 * f];
                    for (int i = 0; i < b; i++)
                        for (int j = 0; j < f; j++) {
                            double m = Double.NEGATIVE_INFINITY, s = 0;
                            for (int k = 0; k < mask.length(i); k++) {
                                m = Math.max(m, x[(i * t + k) * f + j]);
                                s += x[(i * t + k) * f + j];
                            }
                            y[i * 2 * f + j] = m;
                            y[i * 2 * f + f + j] = s / mask.length(i);
                        }
                    return y;
                }, TOL);
    }

    @Test
    void maxAveragePoolingConsumesTheMask() {
        Variable x = Variable.constant(GradCheck.random(rnd, 2, 3, 2)).withMask(Mask.fromLengths(3, 3, 1));
        Variable y = new GlobalMaxAveragePooling1D().call(List.of(x), CallContext.inference()).get(0);
        assertEquals(null, y.mask());
        assertArrayEquals(new int[] {2, 4}, y.shape());
    }

    @Test
    void spatialDropoutDropsWholeChannelsAndScalesTheRest() {
        int b = 4, t = 6, f = 8;
        float rate = 0.5f;
        float[] p = SpatialDropout1D.pattern(b, t, f, rate, new SplittableRandom(3));
        int zeros = 0;
        for (int i = 0; i < b; i++)
            for (int j = 0; j < f; j++) {
                float first = p[(i * t) * f + j];
                assertTrue(first == 0f || first == 2f, "kept channels are scaled by 1/(1-rate)");
                if (first == 0f) zeros++;
                for (int k = 1; k < t; k++) assertEquals(first, p[(i * t + k) * f + j], "constant over time");
            }
        assertTrue(zeros > 0 && zeros < b * f, "some channels dropped, some kept: " + zeros);
    }

    @Test
    void spatialDropoutGradientFollowsItsPattern() {
        int b = 2, t = 3, f = 5;
        double rate = 0.4;
        long seed = 21;
        SpatialDropout1D layer = new SpatialDropout1D(rate);
        float[] p = SpatialDropout1D.pattern(b, t, f, (float) rate, new CallContext(true, seed).split());
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, f)),
                v -> layer.call(List.of(v.get(0)), new CallContext(true, seed)).get(0),
                in -> {
                    double[] x = in.get(0);
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) y[i] = x[i] * p[i];
                    return y;
                }, TOL);
    }

    @Test
    void spatialDropoutIsTheIdentityAtInferenceAndKeepsTheMask() {
        Mask mask = Mask.fromLengths(3, 3, 2);
        Variable x = Variable.constant(GradCheck.random(rnd, 2, 3, 4)).withMask(mask);
        SpatialDropout1D layer = new SpatialDropout1D(0.3);
        assertSame(x, layer.call(List.of(x), CallContext.inference()).get(0));
        assertSame(mask, layer.call(List.of(x), new CallContext(true, 1)).get(0).mask());
        assertTrue(layer.supportsMasking());
    }

    @Test
    void dropoutNoiseShapeSharesOneDrawAlongItsUnitAxes() {
        int b = 3, t = 7, f = 5;
        float[] p = Dropout.broadcastPattern(new int[] {b, t, f}, new int[] {Layer.NONE, Layer.NONE, 1}, 0.5f, new SplittableRandom(4));
        int dropped = 0;
        for (int i = 0; i < b * t; i++) {
            assertTrue(p[i * f] == 0f || p[i * f] == 2f);
            if (p[i * f] == 0f) dropped++;
            for (int j = 1; j < f; j++) assertEquals(p[i * f], p[i * f + j], "one draw per time step");
        }
        assertTrue(dropped > 0 && dropped < b * t, "some steps dropped, some kept: " + dropped);
        // the same draws, in the same order, as a full pattern over the noise shape
        float[] draws = Dropout.pattern(b * t, 0.5f, new SplittableRandom(4));
        for (int i = 0; i < b * t; i++) assertEquals(draws[i], p[i * f]);
        // a middle axis: one draw per (b, f), shared over t — SpatialDropout1D's pattern
        float[] q = Dropout.broadcastPattern(new int[] {b, t, f}, new int[] {Layer.NONE, 1, Layer.NONE}, 0.5f, new SplittableRandom(9));
        assertArrayEquals(SpatialDropout1D.pattern(b, t, f, 0.5f, new SplittableRandom(9)), q);
    }

    @Test
    void wordDropoutGradientFollowsItsPattern() {
        int b = 2, t = 4, f = 3;
        long seed = 5;
        Dropout layer = new Dropout(0.5, new int[] {Layer.NONE, Layer.NONE, 1}, null);
        float[] p = Dropout.broadcastPattern(new int[] {b, t, f}, new int[] {Layer.NONE, Layer.NONE, 1}, 0.5f, new CallContext(true, seed).split());
        Mask mask = Mask.fromLengths(t, 4, 3);
        GradCheck.check(List.of(GradCheck.random(rnd, b, t, f)),
                v -> {
                    Variable y = layer.call(List.of(v.get(0).withMask(mask)), new CallContext(true, seed)).get(0);
                    assertSame(mask, y.mask());
                    return y;
                },
                in -> {
                    double[] x = in.get(0);
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) y[i] = x[i] * p[i];
                    return y;
                }, TOL);
    }

    @Test
    void specNamesAndConfigsRoundTrip() {
        List<Map<String, Object>> wd = ModelSpec.parse("embedding(100,8) word_dropout(0.2)");
        Dropout d = (Dropout) LayerRegistry.fromConfig(wd.get(1));
        assertArrayEquals(new int[] {Layer.NONE, Layer.NONE, 1}, d.noiseShape());
        Dropout again = (Dropout) LayerRegistry.fromConfig(Map.of("class_name", "Dropout", "config", d.config()));
        assertArrayEquals(new int[] {Layer.NONE, Layer.NONE, 1}, again.noiseShape());
        assertEquals(null, new Dropout(0.2).config().get("noise_shape"));
        List<Map<String, Object>> layers = ModelSpec.parse("embedding(100,8,mask_zero) spatial_dropout(0.25) bigru(4,return_sequences) global_max_avg_pool dense(1,sigmoid)");
        assertEquals("SpatialDropout1D", layers.get(1).get("class_name"));
        assertEquals("GlobalMaxAveragePooling1D", layers.get(3).get("class_name"));
        Layer sd = LayerRegistry.fromConfig(layers.get(1));
        assertEquals(0.25, ((Number) sd.config().get("rate")).doubleValue(), 1e-7);
        Layer pool = LayerRegistry.fromConfig(layers.get(3));
        assertEquals("GlobalMaxAveragePooling1D", pool.className());
        var model = ModelSpec.build("embedding(100,8,mask_zero) spatial_dropout(0.25) bigru(4,return_sequences) global_max_avg_pool dense(1,sigmoid)", null);
        Tensor ids = Tensor.of(new float[] {1, 2, 3, 0, 5, 6, 0, 0}, 2, 4);
        assertArrayEquals(new int[] {2, 1}, model.predict(ids, 32).shape());
    }
}
