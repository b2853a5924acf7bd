package org.seq4j.layers.rnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds and reads the shared reference fixtures ({@code shared/fixtures/recurrent}, looked up from the working directory). */
final class Fixtures {
    private Fixtures() {}

    /** The fixture directory: the first {@code shared/fixtures/recurrent} found walking up from the working directory. */
    static Path directory() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("fixtures").resolve("recurrent");
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("no shared/fixtures/recurrent directory above " + Path.of("").toAbsolutePath()
                + "; run the tests from inside the seq4j worktree (next to ../shared)");
    }

    static List<Path> jsonFiles() {
        try (Stream<Path> s = Files.list(directory())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path p) {
        try {
            return new ObjectMapper().readValue(p.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
