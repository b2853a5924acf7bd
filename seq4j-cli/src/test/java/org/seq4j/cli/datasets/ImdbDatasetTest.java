package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbDatasetTest {
    @TempDir
    Path tmp;

    /** A miniature aclImdb: entries in a scrambled order, as in the real archive. */
    static Map<String, byte[]> miniImdb() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("aclImdb/README", "readme".getBytes(StandardCharsets.UTF_8));
        m.put("aclImdb/train/pos/10_9.txt", utf8("Great film! Loved it."));
        m.put("aclImdb/train/neg/2_1.txt", utf8("Awful. Just awful."));
        m.put("aclImdb/train/pos/2_8.txt", utf8("A <br />masterpiece"));
        m.put("aclImdb/train/neg/10_2.txt", new byte[0]); // an empty review
        m.put("aclImdb/test/neg/0_2.txt", new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, ' ', (byte) 0xFF}); // bad UTF-8
        m.put("aclImdb/test/pos/0_10.txt", utf8("Superbe, très réussi"));
        m.put("aclImdb/train/unsup/1_0.txt", utf8("no label b"));
        m.put("aclImdb/train/unsup/0_0.txt", utf8("no label a"));
        m.put("aclImdb/train/urls_pos.txt", utf8("http://..."));
        m.put("aclImdb/imdb.vocab", utf8("the\nand"));
        return m;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tar(Map<String, byte[]> files, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream base = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(base)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static void checkMini(ImdbDataset d) {
        LabeledTexts train = d.train();
        assertEquals(List.of("aclImdb/train/neg/10_2.txt", "aclImdb/train/neg/2_1.txt", "aclImdb/train/pos/10_9.txt",
                "aclImdb/train/pos/2_8.txt"), train.sources()); // sorted by path: neg first, names as strings
        assertEquals(List.of("", "Awful. Just awful.", "Great film! Loved it.", "A <br />masterpiece"), train.texts());
        assertArrayEquals(new int[] {0, 0, 1, 1}, train.labels());
        assertEquals(List.of("neg", "pos"), train.labelNames());
        assertEquals(2, train.numClasses());
        LabeledTexts test = d.test();
        assertEquals("bad \uFFFD \uFFFD", test.texts().get(0)); // invalid bytes -> U+FFFD
        assertEquals("Superbe, très réussi", test.texts().get(1));
    }

    @Test
    void readsTrainAndTestFromATarGz() throws IOException {
        Path f = write("aclImdb_v1.tar.gz", tar(miniImdb(), true));
        ImdbDataset d = ImdbDataset.load(f);
        checkMini(d);
        assertTrue(assertThrows(IllegalStateException.class, d::unsup).getMessage().contains("UNSUP"));
    }

    @Test
    void readsUnsupOnRequestAndPlainTar() throws IOException {
        Path f = write("aclImdb_v1.tar", tar(miniImdb(), false));
        ImdbDataset d = ImdbDataset.load(f, EnumSet.of(ImdbDataset.Part.UNSUP, ImdbDataset.Part.TRAIN));
        assertEquals(List.of("no label a", "no label b"), d.unsup());
        assertEquals(4, d.train().size());
        assertThrows(IllegalStateException.class, d::test);
    }

    @Test
    void readsAnExtractedFolderIdentically() throws IOException {
        for (Map.Entry<String, byte[]> e : miniImdb().entrySet()) {
            Path p = tmp.resolve("x").resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        checkMini(ImdbDataset.load(tmp.resolve("x")));               // the folder holding aclImdb/
        checkMini(ImdbDataset.load(tmp.resolve("x/aclImdb")));       // aclImdb/ itself
        assertEquals(List.of("no label a", "no label b"),
                ImdbDataset.load(tmp.resolve("x/aclImdb"), EnumSet.of(ImdbDataset.Part.UNSUP)).unsup());
    }

    @Test
    void missingFile() {
        DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(tmp.resolve("nope.tar.gz")));
        assertTrue(e.getMessage().contains("nope.tar.gz does not exist"), e.getMessage());
    }

    @Test
    void truncatedArchive() throws IOException {
        byte[] full = tar(miniImdb(), true);
        for (int cut : new int[] {full.length / 2, full.length - 10, 12}) {
            Path f = write("cut" + cut + ".tar.gz", Arrays.copyOf(full, cut));
            DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(f));
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void notAGzipArchive() throws IOException {
        Path f = write("aclImdb_v1.tar.gz", utf8("<html>404 Not Found</html>"));
        DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(f));
        assertTrue(e.getMessage().contains("is not a gzip (.tar.gz) or tar archive: it starts with bytes 3c 68 74 6d"),
                e.getMessage());
        Path empty = write("empty.tar.gz", new byte[0]);
        assertTrue(assertThrows(DataException.class, () -> ImdbDataset.load(empty)).getMessage().contains("empty"));
    }

    @Test
    void archiveWithoutAclImdb() throws IOException {
        Path f = write("other.tar.gz", tar(Map.of("cifar/data_batch_1", utf8("x"), "cifar/meta", utf8("y")), true));
        DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(f));
        assertTrue(e.getMessage().contains("does not contain an aclImdb/ folder; found at the top level: cifar"),
                e.getMessage());
    }

    @Test
    void archiveWithAMissingPart() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>(miniImdb());
        m.remove("aclImdb/test/pos/0_10.txt");
        Path f = write("partial.tar.gz", tar(m, true));
        DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(f));
        assertTrue(e.getMessage().contains("has no aclImdb/test/pos/*.txt reviews"), e.getMessage());
        assertEquals(4, ImdbDataset.load(f, EnumSet.of(ImdbDataset.Part.TRAIN)).train().size());
    }

    @Test
    void folderThatIsNotAclImdb() throws IOException {
        Files.createDirectories(tmp.resolve("stuff/a"));
        DataException e = assertThrows(DataException.class, () -> ImdbDataset.load(tmp.resolve("stuff")));
        assertTrue(e.getMessage().contains("is neither an aclImdb/ folder"), e.getMessage());
    }
}
