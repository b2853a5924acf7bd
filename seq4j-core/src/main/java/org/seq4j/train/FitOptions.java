package org.seq4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.layers.Args;

/**
 * {@code fit}'s keyword arguments. Defaults as Keras: 1 epoch, batch 32, shuffle on, verbose 1; plus a seed (the
 * dropout masks and the array shuffling draw from it, so the same seed gives the same run).
 */
public final class FitOptions {
    int epochs = 1;
    int batchSize = 32;
    boolean shuffle = true;
    double validationSplit = 0;
    Feeds validationData;
    Map<Integer, Double> classWeights;
    final List<Callback> callbacks = new ArrayList<>();
    int verbose = 1;
    long seed = 0;
    java.io.PrintStream out = System.out;
    Boolean terminal;

    public static FitOptions defaults() {
        return new FitOptions();
    }

    public FitOptions epochs(int epochs) {
        this.epochs = Args.positive("epochs", epochs);
        return this;
    }

    public FitOptions batchSize(int batchSize) {
        this.batchSize = Args.positive("batchSize", batchSize);
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Keras' validation_split: the last fraction of the arrays, taken before shuffling. */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) throw Args.invalid("validationSplit", "a float in [0, 1)", Double.toString(fraction));
        this.validationSplit = fraction;
        return this;
    }

    public FitOptions validationData(Feeds validation) {
        this.validationData = validation;
        return this;
    }

    /** Class index → weight; each sample's loss is scaled by its class's weight. */
    public FitOptions classWeights(Map<Integer, Double> weights) {
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            Args.nonNegative("classWeights[" + e.getKey() + "]", e.getValue());
        }
        this.classWeights = Map.copyOf(weights);
        return this;
    }

    public FitOptions callbacks(Callback... cbs) {
        this.callbacks.addAll(List.of(cbs));
        return this;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) throw Args.invalid("verbose", "0, 1 or 2", Integer.toString(verbose));
        this.verbose = verbose;
        return this;
    }

    public FitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Where the progress output goes, and whether it is a terminal (null: detect for System.out). */
    public FitOptions output(java.io.PrintStream out, Boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int verbose() {
        return verbose;
    }
}
