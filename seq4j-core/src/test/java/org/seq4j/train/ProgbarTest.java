package org.seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** Expected bytes were cross-checked against Keras 2.x {@code Progbar.update} driven by the same fake clock. */
class ProgbarTest {
    /** A settable clock in nanoseconds. */
    private static final class FakeClock {
        long nanos;

        void at(double seconds) {
            nanos = Math.round(seconds * 1e9);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LinkedHashMap<String, Double> metrics(Object... nameValue) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        return m;
    }

    /** One epoch of fit(): 196 steps of 57 ms after a 0.3 s first step, validation, then the final line. */
    private void runImdbEpoch(Progbar bar) {
        LinkedHashMap<String, Double> logs = metrics("loss", 0.1143f, "accuracy", 0.9599f);
        for (int step = 1; step <= 196; step++) {
            clock.nanos = 300_000_000L + 57_000_000L * (step - 1);
            bar.update(step, logs, false);
        }
        clock.at(11.4);
        bar.update(196, metrics("loss", 0.1143f, "accuracy", 0.9599f, "val_loss", 0.4202f, "val_accuracy", 0.8530f), true);
    }

    @Test
    void finalLineMatchesKerasFit() {
        runImdbEpoch(new Progbar(196, 30, out, false, () -> clock.nanos));
        assertEquals("196/196 [==============================] - 11s 57ms/step - loss: 0.1143 - accuracy: 0.9599"
                + " - val_loss: 0.4202 - val_accuracy: 0.8530\n", output());
    }

    @Test
    void terminalEndsWithTheSameLineAfterRewrites() {
        runImdbEpoch(new Progbar(196, 30, out, true, () -> clock.nanos));
        String text = output();
        String last = text.substring(text.lastIndexOf('\r'));
        assertEquals("\r196/196 [==============================] - 11s 57ms/step - loss: 0.1143 - accuracy: 0.9599"
                + " - val_loss: 0.4202 - val_accuracy: 0.8530\n", last);
        assertEquals(1 + 196, text.chars().filter(c -> c == '\r').count(), "every 57 ms step redraws, plus the final line");
    }

    @Test
    void terminalRewritesWithBackspacesCarriageReturnAndPadding() {
        Progbar bar = new Progbar(196, 30, out, true, () -> clock.nanos);
        clock.at(0.3);
        bar.update(1, metrics("loss", 0.6931f), false);
        clock.at(0.31); // within 0.05 s of the last display: skipped
        bar.update(2, metrics("loss", 0.6f), false);
        clock.at(0.4);
        bar.update(3, metrics("loss", 0.5f), false);
        clock.at(20.0);
        bar.update(196, metrics("loss", 0.0009f), false);
        clock.at(20.5);
        bar.update(196, metrics("loss", 0.0009f, "val_loss", 0.001f), true);

        String line1 = "  1/196 [..............................] - ETA: 58s - loss: 0.6931";
        String line3 = "  3/196 [..............................] - ETA: 9s - loss: 0.5000";
        String line196 = "196/196 [==============================] - ETA: 0s - loss: 9.0000e-04";
        String last = "196/196 [==============================] - 20s 104ms/step - loss: 9.0000e-04 - val_loss: 0.0010";
        assertEquals("\r" + line1
                + "\b".repeat(line1.length()) + "\r" + line3 + " "
                + "\b".repeat(line3.length()) + "\r" + line196
                + "\b".repeat(line196.length()) + "\r" + last + "\n", output());
    }

    @Test
    void etaFormatsAndFourDigitTargets() {
        Progbar bar = new Progbar(1000, 30, out, true, () -> clock.nanos);
        clock.at(1.0);
        bar.update(1, null, false);
        clock.at(4000.0);
        bar.update(2, null, false);
        clock.at(4070.0);
        bar.update(3, null, false);
        clock.at(4070.06);
        bar.update(998, null, false);
        clock.at(4071.0);
        bar.update(1000, null, true);
        String[] lines = output().split("\r");
        assertEquals("   1/1000 [..............................] - ETA: 16:39", lines[1].replace("\b", ""));
        assertEquals("   2/1000 [..............................] - ETA: 1108:36:42", lines[2].replace("\b", ""));
        assertEquals("   3/1000 [..............................] - ETA: 563:26:36 ", lines[3].replace("\b", ""));
        assertEquals(" 998/1000 [============================>.] - ETA: 8s       ", lines[4].replace("\b", ""));
        assertEquals("1000/1000 [==============================] - 4071s 4s/step\n", lines[5].replace("\b", ""));
    }

    @Test
    void stepTimeUnits() {
        assertEquals("2/2 [==============================] - 3s 2s/step\n", finalLine(2, 1.0, 3.0));
        assertEquals("2/2 [==============================] - 0s 500us/step\n", finalLine(2, 0.001, 0.0015));
        assertEquals("2/2 [==============================] - 0s 1ms/step\n", finalLine(2, 0.001, 0.002));
        // Nothing done yet: zero time per step prints as seconds, as in Keras.
        assertEquals("0/2 [..............................] - 0s 0s/step\n", finalLine(0, 0, 0.2));
    }

    /** A 2-step (or 0-step) run finalized at {@code end} seconds, with the first step done at {@code first}. */
    private String finalLine(int steps, double first, double end) {
        bytes.reset();
        clock.at(0);
        Progbar bar = new Progbar(2, 30, out, false, () -> clock.nanos);
        if (steps > 0) {
            clock.at(first);
            bar.update(1, null, false);
        }
        clock.at(end);
        bar.update(steps, null, true);
        return output();
    }

    @Test
    void notATerminalPrintsOnlyTheFinalLine() {
        Progbar bar = new Progbar(3, 30, out, false, () -> clock.nanos);
        for (int step = 1; step <= 3; step++) {
            clock.at(step);
            bar.update(step, metrics("loss", 1.0 / step), false);
        }
        assertEquals("", output());
        bar.update(3, metrics("loss", 0.25), true);
        assertEquals("3/3 [==============================] - 3s 1s/step - loss: 0.2500\n", output());
    }

    @Test
    void barShapes() {
        assertEquals(" 1/10 [==>...........................] - 1s 1s/step\n", partialFinal(10, 1));
        assertEquals(" 9/10 [==========================>...] - 9s 1s/step\n", partialFinal(10, 9));
        assertEquals("1/1 [==============================] - 1s 1s/step\n", partialFinal(1, 1));
    }

    private String partialFinal(int target, int current) {
        bytes.reset();
        clock.at(0);
        Progbar bar = new Progbar(target, 30, out, false, () -> clock.nanos);
        clock.at(current); // one second per step, no step-1 update: (now - start) / current
        bar.update(current, null, true);
        return output();
    }

    @Test
    void epochHeaderOnlyForSeveralEpochs() {
        assertEquals("Epoch 3/10", Progbar.epochHeader(3, 10));
        Progbar.printEpochHeader(out, 1, 1);
        assertEquals("", output());
        Progbar.printEpochHeader(out, 1, 2);
        assertEquals("Epoch 1/2\n", output());
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Progbar(0, 30, out, false, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Progbar(5, 0, out, false, () -> 0));
    }
}
