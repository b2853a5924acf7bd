package org.seq4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./seq4j experiment NAME}: reproducible experiments behind the claims in the README. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a reproducible experiment.",
        subcommands = {org.seq4j.cli.experiments.VanishingGradientCommand.class})
final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
