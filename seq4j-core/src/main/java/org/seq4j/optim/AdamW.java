package org.seq4j.optim;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization"),
 * as tf.keras' {@code AdamW}: before each Adam step (see {@link Adam} for its equations),
 * <pre>
 *   w ← w − lr·wd·w
 * </pre>
 * with {@code lr} the learning rate of this step (so a schedule also scales the decay). The decay applies to every
 * parameter passed to {@link #apply}, biases included (tf.keras has {@code exclude_from_weight_decay} for that;
 * seq4j does not yet). Defaults: {@code learningRate} 0.001, {@code weightDecay} 0.004, and Adam's.
 */
public final class AdamW extends Adam {
    public AdamW() {
        this(0.001);
    }

    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        super(learningRate);
        withWeightDecay(weightDecay);
    }

    public AdamW(LearningRateSchedule learningRate) {
        this(learningRate, 0.004);
    }

    public AdamW(LearningRateSchedule learningRate, double weightDecay) {
        super(learningRate);
        withWeightDecay(weightDecay);
    }

    /** An absent {@code weight_decay} takes the default; an explicit null is refused, as in tf.keras. */
    static AdamW fromConfig(ConfigReader r) {
        if (r.has("weight_decay") && r.raw("weight_decay") == null) {
            throw new IllegalArgumentException("AdamW config: missing value of `weight_decay`, which is required and "
                    + "must be a float value.");
        }
        AdamW o = new AdamW(Optimizer.learningRate(r, 0.001), r.number("weight_decay", 0.004));
        return readAdamConfig(r, o);
    }
}
