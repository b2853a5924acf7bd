package org.seq4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq4j.cli.datasets.LabeledTextReader;
import org.seq4j.cli.datasets.LabeledTexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./seq4j train --data PATH}: the IMDB pipeline on the user's own labeled texts (CSV/TSV with a header, JSON
 * Lines, or a folder per class). Two classes train a sigmoid output, more a softmax.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a text classifier on your own labeled texts: CSV or TSV with a header, JSON Lines, or a folder with one subfolder per class.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Training texts (file or folder).")
    Path data;

    @Option(names = "--validation", description = "Held-out texts in the same format (evaluated each epoch and at the end).")
    Path validation;

    @Option(names = "--text-column", description = "Column / JSON key of the text (default: text, review, sentence, content or document).")
    String textColumn;

    @Option(names = "--label-column", description = "Column / JSON key of the label (default: label, sentiment, class, category, target or y).")
    String labelColumn;

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() throws Exception {
        LabeledTexts train = LabeledTextReader.read(data, textColumn, labelColumn);
        LabeledTexts val = validation == null ? null : LabeledTextReader.read(validation, textColumn, labelColumn);
        if (val != null && !val.labelNames().equals(train.labelNames())) {
            val = remap(val, train.labelNames());
        }
        String name = data.getFileName().toString().replaceAll("\\.[A-Za-z]+$", "");
        new TextClassifierJob(options).run(train, val, name);
        return 0;
    }

    /** Re-expresses the validation labels with the training set's label ids (names must be a subset). */
    private LabeledTexts remap(LabeledTexts val, java.util.List<String> names) {
        int[] ids = new int[val.size()];
        for (int i = 0; i < ids.length; i++) {
            String n = val.labelNames().get(val.labels()[i]);
            int id = names.indexOf(n);
            if (id < 0) {
                throw new Errors.UserException(validation + ": label \"" + n + "\" does not occur in the training data " + data
                        + " (its labels: " + names + ")");
            }
            ids[i] = id;
        }
        return new LabeledTexts(val.texts(), ids, names, val.sources());
    }
}
