package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.data.Labels;
import org.seq4j.data.TokenSequences;
import org.seq4j.text.TextVectorization;

class LabeledTextsTest {
    static LabeledTexts texts(int classes) {
        return new LabeledTexts(List.of("a b", "b", "", "c a"), new int[] {0, 1, classes - 1, 1},
                classes == 2 ? List.of("neg", "pos") : List.of("x", "y", "z"), List.of("1", "2", "3", "4"));
    }

    @Test
    void vectorizeBinaryAndMultiClass() {
        TextVectorization tv = TextVectorization.builder().build();
        tv.adapt(texts(2).texts());
        TokenSequences bin = texts(2).vectorize(tv);
        assertArrayEquals(new float[] {0, 1, 1, 1}, ((Labels.Binary) bin.labels()).values());
        assertEquals(0, bin.length(2)); // the empty text: an empty sequence
        TokenSequences multi = texts(3).vectorize(tv);
        assertEquals(3, ((Labels.Classes) multi.labels()).numClasses());
        assertArrayEquals(tv.encode("c a"), multi.ids(3));
    }

    @Test
    void splitsAndShuffles() {
        LabeledTexts t = texts(2);
        LabeledTexts.TrainValidation tv = t.validationSplit(0.25);
        assertEquals(List.of("a b", "b", ""), tv.train().texts());
        assertEquals(List.of("c a"), tv.validation().texts());
        LabeledTexts s = t.shuffled(1);
        assertEquals(4, s.size());
        for (int i = 0; i < 4; i++) { // texts, labels and sources move together
            int orig = Integer.parseInt(s.sources().get(i)) - 1;
            assertEquals(t.texts().get(orig), s.texts().get(i));
            assertEquals(t.labels()[orig], s.labels()[i]);
        }
        assertArrayEquals(new int[] {1, 3}, t.classCounts());
        assertThrows(IllegalStateException.class, () -> texts(3).binaryLabels());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LabeledTexts(List.of("a"), new int[] {2},
                List.of("x", "y"), List.of("s"))).getMessage().contains("outside [0, 2)"));
    }
}
