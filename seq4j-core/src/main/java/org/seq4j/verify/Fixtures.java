package org.seq4j.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.seq4j.io.Json;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.rnn.RecurrentFixture;

/**
 * Runs reference fixtures (the format of {@code shared/fixtures/recurrent/README.md}): a recurrent or bidirectional
 * layer case, or the {@code model} case. Each file yields its maximum absolute error against the reference.
 */
public final class Fixtures {
    /** The agreement float32 code must reach with the float64 references. */
    public static final double TOLERANCE = 1e-5;

    private Fixtures() {}

    /** One file's outcome. */
    public record Outcome(String name, double maxAbsErr, String error) {
        public boolean ok() {
            return error == null && maxAbsErr <= TOLERANCE;
        }
    }

    /** Checks one parsed fixture. */
    @SuppressWarnings("unchecked")
    public static double check(Map<String, Object> json) {
        LayerNames.reset();
        if ("model".equals(json.get("layer"))) return ModelFixture.check(json);
        return RecurrentFixture.check(json).maxAbsError();
    }

    /** Every {@code *.json} in {@code dir}, sorted by name. */
    @SuppressWarnings("unchecked")
    public static List<Outcome> checkDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a directory of fixture *.json files");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException(dir + " has no *.json fixture files");
        List<Outcome> out = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString().replaceAll("\\.json$", "");
            try {
                Object parsed = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
                if (!(parsed instanceof Map)) throw new IllegalArgumentException("top level is not a JSON object");
                out.add(new Outcome(name, check((Map<String, Object>) parsed), null));
            } catch (RuntimeException e) {
                out.add(new Outcome(name, Double.NaN, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return out;
    }
}
