package org.seq4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq4j.autograd.Activation;
import org.seq4j.io.ModelFormatException;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Input;
import org.seq4j.layers.KerasTensor;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.layers.rnn.Bidirectional;
import org.seq4j.layers.rnn.LSTM;
import org.seq4j.layers.rnn.MergeMode;
import org.seq4j.optim.Adam;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.losses.SparseCategoricalCrossentropy;
import org.seq4j.spec.ModelSpec;
import org.seq4j.tensor.Tensor;
import org.seq4j.text.TextVectorization;

class ModelTest {
    @TempDir
    Path dir;

    @BeforeEach
    void clearSession() {
        LayerNames.reset();
        RandomSeed.set(1);
    }

    private static String resource(String name) throws Exception {
        try (var in = ModelTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void presetSummariesAreByteIdenticalToKeras() throws Exception {
        assertEquals(resource("imdb-lstm.summary.txt"), ModelSpec.build("imdb-lstm", null).summary());
        LayerNames.reset();
        assertEquals(resource("imdb-stacked-bilstm.summary.txt"), ModelSpec.build("imdb-stacked-bilstm", null).summary());
    }

    /** Token ids (B, T), right-padded with zeros, lengths in [1, T]. */
    static Tensor ids(SplittableRandom r, int b, int t, int vocab) {
        Tensor x = Tensor.zeros(b, t);
        for (int i = 0; i < b; i++) {
            int len = 1 + r.nextInt(t);
            for (int s = 0; s < len; s++) x.data()[i * t + s] = 1 + r.nextInt(vocab - 1);
        }
        return x;
    }

    static Tensor labels(SplittableRandom r, Tensor ids) {
        int b = ids.dim(0), t = ids.dim(1);
        Tensor y = Tensor.zeros(b, 1);
        for (int i = 0; i < b; i++) y.data()[i] = ids.data()[i * t] % 2; // learnable: parity of the first token
        return y;
    }

    private static Sequential smallModel() {
        return Sequential.of(new Embedding(50, 8, true, null), new Bidirectional(new LSTM(6).withReturnSequences(true)),
                new LSTM(5), new Dense(1, Activation.SIGMOID));
    }

    @Test
    void saveLoadPredictsIdentically() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Sequential m = smallModel();
        m.compile(new Adam(1e-2), new BinaryCrossentropy(false), "accuracy");
        Tensor x = ids(r, 32, 12, 50);
        m.fit(x, labels(r, x), FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        m.setTextVectorization(TextVectorization.builder().maxTokens(50).vocabulary(List.of("a", "b", "c")).build());
        Path p = dir.resolve("m.seq4j");
        m.save(p);
        Model back = Model.load(p);
        assertArrayEquals(m.predict(x, 8).data(), back.predict(x, 8).data());
        assertEquals(m.summary(), back.summary());
        assertNotNull(back.textVectorization());
        assertEquals(m.textVectorization().vocabulary(), back.textVectorization().vocabulary());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void loadRefusesFilesThatAreNotModels() throws Exception {
        Path junk = dir.resolve("junk.seq4j");
        Files.writeString(junk, "not a zip");
        Exception e = assertThrows(ModelFormatException.class, () -> Model.load(junk));
        assertTrue(e.getMessage().contains("junk.seq4j"), e.getMessage());
        Sequential m = smallModel();
        m.build();
        Path good = dir.resolve("good.seq4j");
        m.save(good);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.seq4j");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(ModelFormatException.class, () -> Model.load(cut));
    }

    @Test
    void trailingPaddingNeverChangesAPrediction() {
        Sequential m = smallModel();
        m.build();
        SplittableRandom r = new SplittableRandom(9);
        int len = 17;
        Tensor a = Tensor.zeros(1, len);
        Tensor b = Tensor.zeros(1, len + 2000);
        for (int s = 0; s < len; s++) {
            float id = 1 + r.nextInt(49);
            a.data()[s] = id;
            b.data()[s] = id;
        }
        assertArrayEquals(m.predict(a, 1).data(), m.predict(b, 1).data());
    }

    @Test
    void sameSeedSameRun() {
        float[][] w = new float[2][];
        double[][] losses = new double[2][];
        for (int run = 0; run < 2; run++) {
            LayerNames.reset();
            RandomSeed.set(42);
            SplittableRandom r = new SplittableRandom(5);
            Sequential m = Sequential.of(new Embedding(50, 8, true, null), new LSTM(6).withDropout(0.2).withRecurrentDropout(0.2),
                    new Dense(1, Activation.SIGMOID));
            m.compile(new Adam(1e-2), new BinaryCrossentropy(false), "accuracy");
            Tensor x = ids(r, 40, 10, 50);
            History h = m.fit(x, labels(r, x), FitOptions.defaults().epochs(3).batchSize(8).seed(7).verbose(0));
            losses[run] = h.get("loss").stream().mapToDouble(Double::doubleValue).toArray();
            w[run] = m.namedWeights().get("lstm/lstm_cell/kernel").variable().data().clone();
        }
        assertArrayEquals(losses[0], losses[1]);
        assertArrayEquals(w[0], w[1]);
    }

    @Test
    void fitLearnsAndLogsLikeKeras() {
        SplittableRandom r = new SplittableRandom(5);
        Sequential m = Sequential.of(new Embedding(20, 8, true, null), new LSTM(16), new Dense(1, Activation.SIGMOID));
        m.compile(new Adam(2e-2), new BinaryCrossentropy(false), "accuracy");
        Tensor x = ids(r, 128, 6, 20);
        Tensor y = labels(r, x);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        History h = m.fit(x, y, FitOptions.defaults().epochs(8).batchSize(32).verbose(1).output(out, false)
                .validationData(Feeds.arrays(x, y, 32, false, 0)));
        String log = buf.toString(StandardCharsets.UTF_8);
        String[] lines = log.split("\n");
        assertEquals(16, lines.length, log);
        assertEquals("Epoch 1/8", lines[0]);
        assertTrue(lines[1].matches("4/4 \\[={30}\\] - \\d+s \\d+(s|ms|us)/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}"), lines[1]);
        assertTrue(h.last("val_accuracy") > 0.9, "an LSTM learns the parity of the first token: " + h.history());
        assertTrue(h.last("loss") < h.get("loss").get(0));
    }

    @Test
    void nonFiniteLossStopsTrainingNamingEpochAndStep() {
        SplittableRandom r = new SplittableRandom(5);
        Sequential m = Sequential.of(new Embedding(20, 4, true, null), new LSTM(4), new Dense(1, Activation.LINEAR));
        m.compile(new Adam(1e-3), new org.seq4j.losses.MeanSquaredError());
        Tensor x = ids(r, 16, 5, 20);
        Tensor y = Tensor.full(Float.NaN, 16, 1);
        History h = m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
        assertNotNull(h.stopReason());
        assertTrue(h.stopReason().startsWith("Epoch 1, step 1: loss is NaN"), h.stopReason());
    }

    @Test
    void invalidArgumentsAreRefusedWhereTheObjectIsMade() {
        assertEquals("Received an invalid value for argument `units`, expected a positive integer, got 0.",
                assertThrows(IllegalArgumentException.class, () -> new LSTM(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LSTM(4).withDropout(1.5)).getMessage().contains("`dropout`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activation.parse("swishy")).getMessage().contains("swishy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MergeMode.parse("max")).getMessage().contains("merge_mode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dense(-1)).getMessage().contains("`units`"));
        KerasTensor in = Input.of(org.seq4j.layers.Layer.NONE);
        KerasTensor e = new Embedding(10, 4, true, null).apply(in);
        Exception masked = assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 4).apply(e));
        assertTrue(masked.getMessage().contains("does not support masking"), masked.getMessage());
    }

    @Test
    void shapeMismatchNamesTheLayerAndBothShapes() {
        Sequential m = Sequential.of(new Dense(4));
        m.build(org.seq4j.layers.Layer.NONE, 3);
        Exception e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.zeros(2, 5, 7), 2));
        assertTrue(e.getMessage().contains("expected shape=(None, None, 3)") && e.getMessage().contains("found shape=(2, 5, 7)"), e.getMessage());
    }

    /** An encoder–decoder with the functional API: the encoder's final states initialise the decoder. */
    @Test
    void functionalEncoderDecoderTrainsSavesAndLoads() throws Exception {
        int vocab = 12;
        KerasTensor src = Input.of("source", org.seq4j.layers.Layer.NONE);
        KerasTensor tgt = Input.of("target", org.seq4j.layers.Layer.NONE);
        KerasTensor se = new Embedding(vocab, 8, true, null).apply(src);
        List<KerasTensor> enc = new LSTM(16).withReturnState(true).applyAll(se);
        KerasTensor te = new Embedding(vocab, 8, true, null).apply(tgt);
        KerasTensor dec = new LSTM(16).withReturnSequences(true).applyAll(te, enc.get(1), enc.get(2)).get(0);
        KerasTensor out = new org.seq4j.layers.TimeDistributed(new Dense(vocab, Activation.SOFTMAX)).apply(dec);
        Model m = Model.of(List.of(src, tgt), List.of(out));
        String summary = m.summary();
        assertTrue(summary.contains("Connected to"), summary);
        assertTrue(summary.contains("lstm (LSTM)"), summary);
        m.compile(new Adam(1e-2), new SparseCategoricalCrossentropy(false), "accuracy");
        // copy task: the decoder, fed the sequence shifted right, must output the source sequence
        SplittableRandom r = new SplittableRandom(2);
        int n = 64, t = 5;
        Tensor xs = Tensor.zeros(n, t), xt = Tensor.zeros(n, t), ys = Tensor.zeros(n, t);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) xs.data()[i * t + s] = 2 + r.nextInt(vocab - 2);
            xt.data()[i * t] = 1;
            for (int s = 1; s < t; s++) xt.data()[i * t + s] = xs.data()[i * t + s - 1];
            for (int s = 0; s < t; s++) ys.data()[i * t + s] = xs.data()[i * t + s];
        }
        Feeds feeds = new Feeds() {
            @Override
            public int steps() {
                return 4;
            }

            @Override
            public java.util.Iterator<Feed> epoch(int epoch) {
                java.util.List<Feed> fs = new java.util.ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int[] rows = java.util.stream.IntStream.range(k * 16, k * 16 + 16).toArray();
                    fs.add(new Feed(List.of(Feeds.rowsOf(xs, rows), Feeds.rowsOf(xt, rows)), List.of(Feeds.rowsOf(ys, rows)), null, rows));
                }
                return fs.iterator();
            }
        };
        History h = m.fit(feeds, FitOptions.defaults().epochs(30).verbose(0));
        assertTrue(h.last("loss") < h.get("loss").get(0) * 0.7, "loss falls: " + h.get("loss"));
        Path p = dir.resolve("seq2seq.seq4j");
        m.save(p);
        Model back = Model.load(p);
        assertEquals(summary, back.summary());
        assertArrayEquals(m.predict(feeds).data(), back.predict(feeds).data());
    }
}
