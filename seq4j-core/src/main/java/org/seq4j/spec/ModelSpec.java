package org.seq4j.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seq4j.layers.InputLayer;
import org.seq4j.layers.Layer;
import org.seq4j.train.LayerRegistry;
import org.seq4j.train.Sequential;

/**
 * A one-line language for Sequential models, for the command line:
 *
 * <pre>
 *   embedding(10000,64,mask_zero) bidirectional(lstm(128,return_sequences)) bidirectional(lstm(128)) dense(1,sigmoid)
 * </pre>
 *
 * <p>A spec is layers separated by spaces (or {@code ->}); a layer is {@code name(arg, …)} or a bare {@code name}.
 * Arguments are positional (the layer's required ones, in Keras order), {@code key=value}, or bare flags meaning
 * {@code key=true}. A bare activation name is the activation; a bare merge mode is Bidirectional's merge mode.
 *
 * <table>
 *   <caption>Layers</caption>
 *   <tr><td>{@code input(d1,…)}</td><td>InputLayer, shape without batch; {@code None} for variable length</td></tr>
 *   <tr><td>{@code embedding(V,E[,mask_zero])}</td><td>Embedding</td></tr>
 *   <tr><td>{@code simple_rnn(H,…)} / {@code lstm(H,…)} / {@code gru(H,…)}</td><td>flags: return_sequences,
 *       return_state, go_backwards; keys: dropout, recurrent_dropout, unit_forget_bias (lstm), reset_after (gru)</td></tr>
 *   <tr><td>{@code bidirectional(LAYER[,concat|sum|mul|ave])}</td><td>Bidirectional</td></tr>
 *   <tr><td>{@code dense(U[,activation])}</td><td>Dense; linear, relu, sigmoid, tanh, softmax</td></tr>
 *   <tr><td>{@code dropout(rate)}</td><td>Dropout</td></tr>
 *   <tr><td>{@code word_dropout(rate)}</td><td>Dropout with noise_shape (None, None, 1): drops whole time steps (words)</td></tr>
 *   <tr><td>{@code spatial_dropout(rate)}</td><td>SpatialDropout1D: drops whole feature channels of a sequence</td></tr>
 *   <tr><td>{@code global_max_pool} / {@code global_avg_pool}</td><td>pooling over time (mask-aware)</td></tr>
 *   <tr><td>{@code global_max_avg_pool}</td><td>GlobalMaxAveragePooling1D: max and mean over time, concatenated</td></tr>
 *   <tr><td>{@code time_distributed(LAYER)}</td><td>TimeDistributed</td></tr>
 * </table>
 * Names are case-insensitive; {@code simplernn}, {@code globalmaxpool}, {@code bilstm(H)} ≡
 * {@code bidirectional(lstm(H))} and {@code bigru(H)} are accepted too.
 */
public final class ModelSpec {
    private static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "sigmoid", "tanh", "softmax");
    private static final Set<String> MERGE_MODES = Set.of("concat", "sum", "mul", "ave");

    private ModelSpec() {}

    /** A Sequential model from a preset name or a spec; {@code inputDim} gives (None, None, inputDim) inputs to models without an embedding. */
    public static Sequential build(String presetOrSpec, Integer inputDim) {
        String spec = Presets.spec(presetOrSpec).orElse(presetOrSpec);
        Sequential model = new Sequential();
        List<Map<String, Object>> layers = parse(spec);
        for (Map<String, Object> l : layers) model.add(LayerRegistry.fromConfig(l));
        Layer first = model.stack().get(0);
        if (first instanceof InputLayer || first instanceof org.seq4j.layers.Embedding) {
            model.build(Layer.NONE);
        } else if (inputDim != null) {
            model.build(Layer.NONE, inputDim);
        } else {
            throw new IllegalArgumentException("the spec \"" + spec + "\" does not start with input(...) or embedding(...): "
                    + "give the feature size with --input-dim or start with e.g. input(None,8)");
        }
        return model;
    }

    /** The Keras layer configs ({@code class_name} + {@code config}) the spec describes. */
    public static List<Map<String, Object>> parse(String spec) {
        Parser p = new Parser(spec);
        List<Map<String, Object>> out = new ArrayList<>();
        p.skipSeparators();
        while (!p.atEnd()) {
            out.add(toLayer(p.term(), spec));
            p.skipSeparators();
        }
        if (out.isEmpty()) throw new IllegalArgumentException("Received an invalid value for argument `model`, expected a preset "
                + Presets.names() + " or a layer spec, got \"" + spec + "\".");
        return out;
    }

    private static Map<String, Object> toLayer(Term t, String spec) {
        String n = t.name.toLowerCase(Locale.ROOT).replace("-", "_");
        Map<String, Object> c = new LinkedHashMap<>();
        String cls;
        switch (n) {
            case "input" -> {
                cls = "InputLayer";
                List<Object> shape = new ArrayList<>();
                shape.add(null);
                for (Object a : t.positional) shape.add("none".equalsIgnoreCase(String.valueOf(a)) ? null : intArg(t, a, "shape"));
                c.put("batch_input_shape", shape);
            }
            case "embedding" -> {
                cls = "Embedding";
                need(t, 2, "embedding(input_dim, output_dim)");
                c.put("input_dim", intArg(t, t.positional.get(0), "input_dim"));
                c.put("output_dim", intArg(t, t.positional.get(1), "output_dim"));
                flags(t, c, 2, Set.of("mask_zero"));
            }
            case "lstm", "gru", "simple_rnn", "simplernn", "rnn" -> {
                cls = switch (n) {
                    case "lstm" -> "LSTM";
                    case "gru" -> "GRU";
                    default -> "SimpleRNN";
                };
                need(t, 1, n + "(units, ...)");
                c.put("units", intArg(t, t.positional.get(0), "units"));
                flags(t, c, 1, Set.of("return_sequences", "return_state", "go_backwards", "dropout", "recurrent_dropout",
                        "unit_forget_bias", "reset_after", "activation", "use_bias"));
            }
            case "bilstm", "bigru" -> {
                cls = "Bidirectional";
                Term inner = new Term(n.substring(2), t.positional.subList(0, Math.min(1, t.positional.size())), t.keywords);
                Map<String, Object> innerCfg = toLayer(inner, spec);
                @SuppressWarnings("unchecked")
                Map<String, Object> ic = (Map<String, Object>) innerCfg.get("config");
                for (int i = 1; i < t.positional.size(); i++) {
                    String f = String.valueOf(t.positional.get(i)).toLowerCase(Locale.ROOT);
                    if (MERGE_MODES.contains(f)) c.put("merge_mode", f); else ic.put(f, true);
                }
                c.put("layer", innerCfg);
            }
            case "bidirectional" -> {
                cls = "Bidirectional";
                if (t.positional.isEmpty() || !(t.positional.get(0) instanceof Term inner)) {
                    throw error(t, "bidirectional(LAYER[, merge_mode]) wraps a recurrent layer, e.g. bidirectional(lstm(128))");
                }
                c.put("layer", toLayer(inner, spec));
                for (int i = 1; i < t.positional.size(); i++) {
                    String f = String.valueOf(t.positional.get(i)).toLowerCase(Locale.ROOT);
                    if (!MERGE_MODES.contains(f)) throw error(t, "unknown merge mode \"" + f + "\"; expected one of " + MERGE_MODES);
                    c.put("merge_mode", f);
                }
                if (t.keywords.containsKey("merge_mode")) c.put("merge_mode", t.keywords.get("merge_mode"));
            }
            case "dense" -> {
                cls = "Dense";
                need(t, 1, "dense(units[, activation])");
                c.put("units", intArg(t, t.positional.get(0), "units"));
                for (int i = 1; i < t.positional.size(); i++) {
                    String f = String.valueOf(t.positional.get(i)).toLowerCase(Locale.ROOT);
                    if (!ACTIVATIONS.contains(f)) throw error(t, "unknown activation \"" + f + "\"; expected one of " + ACTIVATIONS);
                    c.put("activation", f);
                }
                c.putAll(t.keywords);
            }
            case "dropout" -> {
                cls = "Dropout";
                need(t, 1, "dropout(rate)");
                c.put("rate", numArg(t, t.positional.get(0), "rate"));
            }
            case "word_dropout", "timestep_dropout" -> {
                cls = "Dropout";
                need(t, 1, "word_dropout(rate)");
                c.put("rate", numArg(t, t.positional.get(0), "rate"));
                List<Object> ns = new ArrayList<>();
                ns.add(null);
                ns.add(null);
                ns.add(1);
                c.put("noise_shape", ns);
            }
            case "spatial_dropout", "spatial_dropout1d", "spatialdropout1d", "spatialdropout" -> {
                cls = "SpatialDropout1D";
                need(t, 1, "spatial_dropout(rate)");
                c.put("rate", numArg(t, t.positional.get(0), "rate"));
            }
            case "global_max_avg_pool", "globalmaxavgpool", "global_max_average_pooling1d", "globalmaxaveragepooling1d", "concat_pool" ->
                    cls = "GlobalMaxAveragePooling1D";
            case "global_max_pool", "globalmaxpool", "global_max_pooling1d", "globalmaxpooling1d", "maxpool" -> cls = "GlobalMaxPooling1D";
            case "global_avg_pool", "globalavgpool", "global_average_pooling1d", "globalaveragepooling1d", "avgpool" -> cls = "GlobalAveragePooling1D";
            case "time_distributed", "timedistributed" -> {
                cls = "TimeDistributed";
                if (t.positional.isEmpty() || !(t.positional.get(0) instanceof Term inner)) throw error(t, "time_distributed(LAYER)");
                c.put("layer", toLayer(inner, spec));
            }
            default -> throw error(t, "unknown layer \"" + t.name + "\"; expected one of input, embedding, simple_rnn, lstm, gru, "
                    + "bidirectional, bilstm, bigru, dense, dropout, word_dropout, spatial_dropout, global_max_pool, global_avg_pool, global_max_avg_pool, "
                    + "time_distributed");
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", cls);
        layer.put("config", c);
        return layer;
    }

    private static void flags(Term t, Map<String, Object> c, int from, Set<String> allowed) {
        for (int i = from; i < t.positional.size(); i++) {
            Object a = t.positional.get(i);
            String f = String.valueOf(a).toLowerCase(Locale.ROOT);
            if (ACTIVATIONS.contains(f) && allowed.contains("activation")) {
                c.put("activation", f);
            } else if (allowed.contains(f)) {
                c.put(f, true);
            } else {
                throw error(t, "unknown option \"" + a + "\"; expected one of " + allowed);
            }
        }
        for (Map.Entry<String, Object> e : t.keywords.entrySet()) {
            if (!allowed.contains(e.getKey())) throw error(t, "unknown option \"" + e.getKey() + "\"; expected one of " + allowed);
            c.put(e.getKey(), e.getValue());
        }
    }

    private static void need(Term t, int n, String usage) {
        if (t.positional.size() < n) throw error(t, "needs " + n + " argument(s): " + usage);
    }

    private static int intArg(Term t, Object a, String name) {
        if (a instanceof Double d && d == Math.rint(d)) return d.intValue();
        throw error(t, "argument `" + name + "` must be an integer, got " + a);
    }

    private static double numArg(Term t, Object a, String name) {
        if (a instanceof Double d) return d;
        throw error(t, "argument `" + name + "` must be a number, got " + a);
    }

    private static IllegalArgumentException error(Term t, String msg) {
        return new IllegalArgumentException("in model spec at \"" + t.name + "(...)\": " + msg);
    }

    /** name(args) with positional and keyword arguments. */
    private record Term(String name, List<Object> positional, Map<String, Object> keywords) {}

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipSeparators() {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (Character.isWhitespace(ch) || ch == '|' || ch == ',') i++;
                else if (s.startsWith("->", i)) i += 2;
                else break;
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        Term term() {
            ws();
            String name = ident();
            List<Object> pos = new ArrayList<>();
            Map<String, Object> kw = new LinkedHashMap<>();
            ws();
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                ws();
                if (i < s.length() && s.charAt(i) == ')') {
                    i++;
                    return new Term(name, pos, kw);
                }
                while (true) {
                    ws();
                    int save = i;
                    if (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                        String id = ident();
                        ws();
                        if (i < s.length() && s.charAt(i) == '=') {
                            i++;
                            ws();
                            kw.put(id.toLowerCase(Locale.ROOT), value());
                        } else if (i < s.length() && s.charAt(i) == '(') {
                            i = save;
                            pos.add(term());
                        } else {
                            pos.add(id);
                        }
                    } else {
                        pos.add(value());
                    }
                    ws();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else if (i < s.length() && s.charAt(i) == ')') {
                        i++;
                        break;
                    } else {
                        throw new IllegalArgumentException("model spec: expected ',' or ')' at column " + (i + 1) + " of \"" + s + "\"");
                    }
                }
            }
            return new Term(name, pos, kw);
        }

        private String ident() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
                if (s.charAt(i) == '-' && i + 1 < s.length() && s.charAt(i + 1) == '>') break;
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("model spec: expected a layer name at column " + (i + 1) + " of \"" + s + "\"");
            }
            return s.substring(start, i);
        }

        private Object value() {
            int start = i;
            while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
            if (start != i) {
                String num = s.substring(start, i);
                try {
                    return Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("model spec: \"" + num + "\" is not a number (column " + (start + 1) + ")");
                }
            }
            String id = ident();
            return switch (id.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> id.toLowerCase(Locale.ROOT);
            };
        }
    }
}
