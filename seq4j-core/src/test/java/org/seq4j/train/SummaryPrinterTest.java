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
}
