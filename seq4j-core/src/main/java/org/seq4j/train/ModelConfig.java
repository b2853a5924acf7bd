package org.seq4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.io.ModelArchive;
import org.seq4j.io.ModelFormatException;
import org.seq4j.layers.InputLayer;
import org.seq4j.layers.KerasTensor;
import org.seq4j.layers.Layer;
import org.seq4j.layers.LayerConfig;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Shape;
import org.seq4j.tensor.Tensor;
import org.seq4j.text.TextVectorization;

/**
 * A model's {@code config.json} in Keras' layout ({@code class_name} Sequential or Functional, {@code config.layers},
 * and for functional graphs the {@code inbound_nodes} / {@code input_layers} / {@code output_layers}), plus the text
 * vectorizer and the compile settings; and the save / load of the whole model file.
 */
final class ModelConfig {
    private ModelConfig() {}

    static Map<String, Object> toConfig(Model model) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", model.name());
        List<Object> layers = new ArrayList<>();
        if (model instanceof Sequential s) {
            root.put("class_name", "Sequential");
            s.ensureBuilt();
            for (Layer l : s.stack()) layers.add(LayerConfig.of(l));
            cfg.put("layers", layers);
            List<Object> shape = new ArrayList<>();
            for (int d : model.inputs().get(0).shape()) shape.add(d == Layer.NONE ? null : d);
            cfg.put("build_input_shape", shape);
        } else {
            root.put("class_name", "Functional");
            Map<Layer, List<KerasTensor.Node>> calls = new LinkedHashMap<>();
            for (KerasTensor.Node n : model.nodes()) calls.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n);
            for (Map.Entry<Layer, List<KerasTensor.Node>> e : calls.entrySet()) {
                Map<String, Object> lc = new LinkedHashMap<>(LayerConfig.of(e.getKey()));
                lc.put("name", e.getKey().name());
                List<Object> inbound = new ArrayList<>();
                for (KerasTensor.Node n : e.getValue()) {
                    if (n.inputs().isEmpty()) continue;
                    List<Object> refs = new ArrayList<>();
                    for (KerasTensor t : n.inputs()) refs.add(ref(t, calls));
                    inbound.add(refs);
                }
                lc.put("inbound_nodes", inbound);
                layers.add(lc);
            }
            cfg.put("layers", layers);
            List<Object> ins = new ArrayList<>();
            for (KerasTensor t : model.inputs()) ins.add(ref(t, calls));
            List<Object> outs = new ArrayList<>();
            for (KerasTensor t : model.outputs()) outs.add(ref(t, calls));
            cfg.put("input_layers", ins);
            cfg.put("output_layers", outs);
        }
        root.put("config", cfg);
        if (model.textVectorization() != null) root.put("text_vectorization", model.textVectorization().toConfig());
        if (!model.metadata().isEmpty()) root.put("metadata", new LinkedHashMap<>(model.metadata()));
        if (model.compiled != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("optimizer", model.compiled.optimizer().config());
            c.put("loss", model.compiled.loss().name());
            c.put("metrics", new ArrayList<Object>(model.compiled.metricNames()));
            root.put("compile_config", c);
        }
        return root;
    }

    private static List<Object> ref(KerasTensor t, Map<Layer, List<KerasTensor.Node>> calls) {
        int nodeIndex = calls.get(t.node().layer()).indexOf(t.node());
        return List.of(t.node().layer().name(), nodeIndex, t.index());
    }

    static void save(Model model, Path path) throws IOException {
        LinkedHashMap<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Weight> e : model.namedWeights().entrySet()) weights.put(e.getKey(), e.getValue().variable().value());
        ModelArchive.write(path, toConfig(model), weights);
    }

    static Model load(Path path) throws IOException {
        ModelArchive.Loaded loaded = ModelArchive.read(path);
        Model model;
        try {
            model = fromConfig(loaded.config());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ModelFormatException(path + ": the model config is invalid: " + e.getMessage()
                    + " — the file may have been edited or written by an incompatible tool");
        }
        LinkedHashMap<String, Weight> own = model.namedWeights();
        for (Map.Entry<String, Weight> e : own.entrySet()) {
            Tensor t = loaded.weights().get(e.getKey());
            if (t == null) {
                throw new ModelFormatException(path + ": weight \"" + e.getKey() + "\" is missing from the file (it has "
                        + loaded.weights().keySet() + ")");
            }
            Tensor mine = e.getValue().variable().value();
            if (!t.sameShape(mine)) {
                throw new ModelFormatException(path + ": weight \"" + e.getKey() + "\" has shape " + Shape.toString(t.shape())
                        + " in the file but the model config needs " + Shape.toString(mine.shape()));
            }
            System.arraycopy(t.data(), 0, mine.data(), 0, t.size());
        }
        for (String k : loaded.weights().keySet()) {
            if (!own.containsKey(k)) throw new ModelFormatException(path + ": the file has weight \"" + k + "\" that no layer of the model owns");
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    static Model fromConfig(Map<String, Object> root) {
        String cls = ConfigReader.string(root, "class_name");
        Map<String, Object> cfg = ConfigReader.map(root, "config");
        String name = ConfigReader.string(cfg, "name");
        Model model;
        if ("Sequential".equals(cls)) {
            Sequential s = new Sequential(name);
            for (Object o : ConfigReader.list(cfg, "layers")) s.add(LayerRegistry.fromConfig((Map<String, Object>) o));
            List<Object> shape = ConfigReader.list(cfg, "build_input_shape");
            int[] in = new int[shape.size() - 1];
            for (int i = 1; i < shape.size(); i++) in[i - 1] = shape.get(i) == null ? Layer.NONE : ((Number) shape.get(i)).intValue();
            if (s.stack().get(0) instanceof InputLayer) s.build(); else s.build(in);
            model = s;
        } else if ("Functional".equals(cls)) {
            model = functionalFromConfig(cfg, name);
        } else {
            throw new IllegalArgumentException("unknown model class \"" + cls + "\" (expected Sequential or Functional)");
        }
        if (root.get("text_vectorization") != null) {
            model.setTextVectorization(TextVectorization.fromConfig(ConfigReader.map(root, "text_vectorization")));
        }
        if (root.get("metadata") != null) model.metadata().putAll(ConfigReader.map(root, "metadata"));
        if (root.get("compile_config") != null) {
            Map<String, Object> c = ConfigReader.map(root, "compile_config");
            List<String> metrics = new ArrayList<>();
            for (Object m : ConfigReader.list(c, "metrics")) metrics.add((String) m);
            model.compile(org.seq4j.optim.Optimizer.fromConfig(ConfigReader.map(c, "optimizer")),
                    org.seq4j.losses.Loss.parse(ConfigReader.string(c, "loss")), metrics.toArray(new String[0]));
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Model functionalFromConfig(Map<String, Object> cfg, String name) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<KerasTensor>>> produced = new HashMap<>(); // layer → per call → outputs
        List<Map<String, Object>> specs = new ArrayList<>();
        for (Object o : ConfigReader.list(cfg, "layers")) specs.add((Map<String, Object>) o);
        for (Map<String, Object> spec : specs) {
            Layer l = LayerRegistry.fromConfig(spec);
            layers.put(l.name(), l);
            if (l instanceof InputLayer in) produced.put(l.name(), new ArrayList<>(List.of(in.applyAll())));
        }
        // Keras lists layers in an order where each call's inputs exist already.
        for (Map<String, Object> spec : specs) {
            Layer l = layers.get(ConfigReader.string(ConfigReader.map(spec, "config"), "name"));
            if (l instanceof InputLayer) continue;
            for (Object call : ConfigReader.list(spec, "inbound_nodes")) {
                List<KerasTensor> args = new ArrayList<>();
                for (Object r : (List<Object>) call) args.add(resolve((List<Object>) r, produced));
                produced.computeIfAbsent(l.name(), k -> new ArrayList<>()).add(l.applyAll(args.toArray(new KerasTensor[0])));
            }
        }
        List<KerasTensor> ins = new ArrayList<>();
        for (Object r : ConfigReader.list(cfg, "input_layers")) ins.add(resolve((List<Object>) r, produced));
        List<KerasTensor> outs = new ArrayList<>();
        for (Object r : ConfigReader.list(cfg, "output_layers")) outs.add(resolve((List<Object>) r, produced));
        Model m = new Model(name);
        m.setGraph(ins, outs);
        return m;
    }

    private static KerasTensor resolve(List<Object> ref, Map<String, List<List<KerasTensor>>> produced) {
        String layer = (String) ref.get(0);
        int node = ((Number) ref.get(1)).intValue();
        int index = ((Number) ref.get(2)).intValue();
        List<List<KerasTensor>> calls = produced.get(layer);
        if (calls == null || node >= calls.size() || index >= calls.get(node).size()) {
            throw new IllegalArgumentException("inbound reference " + ref + " points to a layer call that does not exist");
        }
        return calls.get(node).get(index);
    }
}
