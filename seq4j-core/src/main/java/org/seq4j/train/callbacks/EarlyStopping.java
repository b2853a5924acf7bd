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
 * Stops training when {@code monitor} has not improved by more than {@code minDelta} for {@code patience} epochs;
 * with {@code restoreBestWeights} the weights of the best epoch are put back at the end (Keras semantics).
 */
public final class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private Model model;
    private double best;
    private int wait;
    private int bestEpoch = -1;
    private int stoppedEpoch = -1;
    private List<float[]> bestWeights;

    public EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
        this(monitor, 0, patience, "auto", restoreBestWeights);
    }

    public EarlyStopping(String monitor, double minDelta, int patience, String mode, boolean restoreBestWeights) {
        if (patience < 0) throw new IllegalArgumentException("Received an invalid value for argument `patience`, expected a non-negative integer, got " + patience + ".");
        this.monitor = Monitor.of(monitor, mode, minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(FitOptions options, int stepsPerEpoch) {
        best = monitor.worst();
        wait = 0;
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double v = monitor.read(logs, "Early stopping");
        if (v == null) return;
        wait++;
        if (monitor.improved(v, best)) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) bestWeights = snapshot();
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining("early stopping: " + monitor.name() + " did not improve for " + patience + " epochs (best " + best + " at epoch " + (bestEpoch + 1) + ")");
            if (restoreBestWeights && bestWeights != null) restore(bestWeights);
        }
    }

    private List<float[]> snapshot() {
        List<float[]> s = new ArrayList<>();
        for (Weight w : model.namedWeights().values()) s.add(w.variable().data().clone());
        return s;
    }

    private void restore(List<float[]> s) {
        int i = 0;
        for (Weight w : model.namedWeights().values()) {
            Variable v = w.variable();
            System.arraycopy(s.get(i++), 0, v.data(), 0, v.data().length);
        }
    }

    /** The epoch (0-based) training stopped at, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The best epoch (0-based) seen, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
