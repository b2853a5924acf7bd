package org.seq4j.train.callbacks;

import java.util.Map;
import org.seq4j.train.Callback;
import org.seq4j.train.Model;

/**
 * Stops training at the first batch whose loss is NaN or infinite, naming the epoch and step. ({@code fit} always
 * stops on a non-finite loss; this callback exists for Keras parity and to act on other logged values.)
 */
public final class TerminateOnNaN implements Callback {
    private Model model;

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBatchEnd(int epoch, int step, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            model.stopTraining("Epoch " + (epoch + 1) + ", batch " + (step + 1) + ": Invalid loss, terminating training");
        }
    }
}
