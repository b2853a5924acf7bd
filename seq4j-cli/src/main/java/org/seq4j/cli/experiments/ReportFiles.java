package org.seq4j.cli.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's CSV files, each written to a temp file beside it and renamed into place, so that a reader never
 * sees half a file.
 *
 * <ul>
 *   <li>{@code gradient_flow.csv}: cell, phase (init | trained), T, t, distance = T − t, norm = ‖∂L/∂h_t‖
 *       (t = 1 … T; 0 where every element fell below the recurrent kernels' flush-to-zero threshold, 1e-30).</li>
 *   <li>{@code adding.csv}: one row per cell and T with the budget, the scores and both gradient ratios.</li>
 * </ul>
 */
final class ReportFiles {
    private ReportFiles() {}

    static void writeGradientFlow(List<VanishingGradientExperiment.Run> runs, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("cell,phase,T,t,distance,norm\n");
        for (VanishingGradientExperiment.Run r : runs) {
            profile(sb, r, "init", r.init());
            profile(sb, r, "trained", r.trained());
        }
        writeAtomically(sb.toString(), csv);
    }

    private static void profile(StringBuilder sb, VanishingGradientExperiment.Run r, String phase, GradientFlow.Profile p) {
        int T = p.length();
        for (int t = 1; t <= T; t++) {
            sb.append(r.cell().label()).append(',').append(phase).append(',').append(T).append(',').append(t).append(',')
                    .append(T - t).append(',').append(number(p.at(t))).append('\n');
        }
    }

    static void writeAdding(List<VanishingGradientExperiment.Run> runs, AddingTraining.Budget b, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("cell,units,params,T,steps,batch_size,learning_rate,clipnorm,test_sequences,"
                + "test_mse,baseline_mse,solved,final_train_loss,ratio_init,ratio_trained,seconds\n");
        for (VanishingGradientExperiment.Run r : runs) {
            sb.append(String.join(",", r.cell().label(), Integer.toString(r.units()), Long.toString(r.params()),
                    Integer.toString(r.length()), Integer.toString(b.steps()), Integer.toString(b.batchSize()),
                    number(b.learningRate()), number(b.clipnorm()), Integer.toString(b.testSize()), number(r.testMse()),
                    number(AddingProblem.BASELINE_MSE), r.solved() ? "yes" : "no", number(r.finalTrainLoss()),
                    number(r.init().ratio()), number(r.trained().ratio()), String.format(Locale.ROOT, "%.1f", r.seconds())));
            sb.append('\n');
        }
        writeAtomically(sb.toString(), csv);
    }

    /** Full precision, locale-independent; NaN as an empty cell. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static void writeAtomically(String text, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
