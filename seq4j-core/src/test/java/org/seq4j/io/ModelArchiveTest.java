package org.seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq4j.tensor.Tensor;

class ModelArchiveTest {
    @TempDir
    Path dir;

    private static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", "Sequential");
        c.put("layers", List.of(Map.of("class_name", "LSTM", "units", 8), Map.of("class_name", "Dense", "units", 1)));
        c.put("learning_rate", 0.001);
        return c;
    }

    private static LinkedHashMap<String, Tensor> weights() {
        Random r = new Random(5);
        LinkedHashMap<String, Tensor> w = new LinkedHashMap<>();
        for (String name : List.of("lstm/kernel", "lstm/recurrent_kernel", "lstm/bias", "dense/kernel", "dense/bias")) {
            float[] data = new float[name.endsWith("bias") ? 32 : 256];
            for (int i = 0; i < data.length; i++) data[i] = (float) r.nextGaussian();
            w.put(name, Tensor.of(data, data.length));
        }
        return w;
    }

    private Path saved() throws IOException {
        Path p = dir.resolve("model.seq4j");
        ModelArchive.write(p, config(), weights());
        return p;
    }

    private static String readError(Path p) {
        return assertThrows(ModelFormatException.class, () -> ModelArchive.read(p)).getMessage();
    }

    private static void assertReadError(Path p, String... fragments) {
        String message = readError(p);
        assertTrue(message.startsWith(p.toString() + ": "), "names the file: " + message);
        assertTrue(message.contains(" — "), "ends with a hint: " + message);
        for (String f : fragments) assertTrue(message.contains(f), message + "\n  should contain: " + f);
    }

    /** A zip with the given entries (name, then content). */
    private Path zip(String file, String... entries) throws IOException {
        Path p = dir.resolve(file);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (int i = 0; i < entries.length; i += 2) {
                z.putNextEntry(new ZipEntry(entries[i]));
                z.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void roundTripsConfigAndWeights() throws IOException {
        ModelArchive.Loaded loaded = ModelArchive.read(saved());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("format_version", 1L);
        config().forEach((k, v) -> expected.put(k, v instanceof List<?> ? Json.parse(Json.write(v)) : v));
        assertEquals(expected, loaded.config());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(loaded.config().keySet()));
        LinkedHashMap<String, Tensor> w = weights();
        assertEquals(new ArrayList<>(w.keySet()), new ArrayList<>(loaded.weights().keySet()));
        w.forEach((name, t) -> {
            assertArrayEquals(t.shape(), loaded.weights().get(name).shape());
            assertArrayEquals(t.data(), loaded.weights().get(name).data());
        });
        assertEquals(List.of("model.seq4j"), listDir(), "no temporary file left");
    }

    @Test
    void sameModelGivesSameBytesAndOverwritesInPlace() throws IOException {
        Path a = saved();
        byte[] first = Files.readAllBytes(a);
        Path b = dir.resolve("copy.seq4j");
        ModelArchive.write(b, config(), weights());
        assertArrayEquals(first, Files.readAllBytes(b));
        ModelArchive.write(a, Map.of("class_name", "Other"), new LinkedHashMap<>());
        assertEquals("Other", ModelArchive.read(a).config().get("class_name"));
        assertEquals(List.of("copy.seq4j", "model.seq4j"), listDir());
    }

    @Test
    void notAZipNotASeq4jModelEmptyDirectoryMissing() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.seq4j"), "hello, not a model");
        assertReadError(text, "is not a seq4j model (not a zip archive)");
        assertReadError(Files.write(dir.resolve("empty.seq4j"), new byte[0]), "is empty");
        assertReadError(zip("other.zip", "readme.txt", "hi"), "is a zip archive but not a seq4j model (it has no config.json)");
        assertReadError(Files.createDirectory(dir.resolve("folder.seq4j")), "is a directory");
        assertThrows(NoSuchFileException.class, () -> ModelArchive.read(dir.resolve("missing.seq4j")));
    }

    @Test
    void everyTruncatedCopyIsAClearError() throws IOException {
        byte[] full = Files.readAllBytes(saved());
        Path cut = dir.resolve("cut.seq4j");
        for (int n = 1; n < full.length; n += n < 64 ? 1 : 37) {
            Files.write(cut, Arrays.copyOf(full, n));
            assertReadError(cut, "truncated");
        }
    }

    @Test
    void missingWeights() throws IOException {
        assertReadError(zip("noweights.seq4j", "config.json", "{\"format_version\": 1}"),
                "has no weights (model.safetensors is missing) — the file is damaged; save the model again");
    }

    @Test
    void newerFormatAsksForAnUpgrade() throws IOException {
        Path p = zip("future.seq4j", "config.json", "{\"format_version\": 7}", "model.safetensors", "future layout");
        assertEquals(p + ": written by a newer seq4j (format 7); this build reads up to format 1 — upgrade seq4j", readError(p));
    }

    @Test
    void badFormatVersions() throws IOException {
        assertReadError(zip("none.seq4j", "config.json", "{}"), "config.json has no format_version");
        assertReadError(zip("text.seq4j", "config.json", "{\"format_version\": \"1\"}"), "format_version \"1\", expected a positive integer");
        assertReadError(zip("zero.seq4j", "config.json", "{\"format_version\": 0}"), "format_version 0, expected a positive integer");
        assertReadError(zip("array.seq4j", "config.json", "[1]"), "config.json is not valid JSON (line 1, column 1: expected a JSON object");
    }

    @Test
    void corruptJson() throws IOException {
        assertReadError(zip("json.seq4j", "config.json", "{\"format_version\": 1,\n \"layers\": [}"),
                "config.json is not valid JSON (line 2, column 13: expected a value", "if you edited it by hand, fix the JSON");
    }

    @Test
    void corruptWeightsNameTheEntry() throws IOException {
        assertReadError(zip("badweights.seq4j", "config.json", "{\"format_version\": 1}", "model.safetensors", "garbage!"),
                ": model.safetensors: safetensors header length");
    }

    /** Flipped bits anywhere in the file: a ModelFormatException (CRC, zip structure, JSON, safetensors), never another. */
    @Test
    void corruptedBytesGiveModelFormatExceptions() throws IOException {
        byte[] full = Files.readAllBytes(saved());
        Path bad = dir.resolve("bad.seq4j");
        Random r = new Random(17);
        int failures = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = full.clone();
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            Files.write(bad, b);
            try {
                ModelArchive.read(bad);
            } catch (ModelFormatException expected) {
                failures++;
            }
        }
        assertTrue(failures > 250, "most flips are detected (CRC-32 covers the data): " + failures);
    }

    @Test
    void failedWriteLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path p = saved();
        byte[] before = Files.readAllBytes(p);
        LinkedHashMap<String, Tensor> failing = new LinkedHashMap<>(weights()) {
            @Override
            public Set<Map.Entry<String, Tensor>> entrySet() {
                Set<Map.Entry<String, Tensor>> real = super.entrySet();
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Map.Entry<String, Tensor>> iterator() {
                        Iterator<Map.Entry<String, Tensor>> it = real.iterator();
                        return new Iterator<>() {
                            int n;

                            @Override
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            @Override
                            public Map.Entry<String, Tensor> next() {
                                if (++n == 3) throw new IllegalStateException("weight 3 unavailable");
                                return it.next();
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return real.size();
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> ModelArchive.write(p, config(), failing));
        assertArrayEquals(before, Files.readAllBytes(p), "the existing file is untouched");
        Path fresh = dir.resolve("fresh.seq4j");
        assertThrows(IllegalStateException.class, () -> ModelArchive.write(fresh, config(), failing));
        assertEquals(List.of("model.seq4j"), listDir(), "no new file, no temporary file");
    }

    @Test
    void invalidConfigsAreRefusedBeforeWriting() throws IOException {
        Path p = dir.resolve("nan.seq4j");
        Map<String, Object> nan = new LinkedHashMap<>(config());
        nan.put("learning_rate", Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(p, nan, weights()))
                .getMessage().contains("at $.learning_rate"));
        Map<String, Object> version = new LinkedHashMap<>(config());
        version.put("format_version", 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(p, version, weights()))
                .getMessage().contains("leave format_version out"));
        assertEquals(List.of(), listDir());
        Path folder = Files.createDirectory(dir.resolve("folder.seq4j"));
        assertThrows(IOException.class, () -> ModelArchive.write(folder, config(), weights()));
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void writesAreReadableByAPlainZipReader() throws IOException {
        Path p = saved();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
            assertEquals(List.of("config.json", "model.safetensors"), z.stream().map(ZipEntry::getName).toList());
            String json = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{\n  \"format_version\": 1,\n  \"class_name\": \"Sequential\""), json);
        }
    }

    private List<String> listDir() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
