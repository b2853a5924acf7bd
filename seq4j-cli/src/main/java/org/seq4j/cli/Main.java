package org.seq4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./seq4j}: the command-line entry point; one class per subcommand in this package. */
@Command(name = "seq4j", mixinStandardHelpOptions = true, version = "seq4j 0.1.0",
        description = "Recurrent sequence models (SimpleRNN, LSTM, GRU, Bidirectional) in pure Java, the Keras way.",
        subcommands = {
            ImdbCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            SummaryCommand.class,
            CheckFixturesCommand.class,
            BenchCommand.class,
            ExperimentCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (OutOfMemoryError e) {
            // The launcher's default heap (1536m) fits imdb-lstm on full-length IMDB reviews; bigger models or
            // longer sequences need more: say how to get it rather than print a bare stack trace.
            System.err.println("seq4j: out of Java heap (maximum " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB). Give it more with SEQ4J_HEAP, e.g. SEQ4J_HEAP=4g ./seq4j ... (imdb-stacked-bilstm on "
                    + "full-length IMDB reviews needs about 3-4 GB), or use --max-length or a smaller --batch-size.");
            System.exit(3);
        }
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Errors::handle);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("seq4j: out of memory. The batch or text is too large for the heap: use a smaller --batch-size "
                    + "or --max-length, or raise the heap with SEQ4J_HEAP=8g.");
            return 3;
        }
    }
}
