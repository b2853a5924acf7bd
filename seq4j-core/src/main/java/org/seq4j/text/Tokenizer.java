package org.seq4j.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Standardize + split + n-grams: text to string tokens, in one linear pass. Immutable and thread-safe.
 *
 * <p>For {@link Split#WHITESPACE} the standardization is fused into the split loop: standardization maps each
 * character to itself, its ASCII lowercase, or nothing, and never touches whitespace, so lowering/stripping
 * character by character while cutting at whitespace gives the same tokens as standardizing the whole text
 * first. That is what makes a million-token text cost one pass and one {@code String} per token.
 */
final class Tokenizer {
    /** Keras DEFAULT_STRIP_REGEX: {@code [!"#$%&()*+,-./:;<=>?@\[\\\]^_`{|}~']}. */
    static final String STRIP_CHARS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";
    private static final boolean[] STRIP = new boolean[128];
    private static final boolean[] SPACE = new boolean[128];

    static {
        for (int i = 0; i < STRIP_CHARS.length(); i++) {
            STRIP[STRIP_CHARS.charAt(i)] = true;
        }
        for (char c : new char[] {' ', '\t', '\n', '\r', '\u000B', '\f'}) {
            SPACE[c] = true;
        }
    }

    private final Standardize standardize;
    private final Split split;
    private final int[] ngramWidths; // ascending, distinct, >= 1; {1} when n-grams are off

    Tokenizer(Standardize standardize, Split split, int[] ngramWidths) {
        this.standardize = standardize;
        this.split = split;
        this.ngramWidths = ngramWidths;
    }

    static boolean isSpace(char c) {
        return c < 128 && SPACE[c];
    }

    /** Applies {@link Standardize} to a whole text. */
    static String standardize(String text, Standardize standardize) {
        if (standardize == Standardize.NONE) {
            return text;
        }
        boolean lower = standardize.lower();
        boolean strip = standardize.strip();
        StringBuilder sb = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            char out = c;
            boolean drop = false;
            if (c < 128) {
                if (strip && STRIP[c]) {
                    drop = true;
                } else if (lower && c >= 'A' && c <= 'Z') {
                    out = (char) (c + ('a' - 'A'));
                }
            }
            if (sb == null && (drop || out != c)) {
                sb = new StringBuilder(n);
                sb.append(text, 0, i);
            }
            if (sb != null && !drop) {
                sb.append(out);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** The tokens of {@code text} including n-grams (width-major: all 1-grams, then all 2-grams, ...). */
    List<String> tokens(String text) {
        List<String> words = words(text);
        if (ngramWidths.length == 1 && ngramWidths[0] == 1) {
            return words;
        }
        return ngrams(words, ngramWidths);
    }

    /** The tokens before n-grams. */
    List<String> words(String text) {
        switch (split) {
            case WHITESPACE -> {
                return whitespaceTokens(text);
            }
            case CHARACTER -> {
                String s = standardize(text, standardize);
                List<String> out = new ArrayList<>(s.length());
                for (int i = 0; i < s.length(); ) {
                    int cp = s.codePointAt(i);
                    int len = Character.charCount(cp);
                    out.add(s.substring(i, i + len));
                    i += len;
                }
                return out;
            }
            case NONE -> {
                String s = standardize(text, standardize);
                return s.isEmpty() ? List.of() : List.of(s);
            }
            default -> throw new AssertionError(split);
        }
    }

    private List<String> whitespaceTokens(String text) {
        boolean lower = standardize.lower();
        boolean strip = standardize.strip();
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (SPACE[c]) {
                    // a word made only of punctuation ("--") standardizes to nothing: no token
                    if (!sb.isEmpty()) {
                        out.add(sb.toString());
                        sb.setLength(0);
                    }
                    continue;
                }
                if (strip && STRIP[c]) {
                    continue;
                }
                if (lower && c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            }
            sb.append(c);
        }
        if (!sb.isEmpty()) {
            out.add(sb.toString());
        }
        return out;
    }

    /** Receives one token as {@code buf[0, len)} with its {@link String#hashCode()}; false stops the scan. */
    interface WordSink {
        boolean accept(char[] buf, int len, int hash);
    }

    /** Whether {@link #scanWords} can replace {@link #tokens}: whitespace split, no n-grams. */
    boolean scannable() {
        return split == Split.WHITESPACE && ngramWidths.length == 1 && ngramWidths[0] == 1;
    }

    /**
     * The allocation-free twin of {@link #whitespaceTokens}: the same tokens, handed to {@code sink} in a reused
     * buffer. Tested against {@link #tokens} in {@code TextVectorizationTest}.
     */
    void scanWords(String text, WordSink sink) {
        boolean lower = standardize.lower();
        boolean strip = standardize.strip();
        char[] buf = new char[64];
        int len = 0;
        int hash = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (SPACE[c]) {
                    if (len > 0) {
                        if (!sink.accept(buf, len, hash)) {
                            return;
                        }
                        len = 0;
                        hash = 0;
                    }
                    continue;
                }
                if (strip && STRIP[c]) {
                    continue;
                }
                if (lower && c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            }
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = c;
            hash = 31 * hash + c;
        }
        if (len > 0) {
            sink.accept(buf, len, hash);
        }
    }

    /** Keras/TF {@code tf.strings.ngrams(words, widths, separator=" ")}: no padding, short sequences dropped. */
    static List<String> ngrams(List<String> words, int[] widths) {
        int n = words.size();
        int total = 0;
        for (int w : widths) {
            total += Math.max(0, n - w + 1);
        }
        List<String> out = new ArrayList<>(total);
        StringBuilder sb = new StringBuilder();
        for (int w : widths) {
            if (w == 1) {
                out.addAll(words);
                continue;
            }
            for (int start = 0; start + w <= n; start++) {
                sb.setLength(0);
                for (int k = 0; k < w; k++) {
                    if (k > 0) {
                        sb.append(' ');
                    }
                    sb.append(words.get(start + k));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /**
     * Compares by Unicode code point (= UTF-8 byte order = Python {@code bytes} order). {@link String#compareTo}
     * compares UTF-16 units, which puts supplementary characters (surrogates D800-DFFF) before U+E000-U+FFFF.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixup(x) - fixup(y);
            }
        }
        return a.length() - b.length();
    }

    private static int fixup(char c) {
        if (c >= 0xD800) {
            return c < 0xE000 ? c + 0x2000 : c - 0x800;
        }
        return c;
    }
}
