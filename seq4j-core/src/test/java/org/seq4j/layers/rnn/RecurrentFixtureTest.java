package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every layer fixture of shared/fixtures/recurrent: y, final states and gradients within 1e-5 of PyTorch float64. */
class RecurrentFixtureTest {
    static final double TOLERANCE = 1e-5;

    @TestFactory
    Stream<DynamicTest> everyLayerFixtureMatches() {
        List<Path> files = Fixtures.jsonFiles();
        assertTrue(files.size() >= 10, "expected the recurrent fixtures, found " + files);
        return files.stream()
                .filter(p -> RecurrentFixture.isLayerFixture(Fixtures.read(p)))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    RecurrentFixture.Result r = RecurrentFixture.check(Fixtures.read(p));
                    System.out.printf("%-32s max abs err %.2e  (scaled %.2e)  %s%n", p.getFileName(), r.maxAbsError(),
                            r.maxScaledError(), r.errors());
                    assertTrue(r.passed(TOLERANCE), p.getFileName() + ": " + r);
                }));
    }

    @Test
    void modelFixtureIsLeftToTheModelTests() {
        Map<String, Object> json = Fixtures.read(Fixtures.directory().resolve("imdb_like_model.json"));
        assertFalse(RecurrentFixture.isLayerFixture(json));
        assertThrows(IllegalArgumentException.class, () -> RecurrentFixture.check(json));
    }
}
