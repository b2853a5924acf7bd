/**
 * The experiments behind {@code ./seq4j experiment NAME}, one subcommand each, with their data, measurements and
 * report writers kept small and separate.
 *
 * <p>{@code vanishing-gradient} ({@link org.seq4j.cli.experiments.VanishingGradientCommand}): SimpleRNN, LSTM and
 * GRU compared on how the loss gradient reaches early hidden states ({@link org.seq4j.cli.experiments.GradientFlow})
 * and on the adding problem ({@link org.seq4j.cli.experiments.AddingProblem}).
 */
package org.seq4j.cli.experiments;
