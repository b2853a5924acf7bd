package org.seq4j.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq4j.cli.Main;

/**
 * {@code ./seq4j experiment vanishing-gradient --quick}, end to end: the files it writes agree with each other, and
 * the qualitative results hold in what it computed (read back from its CSVs, nothing hard-coded):
 * <ul>
 *   <li>at initialization every cell's gradient vanishes with distance (T = 10 → 50 → 100);</li>
 *   <li>at initialization, T = 100, SimpleRNN keeps ≥ 100× more of its gradient than the LSTM, and the LSTM ≥ 1000×
 *       more than the GRU: Keras' orthogonal recurrent kernel makes the SimpleRNN's step Jacobian nearly an isometry,
 *       while the LSTM's forget gate starts at σ(1) ≈ 0.73 and the GRU's update gate at σ(0) = 0.5;</li>
 *   <li>training opens the GRU's gate: its T = 100 ratio rises by ≥ 10⁶ within the quick budget.</li>
 * </ul>
 * That the LSTM ends up keeping orders of magnitude more gradient than the SimpleRNN after training takes the
 * default budget; {@link VanishingGradientSlowTest} checks it.
 */
class VanishingGradientCommandTest {
    @TempDir
    static Path out;

    private static String printed;
    private static Map<String, Map<String, String>> adding;  // "cell T" → column → value
    private static Map<String, double[]> flow;               // "cell phase T" → norms, index t − 1

    @BeforeAll
    static void runQuick() throws IOException {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Main.run("experiment", "vanishing-gradient", "--quick", "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        printed = buffer.toString(StandardCharsets.UTF_8);
        stdout.print(printed);
        assertEquals(0, code, printed);
        adding = readAdding(out.resolve("adding.csv"));
        flow = readFlow(out.resolve("gradient_flow.csv"));
    }

    @Test
    void writesEveryFileAndNoTempFiles() throws IOException {
        for (String f : List.of("gradient_flow.csv", "adding.csv", "gradient_flow.png", "adding.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertNotNull(ImageIO.read(out.resolve("gradient_flow.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("adding.png").toFile()));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(4, files.count(), "only the four outputs, no temp files");
        }
    }

    @Test
    void everyCellAtEveryLengthWithBothProfiles() {
        assertEquals(CellType.values().length * VanishingGradientCommand.QUICK_LENGTHS.size(), adding.size());
        for (CellType c : CellType.values()) {
            for (int t : VanishingGradientCommand.QUICK_LENGTHS) {
                assertTrue(adding.containsKey(c.label() + " " + t), c + " T=" + t);
                assertEquals(t, flow.get(c.label() + " init " + t).length);
                assertEquals(t, flow.get(c.label() + " trained " + t).length);
            }
        }
    }

    @Test
    void tableRatiosAreTheProfilesFirstOverLast() {
        for (Map.Entry<String, Map<String, String>> e : adding.entrySet()) {
            String[] key = e.getKey().split(" ");
            for (String phase : List.of("init", "trained")) {
                double[] norms = flow.get(key[0] + " " + phase + " " + key[1]);
                double expected = norms[0] / norms[norms.length - 1];
                assertEquals(expected, Double.parseDouble(e.getValue().get("ratio_" + phase)), Math.abs(expected) * 1e-12, e.getKey() + " " + phase);
            }
        }
        assertTrue(printed.contains("| cell ") && printed.contains("at init"), printed);
    }

    @Test
    void atInitializationEveryCellsGradientVanishesWithDistance() {
        for (CellType c : CellType.values()) {
            double previous = 1;
            for (int t : VanishingGradientCommand.QUICK_LENGTHS) {
                double r = ratio(c, t, "init");
                assertTrue(r < previous, c + ": ratio at T=" + t + " is " + r + ", not below " + previous);
                previous = r;
            }
        }
    }

    @Test
    void atInitializationSimpleRnnKeepsMoreGradientThanLstmAndLstmMoreThanGru() {
        double rnn = ratio(CellType.SIMPLE_RNN, 100, "init");
        double lstm = ratio(CellType.LSTM, 100, "init");
        double gru = ratio(CellType.GRU, 100, "init");
        assertTrue(rnn >= 100 * lstm, "SimpleRNN " + rnn + " vs LSTM " + lstm);
        assertTrue(lstm >= 1000 * gru, "LSTM " + lstm + " vs GRU " + gru);
    }

    @Test
    void trainingOpensTheGrusGate() {
        double before = ratio(CellType.GRU, 100, "init");
        double after = ratio(CellType.GRU, 100, "trained");
        assertTrue(after >= 1e6 * before, "GRU at T=100: " + before + " at init, " + after + " after training");
    }

    private static double ratio(CellType c, int length, String phase) {
        return Double.parseDouble(adding.get(c.label() + " " + length).get("ratio_" + phase));
    }

    static Map<String, Map<String, String>> readAdding(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < f.length; i++) row.put(header[i], f[i]);
            rows.put(row.get("cell") + " " + row.get("T"), row);
        }
        return rows;
    }

    static Map<String, double[]> readFlow(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("cell,phase,T,t,distance,norm", lines.get(0));
        Map<String, double[]> profiles = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int length = Integer.parseInt(f[2]);
            int t = Integer.parseInt(f[3]);
            assertEquals(length - t, Integer.parseInt(f[4]), line);
            profiles.computeIfAbsent(f[0] + " " + f[1] + " " + length, k -> new double[length])[t - 1] = Double.parseDouble(f[5]);
        }
        return profiles;
    }
}
