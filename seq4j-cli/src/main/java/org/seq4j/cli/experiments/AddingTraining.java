package org.seq4j.cli.experiments;

import java.util.List;
import java.util.SplittableRandom;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Input;
import org.seq4j.layers.KerasTensor;
import org.seq4j.layers.Layer;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.MeanSquaredError;
import org.seq4j.optim.Adam;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Feed;
import org.seq4j.train.Model;

/**
 * One cell on the adding problem: the model {@code Input(None, 2) → <cell>(units) → Dense(1)}, trained on fresh
 * batches (no sequence is seen twice) with Adam and per-weight gradient-norm clipping, then scored on fresh test
 * sequences. Every cell gets the same {@link Budget}.
 */
final class AddingTraining {
    /** What every cell gets: optimizer steps, sequences per step, Adam's learning rate, Keras clipnorm, test sequences. */
    record Budget(int steps, int batchSize, double learningRate, double clipnorm, int testSize) {
        Budget {
            if (steps < 0) throw new IllegalArgumentException("Received an invalid value for argument `steps`, expected an integer >= 0, got " + steps);
            if (batchSize < 1) throw new IllegalArgumentException("Received an invalid value for argument `batchSize`, expected a positive integer, got " + batchSize);
            if (!(learningRate > 0)) throw new IllegalArgumentException("Received an invalid value for argument `learningRate`, expected a positive number, got " + learningRate);
            if (!(clipnorm > 0)) throw new IllegalArgumentException("Received an invalid value for argument `clipnorm`, expected a positive number, got " + clipnorm);
            if (testSize < 1) throw new IllegalArgumentException("Received an invalid value for argument `testSize`, expected a positive integer, got " + testSize);
        }
    }

    /** A model and the two layers {@link GradientFlow} probes. */
    record Net(Model model, RecurrentLayer<?> rnn, Dense head) {}

    private AddingTraining() {}

    /** A fresh, compiled model; its weights come from the global {@link org.seq4j.layers.RandomSeed}. */
    static Net newNet(CellType cell, int units, Budget budget) {
        KerasTensor in = Input.of(Layer.NONE, AddingProblem.FEATURES);
        RecurrentLayer<?> rnn = cell.newLayer(units);
        Dense head = new Dense(1);
        Model model = Model.of(in, head.apply(rnn.applyAll(in).get(0))); // the final states (returnState) go unused
        model.compile(new Adam(budget.learningRate()).withClipnorm(budget.clipnorm()), new MeanSquaredError());
        return new Net(model, rnn, head);
    }

    /** Trains for {@code budget.steps()} steps on sequences of {@code length}; returns the mean loss of the last 10%. */
    static double train(Net net, int length, Budget budget, SplittableRandom rng) {
        int tail = Math.max(1, budget.steps() / 10);
        double sum = 0;
        for (int step = 0; step < budget.steps(); step++) {
            AddingProblem.Batch b = AddingProblem.sample(budget.batchSize(), length, rng);
            double loss = net.model().trainOnBatch(new Feed(List.of(b.x()), List.of(b.y()), null, null));
            if (!Double.isFinite(loss)) return loss;
            if (step >= budget.steps() - tail) sum += loss;
        }
        return budget.steps() == 0 ? Double.NaN : sum / tail;
    }

    /** MSE of the model on {@code n} fresh sequences of {@code length}. */
    static double testMse(Model model, int length, int n, SplittableRandom rng) {
        AddingProblem.Batch b = AddingProblem.sample(n, length, rng);
        Tensor p = model.predict(b.x(), 256);
        float[] pd = p.data();
        float[] yd = b.y().data();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) pd[i] - yd[i];
            sum += d * d;
        }
        return sum / n;
    }
}
