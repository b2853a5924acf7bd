package org.seq4j.train.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Weight;
import org.seq4j.train.Callback;
import org.seq4j.train.FitOptions;
import org.seq4j.train.Model;

/**
 * An exponential moving average of the trainable weights, as Keras' optimizer option {@code use_ema=True} with
 * {@code ema_overwrite_frequency} = the steps of an epoch: after every training step
 * <pre>
 *   ema ← momentum·ema + (1 − momentum)·w        (ema starts as the weights after the first step)
 * </pre>
 * and after the last step of each epoch the weights are overwritten with the average, so validation, early stopping,
 * the saved model and the next epoch all see it. The average smooths the step-to-step noise of the last ~1/(1 −
 * momentum) updates. Put it before {@link EarlyStopping} in the callback list (the overwrite happens at the last
 * batch, before validation, so the order only matters for other batch-end callbacks).
 */
public final class WeightAveraging implements Callback {
    private final double momentum;
    private Model model;
    private List<float[]> ema;
    private List<Variable> live;
    private int stepsPerEpoch;

    public WeightAveraging(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Received an invalid value for argument `momentum`, expected a number in [0, 1), got " + momentum + ".");
        }
        this.momentum = momentum;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(FitOptions options, int stepsPerEpoch) {
        this.stepsPerEpoch = stepsPerEpoch;
        ema = null;
        live = new ArrayList<>();
        for (Weight w : model.namedWeights().values()) if (w.trainable()) live.add(w.variable());
    }

    @Override
    public void onTrainBatchEnd(int epoch, int step, Map<String, Double> logs) {
        if (ema == null) {
            ema = new ArrayList<>();
            for (Variable v : live) ema.add(v.data().clone());
        } else {
            float m = (float) momentum, n = 1f - m;
            for (int k = 0; k < live.size(); k++) {
                float[] w = live.get(k).data(), e = ema.get(k);
                for (int i = 0; i < w.length; i++) e[i] = m * e[i] + n * w[i];
            }
        }
        if (stepsPerEpoch > 0 && step == stepsPerEpoch - 1) overwrite();
    }

    /** Copies the average into the model's weights. */
    public void overwrite() {
        if (ema == null) return;
        for (int k = 0; k < live.size(); k++) System.arraycopy(ema.get(k), 0, live.get(k).data(), 0, ema.get(k).length);
    }
}
