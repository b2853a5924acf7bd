package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** The contract every optimizer shares: per-parameter state, null gradients, argument checks. */
class OptimizerTest {
    private static final List<Supplier<Optimizer>> ALL = List.of(
            () -> new SGD(0.1).withMomentum(0.9).withNesterov(true),
            () -> new RMSprop(0.01).withMomentum(0.5).withCentered(true),
            () -> new Adam(0.01).withAmsgrad(true),
            () -> new AdamW(0.01, 0.1));

    /** Two parameters in one optimizer move exactly as each alone in its own optimizer. */
    @Test
    void stateIsPerParameter() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer shared = make.get();
            Optimizer aloneA = make.get();
            Optimizer aloneB = make.get();
            Variable a = param(0.5, -1);
            Variable b = param(0.5, -1); // same values and shape: state must not be keyed by either
            Variable a2 = param(0.5, -1);
            Variable b2 = param(0.5, -1);
            double[][] gA = {{0.1, 0.2}, {0.3, -0.1}, {-0.2, 0.4}};
            double[][] gB = {{-1, 2}, {0.5, 0.5}, {0.0, -3}};
            for (int s = 0; s < gA.length; s++) {
                setGrad(a, gA[s]);
                setGrad(a2, gA[s]);
                setGrad(b, gB[s]);
                setGrad(b2, gB[s]);
                shared.apply(List.of(a, b));
                aloneA.apply(List.of(a2));
                aloneB.apply(List.of(b2));
            }
            String name = shared.name();
            assertClose(Params.toDouble(a2.data()), a.data(), 0, name + " a");
            assertClose(Params.toDouble(b2.data()), b.data(), 0, name + " b");
        }
    }

    /** A parameter no gradient reached (grad() null) moves exactly as one with a zero gradient. */
    @Test
    void nullGradientIsZero() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer opt = make.get();
            Variable noGrad = param(0.5, -1);
            Variable zeroGrad = param(0.5, -1);
            Variable other = param(1, 2, 3); // a larger parameter first: the scratch buffer is reused
            for (int s = 0; s < 3; s++) {
                setGrad(zeroGrad, 0, 0);
                setGrad(other, 0.1, -0.2, 0.3);
                opt.apply(List.of(other, noGrad, zeroGrad));
            }
            assertEquals(null, noGrad.grad());
            assertClose(Params.toDouble(zeroGrad.data()), noGrad.data(), 0, opt.name());
        }
        Variable decayed = param(1.0);
        new AdamW(0.1, 0.5).apply(List.of(decayed));
        assertClose(new double[] {1 - 0.1 * 0.5}, decayed.data(), 1e-7, "AdamW decays without a gradient");
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertMessage("Received an invalid value for argument `learningRate`, expected a positive finite number, "
                + "got -1.0.", () -> new Adam(-1));
        assertMessage("Received an invalid value for argument `beta1`, expected a float in the range [0, 1), got 1.0.",
                () -> new Adam().withBeta1(1));
        assertMessage("Received an invalid value for argument `beta2`, expected a float in the range [0, 1), got -0.1.",
                () -> new Adam().withBeta2(-0.1));
        assertMessage("Received an invalid value for argument `epsilon`, expected a positive finite number, got 0.0.",
                () -> new RMSprop().withEpsilon(0));
        assertMessage("Received an invalid value for argument `momentum`, expected a float in the range [0, 1], "
                + "got 1.5.", () -> new SGD().withMomentum(1.5));
        assertMessage("Received an invalid value for argument `rho`, expected a float in the range [0, 1), got 1.0.",
                () -> new RMSprop().withRho(1));
        assertMessage("Received an invalid value for argument `weightDecay`, expected a non-negative finite number, "
                + "got -0.1.", () -> new AdamW(0.001, -0.1));
        assertMessage("Received an invalid value for argument `learningRate`, expected a positive finite number, "
                + "got NaN.", () -> new SGD().setLearningRate(Double.NaN));
        assertThrows(NullPointerException.class, () -> new Adam((LearningRateSchedule) null));
    }

    @Test
    void defaultsAreKeras() {
        assertEquals(0.01, new SGD().learningRate());
        assertEquals(0.001, new RMSprop().learningRate());
        assertEquals(0.001, new Adam().learningRate());
        assertEquals(0.001, new AdamW().learningRate());
        assertEquals(0, new Adam().iterations());
        assertEquals(0.0, new Adam().weightDecay());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void sgdWithWeightDecayIsDecoupled() {
        Variable w = param(2.0);
        setGrad(w, 1.0);
        new SGD(0.1).withWeightDecay(0.5).apply(List.of(w));
        assertClose(new double[] {2.0 * (1 - 0.1 * 0.5) - 0.1}, w.data(), 1e-7, "w");
        assertInstanceOf(SGD.class, Optimizer.fromConfig(new SGD().withWeightDecay(0.5).config()));
    }
}
