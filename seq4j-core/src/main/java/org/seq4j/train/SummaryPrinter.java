package org.seq4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code model.summary()} text, byte-identical to tf.keras 2.0–2.6 {@code print_summary}
 * ({@code tensorflow/python/keras/utils/layer_utils.py}).
 *
 * <p>Two layouts, chosen by the caller as Keras does:
 * <ul>
 *   <li>sequential-like: 65 columns, column stops at {@code int(65 * p)} for p in {@code [.45, .85, 1.]}
 *       (29, 55, 65), header {@code Layer (type) | Output Shape | Param #};</li>
 *   <li>functional: 98 columns, stops {@code [.33, .55, .67, 1.]} (32, 53, 65, 98), a fourth column
 *       {@code Connected to} with the first inbound connection (e.g. {@code input_1[0][0]}) on the layer's
 *       row and one extra row, blank in the other columns, per further connection.</li>
 * </ul>
 * Each row is built as Keras' {@code print_row} does: for field i, if i &gt; 0 the last character of the line
 * becomes a space, the field is appended, the line is cut at stop i and padded with spaces to stop i. So
 * long names are truncated ({@code bidirectional (Bidirectional} at 29 columns) and rows keep their trailing
 * spaces. Lengths count Unicode code points, like Python's {@code len}.
 */
public final class SummaryPrinter {
    private SummaryPrinter() {}

    /**
     * One layer of the summary.
     *
     * @param name        layer name, e.g. {@code lstm_1}
     * @param className   Keras class name, e.g. {@code LSTM}
     * @param outputShape the output shape exactly as Keras prints it: {@code (None, None, 64)},
     *                    {@code [(None, None)]} for an input layer, {@code [(None, 128), (None, 128)]}, {@code multiple}
     * @param params      number of parameters of the layer
     * @param connectedTo inbound connections as {@code layer[node][tensor]}, e.g. {@code input_1[0][0]};
     *                    empty for an input layer and ignored by the sequential layout
     */
    public record Row(String name, String className, String outputShape, long params, List<String> connectedTo) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(outputShape, "outputShape");
            connectedTo = List.copyOf(connectedTo);
        }

        /** A row without connections (sequential layout, or an input layer). */
        public Row(String name, String className, String outputShape, long params) {
            this(name, className, outputShape, params, List.of());
        }
    }

    /**
     * The full summary text, lines ended by {@code "\n"}, including the last one.
     *
     * @param modelName      printed as {@code Model: "name"}
     * @param rows           layers in model order
     * @param trainable      trainable parameter count
     * @param nonTrainable   non-trainable parameter count
     * @param sequentialLike true for the 3-column layout (Sequential models and linear functional graphs),
     *                       false for the 4-column layout with {@code Connected to}
     */
    public static String format(String modelName, List<Row> rows, long trainable, long nonTrainable, boolean sequentialLike) {
        int lineLength = sequentialLike ? 65 : 98;
        double[] fractions = sequentialLike ? new double[] {.45, .85, 1.} : new double[] {.33, .55, .67, 1.};
        int[] stops = new int[fractions.length];
        for (int i = 0; i < stops.length; i++) {
            stops[i] = (int) (lineLength * fractions[i]); // Python int() truncates the same IEEE product
        }
        List<String> header = new ArrayList<>(List.of("Layer (type)", "Output Shape", "Param #"));
        if (!sequentialLike) header.add("Connected to");

        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(modelName).append("\"\n");
        out.append("_".repeat(lineLength)).append('\n');
        printRow(out, header, stops);
        out.append("=".repeat(lineLength)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String layer = r.name() + " (" + r.className() + ")";
            String params = Long.toString(r.params());
            if (sequentialLike) {
                printRow(out, List.of(layer, r.outputShape(), params), stops);
            } else {
                List<String> c = r.connectedTo();
                printRow(out, List.of(layer, r.outputShape(), params, c.isEmpty() ? "" : c.get(0)), stops);
                for (int k = 1; k < c.size(); k++) {
                    printRow(out, List.of("", "", "", c.get(k)), stops);
                }
            }
            out.append((i == rows.size() - 1 ? "=" : "_").repeat(lineLength)).append('\n');
        }
        out.append("Total params: ").append(PyFormat.grouped(trainable + nonTrainable)).append('\n');
        out.append("Trainable params: ").append(PyFormat.grouped(trainable)).append('\n');
        out.append("Non-trainable params: ").append(PyFormat.grouped(nonTrainable)).append('\n');
        out.append("_".repeat(lineLength)).append('\n');
        return out.toString();
    }

    /** Keras' {@code print_row}, on code points. */
    private static void printRow(StringBuilder out, List<String> fields, int[] stops) {
        String line = "";
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) line = prefix(line, Math.max(0, length(line) - 1)) + " ";
            line = prefix(line + fields.get(i), stops[i]);
            line = line + " ".repeat(Math.max(0, stops[i] - length(line)));
        }
        out.append(line).append('\n');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The first {@code n} code points of {@code s} (all of it if shorter), like Python's {@code s[:n]}. */
    private static String prefix(String s, int n) {
        return length(s) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
    }
}
