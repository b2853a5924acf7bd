package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** Gradient clipping through SGD(lr = 1), where the weight change is minus the clipped gradient. */
class ClippingTest {
    @Test
    void clipnormScalesEachVariableOnItsOwn() {
        Variable a = param(0, 0);
        Variable b = param(0, 0);
        setGrad(a, 3, 4); // norm 5 -> scaled to norm 1
        setGrad(b, 0.3, 0.4); // norm 0.5 -> unchanged
        new SGD(1).withClipnorm(1).apply(List.of(a, b));
        assertClose(new double[] {-0.6, -0.8}, a.data(), 1e-7, "a");
        assertClose(new double[] {-0.3, -0.4}, b.data(), 1e-7, "b");
    }

    @Test
    void clipvalueClampsElements() {
        Variable a = param(0, 0, 0, 0);
        setGrad(a, 1, -2, 0.3, -0.5);
        new SGD(1).withClipvalue(0.5).apply(List.of(a));
        assertClose(new double[] {-0.5, 0.5, -0.3, 0.5}, a.data(), 1e-7, "a");
    }

    @Test
    void globalClipnormScalesAllVariablesTogether() {
        Variable a = param(0, 0);
        Variable b = param(0);
        Variable none = param(7);
        setGrad(a, 3, 4);
        setGrad(b, 12); // global norm 13
        new SGD(1).withGlobalClipnorm(1).apply(List.of(a, none, b));
        assertClose(new double[] {-3 / 13.0, -4 / 13.0}, a.data(), 1e-7, "a");
        assertClose(new double[] {-12 / 13.0}, b.data(), 1e-7, "b");
        assertClose(new double[] {7}, none.data(), 0, "a variable without gradient");
    }

    @Test
    void globalClipnormBelowTheLimitChangesNothing() {
        Variable a = param(0, 0);
        setGrad(a, 0.3, 0.4);
        new SGD(1).withGlobalClipnorm(1).apply(List.of(a));
        assertClose(new double[] {-0.3, -0.4}, a.data(), 1e-7, "a");
    }

    /** As tf.clip_by_global_norm: a non-finite global norm makes every clipped gradient NaN. */
    @Test
    void globalClipnormWithAnInfiniteGradientGivesNaN() {
        Variable a = param(0, 0);
        Variable b = param(0);
        setGrad(a, 1, Double.POSITIVE_INFINITY);
        setGrad(b, 1);
        new SGD(1).withGlobalClipnorm(1).apply(List.of(a, b));
        assertEquals(Float.NaN, a.data()[0]);
        assertEquals(Float.NaN, b.data()[0]);
    }

    @Test
    void clippingLeavesTheGradientBuffersAlone() {
        for (Optimizer o : List.of(new SGD(1).withClipnorm(1), new SGD(1).withClipvalue(0.1),
                new SGD(1).withGlobalClipnorm(1))) {
            Variable a = param(0, 0);
            setGrad(a, 3, 4);
            o.apply(List.of(a));
            assertClose(new double[] {3, 4}, a.grad().data(), 0, "grad after " + o.config());
        }
    }

    @Test
    void clippingFeedsTheOptimizerState() {
        Variable a = param(0.0);
        Variable b = param(0.0);
        Optimizer clipped = new Adam(0.1).withClipvalue(0.5);
        Optimizer reference = new Adam(0.1);
        setGrad(a, 2.0);
        setGrad(b, 0.5);
        clipped.apply(List.of(a));
        reference.apply(List.of(b));
        setGrad(a, -0.25);
        setGrad(b, -0.25);
        clipped.apply(List.of(a));
        reference.apply(List.of(b));
        assertClose(Params.toDouble(b.data()), a.data(), 0, "clipped Adam vs Adam on the clipped gradient");
    }

    @Test
    void onlyOneClippingRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam().withClipnorm(1).withClipvalue(0.5));
        assertEquals("Only one of `clipnorm`, `clipvalue` and `globalClipnorm` can be set. Received: clipnorm=1.0, "
                + "clipvalue=0.5, globalClipnorm=null.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().withGlobalClipnorm(1).withClipnorm(1));
        // Setting the same rule again replaces it.
        assertEquals(2.0, new Adam().withClipnorm(1).withClipnorm(2).config().get("clipnorm"));
    }

    @Test
    void invalidClipValuesAreNamed() {
        assertEquals("Received an invalid value for argument `clipnorm`, expected a positive finite number, got 0.0.",
                assertThrows(IllegalArgumentException.class, () -> new SGD().withClipnorm(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().withClipvalue(-1));
        assertThrows(IllegalArgumentException.class, () -> new SGD().withGlobalClipnorm(Double.NaN));
    }
}
