package org.seq4j.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Activation;
import org.seq4j.layers.Dense;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.losses.MeanSquaredError;
import org.seq4j.optim.SGD;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Callback;
import org.seq4j.train.FitOptions;
import org.seq4j.train.Sequential;

class WeightAveragingTest {
    @Test
    void epochEndWeightsAreTheMovingAverageOfEveryStepsWeights() {
        LayerNames.reset();
        RandomSeed.set(3);
        SplittableRandom r = new SplittableRandom(1);
        Tensor x = Tensor.zeros(40, 3), y = Tensor.zeros(40, 1);
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < 40; i++) y.data()[i] = x.data()[i * 3] - 2 * x.data()[i * 3 + 2];
        Sequential m = Sequential.of(new Dense(1, Activation.LINEAR));
        m.build(3);
        m.compile(new SGD(0.2), new MeanSquaredError());
        double momentum = 0.7;
        List<double[]> seen = new ArrayList<>();
        double[] avg = new double[3];
        double[][] expectedAtEpochEnd = new double[2][];
        Callback recorder = new Callback() {
            @Override
            public void onTrainBatchEnd(int epoch, int step, Map<String, Double> logs) {
                float[] k = m.namedWeights().get("dense/kernel").variable().data();
                for (int i = 0; i < 3; i++) avg[i] = seen.isEmpty() ? k[i] : momentum * avg[i] + (1 - momentum) * k[i];
                seen.add(new double[] {k[0], k[1], k[2]});
                if (step == 3) {
                    expectedAtEpochEnd[epoch] = avg.clone();
                    // the next epoch trains on from the averaged weights, as the average then holds them
                }
            }
        };
        Callback check = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                float[] k = m.namedWeights().get("dense/kernel").variable().data();
                for (int i = 0; i < 3; i++) assertEquals(expectedAtEpochEnd[epoch][i], k[i], 1e-5, "epoch " + epoch + " weight " + i);
            }
        };
        // batch 10 → 4 steps per epoch; the recorder sees each step's raw weights before the average overwrites them
        m.fit(x, y, FitOptions.defaults().epochs(2).batchSize(10).verbose(0).shuffle(false)
                .callbacks(recorder, new WeightAveraging(momentum), check));
        assertEquals(8, seen.size());
        // the overwrite really changed the weights: the last raw step differs from the average
        double diff = 0;
        for (int i = 0; i < 3; i++) diff += Math.abs(seen.get(7)[i] - expectedAtEpochEnd[1][i]);
        org.junit.jupiter.api.Assertions.assertTrue(diff > 1e-4, "average differs from the last step: " + diff);
    }

    @Test
    void refusesAMomentumOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new WeightAveraging(1.0));
        assertThrows(IllegalArgumentException.class, () -> new WeightAveraging(-0.1));
    }
}
