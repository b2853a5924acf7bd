package org.seq4j.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Feeds;
import org.seq4j.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./seq4j predict MODEL "text" …}: class probability and label per text (texts from stdin when none are given). */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of raw texts with a saved model (one text per argument, or one per line on stdin).")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The saved model (.seq4j).")
    Path model;

    @Parameters(index = "1..*", arity = "0..*", description = "Texts to classify; read from stdin, one per line, when absent.")
    List<String> texts = new ArrayList<>();

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        Model m = ModelFiles.loadTextModel(model);
        List<String> in = texts;
        if (in.isEmpty()) {
            in = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) in.add(line);
            }
        }
        if (in.isEmpty()) throw new Errors.UserException("no texts to classify: pass them as arguments or one per line on stdin");
        int[][] ids = m.textVectorization().encodeAll(in);
        Tensor p = m.predict(Feeds.of(SequenceBatcher.builder(TokenSequences.unlabeled(ids)).batchSize(batchSize).shuffle(false).build()));
        int width = p.size() / in.size();
        List<String> names = ModelFiles.labelNames(m, width == 1 ? 2 : width);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < in.size(); i++) {
            int cls;
            double prob;
            if (width == 1) {
                prob = p.data()[i];
                cls = prob > 0.5 ? 1 : 0;
            } else {
                cls = 0;
                for (int j = 1; j < width; j++) if (p.data()[i * width + j] > p.data()[i * width + cls]) cls = j;
                prob = p.data()[i * width + cls];
            }
            String t = in.get(i).replaceAll("\\s+", " ");
            if (t.length() > 60) t = t.substring(0, 57) + "...";
            sb.append(String.format(Locale.ROOT, "%.4f\t%s\t%s%n", prob, names.get(cls), t));
        }
        System.out.print(sb);
        return 0;
    }
}
