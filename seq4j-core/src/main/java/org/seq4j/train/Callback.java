package org.seq4j.train;

import java.util.Map;

/**
 * Hooks into {@code fit} (Keras callbacks). Logs hold {@code loss}, the metrics and, at epoch end, the
 * {@code val_*} values. Epochs and steps are 0-based, as in Keras.
 */
public interface Callback {
    /** Called once before training with the model being trained. */
    default void setModel(Model model) {}

    default void onTrainBegin(FitOptions options, int stepsPerEpoch) {}

    default void onEpochBegin(int epoch) {}

    default void onTrainBatchEnd(int epoch, int step, Map<String, Double> logs) {}

    default void onEpochEnd(int epoch, Map<String, Double> logs) {}

    default void onTrainEnd(Map<String, Double> logs) {}
}
