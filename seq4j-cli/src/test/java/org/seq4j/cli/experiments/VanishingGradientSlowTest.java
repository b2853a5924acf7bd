package org.seq4j.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq4j.cli.Main;

/**
 * The headline at T = 100 with the default budget (about a minute on two cores; run with -Pslow): the LSTM
 * solves the adding problem, the SimpleRNN does not, and after training the LSTM's gradient ratio
 * ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ is at least 1000× the SimpleRNN's. Values are read from the command's own adding.csv.
 */
@Tag("slow")
class VanishingGradientSlowTest {
    @TempDir
    Path out;

    @Test
    void afterTrainingLstmKeepsOrdersOfMagnitudeMoreGradientThanSimpleRnn() throws IOException {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Main.run("experiment", "vanishing-gradient", "--lengths", "100", "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        stdout.print(printed);
        assertEquals(0, code, printed);
        Map<String, Map<String, String>> rows = VanishingGradientCommandTest.readAdding(out.resolve("adding.csv"));
        Map<String, String> lstm = rows.get("LSTM 100");
        Map<String, String> rnn = rows.get("SimpleRNN 100");
        assertEquals("yes", lstm.get("solved"), printed);
        assertEquals("no", rnn.get("solved"), printed);
        double lstmRatio = Double.parseDouble(lstm.get("ratio_trained"));
        double rnnRatio = Double.parseDouble(rnn.get("ratio_trained"));
        assertTrue(lstmRatio >= 1000 * rnnRatio, "after training at T=100: LSTM " + lstmRatio + ", SimpleRNN " + rnnRatio);
    }
}
