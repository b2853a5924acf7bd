package org.seq4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.InputLayer;
import org.seq4j.layers.KerasTensor;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerNames;
import org.seq4j.layers.Weight;
import org.seq4j.losses.Loss;
import org.seq4j.metrics.Metric;
import org.seq4j.optim.Optimizer;
import org.seq4j.tensor.Tensor;
import org.seq4j.text.TextVectorization;

/**
 * A graph of layers with Keras' workflow: {@link #summary()}, {@link #compile}, {@link #fit}, {@link #evaluate},
 * {@link #predict}, {@link #save} and {@link #load}.
 *
 * <p>Functional models are made from symbolic tensors, {@code Model.of(inputs, outputs)}; {@link Sequential} is the
 * linear special case. A model may carry the {@link TextVectorization} its inputs were encoded with, so that a
 * saved model predicts on raw text with nothing else.
 */
public class Model {
    private final String name;
    private List<KerasTensor> inputs;
    private List<KerasTensor> outputs;
    private List<KerasTensor.Node> nodes; // topological order, inputs first
    private TextVectorization vectorizer;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    Compiled compiled;
    private volatile boolean stopTraining;
    private String stopReason;

    protected Model(String name) {
        this.name = name != null ? name : LayerNames.next(LayerNames.snakeCase(getClass().getSimpleName()));
    }

    /** A functional model from its input and output symbolic tensors. */
    public static Model of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        Model m = new Model(LayerNames.next("model"));
        m.setGraph(inputs, outputs);
        return m;
    }

    public static Model of(KerasTensor input, KerasTensor output) {
        return of(List.of(input), List.of(output));
    }

    protected final void setGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        for (KerasTensor t : inputs) {
            if (!(t.node().layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model inputs must come from Input.of(...), got " + t);
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.nodes = topologicalNodes(outputs);
        for (KerasTensor.Node n : nodes) {
            if (n.layer() instanceof InputLayer && inputs.stream().noneMatch(t -> t.node() == n)) {
                throw new IllegalArgumentException("Graph disconnected: output depends on input \"" + n.layer().name()
                        + "\" which is not among the model inputs");
            }
        }
    }

    private static List<KerasTensor.Node> topologicalNodes(List<KerasTensor> outputs) {
        List<KerasTensor.Node> order = new ArrayList<>();
        Set<KerasTensor.Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor o : outputs) visit(o.node(), seen, order);
        return order;
    }

    private static void visit(KerasTensor.Node n, Set<KerasTensor.Node> seen, List<KerasTensor.Node> order) {
        if (!seen.add(n)) return;
        for (KerasTensor in : n.inputs()) visit(in.node(), seen, order);
        order.add(n);
    }

    public final String name() {
        return name;
    }

    protected boolean isBuilt() {
        return nodes != null;
    }

    protected void ensureBuilt() {
        if (!isBuilt()) throw new IllegalStateException("model \"" + name + "\" is not built");
    }

    /** The distinct layers in graph order (Sequential: without its implicit input). */
    public List<Layer> layers() {
        ensureBuilt();
        LinkedHashSet<Layer> ls = new LinkedHashSet<>();
        for (KerasTensor.Node n : nodes) ls.add(n.layer());
        return new ArrayList<>(ls);
    }

    /** Graph nodes (layer calls) in execution order. */
    protected List<KerasTensor.Node> nodes() {
        ensureBuilt();
        return nodes;
    }

    public List<KerasTensor> inputs() {
        ensureBuilt();
        return inputs;
    }

    public List<KerasTensor> outputs() {
        ensureBuilt();
        return outputs;
    }

    /** Every weight, keyed by its Keras path ({@code lstm/lstm_cell/kernel}), in layer order. */
    public LinkedHashMap<String, Weight> namedWeights() {
        LinkedHashMap<String, Weight> m = new LinkedHashMap<>();
        for (Layer l : layers()) {
            for (Weight w : l.weights()) {
                String key = l.name() + "/" + w.name();
                if (m.put(key, w) != null) throw new IllegalStateException("two weights named " + key);
            }
        }
        return m;
    }

    /** The variables optimizers update. */
    public List<Variable> trainableVariables() {
        List<Variable> vs = new ArrayList<>();
        for (Weight w : namedWeights().values()) if (w.trainable()) vs.add(w.variable());
        return vs;
    }

    public long countParams() {
        long n = 0;
        for (Weight w : namedWeights().values()) n += w.variable().value().size();
        return n;
    }

    // ---------------------------------------------------------------- forward

    /** Runs the graph on concrete inputs (one per model input), returning one variable per model output. */
    public List<Variable> call(List<Variable> in, CallContext ctx) {
        ensureBuilt();
        if (in.size() != inputs.size()) {
            throw new IllegalArgumentException("Model \"" + name + "\" expects " + inputs.size() + " input(s), but it received " + in.size());
        }
        Map<KerasTensor, Variable> values = new IdentityHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            KerasTensor t = inputs.get(i);
            checkInputShape(t, in.get(i), i);
            values.put(t, in.get(i));
        }
        for (KerasTensor.Node n : nodes) {
            if (n.layer() instanceof InputLayer) continue;
            List<Variable> args = new ArrayList<>(n.inputs().size());
            for (KerasTensor t : n.inputs()) args.add(values.get(t));
            List<Variable> res = n.layer().call(args, ctx);
            for (int k = 0; k < res.size(); k++) values.put(n.outputs().get(k), res.get(k));
        }
        List<Variable> out = new ArrayList<>(outputs.size());
        for (KerasTensor t : outputs) out.add(values.get(t));
        return out;
    }

    private void checkInputShape(KerasTensor t, Variable v, int index) {
        int[] want = t.shape();
        int[] got = v.shape();
        boolean ok = want.length == got.length;
        for (int i = 0; ok && i < want.length; i++) ok = want[i] == Layer.NONE || want[i] == got[i];
        if (!ok) {
            throw new IllegalArgumentException("Input " + index + " of model \"" + name + "\" is incompatible: expected shape="
                    + Layer.ShapeText.of(want) + ", found shape=" + Layer.ShapeText.of(got));
        }
    }

    // ---------------------------------------------------------------- summary

    /** {@code model.summary()} text, byte-identical to tf.keras 2.x. */
    public String summary() {
        ensureBuilt();
        List<SummaryPrinter.Row> rows = new ArrayList<>();
        boolean sequentialLike = isSequentialLike();
        Map<Layer, Integer> callIndex = new HashMap<>();
        for (KerasTensor.Node n : summaryNodes()) {
            Layer l = n.layer();
            List<int[]> shapes = new ArrayList<>();
            for (KerasTensor o : n.outputs()) shapes.add(o.shape());
            String shape = l instanceof InputLayer ? "[" + Layer.ShapeText.of(shapes.get(0)) + "]" : Layer.ShapeText.of(shapes);
            List<String> connected = new ArrayList<>();
            for (KerasTensor in : n.inputs()) {
                int ci = nodeIndexOf(in.node());
                connected.add(in.node().layer().name() + "[" + ci + "][" + in.index() + "]");
            }
            callIndex.merge(l, 1, Integer::sum);
            if (callIndex.get(l) > 1) continue; // shared layer: one row, as Keras
            rows.add(new SummaryPrinter.Row(l.name(), l.className(), shape, l.countParams(), connected));
        }
        long trainable = 0;
        long frozen = 0;
        for (Weight w : namedWeights().values()) {
            if (w.trainable()) trainable += w.variable().value().size(); else frozen += w.variable().value().size();
        }
        return SummaryPrinter.format(name, rows, trainable, frozen, sequentialLike);
    }

    private int nodeIndexOf(KerasTensor.Node node) {
        int k = 0;
        for (KerasTensor.Node n : nodes) {
            if (n == node) return k;
            if (n.layer() == node.layer()) k++;
        }
        return 0;
    }

    /** The nodes listed by {@link #summary()}. */
    protected List<KerasTensor.Node> summaryNodes() {
        return nodes;
    }

    /** Whether summary() uses the 3-column Sequential layout. */
    protected boolean isSequentialLike() {
        return false;
    }

    // ---------------------------------------------------------------- text

    /** Attaches the vectorizer that encodes raw text for this model (saved with it). */
    public Model setTextVectorization(TextVectorization v) {
        this.vectorizer = v;
        return this;
    }

    public TextVectorization textVectorization() {
        return vectorizer;
    }

    /**
     * Free-form facts saved with the model (JSON values: strings, numbers, booleans, lists, maps), e.g.
     * {@code "label_names"} of a classifier.
     */
    public Map<String, Object> metadata() {
        return metadata;
    }

    // ---------------------------------------------------------------- training

    /** Configures training: optimizer, loss, and metric names ("accuracy", "auc", "precision", "recall", ...). */
    public Model compile(Optimizer optimizer, Loss loss, String... metrics) {
        ensureBuilt();
        this.compiled = new Compiled(optimizer, loss, List.of(metrics), outputs.size());
        return this;
    }

    /** {@code compile("adam", "binary_crossentropy", "accuracy")}: optimizers by Keras name with their defaults. */
    public Model compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizer.fromConfig(Map.of("name", optimizer)), Loss.parse(loss), metrics);
    }

    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    public Loss loss() {
        return compiled == null ? null : compiled.loss();
    }

    /** Trains on mini-batches; see {@link Trainer}. */
    public History fit(Feeds train, FitOptions options) {
        return new Trainer(this).fit(train, options);
    }

    /** Trains on arrays, batched by {@code options}' batch size (with Keras' validation_split). */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        Tensor xt = x;
        Tensor yt = y;
        if (options.validationSplit > 0) {
            int n = x.dim(0);
            int split = (int) (n * (1 - options.validationSplit));
            int[] trainRows = java.util.stream.IntStream.range(0, split).toArray();
            int[] valRows = java.util.stream.IntStream.range(split, n).toArray();
            options.validationData(Feeds.arrays(Feeds.rowsOf(x, valRows), Feeds.rowsOf(y, valRows), options.batchSize, false, 0));
            xt = Feeds.rowsOf(x, trainRows);
            yt = Feeds.rowsOf(y, trainRows);
        }
        return fit(Feeds.arrays(xt, yt, options.batchSize, options.shuffle, options.seed), options);
    }

    /** One optimizer step on one batch (Keras' {@code train_on_batch}); returns the loss before the update. */
    public double trainOnBatch(Feed feed) {
        return new Trainer(this).trainOnBatch(feed, 0L);
    }

    /** Gradients of the compiled loss on one batch, keyed by weight path ({@code lstm/lstm_cell/kernel}); nothing is updated. */
    public LinkedHashMap<String, Tensor> gradients(Feed feed) {
        return new Trainer(this).gradients(feed, 0L);
    }

    /** Loss and metrics over every batch (weighted by batch size), as Keras' {@code evaluate}. */
    public LinkedHashMap<String, Double> evaluate(Feeds data) {
        return new Trainer(this).evaluate(data, "");
    }

    /** Outputs of the first model output for every row, in dataset order (rows the batches carry). */
    public Tensor predict(Feeds data) {
        ensureBuilt();
        return GradMode.noGrad(() -> {
            List<float[]> parts = new ArrayList<>();
            List<int[]> rowIds = new ArrayList<>();
            int[] tail = null;
            int total = 0;
            java.util.Iterator<Feed> it = data.epoch(0);
            while (it.hasNext()) {
                Feed f = it.next();
                List<Variable> in = new ArrayList<>();
                for (Tensor t : f.inputs()) in.add(Variable.constant(t));
                Tensor y = call(in, CallContext.inference()).get(0).value();
                int[] s = y.shape();
                tail = java.util.Arrays.copyOfRange(s, 1, s.length);
                parts.add(y.data());
                rowIds.add(f.rows());
                total += s[0];
            }
            if (tail == null) throw new IllegalArgumentException("predict: no data");
            int w = 1;
            for (int d : tail) w *= d;
            float[] out = new float[total * w];
            int next = 0;
            for (int p = 0; p < parts.size(); p++) {
                float[] d = parts.get(p);
                int n = d.length / w;
                int[] rows = rowIds.get(p);
                for (int i = 0; i < n; i++) {
                    int dst = rows != null ? rows[i] : next + i;
                    System.arraycopy(d, i * w, out, dst * w, w);
                }
                next += n;
            }
            int[] shape = new int[tail.length + 1];
            shape[0] = total;
            System.arraycopy(tail, 0, shape, 1, tail.length);
            return Tensor.of(out, shape);
        });
    }

    /** Predictions for in-memory inputs, in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        return predict(Feeds.arrays(x, null, batchSize, false, 0));
    }

    /** Asks {@code fit} to stop after the current epoch (callbacks). */
    public void stopTraining(String reason) {
        this.stopTraining = true;
        this.stopReason = reason;
    }

    boolean stopRequested() {
        return stopTraining;
    }

    String stopReason() {
        return stopReason;
    }

    void clearStop() {
        stopTraining = false;
        stopReason = null;
    }

    /** The metrics of the compiled model, fresh. */
    List<Metric> newMetrics() {
        return compiled.newMetrics();
    }

    // ---------------------------------------------------------------- saving

    /** Keras-style config: class name, layers and graph, enough to rebuild the model. */
    public Map<String, Object> config() {
        return ModelConfig.toConfig(this);
    }

    /** Saves config, weights and vectorizer to one file (a temp file renamed into place). */
    public void save(Path path) throws IOException {
        ModelConfig.save(this, path);
    }

    /** Loads a model saved by {@link #save}. */
    public static Model load(Path path) throws IOException {
        return ModelConfig.load(path);
    }
}
