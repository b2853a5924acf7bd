package org.seq4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.rnn.Bidirectional;
import org.seq4j.layers.rnn.GRU;
import org.seq4j.layers.rnn.MergeMode;
import org.seq4j.train.Sequential;

class ModelSpecTest {
    @BeforeEach
    void reset() {
        LayerNames.reset();
    }

    @Test
    void everyLayerOfTheLanguageBuilds() {
        Sequential m = ModelSpec.build("input(None,8) gru(32,reset_after=false,dropout=0.2,return_sequences) "
                + "bidirectional(simple_rnn(4,return_sequences),sum) time_distributed(dense(3,relu)) global_avg_pool dropout(0.5) dense(1,sigmoid)", null);
        List<String> classes = m.layers().stream().map(Layer::className).toList();
        assertEquals(List.of("GRU", "Bidirectional", "TimeDistributed", "GlobalAveragePooling1D", "Dropout", "Dense"), classes);
        GRU gru = (GRU) m.layers().get(0);
        assertTrue(!gru.resetAfter() && gru.dropout() == 0.2 && gru.returnSequences());
        assertEquals(MergeMode.SUM, ((Bidirectional) m.layers().get(1)).mergeMode());
        assertEquals(1, m.outputs().get(0).shape()[1]);
    }

    @Test
    void shorthandsAndPresets() {
        Sequential a = ModelSpec.build("embedding(100,8,mask_zero) -> bilstm(16,return_sequences) -> global_max_pool -> dense(1,sigmoid)", null);
        assertTrue(a.layers().get(1) instanceof Bidirectional b && b.mergeMode() == MergeMode.CONCAT && b.forwardLayer().returnSequences());
        LayerNames.reset();
        assertEquals(738_945, ModelSpec.build("imdb-lstm", null).countParams());
        LayerNames.reset();
        assertEquals(1_232_129, ModelSpec.build("imdb-stacked-bilstm", null).countParams());
        for (String p : Presets.all().keySet()) {
            LayerNames.reset();
            assertTrue(ModelSpec.build(p, null).countParams() > 0, p);
        }
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("embedding(10,4) lstn(4)")).getMessage().contains("unknown layer \"lstn\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("lstm(4.5)")).getMessage().contains("`units` must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("lstm(4, return_sequence)")).getMessage().contains("unknown option \"return_sequence\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("dense(4, swish)")).getMessage().contains("unknown activation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("lstm(4")).getMessage().contains("expected ',' or ')'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.build("lstm(4) dense(1)", null)).getMessage().contains("--input-dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("  ")).getMessage().contains("`model`"));
    }
}
