package org.seq4j.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seq4j.data.TokenSequences;
import org.seq4j.layers.Layer;
import org.seq4j.layers.rnn.Bidirectional;
import org.seq4j.layers.rnn.RecurrentLayer;

/**
 * The heap a training step needs for the largest batch, checked before training starts: a model too big for the
 * heap then fails in a second with what to do, instead of with an OutOfMemoryError at whatever step of the first
 * epoch draws the longest texts (imdb-stacked-bilstm on full-length reviews needs ~4 GB; the launcher's default heap
 * is 1.5 GB).
 *
 * <p>The estimate counts what lives from forward to backward. Per real token of the batch (P = the summed lengths of
 * the {@code batchSize} longest texts), each recurrent layer and direction caches its packed operand, gate
 * activations and states, at most (I + H) + G + 2H floats (I inputs, H units, G = gates·H). Per padded position
 * (B × T, T the longest text), each sequence tensor between layers holds a value and a gradient of its width.
 */
final class MemoryPlan {
    /** Headroom for what the estimate leaves out (the dataset, optimizer state, small tensors). */
    static final double USABLE_FRACTION = 0.85;

    private MemoryPlan() {}

    /** Bytes for one training step on the largest batch of {@code data} (lengths capped at maxLength if given). */
    static long trainingBytes(List<Layer> layers, TokenSequences data, int batchSize, Integer maxLength) {
        int[] lengths = sortedLengths(data, maxLength);
        int n = lengths.length;
        long paddedRows = (long) Math.min(batchSize, n) * Math.max(1, n == 0 ? 1 : lengths[n - 1]);
        return trainingBytes(layers, largestBatchTokens(data, batchSize, maxLength), paddedRows);
    }

    /** The most real tokens a batch of {@code data} can hold: the summed lengths of the batchSize longest texts. */
    static long largestBatchTokens(TokenSequences data, int batchSize, Integer maxLength) {
        int[] lengths = sortedLengths(data, maxLength);
        int n = lengths.length;
        long packedRows = 0;
        for (int i = n - 1; i >= Math.max(0, n - batchSize); i--) packedRows += Math.max(1, lengths[i]);
        return packedRows;
    }

    private static int[] sortedLengths(TokenSequences data, Integer maxLength) {
        int n = data.size();
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) lengths[i] = maxLength == null ? data.length(i) : Math.min(maxLength, data.length(i));
        Arrays.sort(lengths);
        return lengths;
    }

    /** Bytes for a step with {@code packedRows} real tokens in a (B, T) batch of {@code paddedRows} = B·T positions. */
    static long trainingBytes(List<Layer> layers, long packedRows, long paddedRows) {
        long floatsPerPacked = 0, floatsPerPadded = 0;
        int width = 0; // features per position of the sequence tensor entering the layer
        for (Layer layer : layers) {
            if (layer instanceof RecurrentLayer<?> r) {
                floatsPerPacked += cacheFloats(r, width);
            } else if (layer instanceof Bidirectional b) {
                floatsPerPacked += cacheFloats(b.forwardLayer(), width) + cacheFloats(b.backwardLayer(), width);
                RecurrentLayer<?> f = b.forwardLayer();
                if (f.returnSequences()) floatsPerPadded += 2L * 2 * f.units(); // each direction's output and gradient
            }
            int[] out = layer.computeOutputShapes(layer.inputShapes()).get(0);
            width = out.length == 3 ? out[2] : 0; // (B, T, D) sequences count; (B, D) tensors are small
            floatsPerPadded += 2L * width;        // the layer's output and its gradient
        }
        return 4L * (floatsPerPacked * packedRows + floatsPerPadded * paddedRows);
    }

    private static long cacheFloats(RecurrentLayer<?> r, int inputs) {
        int h = r.units();
        int g = r.weights().get(0).variable().dim(1); // kernel (I, G)
        return (long) inputs + h + g + 2L * h;
    }

    /**
     * What to tell a user whose two models, trained step for step in one process ({@code bench imdb --vs}), need
     * more work buffers together than the recurrent layers' buffer pool keeps ({@code -Dseq4j.rnn.poolBytes},
     * default half the heap), or null when they fit. Then each model's step evicts the other's buffers and both
     * allocate afresh: measured with the launcher's 1.5 GB heap, imdb-lstm's own steps took 187-215 ms instead of
     * 150-175 next to imdb-gru.
     */
    static String sharedPoolNote(long bytesA, long bytesB, long maxHeap) {
        long pool = Long.getLong("seq4j.rnn.poolBytes", maxHeap / 2);
        if (bytesA + bytesB <= pool) return null;
        long suggestGb = (long) Math.ceil(2 * (bytesA + bytesB) * 1.1 / (1L << 30));
        return String.format(Locale.ROOT, "seq4j: bench --vs: the two models' largest training steps need ~%.1f + %.1f GB "
                        + "of work buffers, more than the %.1f GB buffer pool (half the heap) keeps, so each evicts the "
                        + "other's and both run slower than alone; for undisturbed times run with SEQ4J_HEAP=%dg.",
                bytesA / 1e9, bytesB / 1e9, pool / 1e9, suggestGb);
    }

    /** Throws a user error naming the heap to ask for when {@code needBytes} does not fit in what is free. */
    static void check(String model, long needBytes, long maxHeap, long usedHeap) {
        long usable = (long) (maxHeap * USABLE_FRACTION) - usedHeap;
        if (needBytes <= usable) return;
        long suggestGb = (long) Math.ceil((needBytes + usedHeap) / USABLE_FRACTION * 1.1 / (1L << 30)); // 10% spare
        throw new Errors.UserException(String.format(Locale.ROOT,
                "model %s needs about %.1f GB of heap for its largest training batch, but the heap is %.1f GB "
                        + "(%.1f GB in use). Run with a bigger heap, e.g. SEQ4J_HEAP=%dg ./seq4j ..., or cap the text "
                        + "length with --max-length, or use a smaller --batch-size.",
                model, needBytes / 1e9, maxHeap / 1e9, usedHeap / 1e9, suggestGb));
    }
}
