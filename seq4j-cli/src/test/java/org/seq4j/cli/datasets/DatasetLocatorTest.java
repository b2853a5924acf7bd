package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    @TempDir
    Path tmp;

    static final byte[] PAYLOAD = "pretend this is a tar.gz".getBytes(StandardCharsets.UTF_8);
    static final DatasetLocator.DatasetSpec SPEC = new DatasetLocator.DatasetSpec("Test set", "set.tar.gz", "set",
            URI.create("https://example.invalid/set.tar.gz"), List.of(new DatasetLocator.Checksum("SHA-256", sha256(PAYLOAD))));

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    final AtomicInteger downloads = new AtomicInteger();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** home, work/ (the working dir, inside a repo at repo/), a download that fails like an offline machine. */
    DatasetLocator.Builder locator() {
        return DatasetLocator.builder().environment(Map.of()).home(tmp.resolve("home"))
                .workingDir(tmp.resolve("work")).repoRoot(tmp.resolve("repo"))
                .progressOut(new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .downloader((url, out, progress) -> {
                    downloads.incrementAndGet();
                    throw new ConnectException("Network is unreachable");
                });
    }

    Path file(String rel) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, PAYLOAD);
        return p;
    }

    @Test
    void explicitPathFileOrFolder() throws IOException {
        Path f = file("mine/whatever.tgz");
        assertEquals(f, locator().explicit(f).build().locate(SPEC));
        Path inDir = file("d/set.tar.gz");
        assertEquals(inDir, locator().explicit(tmp.resolve("d")).build().locate(SPEC));
        Files.createDirectories(tmp.resolve("e/set/train"));
        assertEquals(tmp.resolve("e/set"), locator().explicit(tmp.resolve("e")).build().locate(SPEC));
        assertEquals(tmp.resolve("e/set"), locator().explicit(tmp.resolve("e/set")).build().locate(SPEC));
    }

    @Test
    void wrongExplicitPathIsAnErrorNotAFallback() throws IOException {
        file("home/.seq4j/datasets/set.tar.gz");
        DataException e = assertThrows(DataException.class,
                () -> locator().explicit(tmp.resolve("typo.tar.gz")).build().locate(SPEC));
        assertTrue(e.getMessage().contains("--data " + tmp.resolve("typo.tar.gz") + " does not exist"), e.getMessage());
        Files.createDirectories(tmp.resolve("emptydir"));
        DataException e2 = assertThrows(DataException.class,
                () -> locator().explicit(tmp.resolve("emptydir")).build().locate(SPEC));
        assertTrue(e2.getMessage().contains("is a folder without set.tar.gz or set/"), e2.getMessage());
        assertEquals(0, downloads.get());
    }

    @Test
    void searchOrder() throws IOException {
        // added from the last place to the first: each new copy must win over the previous ones
        Files.createDirectories(tmp.resolve("work"));
        Path shared = file("shared/data/set.tar.gz"); // work/../shared/data (and repo/../shared/data)
        assertEquals(shared, locator().build().locate(SPEC));
        Path home = file("home/.seq4j/datasets/set.tar.gz");
        assertEquals(home, locator().build().locate(SPEC));
        Path env = file("envdir/set.tar.gz");
        assertEquals(env, locator().environment(Map.of("SEQ4J_DATA", tmp.resolve("envdir").toString())).build().locate(SPEC));
        Path envFile = file("env-file.bin");
        assertEquals(envFile, locator().environment(Map.of("SEQ4J_DATA", envFile.toString())).build().locate(SPEC));
        // $SEQ4J_DATA pointing to a folder without the dataset: the search goes on
        Files.createDirectories(tmp.resolve("otherdata"));
        assertEquals(home, locator().environment(Map.of("SEQ4J_DATA", tmp.resolve("otherdata").toString())).build()
                .locate(SPEC));
        assertEquals(0, downloads.get());
    }

    @Test
    void repoRootSharedData() throws IOException {
        Path p = file("elsewhere/shared/data/set");
        Files.delete(p);
        Files.createDirectories(p); // the extracted folder
        DatasetLocator l = locator().repoRoot(tmp.resolve("elsewhere/seq4j")).build();
        assertEquals(p, l.locate(SPEC));
        assertEquals(List.of("$SEQ4J_DATA", "~/.seq4j/datasets", "../shared/data beside the repository",
                "../shared/data from the working directory"),
                List.copyOf(locator().environment(Map.of("SEQ4J_DATA", "/x")).repoRoot(tmp.resolve("elsewhere/seq4j"))
                        .build().places().values()));
    }

    @Test
    void offlineErrorListsEveryPlaceAndTheFix() {
        DataException e = assertThrows(DataException.class,
                () -> locator().environment(Map.of("SEQ4J_DATA", tmp.resolve("env").toString())).build().locate(SPEC));
        String m = e.getMessage();
        assertEquals(1, downloads.get());
        assertTrue(m.startsWith("Could not find the Test set dataset, and the download from https://example.invalid/"
                + "set.tar.gz failed (ConnectException: Network is unreachable — no network connection?)."), m);
        for (String place : List.of(tmp.resolve("env").toString(), tmp.resolve("home/.seq4j/datasets").toString(),
                tmp.resolve("shared/data").toString())) {
            assertTrue(m.contains("  - " + place), m);
        }
        assertTrue(m.contains("Put set.tar.gz (or the extracted set/ folder) in " + tmp.resolve("home/.seq4j/datasets")),
                m);
        assertTrue(m.contains("--data PATH") && m.contains("SEQ4J_DATA"), m);
        assertNoTempFiles();
        DataException off = assertThrows(DataException.class, () -> locator().allowDownload(false).build().locate(SPEC));
        assertTrue(off.getMessage().contains("downloads are disabled"), off.getMessage());
        assertEquals(1, downloads.get());
    }

    @Test
    void downloadIsVerifiedThenRenamedWithProgress() throws IOException {
        DatasetLocator l = locator().downloader((url, out, progress) -> {
            assertEquals(SPEC.url(), url);
            out.write(PAYLOAD, 0, 10);
            progress.update(10, PAYLOAD.length);
            out.write(PAYLOAD, 10, PAYLOAD.length - 10);
            progress.update(PAYLOAD.length, PAYLOAD.length);
        }).build();
        Path p = l.locate(SPEC);
        assertEquals(tmp.resolve("home/.seq4j/datasets/set.tar.gz"), p);
        assertEquals(sha256(PAYLOAD), sha256(Files.readAllBytes(p)));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("100%"), stderr.toString(StandardCharsets.UTF_8));
        assertNoTempFiles();
        assertEquals(p, l.locate(SPEC)); // found on disk now
    }

    @Test
    void corruptDownloadIsRejectedAndDeleted() throws IOException {
        DatasetLocator l = locator().downloader((url, out, progress) -> out.write("<html>captive portal</html>"
                .getBytes(StandardCharsets.UTF_8))).build();
        DataException e = assertThrows(DataException.class, () -> l.locate(SPEC));
        assertTrue(e.getMessage().contains("is not the expected file"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("home/.seq4j/datasets/set.tar.gz")));
        assertNoTempFiles();
    }

    @Test
    void interruptedDownloadLeavesNothing() throws IOException {
        DatasetLocator l = locator().downloader((url, out, progress) -> {
            out.write(PAYLOAD, 0, 5);
            throw new IOException("connection reset");
        }).build();
        DataException e = assertThrows(DataException.class, () -> l.locate(SPEC));
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertNoTempFiles();
    }

    @Test
    void imdbSpecMatchesTheSharedArchive() throws Exception {
        assertEquals("aclImdb_v1.tar.gz", DatasetLocator.IMDB.fileName());
        assertEquals("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz", DatasetLocator.IMDB.url().toString());
        assertEquals("696d00ae203652d987dae231cd0fa255d522858dd00115c850ea18296ce47456",
                DatasetLocator.IMDB.checksums().get(0).hex());
    }

    @Test
    void findsTheRepoRootUpwards() throws IOException {
        Files.createDirectories(tmp.resolve("r/seq4j-cli/target/classes"));
        Files.writeString(tmp.resolve("r/pom.xml"), "<project/>");
        assertEquals(tmp.resolve("r"), DatasetLocator.findRepoRoot(tmp.resolve("r/seq4j-cli/target/classes")));
        assertEquals(null, DatasetLocator.findRepoRoot(tmp.resolve("home")));
    }

    private void assertNoTempFiles() {
        Path dir = tmp.resolve("home/.seq4j/datasets");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().contains(".seq4j.tmp")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
