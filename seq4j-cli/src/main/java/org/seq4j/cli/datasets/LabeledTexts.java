package org.seq4j.cli.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.seq4j.data.Shuffle;
import org.seq4j.data.TokenSequences;
import org.seq4j.data.ValidationSplit;
import org.seq4j.text.TextVectorization;

/**
 * Texts with integer labels: {@code labels[i]} indexes {@code labelNames} (sorted, so the ids are
 * deterministic). {@code sources[i]} says where text {@code i} came from ({@code aclImdb/train/pos/0_9.txt},
 * {@code reviews.csv:12}), for error messages and traceability.
 *
 * <p>{@link #numClasses()} == 2 means a binary problem (one sigmoid output, label 1 = {@code labelNames[1]});
 * more means a softmax over {@code numClasses} outputs.
 */
public record LabeledTexts(List<String> texts, int[] labels, List<String> labelNames, List<String> sources) {

    public LabeledTexts {
        texts = List.copyOf(texts);
        labelNames = List.copyOf(labelNames);
        sources = List.copyOf(sources);
        Objects.requireNonNull(labels, "labels");
        if (labels.length != texts.size() || sources.size() != texts.size()) {
            throw new IllegalArgumentException("Received " + texts.size() + " texts, " + labels.length
                    + " labels and " + sources.size() + " sources; expected as many of each.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= labelNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of " + sources.get(i)
                        + " is outside [0, " + labelNames.size() + ")");
            }
        }
    }

    public int size() {
        return texts.size();
    }

    /** Number of distinct labels: 2 = binary (sigmoid), more = multi-class (softmax). */
    public int numClasses() {
        return labelNames.size();
    }

    /** Labels as floats, for a binary model. */
    public float[] binaryLabels() {
        if (numClasses() != 2) {
            throw new IllegalStateException("binaryLabels() needs exactly 2 classes, found " + numClasses() + ".");
        }
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /**
     * Encodes every text with {@code vectorizer} (already adapted): binary labels (0/1 floats) when there are
     * 2 classes, class indices otherwise. Row {@code i} of the result is text {@code i}.
     */
    public TokenSequences vectorize(TextVectorization vectorizer) {
        int[][] ids = vectorizer.encodeAll(texts);
        return numClasses() == 2 ? TokenSequences.binary(ids, binaryLabels())
                : TokenSequences.classes(ids, labels.clone(), numClasses());
    }

    /** How many texts carry each label, in {@code labelNames} order. */
    public int[] classCounts() {
        int[] counts = new int[labelNames.size()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** Rows {@code [from, to)}. */
    public LabeledTexts slice(int from, int to) {
        Objects.checkFromToIndex(from, to, texts.size());
        int[] l = new int[to - from];
        System.arraycopy(labels, from, l, 0, l.length);
        return new LabeledTexts(texts.subList(from, to), l, labelNames, sources.subList(from, to));
    }

    /** The rows {@code rows}, in that order. */
    public LabeledTexts select(int[] rows) {
        List<String> t = new ArrayList<>(rows.length);
        List<String> s = new ArrayList<>(rows.length);
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t.add(texts.get(rows[i]));
            s.add(sources.get(rows[i]));
            l[i] = labels[rows[i]];
        }
        return new LabeledTexts(t, l, labelNames, s);
    }

    /** A copy in a random order reproducible from {@code seed} (same order as {@code TokenSequences.shuffled}). */
    public LabeledTexts shuffled(long seed) {
        return select(Shuffle.permutation(size(), seed));
    }

    /** Training and validation parts. */
    public record TrainValidation(LabeledTexts train, LabeledTexts validation) {
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the rows in stored order (see
     * {@link ValidationSplit}). With IMDB's sorted order (negatives first) shuffle first, or the validation
     * set is all positive.
     */
    public TrainValidation validationSplit(double fraction) {
        int at = ValidationSplit.splitAt(size(), fraction);
        return new TrainValidation(slice(0, at), slice(at, size()));
    }
}
