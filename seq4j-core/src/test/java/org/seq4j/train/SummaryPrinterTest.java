package org.seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq4j.train.SummaryPrinter.Row;

class SummaryPrinterTest {
    @Test
    void sequentialLstmMatchesKeras() {
        String expected = """
                Model: "sequential"
                _________________________________________________________________
                Layer (type)                 Output Shape              Param #  \s
                =================================================================
                embedding (Embedding)        (None, None, 64)          640000   \s
                _________________________________________________________________
                lstm (LSTM)                  (None, 128)               98816    \s
                _________________________________________________________________
                dense (Dense)                (None, 1)                 129      \s
                =================================================================
                Total params: 738,945
                Trainable params: 738,945
                Non-trainable params: 0
                _________________________________________________________________
                """;
        String actual = SummaryPrinter.format("sequential", List.of(
                new Row("embedding", "Embedding", "(None, None, 64)", 640000),
                new Row("lstm", "LSTM", "(None, 128)", 98816),
                new Row("dense", "Dense", "(None, 1)", 129)), 738945, 0, true);
        assertEquals(expected, actual);
    }

    @Test
    void longLayerNamesAreCutAtTheColumnStop() {
        String expected = """
                Model: "sequential"
                _________________________________________________________________
                Layer (type)                 Output Shape              Param #  \s
                =================================================================
                embedding (Embedding)        (None, None, 64)          640000   \s
                _________________________________________________________________
                bidirectional (Bidirectional (None, None, 256)         197632   \s
                _________________________________________________________________
                bidirectional_1 (Bidirection (None, 256)               394240   \s
                _________________________________________________________________
                dense (Dense)                (None, 1)                 257      \s
                =================================================================
                Total params: 1,232,129
                Trainable params: 1,232,129
                Non-trainable params: 0
                _________________________________________________________________
                """;
        String actual = SummaryPrinter.format("sequential", List.of(
                new Row("embedding", "Embedding", "(None, None, 64)", 640000),
                new Row("bidirectional", "Bidirectional", "(None, None, 256)", 197632),
                new Row("bidirectional_1", "Bidirectional", "(None, 256)", 394240),
                new Row("dense", "Dense", "(None, 1)", 257)), 1232129, 0, true);
        assertEquals(expected, actual);
    }

    /** tf.keras 2.x output for two inputs merged by Add, as printed by Keras (one extra row per connection). */
    @Test
    void functionalModelMatchesKeras() {
        String expected = """
                Model: "model"
                __________________________________________________________________________________________________
                Layer (type)                    Output Shape         Param #     Connected to                    \s
                ==================================================================================================
                input_2 (InputLayer)            [(None, 784)]        0                                           \s
                __________________________________________________________________________________________________
                input_1 (InputLayer)            [(None, 784)]        0                                           \s
                __________________________________________________________________________________________________
                dense_1 (Dense)                 (None, 4)            3140        input_2[0][0]                   \s
                __________________________________________________________________________________________________
                dense_3 (Dense)                 (None, 4)            3140        input_1[0][0]                   \s
                __________________________________________________________________________________________________
                add (Add)                       (None, 4)            0           dense_1[0][0]                   \s
                                                                                 dense_3[0][0]                   \s
                ==================================================================================================
                Total params: 6,280
                Trainable params: 6,280
                Non-trainable params: 0
                __________________________________________________________________________________________________
                """;
        String actual = SummaryPrinter.format("model", List.of(
                new Row("input_2", "InputLayer", "[(None, 784)]", 0),
                new Row("input_1", "InputLayer", "[(None, 784)]", 0),
                new Row("dense_1", "Dense", "(None, 4)", 3140, List.of("input_2[0][0]")),
                new Row("dense_3", "Dense", "(None, 4)", 3140, List.of("input_1[0][0]")),
                new Row("add", "Add", "(None, 4)", 0, List.of("dense_1[0][0]", "dense_3[0][0]"))), 6280, 0, false);
        assertEquals(expected, actual);
    }

    /** A field that fills its column exactly loses its last character to the separating space, as in Keras. */
    @Test
    void fieldsFillingTheirColumnLoseTheirLastCharacter() {
        String text = SummaryPrinter.format("resnet50", List.of(
                new Row("input_1", "InputLayer", "[(None, 224, 224, 3)]", 0),
                new Row("batch_normalization", "BatchNormalization", "(None, 416, 416, 32)", 128, List.of("conv2d[0][0]"))),
                128, 0, false);
        List<String> lines = text.lines().toList();
        assertEquals("input_1 (InputLayer)            [(None, 224, 224, 3) 0" + " ".repeat(44), lines.get(4));
        assertEquals("batch_normalization (BatchNorma (None, 416, 416, 32) 128         conv2d[0][0]" + " ".repeat(21), lines.get(6));
    }

    @Test
    void everyTableRowHasTheLineLength() {
        for (boolean sequential : new boolean[] {true, false}) {
            String text = SummaryPrinter.format("m", List.of(
                    new Row("a_very_long_layer_name_that_overflows_every_column", "Bidirectional",
                            "[(None, 128), (None, 128), (None, 128), (None, 128)]", 123456789012L,
                            List.of("an_input_with_a_very_very_long_name[0][0]", "b[0][0]", "c[1][0]"))), 5, 7, sequential);
            List<String> lines = text.lines().toList();
            int width = sequential ? 65 : 98;
            for (int i = 1; i < lines.size() - 4; i++) {
                assertEquals(width, lines.get(i).length(), "line " + i + " of\n" + text);
            }
            assertEquals("Total params: 12", lines.get(lines.size() - 4));
            assertEquals(sequential ? 10 : 12, lines.size());
        }
    }

    @Test
    void sequentialLayoutIgnoresConnectionsAndEmptyModelsStillPrint() {
        Row withLinks = new Row("dense", "Dense", "(None, 1)", 129, List.of("x[0][0]", "y[0][0]"));
        assertEquals(SummaryPrinter.format("s", List.of(new Row("dense", "Dense", "(None, 1)", 129)), 129, 0, true),
                SummaryPrinter.format("s", List.of(withLinks), 129, 0, true));
        String empty = SummaryPrinter.format("empty", List.of(), 0, 0, true);
        assertEquals("Model: \"empty\"\n" + "_".repeat(65) + "\nLayer (type)                 Output Shape              Param #   \n"
                + "=".repeat(65) + "\nTotal params: 0\nTrainable params: 0\nNon-trainable params: 0\n" + "_".repeat(65) + "\n", empty);
    }

    /** Python counts code points: a name with a character outside the BMP is cut like Keras cuts it. */
    @Test
    void widthsCountCodePoints() {
        String name = "\uD83D\uDE00".repeat(30); // 30 emoji, 60 UTF-16 chars
        String row = SummaryPrinter.format("m", List.of(new Row(name, "Dense", "(None, 1)", 1)), 1, 0, true).lines().toList().get(4);
        assertEquals("\uD83D\uDE00".repeat(28) + " (None, 1)" + " ".repeat(17) + "1" + " ".repeat(9), row);
    }
}
