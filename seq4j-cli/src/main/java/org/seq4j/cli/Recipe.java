package org.seq4j.cli;

/**
 * Training settings that belong to a preset: the seed notebook's models train with Adam 1e-3 for 6 (LSTM) or 10
 * (stacked BiLSTM) epochs against the test set; our best recipe carves a validation split, decays the learning
 * rate, clips gradients, uses AdamW (decoupled weight decay 0.3) and stops early on val_loss. See RECIPE_NOTES.md
 * for the runs behind it. Command-line options override them.
 */
record Recipe(int epochs, double learningRate, double validationSplit, Integer earlyStoppingPatience, double lrDecayPerEpoch,
              Double clipnorm, Double weightDecay, Double ema) {
    static Recipe forModel(String model) {
        return switch (model) {
            case "imdb-stacked-bilstm" -> new Recipe(10, 1e-3, 0, null, 1.0, null, null, null);
            case "imdb-best" -> new Recipe(8, 2e-3, 0.1, 2, 0.7, 1.0, 0.3, null);
            default -> new Recipe(6, 1e-3, 0, null, 1.0, null, null, null);
        };
    }
}
