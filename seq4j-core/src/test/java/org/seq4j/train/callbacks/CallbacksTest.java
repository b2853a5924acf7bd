package org.seq4j.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq4j.autograd.Activation;
import org.seq4j.layers.Dense;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.losses.MeanSquaredError;
import org.seq4j.optim.SGD;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.FitOptions;
import org.seq4j.train.Feeds;
import org.seq4j.train.History;
import org.seq4j.train.Model;
import org.seq4j.train.Sequential;

class CallbacksTest {
    @TempDir
    Path dir;
    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        LayerNames.reset();
        RandomSeed.set(3);
        SplittableRandom r = new SplittableRandom(1);
        x = Tensor.zeros(64, 4);
        y = Tensor.zeros(64, 1);
        for (int i = 0; i < 64; i++) {
            double s = 0;
            for (int j = 0; j < 4; j++) {
                x.data()[i * 4 + j] = (float) r.nextDouble(-1, 1);
                s += (j + 1) * x.data()[i * 4 + j];
            }
            y.data()[i] = (float) s;
        }
    }

    private Sequential model(double lr) {
        Sequential m = Sequential.of(new Dense(1, Activation.LINEAR));
        m.build(4);
        m.compile(new SGD(lr), new MeanSquaredError());
        return m;
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        Sequential m = model(1.5); // diverges: val_loss grows from the start
        EarlyStopping es = new EarlyStopping("val_loss", 2, true);
        float[] before = m.namedWeights().get("dense/kernel").variable().data().clone();
        History h = m.fit(x, y, FitOptions.defaults().epochs(20).batchSize(64).verbose(0).shuffle(false)
                .validationData(Feeds.arrays(x, y, 64, false, 0)).callbacks(es));
        assertTrue(h.epochs() < 20, "stopped early after " + h.epochs());
        assertTrue(h.stopReason().startsWith("early stopping"), h.stopReason());
        assertEquals(0, es.bestEpoch());
        assertTrue(m.namedWeights().get("dense/kernel").variable().data()[0] != before[0]);
    }

    @Test
    void reduceLrOnPlateauCutsTheRate() {
        Sequential m = model(1.5);
        m.fit(x, y, FitOptions.defaults().epochs(4).batchSize(64).verbose(0).validationData(Feeds.arrays(x, y, 64, false, 0))
                .callbacks(new ReduceLROnPlateau("val_loss", 0.5, 1, 1e-4)));
        assertTrue(m.optimizer().learningRate() < 1.5, "lr " + m.optimizer().learningRate());
    }

    @Test
    void csvLoggerAndCheckpointWriteFiles() throws Exception {
        Sequential m = model(0.05);
        Path csv = dir.resolve("log.csv");
        m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0).validationData(Feeds.arrays(x, y, 64, false, 0))
                .callbacks(new CSVLogger(csv, false), new ModelCheckpoint(dir.resolve("ck-{epoch}.seq4j").toString(), "val_loss", true)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,loss,val_loss", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(Files.exists(dir.resolve("ck-03.seq4j")), "checkpoint of the best (last) epoch");
        Model back = Model.load(dir.resolve("ck-03.seq4j"));
        assertArrayEquals(m.predict(x, 64).data(), back.predict(x, 64).data());
    }

    @Test
    void terminateOnNaNStops() {
        Sequential m = model(0.05);
        Tensor bad = Tensor.full(Float.POSITIVE_INFINITY, 64, 1);
        History h = m.fit(x, bad, FitOptions.defaults().epochs(3).batchSize(16).verbose(0).callbacks(new TerminateOnNaN()));
        assertEquals(0, h.epochs());
        assertTrue(h.stopReason().contains("Epoch 1, step 1"), h.stopReason());
    }
}
