package org.seq4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq4j.cli.datasets.DatasetLocator;
import org.seq4j.cli.datasets.ImdbDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./seq4j imdb}: the seed experiment — IMDB reviews → Embedding(10000, 64) → LSTM(128) → Dense(1, sigmoid),
 * Adam 1e-3, batch 128, 6 epochs, validated on the 25,000 test reviews — printing the Keras summary and epoch lines,
 * then the test figures; saves the model and a training-curve PNG.
 */
@Command(name = "imdb", mixinStandardHelpOptions = true,
        description = "Train a sentiment classifier on the IMDB Large Movie Review Dataset (the seed experiment by default).")
final class ImdbCommand implements Callable<Integer> {
    @Option(names = "--data", description = "aclImdb_v1.tar.gz or an extracted aclImdb/ folder (default: $SEQ4J_DATA, ~/.seq4j/datasets, ../shared/data, then download).")
    Path data;

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() throws Exception {
        Path source = locate(data);
        long t0 = System.nanoTime();
        // the unlabeled train/unsup reviews are read only for --pretrain-embeddings (the test part is never added to them)
        boolean unsup = options.pretrainEpochs() > 0;
        ImdbDataset imdb = unsup
                ? ImdbDataset.load(source, java.util.EnumSet.allOf(ImdbDataset.Part.class))
                : ImdbDataset.load(source);
        if (!options.quiet) {
            System.err.printf(java.util.Locale.ROOT, "seq4j: read %s in %.1f s%n", source, (System.nanoTime() - t0) / 1e9);
        }
        new TextClassifierJob(options).run(imdb.train(), imdb.test(), "imdb", unsup ? imdb.unsup() : java.util.List.of());
        return 0;
    }

    static Path locate(Path explicit) {
        return DatasetLocator.builder().explicit(explicit).build().locate(DatasetLocator.IMDB);
    }
}
