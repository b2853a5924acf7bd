package org.seq4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seq4j.cli.datasets.LabeledTexts;
import org.seq4j.data.Bucketing;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.kernels.Parallel;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.rnn.RecurrentLayer;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.losses.Loss;
import org.seq4j.losses.SparseCategoricalCrossentropy;
import org.seq4j.optim.Adam;
import org.seq4j.optim.AdamW;
import org.seq4j.optim.ExponentialDecay;
import org.seq4j.optim.LearningRateSchedule;
import org.seq4j.optim.Optimizer;
import org.seq4j.spec.ModelSpec;
import org.seq4j.spec.Presets;
import org.seq4j.layers.Embedding;
import org.seq4j.text.TextVectorization;
import org.seq4j.text.Word2Vec;
import org.seq4j.train.Callback;
import org.seq4j.train.Feeds;
import org.seq4j.train.FitOptions;
import org.seq4j.train.History;
import org.seq4j.train.LayerRegistry;
import org.seq4j.train.Model;
import org.seq4j.train.Sequential;
import org.seq4j.train.callbacks.EarlyStopping;
import org.seq4j.train.callbacks.WeightAveraging;

/**
 * Text classification end to end: adapt a vectorizer on the training texts, build the model (sigmoid output for
 * two classes, softmax for more), train with Keras' log lines, evaluate on the held-out texts, save the model with
 * its vectorizer, and plot the training curves.
 */
final class TextClassifierJob {
    private final TrainOptions o;
    private final PrintStream out = System.out;

    TextClassifierJob(TrainOptions options) {
        this.o = options;
    }

    /** Result figures, for callers that report them. */
    record Result(Model model, History history, Map<String, Double> test, Path saved, Path plot) {}

    Result run(LabeledTexts train, LabeledTexts test, String datasetName) throws IOException {
        return run(train, test, datasetName, List.of());
    }

    /**
     * As {@link #run(LabeledTexts, LabeledTexts, String)}; {@code unlabeled} texts (never test texts) join the
     * training texts for the word2vec pretraining of {@code --pretrain-embeddings}, and are otherwise unused.
     */
    Result run(LabeledTexts train, LabeledTexts test, String datasetName, List<String> unlabeled) throws IOException {
        if (o.threads != null) Parallel.setThreads(o.threads);
        if (o.limit != null && o.limit <= 0) {
            throw new IllegalArgumentException("Received an invalid value for option `--limit`, expected a positive integer, got " + o.limit + ".");
        }
        Recipe recipe = Recipe.forModel(o.model);
        int epochs = o.epochs != null ? o.epochs : recipe.epochs();
        if (epochs <= 0) throw new IllegalArgumentException("Received an invalid value for option `--epochs`, expected a positive integer, got " + epochs + ".");
        double lr = o.learningRate != null ? o.learningRate : recipe.learningRate();
        double split = o.validationSplit != null ? o.validationSplit : recipe.validationSplit();
        Integer patience = o.earlyStoppingPatience != null ? o.earlyStoppingPatience : recipe.earlyStoppingPatience();

        train = train.shuffled(o.seed);
        if (test != null) test = test.shuffled(o.seed + 1);
        if (o.limit != null) {
            train = train.slice(0, Math.min(o.limit, train.size()));
            if (test != null) test = test.slice(0, Math.min(o.limit, test.size()));
        }
        LabeledTexts validation = test;
        if (split > 0) {
            LabeledTexts.TrainValidation tv = train.validationSplit(split);
            train = tv.train();
            validation = tv.validation();
        }
        int classes = train.numClasses();
        if (classes < 2) {
            throw new IllegalArgumentException("the training data has a single class (" + train.labelNames() + "); a classifier needs at least two classes");
        }

        LayerNames.reset();
        RandomSeed.set(o.seed);
        List<Map<String, Object>> layers = ModelSpec.parse(Presets.spec(o.model).orElse(o.model));
        int maxTokens = adjustLayers(layers, classes);
        Sequential model = new Sequential();
        for (Map<String, Object> l : layers) model.add(LayerRegistry.fromConfig(l));
        model.build(org.seq4j.layers.Layer.NONE);

        long t0 = System.nanoTime();
        TextVectorization vectorizer = TextVectorization.builder().maxTokens(maxTokens).build();
        vectorizer.adapt(train.texts());
        model.setTextVectorization(vectorizer);
        model.metadata().put("label_names", new ArrayList<Object>(train.labelNames()));
        model.metadata().put("dataset", datasetName);
        TokenSequences trainSeq = encode(vectorizer, train, classes);
        TokenSequences valSeq = validation == null ? null : encode(vectorizer, validation, classes);
        TokenSequences testSeq = test == null ? null : (validation == test ? valSeq : encode(vectorizer, test, classes));
        if (o.pretrainEpochs() < 0) {
            throw new IllegalArgumentException("Received an invalid value for option `--pretrain-embeddings`, expected an integer >= 0, got " + o.pretrainEpochs() + ".");
        }
        if (o.pretrainEpochs() > 0) pretrainEmbeddings(model, vectorizer, trainSeq, unlabeled);
        long stepBytes = MemoryPlan.trainingBytes(model.layers(), trainSeq, o.batchSize, o.maxLength);
        if (!o.quiet) {
            System.err.printf(Locale.ROOT, "seq4j: %s: %,d training texts, %,d %s texts, vocabulary %,d, %,d training tokens (prepared in %.1f s); "
                            + "largest training step needs ~%.1f GB%n",
                    datasetName, train.size(), validation == null ? 0 : validation.size(), split > 0 ? "validation" : "test",
                    vectorizer.vocabularySize(), trainSeq.totalTokens(), (System.nanoTime() - t0) / 1e9, stepBytes / 1e9);
        }
        System.gc(); // once, so that the check below sees the live heap rather than the garbage of data loading
        Runtime rt = Runtime.getRuntime();
        MemoryPlan.check(o.model, stepBytes, rt.maxMemory(), rt.totalMemory() - rt.freeMemory());
        RecurrentLayer.expectBatchTokens(MemoryPlan.largestBatchTokens(trainSeq, o.batchSize, o.maxLength));

        Loss loss = classes == 2 ? new BinaryCrossentropy(false) : new SparseCategoricalCrossentropy(false);
        SequenceBatcher trainBatches = batcher(trainSeq, true);
        double decay = o.lrDecay != null ? o.lrDecay : recipe.lrDecayPerEpoch();
        if (!(decay > 0 && decay <= 1)) throw new IllegalArgumentException("Received an invalid value for option `--lr-decay`, expected a number in (0, 1], got " + decay + ".");
        Double clipnorm = o.clipnorm != null ? o.clipnorm : recipe.clipnorm();
        Double weightDecay = o.weightDecay != null ? o.weightDecay : recipe.weightDecay();
        LearningRateSchedule schedule = decay < 1.0 ? new ExponentialDecay(lr, trainBatches.numBatches(), decay, false) : null;
        Optimizer opt;
        if (weightDecay != null && weightDecay > 0) {
            opt = schedule != null ? new AdamW(schedule, weightDecay) : new AdamW(lr, weightDecay);
        } else {
            opt = schedule != null ? new Adam(schedule) : new Adam(lr);
        }
        if (clipnorm != null && clipnorm > 0) opt = opt.withClipnorm(clipnorm);
        model.compile(opt, loss, "accuracy");
        if (!o.quiet) out.print(model.summary());

        FitOptions fit = FitOptions.defaults().epochs(epochs).seed(o.seed).verbose(o.quiet ? 0 : 1);
        if (valSeq != null) fit.validationData(Feeds.of(batcher(valSeq, false)));
        List<Callback> callbacks = new ArrayList<>();
        Double ema = o.ema != null ? o.ema : recipe.ema();
        if (ema != null && ema > 0) callbacks.add(new WeightAveraging(ema));
        if (patience != null && valSeq != null) callbacks.add(new EarlyStopping("val_loss", patience, true));
        fit.callbacks(callbacks.toArray(new Callback[0]));
        History history = model.fit(Feeds.of(trainBatches), fit);
        if (history.stopReason() != null && history.stopReason().contains("loss is")) {
            throw new Errors.UserException("training failed: " + history.stopReason());
        }

        Map<String, Double> testLogs = new LinkedHashMap<>();
        if (testSeq != null) {
            testLogs = model.evaluate(Feeds.of(batcher(testSeq, false)));
            out.printf(Locale.ROOT, "Test loss: %.4f - Test accuracy: %.4f%n", testLogs.get("loss"), testLogs.get("accuracy"));
        }
        Path saved = o.save != null ? o.save : Path.of("runs", datasetName + "-" + safe(o.model) + ".seq4j");
        if (saved.toAbsolutePath().getParent() != null) Files.createDirectories(saved.toAbsolutePath().getParent());
        model.save(saved);
        out.println("Saved model: " + saved);
        Path plot = o.plot != null ? o.plot : Path.of(saved.toString().replaceAll("\\.seq4j$", "") + "-curves.png");
        TrainingCurves.write(history, datasetName + " — " + o.model, plot);
        out.println("Training curves: " + plot);
        return new Result(model, history, testLogs, saved, plot);
    }

    /**
     * Word2vec (skip-gram, negative sampling) over the training texts and {@code unlabeled}, then copies the vectors
     * into the model's Embedding (rows of padding, [UNK] and unseen words keep their random init). Its time is
     * printed, and counts toward the training budget.
     */
    private void pretrainEmbeddings(Sequential model, TextVectorization vectorizer, TokenSequences trainSeq, List<String> unlabeled) {
        long t0 = System.nanoTime();
        Embedding emb = null;
        for (org.seq4j.layers.Layer l : model.layers()) {
            if (l instanceof Embedding e) {
                emb = e;
                break;
            }
        }
        if (emb == null) throw new IllegalArgumentException("--pretrain-embeddings needs a model with an embedding(...) layer");
        int[][] corpus = new int[trainSeq.size() + unlabeled.size()][];
        for (int i = 0; i < trainSeq.size(); i++) corpus[i] = trainSeq.ids(i);
        int[][] extra = vectorizer.encodeAll(unlabeled);
        System.arraycopy(extra, 0, corpus, trainSeq.size(), extra.length);
        double encodeSeconds = (System.nanoTime() - t0) / 1e9;
        Word2Vec w2v = Word2Vec.builder().dim(emb.outputDim()).window(o.pretrainWindow).epochs(o.pretrainEpochs()).seed(o.seed).build();
        Word2Vec.Result r = w2v.train(corpus, emb.inputDim());
        float[] table;
        String scale = o.pretrainScale.trim().toLowerCase(Locale.ROOT);
        switch (scale) {
            case "raw" -> table = r.table();
            case "init" -> table = r.scaledToRms(0.05 / Math.sqrt(3));
            default -> {
                double rms;
                try {
                    rms = Double.parseDouble(scale);
                } catch (NumberFormatException ex) {
                    rms = -1;
                }
                if (!(rms > 0)) {
                    throw new IllegalArgumentException("Received an invalid value for option `--pretrain-scale`, expected raw, init or a positive number, got " + o.pretrainScale + ".");
                }
                table = r.scaledToRms(rms);
            }
        }
        int rows = emb.loadPretrained(table);
        double rawRms = rms(r.table(), r.dim());
        if (!o.quiet) {
            Word2Vec.Stats st = r.stats();
            System.err.printf(Locale.ROOT, "seq4j: pretrained embeddings: word2vec skip-gram, %d epoch(s) over %,d texts (%,d training + %,d unlabeled), "
                            + "%,d tokens/epoch, %,d kept/epoch after subsampling, %,d pairs in all, last-epoch loss %.4f; %,d of %,d rows set "
                            + "(scale %s, raw RMS %.4f); 1 thread; %.1f s (encode %.1f s, word2vec %.1f s)%n",
                    o.pretrainEpochs(), corpus.length, trainSeq.size(), unlabeled.size(), st.corpusTokens() / o.pretrainEpochs(),
                    st.keptTokens() / o.pretrainEpochs(), st.pairs(), st.lastEpochLoss(), rows, emb.inputDim(), scale, rawRms,
                    (System.nanoTime() - t0) / 1e9, encodeSeconds, st.seconds());
        }
    }

    private static double rms(float[] t, int dim) {
        double ss = 0;
        long n = 0;
        for (int i = 2 * dim; i < t.length; i++) {
            ss += (double) t[i] * t[i];
            n++;
        }
        return n == 0 ? 0 : Math.sqrt(ss / n);
    }

    /** Sets the embedding size to the vocabulary and the output layer to the number of classes; returns maxTokens. */
    @SuppressWarnings("unchecked")
    private int adjustLayers(List<Map<String, Object>> layers, int classes) {
        Map<String, Object> first = (Map<String, Object>) layers.get(0).get("config");
        if (!"Embedding".equals(layers.get(0).get("class_name"))) {
            throw new IllegalArgumentException("a text model must start with embedding(...), got " + layers.get(0).get("class_name"));
        }
        int maxTokens = o.maxTokens != null ? o.maxTokens : ((Number) first.get("input_dim")).intValue();
        if (maxTokens < 3) throw new IllegalArgumentException("Received an invalid value for option `--max-tokens`, expected an integer >= 3, got " + maxTokens + ".");
        first.put("input_dim", maxTokens);
        first.put("mask_zero", true);
        Map<String, Object> last = layers.get(layers.size() - 1);
        if (!"Dense".equals(last.get("class_name"))) {
            throw new IllegalArgumentException("a classifier must end with dense(...), got " + last.get("class_name"));
        }
        Map<String, Object> lc = (Map<String, Object>) last.get("config");
        lc.put("units", classes == 2 ? 1 : classes);
        lc.put("activation", classes == 2 ? "sigmoid" : "softmax");
        return maxTokens;
    }

    private SequenceBatcher batcher(TokenSequences data, boolean training) {
        SequenceBatcher.Builder b = SequenceBatcher.builder(data).batchSize(o.batchSize).seed(o.seed)
                .bucketing(o.noBucketing ? Bucketing.NONE : Bucketing.BY_LENGTH).shuffle(training);
        if (o.maxLength != null) b.maxLength(o.maxLength);
        return b.build();
    }

    static TokenSequences encode(TextVectorization v, LabeledTexts texts, int classes) {
        int[][] ids = v.encodeAll(texts.texts());
        return classes == 2 ? TokenSequences.binary(ids, texts.binaryLabels()) : TokenSequences.classes(ids, texts.labels(), classes);
    }

    private static String safe(String model) {
        String s = model.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

}
