package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** Schedules at known steps, and how an optimizer calls them. */
class LearningRateScheduleTest {
    @Test
    void exponentialDecay() {
        ExponentialDecay s = new ExponentialDecay(0.1, 10, 0.5);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1 * Math.sqrt(0.5), s.at(5), 1e-15);
        assertEquals(0.05, s.at(10), 1e-15);
        ExponentialDecay stairs = new ExponentialDecay(0.1, 10, 0.5, true);
        assertEquals(0.1, stairs.at(9), 1e-15);
        assertEquals(0.05, stairs.at(19), 1e-15);
        assertEquals(0.025, stairs.at(20), 1e-15);
    }

    @Test
    void piecewiseConstantDecayIncludesTheBoundaryInTheLeftInterval() {
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(List.of(10L, 20L), List.of(1.0, 0.5, 0.1));
        assertEquals(1.0, s.at(0));
        assertEquals(1.0, s.at(10));
        assertEquals(0.5, s.at(11));
        assertEquals(0.5, s.at(20));
        assertEquals(0.1, s.at(21));
        assertEquals(0.1, s.at(1_000_000));
    }

    @Test
    void cosineDecay() {
        CosineDecay s = new CosineDecay(1.0, 100, 0.1);
        assertEquals(1.0, s.at(0), 1e-15);
        assertEquals(0.55, s.at(50), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.at(25), 1e-15);
        assertEquals(0.1, s.at(100), 1e-15);
        assertEquals(0.1, s.at(1000), 1e-15);
        assertEquals(0.0, new CosineDecay(2.0, 10).at(10), 1e-15);
    }

    @Test
    void inverseTimeDecay() {
        InverseTimeDecay s = new InverseTimeDecay(1.0, 10, 0.5);
        assertEquals(1.0, s.at(0), 1e-15);
        assertEquals(1 / 1.25, s.at(5), 1e-15);
        assertEquals(1 / 1.5, s.at(10), 1e-15);
        InverseTimeDecay stairs = new InverseTimeDecay(1.0, 10, 0.5, true);
        assertEquals(1 / 1.5, stairs.at(19), 1e-15);
        assertEquals(1 / 2.0, stairs.at(20), 1e-15);
    }

    /** Step k (1-based) uses at(k − 1): the iterations before the update, as Keras. */
    @Test
    void optimizerEvaluatesTheScheduleBeforeCounting() {
        SGD opt = new SGD(new PiecewiseConstantDecay(List.of(1L), List.of(1.0, 0.5)));
        Variable w = param(0);
        assertEquals(1.0, opt.learningRate());
        double[] expected = {-1, -2, -2.5, -3};
        for (int step = 0; step < expected.length; step++) {
            setGrad(w, 1);
            opt.apply(List.of(w));
            assertClose(new double[] {expected[step]}, w.data(), 1e-7, "w after step " + (step + 1));
        }
        assertEquals(4, opt.iterations());
        assertEquals(0.5, opt.learningRate());
    }

    @Test
    void weightDecayFollowsTheSchedule() {
        AdamW opt = new AdamW(new PiecewiseConstantDecay(List.of(0L), List.of(0.5, 0.25)), 0.1);
        Variable w = param(2.0);
        setGrad(w, 0); // Adam's own step is 0/(0 + eps) = 0: only the decay moves w
        opt.apply(List.of(w));
        opt.apply(List.of(w));
        assertClose(new double[] {2.0 * (1 - 0.5 * 0.1) * (1 - 0.25 * 0.1)}, w.data(), 1e-7, "w");
    }

    @Test
    void setLearningRateReplacesTheSchedule() {
        Adam opt = new Adam(new ExponentialDecay(0.1, 10, 0.5));
        assertEquals(new ExponentialDecay(0.1, 10, 0.5), opt.learningRateSchedule());
        opt.setLearningRate(0.003);
        assertEquals(0.003, opt.learningRate());
        assertNull(opt.learningRateSchedule());
        assertEquals(0.003, opt.config().get("learning_rate"));
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertEquals("Received an invalid value for argument `decaySteps`, expected a positive integer, got 0.",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5)).getMessage());
        assertEquals("Received an invalid value for argument `initialLearningRate`, expected a positive finite "
                + "number, got -1.0.",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(-1, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(1, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(1, 10, -0.5));
        assertEquals("The length of boundaries should be 1 less than the length of values. Received: "
                + "boundaries=[1, 2] of length 2, and values=[1.0, 0.5] of length 2.",
                assertThrows(IllegalArgumentException.class,
                        () -> new PiecewiseConstantDecay(List.of(1L, 2L), List.of(1.0, 0.5))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(List.of(5L, 5L), List.of(1.0, 0.5, 0.1)));
    }
}
