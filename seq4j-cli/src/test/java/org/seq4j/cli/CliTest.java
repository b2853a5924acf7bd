package org.seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, in process, on small generated data (the real-data runs are in the README). */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            org.seq4j.layers.LayerNames.reset();
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("../shared/fixtures/recurrent").normalize();
            if (Files.isDirectory(s)) return s.getParent().getParent();
            Path t = p.resolve("shared/fixtures/recurrent");
            if (Files.isDirectory(t)) return p.resolve("shared");
        }
        throw new IllegalStateException("../shared not found");
    }

    @Test
    void summaryOfThePresetsIsKerasText() {
        Run r = run("summary", "--model", "imdb-stacked-bilstm");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bidirectional_1 (Bidirection (None, 256)               394240    \n"), r.out());
        assertTrue(r.out().contains("Total params: 1,232,129\n"));
        Run bad = run("summary", "--model", "embedding(100,8) lstm(0)");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("`units`"), bad.err());
    }

    @Test
    void checkFixturesPassesOnTheSharedFixturesAndFailsOnATamperedOne() throws Exception {
        Run ok = run("check-fixtures", shared().resolve("fixtures/recurrent").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertEquals(11, ok.out().lines().filter(l -> l.matches("\\S+ max_abs_err=\\S+ OK")).count(), ok.out());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Path src = shared().resolve("fixtures/recurrent/lstm_last.json");
        Files.copy(src, dir.resolve("lstm_last.json"));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(src.toFile());
        var y00 = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("y").get(0);
        y00.set(0, y00.get(0).asDouble() + 1e-3); // a 1e-3 error in one output must be caught
        mapper.writeValue(dir.resolve("lstm_tampered.json").toFile(), tree);
        Run bad = run("check-fixtures", dir.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().matches("(?s)lstm_last max_abs_err=\\S+ OK\nlstm_tampered max_abs_err=\\S+ FAIL.*"), bad.out());
    }

    /** A three-class CSV whose class is told by a keyword: the softmax head is chosen automatically. */
    @Test
    void trainPredictEvaluateOnAUsersCsv() throws Exception {
        String[] classes = {"sports", "politics", "science"};
        String[][] words = {{"goal", "match", "team", "score"}, {"vote", "senate", "law", "party"}, {"atom", "cell", "lab", "theory"}};
        String[] filler = {"the", "a", "today", "people", "said", "new", "big", "very"};
        SplittableRandom r = new SplittableRandom(1);
        List<String> lines = new ArrayList<>(List.of("text,label"));
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 6; k++) sb.append(filler[r.nextInt(filler.length)]).append(' ');
            sb.append(words[c][r.nextInt(4)]);
            lines.add("\"" + sb + "\"," + classes[c]);
        }
        Path csv = dir.resolve("news.csv");
        Files.write(csv, lines);
        Path model = dir.resolve("news.seq4j");
        Run train = run("train", "--data", csv.toString(), "--model", "embedding(100,16) lstm(16) dense(1)", "--epochs", "12",
                "--batch-size", "32", "--save", model.toString(), "--validation-split", "0.2", "--lr", "0.01");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("dense (Dense)                (None, 3)"), "softmax over 3 classes: " + train.out());
        assertTrue(Files.exists(model) && Files.exists(dir.resolve("news-curves.png")));
        Run predict = run("predict", model.toString(), "the senate passed a law", "our team scored a late goal");
        assertEquals(0, predict.code(), predict.err());
        String[] p = predict.out().split("\n");
        assertTrue(p[0].contains("\tpolitics\t") && p[1].contains("\tsports\t"), predict.out());
        Run eval = run("evaluate", model.toString(), "--data", csv.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("confusion matrix"), eval.out());
        double acc = Double.parseDouble(eval.out().lines().filter(l -> l.startsWith("accuracy:")).findFirst().orElseThrow().split("\\s+")[1]);
        assertTrue(acc > 0.9, eval.out());
    }

    @Test
    void userErrorsAreOneClearLine() throws Exception {
        Run missing = run("predict", dir.resolve("nope.seq4j").toString(), "hi");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Path csv = dir.resolve("one.csv");
        Files.writeString(csv, "text,label\nhello,a\nworld,a\n");
        Run single = run("train", "--data", csv.toString());
        assertEquals(2, single.code());
        assertTrue(single.err().toLowerCase().contains("class"), single.err());
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "text,label\nhello,a\nworld,b\n");
        Run limit = run("train", "--data", two.toString(), "--limit", "0");
        assertEquals(2, limit.code());
        assertTrue(limit.err().contains("--limit"), limit.err());
        assertTrue(!missing.err().contains("\tat "), "no stack trace");
    }
}
