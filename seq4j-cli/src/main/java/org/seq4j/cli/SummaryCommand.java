package org.seq4j.cli;

import java.util.concurrent.Callable;
import org.seq4j.spec.ModelSpec;
import org.seq4j.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./seq4j summary --model SPEC}: prints the Keras summary of a preset or a model spec. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras model.summary() of a preset (imdb-lstm, imdb-stacked-bilstm, imdb-gru, imdb-best) or a model spec.", footer = {"", "Spec language: see `./seq4j help summary` and README.md#model-specs.",
                "Example: ./seq4j summary --model 'embedding(10000,64,mask_zero) bidirectional(lstm(128,return_sequences)) bidirectional(lstm(128)) dense(1,sigmoid)'"})
final class SummaryCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "A preset name (imdb-lstm, imdb-stacked-bilstm, imdb-gru, imdb-best) or a model spec.")
    String model;

    @Option(names = "--input-dim", description = "Feature size of the input for models that do not start with an embedding.")
    Integer inputDim;

    @Override
    public Integer call() {
        Model m = ModelSpec.build(model, inputDim);
        System.out.print(m.summary());
        System.out.flush();
        return 0;
    }
}
