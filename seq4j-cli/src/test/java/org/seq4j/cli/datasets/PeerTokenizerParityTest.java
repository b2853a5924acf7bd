package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seq4j.text.TextVectorization;

/**
 * seq4j's tokenizer + vocabulary against the PyTorch peer's ({@code bench/torch_imdb.py}), on the real
 * archive: the full 10,000-entry vocabulary, the top-50 counts, five reviews id for id, and a SHA-256 over
 * every id of train and test. The peer side is {@code tools/peer_tokenizer_dump.py} (python3 + numpy).
 */
@Tag("slow")
class PeerTokenizerParityTest {

    @Test
    void matchesThePeerExactly() throws Exception {
        Path archive = ImdbRealDataTest.archive();
        Path script = Path.of("../tools/peer_tokenizer_dump.py");
        Path peer = archive.getParent().resolve("../bench/torch_imdb.py").normalize();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isRegularFile(script)
                && Files.isRegularFile(peer), "python3, the dump script or the peer script is missing");
        File out = File.createTempFile("peer", ".json");
        out.deleteOnExit();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "--peer", peer.toString(),
                "--data", archive.toString()).redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Assumptions.assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "peer dump failed");
        JsonNode d = new ObjectMapper().readTree(out);

        ImdbDataset imdb = ImdbDataset.load(archive);
        TextVectorization tv = TextVectorization.builder().maxTokens(10_000).build();
        tv.adapt(imdb.train().texts());

        List<String> peerVocab = new ArrayList<>();
        d.get("vocab").forEach(n -> peerVocab.add(n.asText()));
        assertEquals(peerVocab, tv.vocabulary());

        Map<String, Long> counts = new HashMap<>();
        for (String t : imdb.train().texts()) {
            for (String w : tv.tokenize(t)) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        assertEquals(d.get("distinct_train_tokens").asInt(), counts.size());
        for (JsonNode e : d.get("top50")) {
            assertEquals(e.get(1).asLong(), counts.get(e.get(0).asText()), e.get(0).asText());
        }

        Map<String, String> bySource = new HashMap<>();
        for (LabeledTexts lt : List.of(imdb.train(), imdb.test())) {
            for (int i = 0; i < lt.size(); i++) {
                bySource.put(lt.sources().get(i), lt.texts().get(i));
            }
        }
        var it = d.get("samples").fields();
        while (it.hasNext()) {
            var e = it.next();
            int[] expected = new int[e.getValue().size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = e.getValue().get(i).asInt();
            }
            assertArrayEquals(expected, tv.encode(bySource.get(e.getKey())), e.getKey());
        }

        assertDigest(tv.encodeAll(imdb.train().texts()), d.get("train_tokens").asLong(), d.get("train_ids_sha256").asText());
        assertDigest(tv.encodeAll(imdb.test().texts()), d.get("test_tokens").asLong(), d.get("test_ids_sha256").asText());
    }

    private static void assertDigest(int[][] ids, long tokens, String sha256) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long n = 0;
        for (int[] row : ids) {
            ByteBuffer b = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(row);
            md.update(b.array());
            n += row.length;
        }
        assertEquals(tokens, n);
        assertEquals(sha256, HexFormat.of().formatHex(md.digest()));
    }
}
