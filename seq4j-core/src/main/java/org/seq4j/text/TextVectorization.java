package org.seq4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Maps raw text to integer token ids: the seq4j twin of Keras' {@code TextVectorization(output_mode="int")}.
 *
 * <pre>{@code
 * TextVectorization vectorizer = TextVectorization.builder().maxTokens(10_000).build();
 * vectorizer.adapt(trainTexts);                       // learn the vocabulary
 * int[][] ids = vectorizer.encodeAll(trainTexts);     // one int[] per text
 * }</pre>
 *
 * <p>Pipeline, in Keras' order: {@link Standardize standardize} (default: ASCII lowercase + strip Keras'
 * punctuation), {@link Split split} (default: ASCII whitespace), optional n-grams (all widths 1..N, tokens
 * joined by one space, width-major like {@code tf.strings.ngrams}), vocabulary lookup, optional fixed
 * {@code outputSequenceLength}.
 *
 * <p>Vocabulary: index 0 is the padding token {@code ""}, index 1 the out-of-vocabulary token {@code [UNK]}
 * (every unknown token maps to 1), then the {@code maxTokens - 2} most frequent tokens seen by {@link #adapt},
 * by descending count; equal counts are ordered by {@link TieBreak} (default {@link TieBreak#ASCENDING}, the
 * order of the PyTorch peer {@code bench/torch_imdb.py}; Keras itself uses {@link TieBreak#DESCENDING}).
 * {@code maxTokens} counts the two special tokens, as in Keras; without it the vocabulary keeps every token.
 *
 * <p>Edge cases: an empty text, or one that standardizes to nothing ({@code "!!!"}), encodes to an empty
 * {@code int[]} (or to {@code outputSequenceLength} zeros). Tokens are never empty. Time and memory are linear
 * in the text length. {@link #encode} and {@link #encodeAll} are thread-safe; {@link #adapt} and
 * {@link #setVocabulary} replace the vocabulary atomically.
 */
public final class TextVectorization {
    /** Index 0: the padding (mask) token, as in Keras. */
    public static final String PADDING_TOKEN = "";
    /** Index 1: the out-of-vocabulary token, as in Keras. */
    public static final String OOV_TOKEN = "[UNK]";
    /** Id of {@link #PADDING_TOKEN}. */
    public static final int PADDING_ID = 0;
    /** Id of {@link #OOV_TOKEN}. */
    public static final int OOV_ID = 1;

    private final Integer maxTokens;          // null: unlimited
    private final Standardize standardize;
    private final Split split;
    private final int[] ngramWidths;          // sorted distinct widths; {1} = no n-grams
    private final Integer outputSequenceLength; // null: ragged output
    private final TieBreak tieBreak;
    private final Tokenizer tokenizer;
    private volatile Vocabulary vocab;        // null until adapt/setVocabulary

    /** The learned lookup table: immutable once built, swapped as a whole. */
    private record Vocabulary(List<String> tokens, TokenTable index) {
        static Vocabulary of(List<String> tokens) {
            TokenTable index = new TokenTable(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                index.put(tokens.get(i), i);
            }
            return new Vocabulary(Collections.unmodifiableList(new ArrayList<>(tokens)), index);
        }
    }

    private TextVectorization(Builder b) {
        this.maxTokens = b.maxTokens;
        this.standardize = b.standardize;
        this.split = b.split;
        this.ngramWidths = b.ngramWidths;
        this.outputSequenceLength = b.outputSequenceLength;
        this.tieBreak = b.tieBreak;
        this.tokenizer = new Tokenizer(standardize, split, ngramWidths);
        if (b.vocabulary != null) {
            setVocabulary(b.vocabulary);
        }
    }

    /** A builder with Keras' defaults: unlimited vocabulary, lower + strip punctuation, whitespace split. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ vocabulary

    /**
     * Learns the vocabulary from {@code texts} (streamed once, one thread: IMDB's 25,000 training reviews take
     * about half a second; any earlier vocabulary is replaced).
     *
     * @throws IllegalArgumentException if an element is null
     */
    public void adapt(Iterable<String> texts) {
        Objects.requireNonNull(texts, "texts");
        TokenTable counts = new TokenTable(1 << 14);
        long i = 0;
        for (String text : texts) {
            count(text, i++, counts);
        }
        counts.remove(PADDING_TOKEN);
        counts.remove(OOV_TOKEN); // Keras drops the special tokens from its counts too
        List<String> words = new ArrayList<>(counts.size());
        List<Long> freq = new ArrayList<>(counts.size());
        counts.forEach((word, n) -> {
            words.add(word);
            freq.add(n);
        });
        Integer[] order = new Integer[words.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        int sign = tieBreak == TieBreak.ASCENDING ? 1 : -1;
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(freq.get(b), freq.get(a));
            return c != 0 ? c : sign * Tokenizer.compareCodePoints(words.get(a), words.get(b));
        });
        int keep = maxTokens == null ? order.length : Math.min(order.length, maxTokens - 2);
        List<String> tokens = new ArrayList<>(keep + 2);
        tokens.add(PADDING_TOKEN);
        tokens.add(OOV_TOKEN);
        for (int k = 0; k < keep; k++) {
            tokens.add(words.get(order[k]));
        }
        vocab = Vocabulary.of(tokens);
    }

    private void count(String text, long position, TokenTable counts) {
        if (text == null) {
            throw new IllegalArgumentException("texts contains null at position " + position);
        }
        if (tokenizer.scannable()) {
            tokenizer.scanWords(text, (buf, len, hash) -> {
                counts.add(buf, len, hash, 1);
                return true;
            });
        } else {
            for (String token : tokenizer.tokens(text)) {
                counts.add(token, 1);
            }
        }
    }

    /**
     * Sets the vocabulary directly, like Keras' {@code set_vocabulary}. If it starts with {@code ""} and
     * {@code "[UNK]"} those are taken as the special tokens; otherwise both are prepended.
     *
     * @throws IllegalArgumentException on a repeated token, a special token out of place, or more than
     *     {@code maxTokens} entries
     */
    public void setVocabulary(List<String> vocabulary) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        List<String> tokens = new ArrayList<>(vocabulary.size() + 2);
        boolean hasSpecials = vocabulary.size() >= 2 && PADDING_TOKEN.equals(vocabulary.get(0))
                && OOV_TOKEN.equals(vocabulary.get(1));
        if (!hasSpecials) {
            tokens.add(PADDING_TOKEN);
            tokens.add(OOV_TOKEN);
        }
        tokens.addAll(vocabulary);
        Map<String, Integer> seen = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t == null) {
                throw new IllegalArgumentException("The vocabulary contains null at position " + i + ".");
            }
            Integer prev = seen.put(t, i);
            if (prev != null) {
                throw new IllegalArgumentException("The vocabulary has a repeated token \"" + t
                        + "\" (positions " + prev + " and " + i + "); every token must appear once.");
            }
        }
        if (seen.get(PADDING_TOKEN) != PADDING_ID || seen.get(OOV_TOKEN) != OOV_ID) {
            throw new IllegalArgumentException("The vocabulary must have \"\" at index 0 and \"[UNK]\" at index 1"
                    + " (or neither, and they are added); got them at " + seen.get(PADDING_TOKEN) + " and "
                    + seen.get(OOV_TOKEN) + ".");
        }
        if (maxTokens != null && tokens.size() > maxTokens) {
            throw new IllegalArgumentException("Received a vocabulary of " + tokens.size()
                    + " tokens (special tokens included), more than `maxTokens`=" + maxTokens + ".");
        }
        vocab = Vocabulary.of(tokens);
    }

    /** The vocabulary, index {@code i} = id {@code i}: {@code ""}, {@code "[UNK]"}, then learned tokens. */
    public List<String> vocabulary() {
        return requireVocabulary().tokens();
    }

    /** Number of ids ({@code vocabulary().size()}): the {@code inputDim} of the next {@code Embedding}. */
    public int vocabularySize() {
        return requireVocabulary().tokens().size();
    }

    /** Whether {@link #adapt} or {@link #setVocabulary} has been called. */
    public boolean isAdapted() {
        return vocab != null;
    }

    private Vocabulary requireVocabulary() {
        Vocabulary v = vocab;
        if (v == null) {
            throw new IllegalStateException("TextVectorization has no vocabulary yet: call adapt(texts) or "
                    + "setVocabulary(tokens) before encoding.");
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ encoding

    /** The string tokens of {@code text} after standardize, split and n-grams (no vocabulary needed). */
    public List<String> tokenize(String text) {
        return tokenizer.tokens(Objects.requireNonNull(text, "text"));
    }

    /**
     * The ids of {@code text}: one per token ({@code [UNK]} = 1 for unknown tokens); with
     * {@code outputSequenceLength} exactly that many, cut at the end or padded at the end with 0 (Keras).
     *
     * @throws IllegalStateException before {@link #adapt} / {@link #setVocabulary}
     */
    public int[] encode(String text) {
        TokenTable index = requireVocabulary().index();
        Objects.requireNonNull(text, "text");
        if (tokenizer.scannable()) {
            IdCollector ids = new IdCollector(index, outputSequenceLength);
            tokenizer.scanWords(text, ids);
            return ids.result();
        }
        List<String> tokens = tokenizer.tokens(text);
        int n = outputSequenceLength == null ? tokens.size() : outputSequenceLength;
        int[] ids = new int[n];
        for (int i = 0, m = Math.min(n, tokens.size()); i < m; i++) {
            ids[i] = (int) index.get(tokens.get(i), OOV_ID);
        }
        return ids;
    }

    /** Token ids into a growing array; stops the scan at {@code outputSequenceLength} tokens. */
    private static final class IdCollector implements Tokenizer.WordSink {
        private final TokenTable index;
        private final Integer fixed;
        private int[] ids;
        private int n;

        IdCollector(TokenTable index, Integer fixed) {
            this.index = index;
            this.fixed = fixed;
            this.ids = new int[fixed == null ? 256 : fixed];
        }

        @Override
        public boolean accept(char[] buf, int len, int hash) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = (int) index.get(buf, len, hash, OOV_ID);
            return fixed == null || n < fixed;
        }

        int[] result() {
            return fixed != null ? ids : Arrays.copyOf(ids, n); // fixed: already padded with zeros
        }
    }

    /** {@link #encode} of each text, computed in parallel; row {@code i} is {@code encode(texts.get(i))}. */
    public int[][] encodeAll(List<String> texts) {
        requireVocabulary();
        int[][] out = new int[texts.size()][];
        IntStream.range(0, texts.size()).parallel().forEach(i -> {
            String t = texts.get(i);
            if (t == null) {
                throw new IllegalArgumentException("texts contains null at position " + i);
            }
            out[i] = encode(t);
        });
        return out;
    }

    // ------------------------------------------------------------------------------------------ config

    /**
     * The configuration with Keras' key names (snake_case, as in a Keras {@code config.json}), made of
     * strings, numbers, lists and {@code null} only: {@code max_tokens}, {@code standardize}, {@code split},
     * {@code ngrams} (null, an int N for widths 1..N, or a list of widths), {@code output_mode} ({@code "int"}),
     * {@code output_sequence_length}, {@code tie_break} (seq4j), and {@code vocabulary} (the full list, special
     * tokens included; null before adapt).
     */
    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_tokens", maxTokens);
        c.put("standardize", standardize.kerasName());
        c.put("split", split.kerasName());
        c.put("ngrams", ngramsConfig());
        c.put("output_mode", "int");
        c.put("output_sequence_length", outputSequenceLength);
        c.put("tie_break", tieBreak.configName());
        Vocabulary v = vocab;
        c.put("vocabulary", v == null ? null : new ArrayList<>(v.tokens()));
        return c;
    }

    private Object ngramsConfig() {
        if (ngramWidths.length == 1 && ngramWidths[0] == 1) {
            return null;
        }
        boolean contiguous = true;
        for (int i = 0; i < ngramWidths.length; i++) {
            contiguous &= ngramWidths[i] == i + 1;
        }
        if (contiguous) {
            return ngramWidths.length;
        }
        List<Integer> widths = new ArrayList<>();
        for (int w : ngramWidths) {
            widths.add(w);
        }
        return widths;
    }

    /**
     * Rebuilds a vectorizer from {@link #toConfig()} (or from a Keras {@code TextVectorization} config: unknown
     * keys such as {@code name} or {@code pad_to_max_tokens} are ignored). Numbers may be any {@link Number}
     * with an integral value, as JSON parsers produce.
     *
     * @throws IllegalArgumentException on a value of the wrong type or out of range
     */
    public static TextVectorization fromConfig(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        Builder b = builder();
        Object mode = config.get("output_mode");
        if (mode != null && !"int".equals(mode)) {
            throw new IllegalArgumentException("Received an invalid value for argument `output_mode`, expected "
                    + "\"int\" (the only mode seq4j supports), got " + mode + ".");
        }
        Integer maxTokens = intOrNull(config, "max_tokens");
        if (maxTokens != null) {
            b.maxTokens(maxTokens);
        }
        if (config.containsKey("standardize")) {
            b.standardize(Standardize.fromKerasName(stringOrNull(config, "standardize")));
        }
        if (config.containsKey("split")) {
            b.split(Split.fromKerasName(stringOrNull(config, "split")));
        }
        Object ngrams = config.get("ngrams");
        if (ngrams instanceof List<?> list) {
            int[] widths = new int[list.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = toInt(list.get(i), "ngrams");
            }
            b.ngrams(widths);
        } else if (ngrams != null) {
            b.ngrams(toInt(ngrams, "ngrams"));
        }
        Integer osl = intOrNull(config, "output_sequence_length");
        if (osl != null) {
            b.outputSequenceLength(osl);
        }
        String tie = stringOrNull(config, "tie_break");
        if (tie != null) {
            b.tieBreak(TieBreak.fromConfigName(tie));
        }
        Object vocabulary = config.get("vocabulary");
        if (vocabulary != null) {
            if (!(vocabulary instanceof List<?> list)) {
                throw new IllegalArgumentException("Received an invalid value for argument `vocabulary`, expected "
                        + "a list of strings, got " + vocabulary.getClass().getSimpleName() + ".");
            }
            List<String> tokens = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("Received an invalid value for argument `vocabulary`, "
                            + "expected a list of strings, found " + o + ".");
                }
                tokens.add(s);
            }
            b.vocabulary(tokens);
        }
        return b.build();
    }

    private static Integer intOrNull(Map<String, ?> config, String key) {
        Object o = config.get(key);
        return o == null ? null : toInt(o, key);
    }

    private static String stringOrNull(Map<String, ?> config, String key) {
        Object o = config.get(key);
        if (o == null || o instanceof String) {
            return (String) o;
        }
        throw new IllegalArgumentException("Received an invalid value for argument `" + key
                + "`, expected a string or null, got " + o + ".");
    }

    private static int toInt(Object o, String key) {
        if (o instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException("Received an invalid value for argument `" + key
                + "`, expected an integer, got " + o + ".");
    }

    // ------------------------------------------------------------------------------------------ accessors

    /** The vocabulary cap including the 2 special tokens, or null for none. */
    public Integer maxTokens() {
        return maxTokens;
    }

    public Standardize standardize() {
        return standardize;
    }

    public Split split() {
        return split;
    }

    /** The n-gram widths, ascending ({@code [1]} when n-grams are off). */
    public int[] ngrams() {
        return ngramWidths.clone();
    }

    /** The fixed output length, or null for one id per token. */
    public Integer outputSequenceLength() {
        return outputSequenceLength;
    }

    public TieBreak tieBreak() {
        return tieBreak;
    }

    @Override
    public String toString() {
        Vocabulary v = vocab;
        return "TextVectorization(maxTokens=" + maxTokens + ", standardize=" + standardize + ", split=" + split
                + ", ngrams=" + Arrays.toString(ngramWidths) + ", outputSequenceLength=" + outputSequenceLength
                + ", vocabularySize=" + (v == null ? "not adapted" : v.tokens().size()) + ")";
    }

    // ------------------------------------------------------------------------------------------ builder

    /** Optional arguments of {@link TextVectorization}; every setter validates its value at once. */
    public static final class Builder {
        private Integer maxTokens;
        private Standardize standardize = Standardize.LOWER_AND_STRIP_PUNCTUATION;
        private Split split = Split.WHITESPACE;
        private int[] ngramWidths = {1};
        private Integer outputSequenceLength;
        private TieBreak tieBreak = TieBreak.ASCENDING;
        private List<String> vocabulary;

        private Builder() {
        }

        /** Vocabulary cap, special tokens included (Keras {@code max_tokens}); at least 3. */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 3) {
                throw new IllegalArgumentException("Received an invalid value for argument `maxTokens`, expected "
                        + "an integer >= 3, got " + maxTokens + ".");
            }
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder standardize(Standardize standardize) {
            this.standardize = Objects.requireNonNull(standardize, "standardize");
            return this;
        }

        public Builder split(Split split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /** All n-grams of widths 1..n (Keras {@code ngrams=n}); {@code 1} means no n-grams. */
        public Builder ngrams(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Received an invalid value for argument `ngrams`, expected "
                        + "an integer >= 1, got " + n + ".");
            }
            this.ngramWidths = IntStream.rangeClosed(1, n).toArray();
            return this;
        }

        /** Exactly these n-gram widths (Keras {@code ngrams=(1, 3)}); sorted, duplicates removed. */
        public Builder ngrams(int... widths) {
            if (widths.length == 0) {
                throw new IllegalArgumentException("Received an invalid value for argument `ngrams`, expected "
                        + "at least one width, got none.");
            }
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("Received an invalid value for argument `ngrams`, "
                            + "expected widths >= 1, got " + Arrays.toString(widths) + ".");
                }
            }
            this.ngramWidths = Arrays.stream(widths).sorted().distinct().toArray();
            return this;
        }

        /** Pad (with 0) or cut every output, at the end, to exactly this length (Keras semantics); >= 1. */
        public Builder outputSequenceLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("Received an invalid value for argument "
                        + "`outputSequenceLength`, expected an integer >= 1, got " + length + ".");
            }
            this.outputSequenceLength = length;
            return this;
        }

        /** Order of equally frequent tokens; default {@link TieBreak#ASCENDING} (the PyTorch peer's). */
        public Builder tieBreak(TieBreak tieBreak) {
            this.tieBreak = Objects.requireNonNull(tieBreak, "tieBreak");
            return this;
        }

        /** A fixed vocabulary (as {@link TextVectorization#setVocabulary}) instead of {@code adapt}. */
        public Builder vocabulary(List<String> vocabulary) {
            this.vocabulary = List.copyOf(vocabulary);
            return this;
        }

        public TextVectorization build() {
            return new TextVectorization(this);
        }
    }
}
