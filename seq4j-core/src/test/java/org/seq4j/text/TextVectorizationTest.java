package org.seq4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextVectorizationTest {

    private static TextVectorization adapted(List<String> texts) {
        TextVectorization tv = TextVectorization.builder().build();
        tv.adapt(texts);
        return tv;
    }

    // ------------------------------------------------------------------------------ standardize + split

    @Test
    void lowercasesAsciiOnlyAndStripsKerasPunctuation() {
        TextVectorization tv = TextVectorization.builder().build();
        assertEquals(List.of("hello", "world", "École", "ÀÉ"), tv.tokenize("Hello, World! ÉCOLE ÀÉ"));
        // every character of DEFAULT_STRIP_REGEX goes, inside a word too
        assertEquals(List.of("ab"), tv.tokenize("a!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'b"));
        // Unicode punctuation is not in the regex: kept (as Keras does)
        assertEquals(List.of("«hi»", "—", "“ok”…"), tv.tokenize("«Hi» — “OK”…"));
        assertEquals(List.of("its", "a", "br", "br", "test"), tv.tokenize("It's a <br /><br />test."));
    }

    @Test
    void splitsOnAsciiWhitespaceOnly() {
        TextVectorization tv = TextVectorization.builder().build();
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), tv.tokenize(" a\tb\nc\rd\u000Be\ff  g \r\n"));
        // not whitespace for tf.strings.split / bytes.split(): no-break space, U+001C, U+2003
        assertEquals(List.of("a\u00A0b", "c\u001Cd\u2003e"), tv.tokenize("a\u00A0b c\u001Cd\u2003e"));
        // words made only of punctuation vanish; they do not leave empty tokens
        assertEquals(List.of("a", "b"), tv.tokenize("a -- b ..."));
        assertEquals(List.of(), tv.tokenize(""));
        assertEquals(List.of(), tv.tokenize("  \t !!! "));
    }

    @Test
    void otherStandardizeAndSplitModes() {
        assertEquals(List.of("hello,", "world!"),
                TextVectorization.builder().standardize(Standardize.LOWER).build().tokenize("Hello, World!"));
        assertEquals(List.of("Hello", "World"),
                TextVectorization.builder().standardize(Standardize.STRIP_PUNCTUATION).build().tokenize("Hello, World!"));
        assertEquals(List.of("Hello,", "World!"),
                TextVectorization.builder().standardize(Standardize.NONE).build().tokenize("Hello, World!"));
        TextVectorization chars = TextVectorization.builder().split(Split.CHARACTER).build();
        assertEquals(List.of("a", "b", " ", "c", "😀"), chars.tokenize("A,b c😀"));
        TextVectorization none = TextVectorization.builder().split(Split.NONE).build();
        assertEquals(List.of("hello world"), none.tokenize("Hello World!"));
        assertEquals(List.of(), none.tokenize("!!"));
    }

    @Test
    void ngramsAreWidthMajorAndJoinedBySpace() {
        TextVectorization tv = TextVectorization.builder().ngrams(2).build();
        assertEquals(List.of("a", "b", "c", "a b", "b c"), tv.tokenize("A b, c."));
        assertEquals(List.of("a"), tv.tokenize("a")); // too short for a bigram: none
        TextVectorization w13 = TextVectorization.builder().ngrams(3, 1).build();
        assertEquals(List.of("a", "b", "c", "d", "a b c", "b c d"), w13.tokenize("a b c d"));
        assertArrayEquals(new int[] {1, 3}, w13.ngrams());
        TextVectorization only2 = TextVectorization.builder().ngrams(new int[] {2}).build();
        assertEquals(List.of("a b", "b c"), only2.tokenize("a b c"));
    }

    // ------------------------------------------------------------------------------ vocabulary

    @Test
    void vocabularyByDescendingCountTiesAscendingLikeThePeer() {
        TextVectorization tv = adapted(List.of("b a c", "c b", "d c e", "a"));
        // counts: c 3, a 2, b 2, d 1, e 1
        assertEquals(List.of("", "[UNK]", "c", "a", "b", "d", "e"), tv.vocabulary());
        assertEquals(7, tv.vocabularySize());
        assertArrayEquals(new int[] {3, 1, 2, 1}, tv.encode("a zzz c qq")); // unknown -> 1
    }

    @Test
    void kerasTieBreakIsDescending() {
        TextVectorization tv = TextVectorization.builder().tieBreak(TieBreak.DESCENDING).build();
        tv.adapt(List.of("b a c", "c b", "d c e", "a"));
        assertEquals(List.of("", "[UNK]", "c", "b", "a", "e", "d"), tv.vocabulary());
    }

    @Test
    void maxTokensCountsTheSpecialTokens() {
        TextVectorization tv = TextVectorization.builder().maxTokens(4).build();
        tv.adapt(List.of("b a c", "c b", "d c e", "a"));
        assertEquals(List.of("", "[UNK]", "c", "a"), tv.vocabulary());
        assertArrayEquals(new int[] {1, 3, 2, 1}, tv.encode("b a c e"));
    }

    @Test
    void tiesCompareCodePointsLikeUtf8Bytes() {
        // U+FFFD < U+1F600 by code point / UTF-8 bytes, but not by UTF-16 units (D83D < FFFD)
        TextVectorization tv = adapted(List.of("😀 \uFFFD \uFF41"));
        assertEquals(List.of("", "[UNK]", "\uFF41", "\uFFFD", "😀"), tv.vocabulary());
        assertTrue(Tokenizer.compareCodePoints("\uFFFD", "😀") < 0);
        assertTrue(Tokenizer.compareCodePoints("ab", "abc") < 0);
        assertEquals(0, Tokenizer.compareCodePoints("x😀", "x😀"));
    }

    @Test
    void specialTokensAreNeverCounted() {
        TextVectorization tv = TextVectorization.builder().standardize(Standardize.NONE).build();
        tv.adapt(List.of("[UNK] [UNK] x"));
        assertEquals(List.of("", "[UNK]", "x"), tv.vocabulary());
        assertArrayEquals(new int[] {1, 2}, tv.encode("[UNK] x"));
    }

    @Test
    void listAndStreamingAdaptAgree() {
        SplittableRandom r = new SplittableRandom(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0, n = r.nextInt(30); k < n; k++) {
                sb.append("w").append(r.nextInt(400)).append(' ');
            }
            texts.add(sb.toString());
        }
        TextVectorization a = TextVectorization.builder().maxTokens(100).build();
        a.adapt(texts);
        TextVectorization b = TextVectorization.builder().maxTokens(100).build();
        b.adapt(new ArrayDeque<>(texts)); // any Iterable
        assertEquals(a.vocabulary(), b.vocabulary());
        int[][] all = a.encodeAll(texts);
        for (int i = 0; i < texts.size(); i += 97) {
            assertArrayEquals(a.encode(texts.get(i)), all[i]);
        }
    }

    @Test
    void adaptAgainReplacesTheVocabulary() {
        TextVectorization tv = adapted(List.of("a a b"));
        tv.adapt(List.of("z"));
        assertEquals(List.of("", "[UNK]", "z"), tv.vocabulary());
    }

    // ------------------------------------------------------------------------------ encode

    @Test
    void emptyTextEncodesToEmptyOrToPadding() {
        TextVectorization tv = adapted(List.of("a b"));
        assertArrayEquals(new int[0], tv.encode(""));
        assertArrayEquals(new int[0], tv.encode("?!"));
        TextVectorization fixed = TextVectorization.builder().outputSequenceLength(3).build();
        fixed.adapt(List.of("a b"));
        assertArrayEquals(new int[] {0, 0, 0}, fixed.encode(""));
        assertArrayEquals(new int[] {2, 3, 0}, fixed.encode("a b"));
        assertArrayEquals(new int[] {2, 3, 1}, fixed.encode("a b c a b")); // cut at the end, like Keras
    }

    @Test
    void millionTokenTextIsLinear() {
        TextVectorization tv = adapted(List.of("the cat sat")); // ties, ascending: cat 2, sat 3, the 4
        StringBuilder sb = new StringBuilder(5_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            sb.append(i % 3 == 0 ? "The, " : i % 3 == 1 ? "cat\t" : "dog\n");
        }
        String text = sb.toString();
        int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> tv.encode(text));
        assertEquals(1_000_000, ids.length);
        assertArrayEquals(new int[] {4, 2, 1, 4}, java.util.Arrays.copyOf(ids, 4)); // the cat dog the
    }

    @Test
    void encodeBeforeAdaptIsAClearError() {
        TextVectorization tv = TextVectorization.builder().build();
        assertFalse(tv.isAdapted());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tv.encode("hi"));
        assertTrue(e.getMessage().contains("call adapt(texts) or setVocabulary(tokens)"), e.getMessage());
        assertThrows(IllegalStateException.class, tv::vocabulary);
        assertThrows(IllegalStateException.class, () -> tv.encodeAll(List.of("a")));
    }

    @Test
    void invalidArgumentsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextVectorization.builder().maxTokens(1));
        assertEquals("Received an invalid value for argument `maxTokens`, expected an integer >= 3, got 1.",
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextVectorization.builder().ngrams(0))
                .getMessage().contains("`ngrams`"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TextVectorization.builder().outputSequenceLength(0)).getMessage().contains("got 0"));
        TextVectorization tv = TextVectorization.builder().build();
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tv.adapt(withNull)).getMessage()
                .contains("position 1"));
    }

    // ------------------------------------------------------------------------------ set / config

    @Test
    void setVocabularyLikeKeras() {
        TextVectorization tv = TextVectorization.builder().build();
        tv.setVocabulary(List.of("x", "y"));
        assertEquals(List.of("", "[UNK]", "x", "y"), tv.vocabulary());
        tv.setVocabulary(List.of("", "[UNK]", "y"));
        assertEquals(List.of("", "[UNK]", "y"), tv.vocabulary());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tv.setVocabulary(List.of("x", "x")))
                .getMessage().contains("repeated token \"x\""));
        assertThrows(IllegalArgumentException.class, () -> tv.setVocabulary(List.of("x", "[UNK]")));
        TextVectorization small = TextVectorization.builder().maxTokens(3).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> small.setVocabulary(List.of("a", "b")))
                .getMessage().contains("`maxTokens`=3"));
    }

    @Test
    void configRoundTripsThroughJson() throws Exception {
        TextVectorization tv = TextVectorization.builder().maxTokens(50).standardize(Standardize.LOWER)
                .split(Split.WHITESPACE).ngrams(2).outputSequenceLength(7).build();
        tv.adapt(List.of("The cat sat on the mat.", "The dog; the end"));
        Map<String, Object> config = tv.toConfig();
        assertEquals(50, config.get("max_tokens"));
        assertEquals("lower", config.get("standardize"));
        assertEquals("whitespace", config.get("split"));
        assertEquals(2, config.get("ngrams"));
        assertEquals("int", config.get("output_mode"));
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = json.readValue(json.writeValueAsString(config), Map.class);
        TextVectorization copy = TextVectorization.fromConfig(back);
        assertEquals(tv.vocabulary(), copy.vocabulary());
        assertEquals(config, copy.toConfig());
        assertArrayEquals(tv.encode("the cat on a mat"), copy.encode("the cat on a mat"));
    }

    @Test
    void configOfAnUnadaptedLayerAndOfKeras() {
        TextVectorization fresh = TextVectorization.fromConfig(TextVectorization.builder().build().toConfig());
        assertFalse(fresh.isAdapted());
        assertEquals(Standardize.LOWER_AND_STRIP_PUNCTUATION, fresh.standardize());
        // a Keras config: extra keys ignored, numbers may be doubles, ngrams as a list
        Map<String, Object> keras = new java.util.HashMap<>(Map.of("name", "text_vectorization", "max_tokens", 20000.0,
                "standardize", "lower_and_strip_punctuation", "split", "whitespace", "ngrams", List.of(1, 3),
                "output_mode", "int", "pad_to_max_tokens", false));
        keras.put("output_sequence_length", null);
        TextVectorization k = TextVectorization.fromConfig(keras);
        assertEquals(20000, k.maxTokens());
        assertArrayEquals(new int[] {1, 3}, k.ngrams());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TextVectorization.fromConfig(Map.of("output_mode", "multi_hot"))).getMessage()
                .contains("`output_mode`"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TextVectorization.fromConfig(Map.of("max_tokens", 2.5))).getMessage().contains("`max_tokens`"));
    }
}
