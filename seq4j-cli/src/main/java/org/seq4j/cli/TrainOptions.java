package org.seq4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training options shared by {@code imdb} and {@code train}. */
final class TrainOptions {
    @Option(names = {"-m", "--model"}, description = "Preset (imdb-lstm, imdb-stacked-bilstm, imdb-gru, imdb-best) or model spec. Default: ${DEFAULT-VALUE}.",
            defaultValue = "imdb-lstm")
    String model;

    @Option(names = "--epochs", description = "Training epochs (default: 6, or the preset's).")
    Integer epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--max-tokens", description = "Vocabulary size incl. padding and [UNK] (default: the model's embedding input size).")
    Integer maxTokens;

    @Option(names = "--max-length", description = "Keep only the first N tokens of each text (default: full length).")
    Integer maxLength;

    @Option(names = "--lr", description = "Adam learning rate (default: 1e-3).")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, shuffling and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--limit", description = "Use only the first N examples of each split (after a seeded shuffle), for quick tries.")
    Integer limit;

    @Option(names = "--save", description = "Where to save the trained model (default: runs/<name>.seq4j).")
    Path save;

    @Option(names = "--no-bucketing", description = "Plain shuffled batches padded to their longest text (the notebook's padding), instead of length buckets.")
    boolean noBucketing;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--validation-split", description = "Carve this fraction of the training data for validation, instead of the test set (early stopping monitors it).")
    Double validationSplit;

    @Option(names = "--early-stopping", description = "Stop when val_loss has not improved for N epochs, restoring the best weights.")
    Integer earlyStoppingPatience;

    @Option(names = "--lr-decay", description = "Multiply the learning rate by this factor every epoch (default: 1, or the preset's).")
    Double lrDecay;

    @Option(names = "--clipnorm", description = "Clip each gradient to this L2 norm (default: none, or the preset's).")
    Double clipnorm;

    @Option(names = "--weight-decay", description = "Use AdamW with this decoupled weight decay (default: plain Adam, or the preset's).")
    Double weightDecay;

    @Option(names = "--ema", description = "Average the weights (exponential moving average with this momentum, e.g. 0.99) and use the average at the end of every epoch; 0 = off (default: off, or the preset's).")
    Double ema;

    @Option(names = "--pretrain-embeddings", paramLabel = "EPOCHS",
            description = "Before training, initialise the Embedding with skip-gram word2vec vectors trained for EPOCHS epochs on the "
                    + "training texts (plus, for imdb, the 50,000 unlabeled train/unsup reviews; never the test texts). 0 = off "
                    + "(default: 0, or the preset's).")
    Integer pretrainEmbeddings;

    @Option(names = "--pretrain-scale", paramLabel = "RMS|raw|init", defaultValue = "raw",
            description = "Scale of the pretrained vectors put into the Embedding: raw (word2vec's own), init (the RMS of the "
                    + "Embedding's U(-0.05, 0.05) init, 0.0289), or a number (that RMS per component). Default: ${DEFAULT-VALUE}.")
    String pretrainScale;

    @Option(names = "--pretrain-window", defaultValue = "5", description = "word2vec window radius (pretraining). Default: ${DEFAULT-VALUE}.")
    int pretrainWindow;

    @Option(names = "--plot", description = "Training-curve PNG (default: next to the saved model).")
    Path plot;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    /** The word2vec epochs to run before training: the option, else the preset's recipe. */
    int pretrainEpochs() {
        return pretrainEmbeddings != null ? pretrainEmbeddings : Recipe.forModel(model).pretrainEpochs();
    }
}
