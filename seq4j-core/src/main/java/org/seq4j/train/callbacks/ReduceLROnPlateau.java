package org.seq4j.train.callbacks;

import java.util.Map;
import org.seq4j.train.Callback;
import org.seq4j.train.FitOptions;
import org.seq4j.train.Model;

/**
 * Multiplies the learning rate by {@code factor} when {@code monitor} has not improved for {@code patience} epochs,
 * not below {@code minLr}, then waits {@code cooldown} epochs (Keras semantics, minDelta 1e-4).
 */
public final class ReduceLROnPlateau implements Callback {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;
    private Model model;
    private double best;
    private int wait;
    private int cooldownLeft;

    public ReduceLROnPlateau(String monitor, double factor, int patience, double minLr) {
        this(monitor, factor, patience, 0, minLr, 1e-4, "auto");
    }

    public ReduceLROnPlateau(String monitor, double factor, int patience, int cooldown, double minLr, double minDelta, String mode) {
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("Received an invalid value for argument `factor`, expected a float in (0, 1), got " + factor + ".");
        this.monitor = Monitor.of(monitor, mode, minDelta);
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(FitOptions options, int stepsPerEpoch) {
        best = monitor.worst();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double v = monitor.read(logs, "ReduceLROnPlateau");
        if (v == null) return;
        logs.put("lr", model.optimizer().learningRate());
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improved(v, best)) {
            best = v;
            wait = 0;
        } else if (cooldownLeft == 0) {
            wait++;
            if (wait >= patience) {
                double old = model.optimizer().learningRate();
                double lr = Math.max(old * factor, minLr);
                if (old - lr > 1e-12) {
                    model.optimizer().setLearningRate(lr);
                    System.err.printf(java.util.Locale.ROOT, "%nEpoch %05d: ReduceLROnPlateau reducing learning rate to %s.%n", epoch + 1, lr);
                }
                cooldownLeft = cooldown;
                wait = 0;
            }
        }
    }
}
