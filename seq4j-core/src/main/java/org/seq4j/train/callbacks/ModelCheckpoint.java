package org.seq4j.train.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.seq4j.train.Callback;
import org.seq4j.train.FitOptions;
import org.seq4j.train.Model;

/**
 * Saves the model after each epoch, or only when {@code monitor} improved ({@code saveBestOnly}). The path may
 * contain {@code {epoch}} (1-based, zero-padded to 2 digits as Keras' {@code {epoch:02d}}).
 */
public final class ModelCheckpoint implements Callback {
    private final String pathPattern;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private Model model;
    private double best;

    public ModelCheckpoint(String path, String monitor, boolean saveBestOnly) {
        this.pathPattern = path;
        this.monitor = Monitor.of(monitor, "auto", 0);
        this.saveBestOnly = saveBestOnly;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(FitOptions options, int stepsPerEpoch) {
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double v = monitor.read(logs, "ModelCheckpoint");
            if (v == null || !monitor.improved(v, best)) return;
            best = v;
        }
        Path p = Path.of(pathPattern.replace("{epoch}", String.format(java.util.Locale.ROOT, "%02d", epoch + 1)));
        try {
            model.save(p);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save " + p + ": " + e.getMessage(), e);
        }
    }
}
