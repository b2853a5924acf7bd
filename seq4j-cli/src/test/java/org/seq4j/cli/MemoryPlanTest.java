package org.seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.data.TokenSequences;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.RandomSeed;
import org.seq4j.spec.ModelSpec;
import org.seq4j.train.Sequential;

class MemoryPlanTest {
    private static List<Layer> layers(String spec) {
        LayerNames.reset();
        RandomSeed.set(1);
        Sequential m = ModelSpec.build(spec, null);
        return m.layers();
    }

    /** Counted by hand: the LSTM caches (I + H) + 4H + 2H floats per real token, the embedding 2·E per position. */
    @Test
    void countsTheRecurrentCachePerRealTokenAndSequenceTensorsPerPosition() {
        long bytes = MemoryPlan.trainingBytes(layers("embedding(100,8,mask_zero) lstm(4) dense(1,sigmoid)"), 1000, 3000);
        long packed = (8 + 4) + 16 + 8;          // per real token
        long padded = 2 * 8;                     // embedding output and gradient per position
        assertEquals(4 * (packed * 1000 + padded * 3000), bytes);
    }

    @Test
    void bidirectionalCountsBothDirectionsAndTheMergedSequence() {
        long one = MemoryPlan.trainingBytes(layers("embedding(100,8) lstm(4,return_sequences) global_max_pool dense(1)"), 10, 20);
        long bi = MemoryPlan.trainingBytes(layers("embedding(100,8) bidirectional(lstm(4,return_sequences)) global_max_pool dense(1)"), 10, 20);
        // two caches; per position: embedding 2·8, the directions' outputs 2·2·4, the concatenation 2·8
        assertEquals(4 * (2 * (12 + 16 + 8) * 10 + (16 + 16 + 16) * 20), bi);
        assertTrue(bi > one);
    }

    @Test
    void largestBatchIsTheLongestTextsTogether() {
        int[][] ids = new int[10][];
        for (int i = 0; i < 10; i++) ids[i] = new int[i + 1]; // lengths 1..10
        TokenSequences data = TokenSequences.unlabeled(ids);
        List<Layer> l = layers("embedding(100,8,mask_zero) lstm(4) dense(1,sigmoid)");
        assertEquals(MemoryPlan.trainingBytes(l, 10 + 9 + 8, 3 * 10), MemoryPlan.trainingBytes(l, data, 3, null));
        assertEquals(MemoryPlan.trainingBytes(l, 5 + 5 + 5, 3 * 5), MemoryPlan.trainingBytes(l, data, 3, 5));
    }

    @Test
    void tooBigForTheHeapSaysWhichHeapToAskFor() {
        long gb = 1L << 30;
        assertDoesNotThrow(() -> MemoryPlan.check("imdb-lstm", gb / 2, 3 * gb / 2, gb / 4));
        Errors.UserException e = assertThrows(Errors.UserException.class,
                () -> MemoryPlan.check("imdb-stacked-bilstm", 4 * gb, 3 * gb / 2, gb / 4));
        assertTrue(e.getMessage().contains("imdb-stacked-bilstm"), e.getMessage());
        assertTrue(e.getMessage().contains("SEQ4J_HEAP=6g"), e.getMessage()); // (4 + 0.25) / 0.85 · 1.1 = 5.5 -> 6 GB
        assertTrue(e.getMessage().contains("--max-length"), e.getMessage());
    }

    /** bench --vs: two models' buffers against the pool (half the heap): a note naming the heap to use, or none. */
    @Test
    void sharedPoolNoteWhenTwoModelsOutgrowTheBufferPool() {
        long heap = 1536L << 20, gb = 1L << 30;
        String note = MemoryPlan.sharedPoolNote(700_000_000L, 600_000_000L, heap);
        assertTrue(note != null && note.contains("SEQ4J_HEAP=3g") && note.contains("0.8 GB buffer pool"), note);
        assertEquals(null, MemoryPlan.sharedPoolNote(700_000_000L, 600_000_000L, 4 * gb));
        assertEquals(null, MemoryPlan.sharedPoolNote(300_000_000L, 300_000_000L, heap));
    }
}
