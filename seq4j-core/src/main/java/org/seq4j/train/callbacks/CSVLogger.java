package org.seq4j.train.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.seq4j.train.Callback;
import org.seq4j.train.FitOptions;

/** Appends one CSV row per epoch ({@code epoch,loss,accuracy,val_loss,…}), header first, flushed every epoch. */
public final class CSVLogger implements Callback {
    private final Path path;
    private final boolean append;
    private Writer writer;
    private boolean headerWritten;

    public CSVLogger(Path path, boolean append) {
        this.path = path;
        this.append = append;
    }

    @Override
    public void onTrainBegin(FitOptions options, int stepsPerEpoch) {
        try {
            headerWritten = append && Files.exists(path) && Files.size(path) > 0;
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (!headerWritten) {
                writer.write("epoch," + String.join(",", logs.keySet()) + "\n");
                headerWritten = true;
            }
            StringBuilder sb = new StringBuilder().append(epoch);
            for (double v : logs.values()) sb.append(',').append(v);
            writer.write(sb.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (writer != null) writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
