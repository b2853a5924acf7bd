package org.seq4j.layers.rnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.layers.Weight;
import org.seq4j.tensor.Tensor;

/**
 * Checks a recurrent layer against one reference fixture of {@code shared/fixtures/recurrent} (PyTorch, float64):
 * builds the layer the fixture describes, loads its weights, runs forward and backward with
 * loss = Σ y ⊙ dy, and measures the largest differences from the fixture's y, final_states and gradients.
 *
 * <p>The fixture is the parsed JSON as plain {@link Map} / {@link List} / {@link Number} objects, so any JSON parser
 * will do. Used by the tests and by the CLI's {@code check-fixtures}.
 */
public final class RecurrentFixture {
    private RecurrentFixture() {}

    /**
     * The outcome of one check.
     *
     * @param layer          the fixture's layer ("lstm", "bidirectional", …)
     * @param maxAbsError    max |ours − reference| over y, final_states and every gradient
     * @param maxScaledError max |ours − reference| / max(1, |reference|): absolute for small values, relative for
     *                       large ones
     * @param errors         max absolute error per checked tensor ("y", "final_states", "grads.x", "grads.kernel",
     *                       "grads.forward.bias", …)
     */
    public record Result(String layer, double maxAbsError, double maxScaledError, Map<String, Double> errors) {
        /** Whether every value agrees within {@code tolerance} (absolute, or relative for values above 1). */
        public boolean passed(double tolerance) {
            return maxScaledError <= tolerance;
        }
    }

    /** Whether this fixture describes a single recurrent layer that {@link #check} handles (not a whole model). */
    public static boolean isLayerFixture(Map<String, Object> json) {
        Object l = json.get("layer");
        return l != null && List.of("simple_rnn", "lstm", "gru", "bidirectional").contains(l.toString());
    }

    /** Runs the fixture's layer and compares; throws IllegalArgumentException for a fixture it does not handle. */
    public static Result check(Map<String, Object> json) {
        if (!isLayerFixture(json)) {
            throw new IllegalArgumentException("fixture layer \"" + json.get("layer")
                    + "\" is not a single recurrent layer (expected simple_rnn, lstm, gru or bidirectional); "
                    + "whole-model fixtures are checked by the model tests");
        }
        String kind = json.get("layer").toString();
        boolean bidi = kind.equals("bidirectional");
        int units = ((Number) json.get("units")).intValue();
        boolean returnSequences = Boolean.TRUE.equals(json.get("return_sequences"));
        boolean goBackwards = Boolean.TRUE.equals(json.get("go_backwards"));
        RecurrentLayer<?> inner = newLayer(bidi ? json.get("inner").toString() : kind, units, json)
                .withReturnSequences(returnSequences).withGoBackwards(goBackwards).withReturnState(!bidi);
        Layer layer = bidi ? new Bidirectional(inner, MergeMode.parse((String) json.get("merge_mode")), "bidirectional") : inner;

        Tensor xt = tensor(json.get("x"));
        int time = xt.dim(1);
        Variable x = Variable.parameter(xt);
        Object lengths = json.get("lengths");
        if (lengths != null) {
            List<?> ls = (List<?>) lengths;
            int[] len = new int[ls.size()];
            for (int b = 0; b < len.length; b++) len[b] = ((Number) ls.get(b)).intValue();
            x.withMask(Mask.fromLengths(time, len));
        }
        layer.build(List.of(xt.shape()));
        Map<String, Object> weights = map(json.get("weights"));
        for (Weight w : layer.weights()) {
            Tensor ref = tensor(lookup(weights, w.name()));
            requireShape(w.name(), ref, w.variable().value());
            System.arraycopy(ref.data(), 0, w.variable().data(), 0, ref.size());
        }

        List<Variable> out = layer.call(List.of(x), CallContext.inference());
        Variable y = out.get(0);
        Map<String, Double> errors = new LinkedHashMap<>();
        double[] worst = new double[2];
        compare("y", y.value(), json.get("y"), errors, worst);
        if (!bidi && json.containsKey("final_states")) {
            List<?> states = (List<?>) json.get("final_states");
            for (int k = 0; k < states.size(); k++) {
                compare("final_states[" + k + "]", out.get(1 + k).value(), states.get(k), errors, worst);
            }
        }

        Autograd.backward(y, tensor(json.get("dy")));
        Map<String, Object> grads = map(json.get("grads"));
        compare("grads.x", gradOrZeros(x), grads.get("x"), errors, worst);
        for (Weight w : layer.weights()) {
            String key = weightKey(w.name());
            compare("grads." + key, gradOrZeros(w.variable()), lookup(grads, w.name()), errors, worst);
        }
        return new Result(kind, worst[0], worst[1], Collections.unmodifiableMap(errors));
    }

    private static RecurrentLayer<?> newLayer(String kind, int units, Map<String, Object> json) {
        return switch (kind) {
            case "simple_rnn" -> new SimpleRNN(units, "simple_rnn");
            case "lstm" -> new LSTM(units, "lstm");
            case "gru" -> new GRU(units, "gru").withResetAfter(!Boolean.FALSE.equals(json.get("reset_after")));
            default -> throw new IllegalArgumentException("unknown recurrent layer \"" + kind + "\" in fixture");
        };
    }

    /** "forward_lstm/lstm_cell/kernel" → "forward.kernel"; "gru_cell/bias" → "bias". */
    private static String weightKey(String weightName) {
        String[] parts = weightName.split("/");
        String leaf = parts[parts.length - 1];
        if (parts.length == 3) return (parts[0].startsWith("forward_") ? "forward." : "backward.") + leaf;
        return leaf;
    }

    private static Object lookup(Map<String, Object> root, String weightName) {
        String[] path = weightKey(weightName).split("\\.");
        Object o = root;
        for (String p : path) {
            o = map(o).get(p);
            if (o == null) throw new IllegalArgumentException("fixture has no entry for weight \"" + weightName + "\"");
        }
        return o;
    }

    private static Tensor gradOrZeros(Variable v) {
        return v.grad() != null ? v.grad() : Tensor.zeros(v.shape());
    }

    private static void compare(String what, Tensor ours, Object reference, Map<String, Double> errors, double[] worst) {
        Nested ref = nested(reference);
        if (!java.util.Arrays.equals(ref.shape(), ours.shape())) {
            throw new IllegalArgumentException(what + ": fixture has shape " + org.seq4j.tensor.Shape.toString(ref.shape())
                    + " but the layer has " + org.seq4j.tensor.Shape.toString(ours.shape()));
        }
        double maxAbs = 0;
        double maxScaled = 0;
        float[] a = ours.data();
        double[] r = ref.values();
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - r[i]);
            if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, d);
            maxScaled = Math.max(maxScaled, d / Math.max(1.0, Math.abs(r[i])));
        }
        errors.put(what, maxAbs);
        worst[0] = Math.max(worst[0], maxAbs);
        worst[1] = Math.max(worst[1], maxScaled);
    }

    private static void requireShape(String what, Tensor ref, Tensor ours) {
        if (!ref.sameShape(ours)) {
            throw new IllegalArgumentException(what + ": fixture has shape " + org.seq4j.tensor.Shape.toString(ref.shape())
                    + " but the layer has " + org.seq4j.tensor.Shape.toString(ours.shape()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?>)) throw new IllegalArgumentException("expected a JSON object in the fixture, got " + o);
        return (Map<String, Object>) o;
    }

    /** A nested list of numbers as a float32 tensor (its shape from the nesting). */
    public static Tensor tensor(Object nested) {
        Nested n = nested(nested);
        Tensor t = Tensor.zeros(n.shape());
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) n.values()[i];
        return t;
    }

    /** A nested list of numbers, flattened row-major in double precision. */
    private record Nested(int[] shape, double[] values) {}

    private static Nested nested(Object nested) {
        List<Integer> shape = new ArrayList<>();
        Object o = nested;
        while (o instanceof List<?> l) {
            shape.add(l.size());
            o = l.isEmpty() ? null : l.get(0);
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        double[] values = new double[org.seq4j.tensor.Shape.size(s)];
        int[] pos = {0};
        flatten(nested, values, pos, s, 0);
        return new Nested(s, values);
    }

    private static void flatten(Object o, double[] out, int[] pos, int[] shape, int depth) {
        if (depth == shape.length) {
            if (!(o instanceof Number n)) throw new IllegalArgumentException("expected a number in the fixture, got " + o);
            out[pos[0]++] = n.doubleValue();
            return;
        }
        if (!(o instanceof List<?> l) || l.size() != shape[depth]) {
            throw new IllegalArgumentException("ragged nested list in the fixture at depth " + depth);
        }
        for (Object e : l) flatten(e, out, pos, shape, depth + 1);
    }
}
