package org.seq4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq4j.cli.datasets.ImdbDataset;
import org.seq4j.cli.datasets.LabeledTextReader;
import org.seq4j.cli.datasets.LabeledTexts;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.metrics.AUC;
import org.seq4j.metrics.Metric;
import org.seq4j.metrics.Precision;
import org.seq4j.metrics.Recall;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Feeds;
import org.seq4j.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./seq4j evaluate MODEL [--data …]}: loss, accuracy, precision, recall, AUC and the confusion matrix on labeled texts. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved text classifier: loss, accuracy, precision, recall, AUC, confusion matrix. "
                + "Default data: the IMDB test split.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The saved model (.seq4j).")
    Path model;

    @Option(names = "--data", description = "Labeled texts (CSV/TSV/JSONL/folder per class) or the IMDB archive/folder. Default: the IMDB test split.")
    Path data;

    @Option(names = "--text-column", description = "Text column / key for CSV, TSV, JSON Lines.")
    String textColumn;

    @Option(names = "--label-column", description = "Label column / key for CSV, TSV, JSON Lines.")
    String labelColumn;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        Model m = ModelFiles.loadTextModel(model);
        LabeledTexts texts = load();
        int[][] ids = m.textVectorization().encodeAll(texts.texts());
        int width = m.outputs().get(0).shape()[m.outputs().get(0).shape().length - 1];
        int classes = width == 1 ? 2 : width;
        List<String> names = ModelFiles.labelNames(m, classes);
        int[] y = relabel(texts, names);
        TokenSequences seq = classes == 2 ? TokenSequences.binary(ids, toFloat(y)) : TokenSequences.classes(ids, y, classes);
        SequenceBatcher batcher = SequenceBatcher.builder(seq).batchSize(batchSize).shuffle(false).build();
        var logs = m.loss() != null ? m.evaluate(Feeds.of(batcher)) : null;
        Tensor p = m.predict(Feeds.of(batcher));
        long[][] confusion = new long[classes][classes];
        float[] pd = p.data();
        for (int i = 0; i < y.length; i++) {
            int pred;
            if (width == 1) {
                pred = pd[i] > 0.5f ? 1 : 0;
            } else {
                pred = 0;
                for (int j = 1; j < width; j++) if (pd[i * width + j] > pd[i * width + pred]) pred = j;
            }
            confusion[y[i]][pred]++;
        }
        long correct = 0;
        for (int c = 0; c < classes; c++) correct += confusion[c][c];
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "examples:  %d%n", y.length));
        if (logs != null) sb.append(String.format(Locale.ROOT, "loss:      %.4f%n", logs.get("loss")));
        sb.append(String.format(Locale.ROOT, "accuracy:  %.4f%n", (double) correct / y.length));
        if (classes == 2) {
            float[] yt = toFloat(y);
            for (Metric metric : List.<Metric>of(new Precision(), new Recall(), new AUC())) {
                metric.update(yt, pd, y.length, 1, null);
                sb.append(String.format(Locale.ROOT, "%-10s %.4f%n", metric.name() + ":", metric.result()));
            }
        }
        sb.append("confusion matrix (rows: true, columns: predicted)\n");
        int w = 8;
        for (String n : names) w = Math.max(w, n.length() + 1);
        sb.append(" ".repeat(w));
        for (String n : names) sb.append(String.format(Locale.ROOT, "%" + w + "s", n));
        sb.append('\n');
        for (int c = 0; c < classes; c++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", names.get(c)));
            for (int d = 0; d < classes; d++) sb.append(String.format(Locale.ROOT, "%" + w + "d", confusion[c][d]));
            sb.append('\n');
        }
        System.out.print(sb);
        return 0;
    }

    private LabeledTexts load() {
        if (data == null || isImdb(data)) {
            return ImdbDataset.load(ImdbCommand.locate(data), java.util.EnumSet.of(ImdbDataset.Part.TEST)).test();
        }
        return LabeledTextReader.read(data, textColumn, labelColumn);
    }

    private static boolean isImdb(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith("aclImdb") || Files.isDirectory(p.resolve("aclImdb"));
    }

    private int[] relabel(LabeledTexts texts, List<String> names) {
        int[] y = new int[texts.size()];
        for (int i = 0; i < y.length; i++) {
            String n = texts.labelNames().get(texts.labels()[i]);
            int id = names.indexOf(n);
            if (id < 0) throw new Errors.UserException("label \"" + n + "\" of " + texts.sources().get(i) + " is not one the model knows: " + names);
            y[i] = id;
        }
        return y;
    }

    private static float[] toFloat(int[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) f[i] = y[i];
        return f;
    }
}
