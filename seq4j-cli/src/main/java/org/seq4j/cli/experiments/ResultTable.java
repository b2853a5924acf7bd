package org.seq4j.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's final table as GitHub Markdown (readable in a terminal, pasted unchanged into the docs): cell ×
 * T → test MSE on the adding problem, solved (MSE &lt; 0.01) or not, and the gradient ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖
 * at initialization and after training.
 */
final class ResultTable {
    private static final String[] HEADER = {"cell", "units", "params", "T", "test MSE", "solved",
        "‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ at init", "after training"};
    private static final boolean[] RIGHT = {false, true, true, true, true, false, true, true};

    private ResultTable() {}

    static String markdown(List<VanishingGradientExperiment.Run> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (VanishingGradientExperiment.Run r : runs) {
            rows.add(new String[] {
                r.cell().label(),
                Integer.toString(r.units()),
                String.format(Locale.ROOT, "%,d", r.params()),
                Integer.toString(r.length()),
                String.format(Locale.ROOT, "%.4f", r.testMse()),
                r.solved() ? "yes" : "no",
                ratio(r.init().ratio()),
                ratio(r.trained().ratio())
            });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, rows.get(0), width);
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            sb.append(RIGHT[i] ? " " + "-".repeat(width[i] - 1) + ": |" : " :" + "-".repeat(width[i] - 1) + " |");
        }
        sb.append('\n');
        for (int k = 1; k < rows.size(); k++) line(sb, rows.get(k), width);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] row, int[] width) {
        sb.append('|');
        for (int i = 0; i < row.length; i++) {
            String pad = " ".repeat(width[i] - row[i].codePointCount(0, row[i].length()));
            sb.append(' ').append(RIGHT[i] ? pad + row[i] : row[i] + pad).append(" |");
        }
        sb.append('\n');
    }

    /**
     * A gradient ratio in scientific notation. Exactly 0 when no gradient reached the first step: the recurrent
     * kernels flush gradient elements below 1e-30 to zero (subnormal floats are 10–100× slower), so ratios below
     * about 1e-30 print as 0.
     */
    static String ratio(double r) {
        if (Double.isNaN(r)) return "n/a";
        if (r == 0) return "0";
        return String.format(Locale.ROOT, "%.1e", r);
    }
}
