package org.seq4j.layers;

import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;

/**
 * Turns token ids into dense vectors: y[b, t] = E[x[b, t]], with E (V, D) initialised U(−0.05, 0.05).
 * Input (B, T) of integer ids; output (B, T, D). With {@code maskZero}, id 0 is padding: the layer emits the mask
 * x ≠ 0 that recurrent layers downstream honour, and the vocabulary must reserve index 0 (Keras semantics).
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private final boolean maskZero;
    private Variable table;

    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, false, null);
    }

    public Embedding(int inputDim, int outputDim, boolean maskZero, String name) {
        super(name);
        this.inputDim = Args.positive("inputDim", inputDim);
        this.outputDim = Args.positive("outputDim", outputDim);
        this.maskZero = maskZero;
    }

    /** A copy of this configuration with {@code maskZero} on (fluent, before the layer is built). */
    public Embedding withMaskZero() {
        return new Embedding(inputDim, outputDim, true, name());
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public boolean maskZero() {
        return maskZero;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        table = addWeight("embeddings", Initializers.uniform(-0.05, 0.05, RandomSeed.next(), inputDim, outputDim), true);
    }

    /**
     * Initialises the built table from pretrained vectors ({@code source}: row-major, inputDim × outputDim, e.g.
     * {@link org.seq4j.text.Word2Vec}'s), before training. Rows that are all zeros in {@code source} (padding, [UNK],
     * words the pretraining never saw) keep their U(−0.05, 0.05) initial values. Returns the number of rows copied.
     */
    public int loadPretrained(float[] source) {
        if (table == null) throw new IllegalStateException("layer \"" + name() + "\" is not built yet: build the model before loading pretrained embeddings");
        if (source.length != (long) inputDim * outputDim) {
            throw new IllegalArgumentException("layer \"" + name() + "\": pretrained table has " + source.length + " values, expected "
                    + inputDim + " x " + outputDim + " = " + (long) inputDim * outputDim);
        }
        float[] e = table.data();
        int copied = 0;
        for (int r = 0; r < inputDim; r++) {
            int off = r * outputDim;
            boolean any = false;
            for (int d = 0; d < outputDim && !any; d++) any = source[off + d] != 0f;
            if (!any) continue;
            System.arraycopy(source, off, e, off, outputDim);
            copied++;
        }
        return copied;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int[] out = java.util.Arrays.copyOf(in, in.length + 1);
        out[in.length] = outputDim;
        return List.of(out);
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        Variable ids = inputs.get(0);
        Variable y = Ops.embedding(ids, table, name());
        if (maskZero) {
            if (ids.value().rank() != 2) {
                throw new IllegalArgumentException("layer \"" + name() + "\": maskZero needs input of shape (batch, time), got "
                        + ShapeText.of(ids.shape()));
            }
            float[] d = ids.data();
            boolean[] valid = new boolean[d.length];
            for (int i = 0; i < d.length; i++) valid[i] = d[i] != 0f;
            y.withMask(new Mask(ids.dim(0), ids.dim(1), valid));
        }
        return List.of(y);
    }

    @Override
    protected boolean[] computeOutputMasks(List<Boolean> inputMasks, int outputs) {
        return new boolean[] {maskZero};
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("mask_zero", maskZero);
        return c;
    }
}
