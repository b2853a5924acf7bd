package org.seq4j.cli.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./seq4j experiment vanishing-gradient}: why LSTM. SimpleRNN (tanh), LSTM and GRU with about the same
 * number of parameters, compared on (1) the gradient flow ‖∂L/∂h_t‖ with the loss on the last step, at
 * initialization and after training, and (2) the adding problem at each length T, trained with one common budget.
 * Prints a table and writes CSVs and PNGs to {@code --out}.
 */
@Command(name = "vanishing-gradient", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Why LSTM: the vanishing gradient of SimpleRNN vs LSTM vs GRU, measured (gradient flow) and felt "
                + "(the adding problem).",
            "Writes gradient_flow.csv, adding.csv, gradient_flow.png and adding.png to --out."})
public final class VanishingGradientCommand implements Callable<Integer> {
    static final List<Integer> DEFAULT_LENGTHS = List.of(10, 50, 100, 200, 400);
    static final List<Integer> QUICK_LENGTHS = List.of(10, 50, 100);
    static final int DEFAULT_UNITS = 32;
    static final int QUICK_UNITS = 16;
    static final int DEFAULT_STEPS = 3000;
    static final int QUICK_STEPS = 100;
    static final int BATCH_SIZE = 32;
    static final double LEARNING_RATE = 0.01;
    static final double CLIPNORM = 1.0;

    @Option(names = "--lengths", split = ",", paramLabel = "T",
            description = "Sequence lengths T. Default: 10,50,100,200,400 (--quick: 10,50,100).")
    List<Integer> lengths;

    @Option(names = "--units", paramLabel = "N",
            description = "LSTM units; SimpleRNN and GRU get the units that match its parameter count. Default: "
                    + DEFAULT_UNITS + " (--quick: " + QUICK_UNITS + ").")
    Integer units;

    @Option(names = "--steps", paramLabel = "N",
            description = "Training steps per cell and length: Adam(lr=" + LEARNING_RATE + ", clipnorm=" + CLIPNORM
                    + "), batches of " + BATCH_SIZE + " fresh sequences. Default: " + DEFAULT_STEPS + " (--quick: " + QUICK_STEPS + ").")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of weights and data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/vanishing-gradient",
            description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "A small run that finishes in seconds: shorter sequences, fewer units and steps.")
    boolean quick;

    @Override
    public Integer call() throws IOException, InterruptedException {
        VanishingGradientExperiment.Settings s = settings();
        PrintStream o = System.out;
        long t0 = System.nanoTime();
        o.println(header(s));
        List<VanishingGradientExperiment.Run> runs = VanishingGradientExperiment.run(s, o);
        ReportFiles.writeGradientFlow(runs, out.resolve("gradient_flow.csv"));
        ReportFiles.writeAdding(runs, s.budget(), out.resolve("adding.csv"));
        Charts.writeGradientFlow(runs, out.resolve("gradient_flow.png"));
        Charts.writeAdding(runs, out.resolve("adding.png"));
        o.println();
        o.print(ResultTable.markdown(runs));
        o.println();
        o.println(String.format(Locale.ROOT, "Baseline (always predict 1): MSE %.3f. Solved: test MSE < %s on %d fresh sequences.",
                AddingProblem.BASELINE_MSE, VanishingGradientExperiment.SOLVED_MSE, s.budget().testSize()));
        o.println("Gradient ratio: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ with L the MSE of the last step's prediction on " + s.probeSize()
                + " sequences (LSTM: c_t held fixed); 0: below 1e-30, where the recurrent kernels flush gradients to zero.");
        o.println(String.format(Locale.ROOT, "Wrote %s/{gradient_flow.csv, adding.csv, gradient_flow.png, adding.png} in %.0f s.",
                out, (System.nanoTime() - t0) / 1e9));
        return 0;
    }

    VanishingGradientExperiment.Settings settings() {
        List<Integer> ls = lengths != null ? lengths : quick ? QUICK_LENGTHS : DEFAULT_LENGTHS;
        int u = units != null ? units : quick ? QUICK_UNITS : DEFAULT_UNITS;
        int n = steps != null ? steps : quick ? QUICK_STEPS : DEFAULT_STEPS;
        if (u < 1) throw new IllegalArgumentException("Received an invalid value for option `--units`, expected a positive integer, got " + u + ".");
        if (n < 1) throw new IllegalArgumentException("Received an invalid value for option `--steps`, expected a positive integer, got " + n + ".");
        for (int t : ls) {
            if (t < 2) {
                throw new IllegalArgumentException("Received an invalid value for option `--lengths`, expected integers >= 2 "
                        + "(one marked step in each half), got " + t + ".");
            }
        }
        AddingTraining.Budget budget = new AddingTraining.Budget(n, BATCH_SIZE, LEARNING_RATE, CLIPNORM, quick ? 256 : 1000);
        int[] sorted = ls.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        return new VanishingGradientExperiment.Settings(sorted, u, budget, quick ? 8 : 16, seed,
                Runtime.getRuntime().availableProcessors());
    }

    private static String header(VanishingGradientExperiment.Settings s) {
        String cells = java.util.Arrays.stream(CellType.values())
                .map(c -> String.format(Locale.ROOT, "%s(%d) %,d params", c.label(), s.unitsOf(c), s.paramsOf(c)))
                .collect(Collectors.joining(", "));
        String ts = java.util.Arrays.stream(s.lengths()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        AddingTraining.Budget b = s.budget();
        return String.format(Locale.ROOT, "Vanishing gradient: %s (with the Dense(1) head).%n"
                        + "Adding problem at T = %s; every run: %d steps of Adam(lr=%s, clipnorm=%s), batch %d, fresh sequences; "
                        + "seed %d; %d runs on %d threads.",
                cells, ts, b.steps(), b.learningRate(), b.clipnorm(), b.batchSize(), s.seed(),
                s.lengths().length * CellType.values().length, Math.min(s.workers(), s.lengths().length * CellType.values().length));
    }
}
