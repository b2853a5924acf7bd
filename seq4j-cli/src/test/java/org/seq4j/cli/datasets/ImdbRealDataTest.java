package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seq4j.data.Bucketing;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.text.TextVectorization;

/** The real 84 MB (uncompressed) archive: counts, balance, timings, padding waste. Run with -Pslow. */
@Tag("slow")
class ImdbRealDataTest {
    static Path archive() {
        Path p = Path.of("../../shared/data/aclImdb_v1.tar.gz"); // from seq4j-cli/ in a worktree
        for (Path c : new Path[] {p, Path.of("../shared/data/aclImdb_v1.tar.gz"),
                Path.of("/work/wt/shared/data/aclImdb_v1.tar.gz")}) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        Assumptions.abort("aclImdb_v1.tar.gz not found beside the repository");
        return null;
    }

    @Test
    void locatorFindsTheSharedCopyAndItsChecksumIsTheRecordedOne() throws Exception {
        archive();
        Path found = DatasetLocator.builder().environment(java.util.Map.of()).allowDownload(false).build()
                .locate(DatasetLocator.IMDB);
        System.out.println("located: " + found);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(found), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertEquals(DatasetLocator.IMDB.checksums().get(0).hex(), java.util.HexFormat.of().formatHex(md.digest()));
    }

    @Test
    void realArchive() {
        Path file = archive();
        long t0 = System.nanoTime();
        ImdbDataset all = ImdbDataset.load(file, EnumSet.allOf(ImdbDataset.Part.class));
        long t1 = System.nanoTime();
        System.out.printf("read archive (train+test+unsup): %.2f s%n", (t1 - t0) / 1e9);
        assertEquals(25_000, all.train().size());
        assertEquals(25_000, all.test().size());
        assertEquals(50_000, all.unsup().size());
        assertArrayEquals(new int[] {12_500, 12_500}, all.train().classCounts());
        assertArrayEquals(new int[] {12_500, 12_500}, all.test().classCounts());
        assertEquals("aclImdb/train/neg/0_3.txt", all.train().sources().get(0));

        long t2 = System.nanoTime();
        ImdbDataset tt = ImdbDataset.load(file);
        long t3 = System.nanoTime();
        System.out.printf("read archive (train+test): %.2f s%n", (t3 - t2) / 1e9);
        assertEquals(all.train().texts(), tt.train().texts());

        TextVectorization tv = TextVectorization.builder().maxTokens(10_000).build();
        for (int rep = 0; rep < 3; rep++) {
            long a0 = System.nanoTime();
            tv.adapt(tt.train().texts());
            long a1 = System.nanoTime();
            tv.adapt(new java.util.ArrayDeque<>(tt.train().texts())); // any Iterable
            long a2 = System.nanoTime();
            int[][] ids = tv.encodeAll(tt.train().texts());
            long a3 = System.nanoTime();
            System.out.printf("adapt train: %.2f s (list), %.2f s (iterable); encodeAll train: %.2f s%n",
                    (a1 - a0) / 1e9, (a2 - a1) / 1e9, (a3 - a2) / 1e9);
            if (rep == 2) {
                TokenSequences seqs = TokenSequences.binary(ids, tt.train().binaryLabels());
                System.out.println("train tokens: " + seqs.totalTokens());
                for (Bucketing b : Bucketing.values()) {
                    SequenceBatcher batcher = SequenceBatcher.builder(seqs).batchSize(128).seed(42).bucketing(b).build();
                    assertEquals(196, batcher.numBatches());
                    double f = 0;
                    for (int e = 0; e < 5; e++) {
                        f += batcher.paddingStats(e).paddingFactor();
                    }
                    System.out.printf("bucketing %s: padded/real = %.4f (mean of 5 epochs)%n", b, f / 5);
                }
            }
        }
        assertEquals(10_000, tv.vocabularySize());
        TextVectorization keras = TextVectorization.builder().maxTokens(10_000)
                .tieBreak(org.seq4j.text.TieBreak.DESCENDING).build();
        keras.adapt(tt.train().texts());
        int differ = 0;
        for (int i = 0; i < 10_000; i++) {
            differ += tv.vocabulary().get(i).equals(keras.vocabulary().get(i)) ? 0 : 1;
        }
        java.util.Set<String> a = new java.util.HashSet<>(tv.vocabulary());
        a.removeAll(keras.vocabulary());
        System.out.println("Keras tie-break (descending) vs peer (ascending): " + differ + " ids differ, "
                + a.size() + " tokens differ");
        assertTrue(tv.vocabulary().subList(2, 12).contains("the"));
        System.out.println("top: " + tv.vocabulary().subList(0, 20));
    }
}
