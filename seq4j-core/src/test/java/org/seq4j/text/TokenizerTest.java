package org.seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast paths (scanWords, TokenTable) against the plain ones (tokens, HashMap semantics). */
class TokenizerTest {
    private static final String ALPHABET = "aAbBzZ09 \t\n\r\u000B\f.,!'\"-_[]\\^`~éÉ\u00A0\u001C—😀\uFFFD";

    static String randomText(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(k);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(k + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void scanWordsGivesTheSameTokensAndHashesAsTokens() {
        SplittableRandom r = new SplittableRandom(3);
        for (Standardize std : Standardize.values()) {
            Tokenizer t = new Tokenizer(std, Split.WHITESPACE, new int[] {1});
            for (int i = 0; i < 2000; i++) {
                String text = randomText(r, r.nextInt(200));
                List<String> scanned = new ArrayList<>();
                t.scanWords(text, (buf, len, hash) -> {
                    String s = new String(buf, 0, len);
                    assertEquals(s.hashCode(), hash);
                    scanned.add(s);
                    return true;
                });
                assertEquals(t.tokens(text), scanned, text);
                // whitespace split == standardize the whole text, then split on the six ASCII spaces
                String std2 = Tokenizer.standardize(text, std);
                List<String> reference = new ArrayList<>();
                for (String w : std2.split("[ \\t\\n\\r\\u000B\\f]+")) {
                    if (!w.isEmpty()) {
                        reference.add(w);
                    }
                }
                assertEquals(reference, scanned, text);
            }
        }
    }

    @Test
    void fastAndGenericEncodeAgree() {
        SplittableRandom r = new SplittableRandom(4);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add(randomText(r, r.nextInt(100)));
        }
        TextVectorization fast = TextVectorization.builder().maxTokens(60).build();
        fast.adapt(texts);
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (String text : texts) {
            for (String w : fast.tokenize(text)) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        List<String> expected = new ArrayList<>(counts.keySet());
        expected.sort((a, b) -> {
            int c = Long.compare(counts.get(b), counts.get(a));
            return c != 0 ? c : Tokenizer.compareCodePoints(a, b);
        });
        List<String> vocab = new ArrayList<>(List.of("", "[UNK]"));
        vocab.addAll(expected.subList(0, Math.min(58, expected.size())));
        assertEquals(vocab, fast.vocabulary());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            index.put(vocab.get(i), i);
        }
        TextVectorization fixed = TextVectorization.builder().outputSequenceLength(5).vocabulary(vocab).build();
        for (String text : texts) {
            List<String> toks = fast.tokenize(text);
            int[] ids = fast.encode(text);
            assertEquals(toks.size(), ids.length);
            int[] five = fixed.encode(text);
            assertEquals(5, five.length);
            for (int i = 0; i < toks.size(); i++) {
                int id = index.getOrDefault(toks.get(i), 1);
                assertEquals(id, ids[i]);
                if (i < 5) {
                    assertEquals(id, five[i]);
                }
            }
            for (int i = toks.size(); i < 5; i++) {
                assertEquals(0, five[i]);
            }
        }
    }

    @Test
    void tokenTableGrowsRemovesAndMatchesSlices() {
        TokenTable t = new TokenTable(1);
        for (int i = 0; i < 10_000; i++) {
            String s = "w" + (i % 3000);
            char[] buf = s.toCharArray();
            t.add(buf, buf.length, s.hashCode(), 1);
        }
        assertEquals(3000, t.size());
        assertEquals(4, t.get("w0", -1));
        assertEquals(3, t.get("w2999", -1));
        assertEquals(-1, t.get("nope", -1));
        t.remove("w0");
        t.remove("absent");
        assertEquals(2999, t.size());
        assertEquals(-1, t.get("w0", -1));
        assertEquals(4, t.get("w1", -1));
        TokenTable u = new TokenTable(1);
        for (int i = 0; i < 1000; i++) {
            u.add("s" + i, i); // String inserts that grow the table
            u.put("p" + i, 7);
        }
        assertEquals(2000, u.size());
        assertEquals(999, u.get("s999", -1));
        assertEquals(7, u.get("p0", -1));
        char[] empty = new char[0];
        u.add(empty, 0, 0, 5);
        assertEquals(5, u.get("", -1));
    }
}
