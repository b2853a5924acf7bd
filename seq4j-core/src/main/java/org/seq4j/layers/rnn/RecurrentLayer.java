package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Dropout;
import org.seq4j.layers.Initializers;
import org.seq4j.layers.Layer;
import org.seq4j.layers.RandomSeed;
import org.seq4j.tensor.Tensor;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share: the sequence concerns of Keras' {@code RNN} layer
 * (return_sequences, return_state, go_backwards, masking, initial states, dropout) around a cell, and the options
 * every one of them takes.
 *
 * <p>Required arguments go in the constructor; options are set with {@code withX(...)} before the layer is built,
 * each returning the layer: {@code new LSTM(64).withReturnSequences(true).withDropout(0.2)}.
 *
 * <p><b>Inputs</b>: {@code [x]} with x (B, T, I), or {@code [x, h0]} ({@code [x, h0, c0]} for the LSTM) with
 * initial states (B, H). <b>Outputs</b>: {@code [y]}, or with returnState {@code [y, h]} ({@code [y, h, c]}).
 * y is (B, T, H) with returnSequences, else (B, H).
 *
 * <p><b>Masking</b> (x's {@link org.seq4j.autograd.Mask}): a masked step leaves the state unchanged and, with
 * returnSequences, outputs zeros; without it the output is the last real step's. The sequence output carries the
 * mask on (reversed with goBackwards, whose output is in processing order). A padded position never changes a
 * result, and costs nothing: the layer runs each row over its real steps only, in a packed, length-sorted layout.
 *
 * <p><b>Dropout</b> (Keras' implementation 2; Gal &amp; Ghahramani 2016, "A Theoretically Grounded Application of
 * Dropout in Recurrent Neural Networks"): while training, one input mask (B, I) shared by every step and gate and
 * one recurrent mask (B, H) applied to h_{t−1} before the recurrent product, both inverted (kept units scaled by
 * 1/(1 − rate)) and drawn from {@link CallContext#split()}.
 *
 * <p><b>Weights</b> (Keras layout, gate blocks side by side): {@code <cell>/kernel} (I, G·H) glorot-uniform,
 * {@code <cell>/recurrent_kernel} (H, G·H) orthogonal, {@code <cell>/bias} (G·H) zeros.
 *
 * @param <L> the concrete layer type, so that {@code withX} calls chain
 */
public abstract sealed class RecurrentLayer<L extends RecurrentLayer<L>> extends Layer permits SimpleRNN, LSTM, GRU {
    private final int units;
    private Activation activation = Activation.TANH;
    private Activation recurrentActivation = Activation.SIGMOID;
    private boolean useBias = true;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private double dropout;
    private double recurrentDropout;
    /** Bidirectional's backward copy: the sequence output time-reversed (as Keras does after the call), in the scatter. */
    boolean reverseSequence;
    /** Tests: dropout multipliers to use while training instead of random ones, (B, I) and (B, H); null for none. */
    private float[] fixedInputDropout;
    private float[] fixedRecurrentDropout;

    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    RecurrentLayer(int units, String name) {
        super(name);
        this.units = Args.positive("units", units);
    }

    // ---- options --------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    final void checkNotBuilt(String option) {
        if (isBuilt()) {
            throw new IllegalStateException("layer \"" + name() + "\": `" + option + "` must be set before the layer is built");
        }
    }

    /** Whether y is the whole sequence (B, T, H) rather than the last output (B, H). Default false. */
    public L withReturnSequences(boolean returnSequences) {
        checkNotBuilt("returnSequences");
        this.returnSequences = returnSequences;
        return self();
    }

    /** Whether the final states follow y in the outputs. Default false. */
    public L withReturnState(boolean returnState) {
        checkNotBuilt("returnState");
        this.returnState = returnState;
        return self();
    }

    /** Whether to process the sequence from its last step to its first. Default false. */
    public L withGoBackwards(boolean goBackwards) {
        checkNotBuilt("goBackwards");
        this.goBackwards = goBackwards;
        return self();
    }

    /** Fraction of the input units to drop while training, in [0, 1). Default 0. */
    public L withDropout(double rate) {
        checkNotBuilt("dropout");
        Args.rate("dropout", rate);
        this.dropout = rate;
        return self();
    }

    /** Fraction of the recurrent state units to drop while training, in [0, 1). Default 0. */
    public L withRecurrentDropout(double rate) {
        checkNotBuilt("recurrentDropout");
        Args.rate("recurrent_dropout", rate);
        this.recurrentDropout = rate;
        return self();
    }

    /** Whether the layer has a bias. Default true. */
    public L withUseBias(boolean useBias) {
        checkNotBuilt("useBias");
        this.useBias = useBias;
        return self();
    }

    /** The activation φ of the candidate (and, for the LSTM, of the cell state). Default tanh. */
    public L withActivation(Activation activation) {
        checkNotBuilt("activation");
        this.activation = GateMath.checkCellActivation("activation", activation);
        return self();
    }

    final void setRecurrentActivation(Activation a) {
        checkNotBuilt("recurrentActivation");
        this.recurrentActivation = GateMath.checkCellActivation("recurrent_activation", a);
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    final Activation recurrentActivationValue() {
        return recurrentActivation;
    }

    public boolean useBias() {
        return useBias;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    public double dropout() {
        return dropout;
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    // ---- what each cell defines -------------------------------------------------------------------------------

    /** The Keras cell name that prefixes the weight names: {@code lstm_cell}, {@code gru_cell}, {@code simple_rnn_cell}. */
    abstract String cellName();

    abstract RecurrentOp.Cell cell();

    /** The bias at initialisation. */
    abstract Tensor initialBias();

    /** The same class built from a config (Bidirectional's copies). */
    abstract L recreate(Map<String, Object> config);

    /** Number of state tensors: 2 for the LSTM (h, c), else 1. */
    public final int stateCount() {
        return cell().states();
    }

    // ---- Layer ------------------------------------------------------------------------------------------------

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void doBuild(List<int[]> inputShapes) {
        int[] in = checkInputShapes(inputShapes);
        int inDim = in[2];
        int g = cell().gates() * units;
        kernel = addWeight(cellName() + "/kernel", Initializers.glorotUniform(inDim, g, RandomSeed.next()), true);
        recurrentKernel = addWeight(cellName() + "/recurrent_kernel", Initializers.orthogonal(units, g, 1.0, RandomSeed.next()), true);
        if (useBias) bias = addWeight(cellName() + "/bias", initialBias(), true);
    }

    private int[] checkInputShapes(List<int[]> shapes) {
        int[] in = shapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected ndim=3, found ndim="
                    + in.length + ". Full shape received: " + ShapeText.of(in));
        }
        if (in[2] == NONE) {
            throw new IllegalArgumentException("layer \"" + name() + "\": the last dimension of the input must be known, got " + ShapeText.of(in));
        }
        if (shapes.size() != 1 && shapes.size() != 1 + stateCount()) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" expects 1 input, or " + (1 + stateCount())
                    + " with initial states, but it received " + shapes.size() + " input tensors.");
        }
        for (int k = 1; k < shapes.size(); k++) {
            int[] s = shapes.get(k);
            if (s.length != 2 || (s[1] != NONE && s[1] != units)) {
                throw new IllegalArgumentException("layer \"" + name() + "\": initial state " + (k - 1) + " has shape "
                        + ShapeText.of(s) + ", expected (batch, units) = (None, " + units + ")");
            }
        }
        return in;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] in = checkInputShapes(inputShapes);
        List<int[]> out = new ArrayList<>();
        out.add(returnSequences ? new int[] {in[0], in[1], units} : new int[] {in[0], units});
        if (returnState) {
            for (int k = 0; k < stateCount(); k++) out.add(new int[] {in[0], units});
        }
        return out;
    }

    @Override
    public List<Variable> call(List<Variable> inputs, CallContext ctx) {
        float[][] masks = dropoutMasks(inputs.get(0), ctx);
        return callWithDropoutMasks(inputs, masks[0], masks[1]);
    }

    /**
     * The dropout multipliers of one call on x, {input (B, I), recurrent (B, H)}, each null for none: drawn from
     * ctx when training (input first), so that a caller can draw them in order and run the layer elsewhere.
     */
    float[][] dropoutMasks(Variable x, CallContext ctx) {
        float[] inDrop = null;
        float[] recDrop = null;
        if (ctx != null && ctx.training()) {
            if (fixedInputDropout != null || fixedRecurrentDropout != null) {
                inDrop = fixedInputDropout;
                recDrop = fixedRecurrentDropout;
            } else {
                if (dropout > 0) inDrop = Dropout.pattern(x.dim(0) * x.dim(2), (float) dropout, ctx.split());
                if (recurrentDropout > 0) recDrop = Dropout.pattern(x.dim(0) * units, (float) recurrentDropout, ctx.split());
            }
        }
        return new float[][] {inDrop, recDrop};
    }

    /** Bidirectional's training path: a call on x alone (zero initial states) as a RecurrentOp.Run, not variables. */
    RecurrentOp.Run run(Variable x, float[][] masks) {
        checkInput(List.of(x), masks[0], masks[1]);
        RecurrentOp.Outputs out = new RecurrentOp.Outputs(returnSequences, returnState, goBackwards, reverseSequence);
        return RecurrentOp.run(cell(), out, x, List.of(), kernel, recurrentKernel, bias, masks[0], masks[1]);
    }

    /** Tests: makes training calls use these dropout multipliers, (B, I) and (B, H), either null for none. */
    void fixDropoutMasks(float[] inputDropout, float[] recurrentDropout) {
        this.fixedInputDropout = inputDropout;
        this.fixedRecurrentDropout = recurrentDropout;
    }

    /** The call with given dropout multipliers: inDrop (B, I) and recDrop (B, H), either null for none. */
    List<Variable> callWithDropoutMasks(List<Variable> inputs, float[] inDrop, float[] recDrop) {
        checkInput(inputs, inDrop, recDrop);
        Variable x = inputs.get(0);
        int[] xs = x.shape();
        List<Variable> init = inputs.subList(1, inputs.size());
        RecurrentOp.Outputs out = new RecurrentOp.Outputs(returnSequences, returnState, goBackwards, reverseSequence);
        if (!returnSequences && !GradMode.isEnabled() && (long) xs[0] * xs[1] > inferenceWindowRows && xs[1] > 1) {
            return callInWindows(x, init);
        }
        return RecurrentOp.apply(cell(), out, x, init, kernel, recurrentKernel, bias, inDrop, recDrop);
    }

    /** Builds the layer on first use and checks the inputs and dropout masks against it. */
    private void checkInput(List<Variable> inputs, float[] inDrop, float[] recDrop) {
        if (!isBuilt()) {
            List<int[]> shapes = new ArrayList<>();
            for (Variable v : inputs) shapes.add(v.shape());
            build(shapes);
        }
        Variable x = inputs.get(0);
        int[] xs = x.shape();
        if (xs.length != 3 || xs[2] != kernel.dim(0)) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected shape="
                    + ShapeText.of(new int[] {NONE, NONE, kernel.dim(0)}) + ", found shape=" + ShapeText.of(xs));
        }
        if (inputs.size() != 1 && inputs.size() != 1 + stateCount()) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" expects 1 input, or " + (1 + stateCount())
                    + " with initial states, but it received " + inputs.size() + " input tensors.");
        }
        List<Variable> init = inputs.subList(1, inputs.size());
        for (int k = 0; k < init.size(); k++) {
            int[] s = init.get(k).shape();
            if (s.length != 2 || s[0] != xs[0] || s[1] != units) {
                throw new IllegalArgumentException("layer \"" + name() + "\": initial state " + k + " has shape "
                        + ShapeText.of(s) + ", expected (batch, units) = (" + xs[0] + ", " + units + ")");
            }
        }
        if (inDrop != null && inDrop.length != xs[0] * xs[2] || recDrop != null && recDrop.length != xs[0] * units) {
            throw new IllegalArgumentException("layer \"" + name() + "\": dropout masks must be (batch, input) and (batch, units)");
        }
    }

    /**
     * Announces the most real (unpadded) tokens a training batch will have, e.g. the summed lengths of the batch
     * size longest texts: the recurrent layers' work buffers are then allocated at that size from the first batch
     * on, instead of growing with every new longest batch of the first epoch (each growth allocates hundreds of MB
     * and, in a heap sized for the largest step, costs a full collection). Optional; 0 forgets it.
     */
    public static void expectBatchTokens(long tokens) {
        if (tokens < 0) throw org.seq4j.layers.Args.invalid("tokens", "a count >= 0", String.valueOf(tokens));
        BufferPool.expectRows(tokens);
    }

    /** Inference on a very long batch is run in windows of about this many (row, step) pairs, carrying the state. */
    static long inferenceWindowRows = 1L << 17; // package-private and mutable for tests only

    /**
     * Inference without {@code returnSequences} over time windows, the state of one window initialising the next
     * (in processing order, so also with {@code goBackwards}): memory is bounded by the window, not by the sequence
     * length, so a million-token review predicts in constant memory. Results equal the one-pass computation.
     */
    private List<Variable> callInWindows(Variable x, List<Variable> init) {
        int b = x.dim(0), t = x.dim(1), in = x.dim(2);
        int window = (int) Math.max(1, inferenceWindowRows / b);
        org.seq4j.autograd.Mask mask = x.mask();
        RecurrentOp.Outputs stepOut = new RecurrentOp.Outputs(false, true, goBackwards, reverseSequence);
        List<Variable> state = init;
        int windows = (t + window - 1) / window;
        for (int k = 0; k < windows; k++) {
            int w = goBackwards ? windows - 1 - k : k;
            int t0 = w * window, t1 = Math.min(t, t0 + window), len = t1 - t0;
            float[] part = new float[b * len * in];
            boolean[] valid = new boolean[b * len];
            for (int r = 0; r < b; r++) {
                System.arraycopy(x.data(), (r * t + t0) * in, part, r * len * in, len * in);
                for (int s = 0; s < len; s++) valid[r * len + s] = mask == null || mask.isValid(r, t0 + s);
            }
            Variable xw = Variable.constant(org.seq4j.tensor.Tensor.of(part, b, len, in)).withMask(new org.seq4j.autograd.Mask(b, len, valid));
            if (state.isEmpty()) state = zeroStates(b);
            List<Variable> res = RecurrentOp.apply(cell(), stepOut, xw, state, kernel, recurrentKernel, bias, null, null);
            state = res.subList(1, res.size());
        }
        List<Variable> outs = new ArrayList<>();
        outs.add(lastOutput(x, state.get(0)));
        if (returnState) outs.addAll(state);
        return outs;
    }

    private List<Variable> zeroStates(int batch) {
        List<Variable> z = new ArrayList<>();
        for (int k = 0; k < stateCount(); k++) z.add(Variable.constant(org.seq4j.tensor.Tensor.zeros(batch, units)));
        return z;
    }

    /** The last output is the final h, except for rows without any real step, whose output is zero (as one pass gives). */
    private static Variable lastOutput(Variable x, Variable h) {
        org.seq4j.autograd.Mask mask = x.mask();
        org.seq4j.tensor.Tensor y = h.value().copy();
        if (mask != null) {
            int units = y.dim(1);
            for (int r = 0; r < mask.batch(); r++) if (mask.length(r) == 0) java.util.Arrays.fill(y.data(), r * units, (r + 1) * units, 0f);
        }
        return Variable.constant(y);
    }

    /** Writes the cell's own options (unit_forget_bias, reset_after) into the config. */
    abstract void cellConfig(Map<String, Object> c);

    /** Keras' get_config() keys of the layer, the options seq4j supports with their values, the rest fixed. */
    @Override
    public final Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("trainable", true);
        c.put("units", units);
        c.put("activation", activation.kerasName());
        if (cell().kind() != RecurrentOp.Kind.SIMPLE_RNN) c.put("recurrent_activation", recurrentActivation.kerasName());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", "glorot_uniform");
        c.put("recurrent_initializer", "orthogonal");
        c.put("bias_initializer", "zeros");
        cellConfig(c);
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", false);
        c.put("unroll", false);
        return c;
    }

    /** Reads the options written by {@link #config()} (the cell's own ones excepted) into this layer. */
    final L applyConfig(Map<String, Object> c) {
        withReturnSequences(bool(c, "return_sequences", false));
        withReturnState(bool(c, "return_state", false));
        withGoBackwards(bool(c, "go_backwards", false));
        withUseBias(bool(c, "use_bias", true));
        withDropout(number(c, "dropout", 0));
        withRecurrentDropout(number(c, "recurrent_dropout", 0));
        withActivation(Activation.parse(string(c, "activation", "tanh")));
        if (c.containsKey("recurrent_activation")) {
            setRecurrentActivation(Activation.parse(string(c, "recurrent_activation", "sigmoid")));
        }
        for (String fixed : new String[] {"stateful", "unroll", "time_major"}) {
            if (bool(c, fixed, false)) throw Args.invalid(fixed, "false (not supported)", "true");
        }
        return self();
    }

    static int units(Map<String, Object> c) {
        Object u = c.get("units");
        if (!(u instanceof Number n)) throw Args.invalid("units", "a positive integer", String.valueOf(u));
        return n.intValue();
    }

    static String name(Map<String, Object> c) {
        Object n = c.get("name");
        return n == null ? null : n.toString();
    }

    static boolean bool(Map<String, Object> c, String key, boolean dflt) {
        Object v = c.get(key);
        return v == null ? dflt : (Boolean) v;
    }

    static double number(Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    static String string(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        return v == null ? dflt : v.toString();
    }
}
