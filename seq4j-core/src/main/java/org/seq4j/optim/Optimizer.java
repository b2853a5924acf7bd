package org.seq4j.optim;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.Args;
import org.seq4j.tensor.Tensor;

/**
 * The base of every optimizer: the step counter, the learning rate (a constant or a
 * {@link LearningRateSchedule}), gradient clipping, decoupled weight decay and the per-parameter state.
 *
 * <p>One {@link #apply} is one training step, in the order tf.keras (2.11+) and Keras 3 use:
 * <ol>
 *   <li>{@code lr = schedule.at(iterations)} — the schedule sees the number of updates made <em>before</em> this
 *       one, so the first update uses {@code at(0)};</li>
 *   <li>{@code iterations += 1}; the update below sees {@code t = iterations} (1 on the first update);</li>
 *   <li>gradients are clipped (at most one of {@code clipnorm}, {@code clipvalue}, {@code globalClipnorm}):
 *       <ul>
 *         <li>{@code clipnorm c}, per variable: {@code g ← g · c / max(‖g‖₂, c)} ({@code tf.clip_by_norm});</li>
 *         <li>{@code clipvalue c}, per element: {@code g ← min(max(g, −c), c)};</li>
 *         <li>{@code globalClipnorm c}, over all variables: {@code g ← g · c / max(√Σ‖gᵢ‖₂², c)}
 *             ({@code tf.clip_by_global_norm});</li>
 *       </ul></li>
 *   <li>with a weight decay {@code wd > 0}: {@code w ← w − lr·wd·w} (decoupled, Loshchilov &amp; Hutter 2019);</li>
 *   <li>the optimizer's own update of {@code w} from {@code g} ({@link #update}).</li>
 * </ol>
 *
 * <p>A parameter whose {@link Variable#grad()} is null (no gradient reached it) is updated with a zero gradient:
 * its moments still decay and momentum still moves it. tf.keras instead skips such variables with a warning; here
 * the caller decides by leaving the variable out of the list. Gradients are read, never modified: clipping
 * writes into a scratch buffer owned by the optimizer.
 *
 * <p>State (Keras' slots: momentum, moments, ...) is kept per parameter, keyed by the {@link Variable}'s identity,
 * and created zero-filled the first time the parameter is updated. The step counter is shared by all parameters,
 * as in Keras, so a parameter first seen at step 10 starts its bias correction at {@code t = 10}.
 *
 * <p>Optimizers are not thread-safe; one training loop owns one optimizer.
 */
public abstract class Optimizer {
    private LearningRateSchedule learningRate;
    private long iterations;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private double weightDecay;
    private final Map<Variable, float[][]> slots = new IdentityHashMap<>();
    private float[] scratch = new float[0];

    protected Optimizer(double learningRate) {
        this.learningRate = new ConstantLearningRate(learningRate);
    }

    protected Optimizer(LearningRateSchedule learningRate) {
        this.learningRate = Objects.requireNonNull(learningRate, "learningRate");
    }

    /**
     * One update of every parameter from its current {@code grad()} (null = zero), after clipping and weight decay;
     * increments {@link #iterations()} first, so the update sees {@code t = 1} the first time.
     */
    public final void apply(List<Variable> params) {
        double lr = learningRate.at(iterations);
        iterations++;
        long t = iterations;
        double globalScale = globalClipnorm == null ? 1 : globalClipScale(params, globalClipnorm);
        for (Variable p : params) {
            float[] w = p.data();
            float[] g = gradient(p, globalScale);
            if (weightDecay > 0) {
                float decay = (float) (1 - lr * weightDecay);
                for (int i = 0; i < w.length; i++) w[i] *= decay;
            }
            update(p, w, g, lr, t);
        }
    }

    /**
     * The optimizer's own update of one parameter: {@code w} is the parameter's storage (updated in place),
     * {@code g} its clipped gradient (same length, never null, not to be modified), {@code lr} the learning rate
     * of this step and {@code t} the step number (1 on the first update). Must make one pass over the arrays and
     * allocate nothing; state comes from {@link #slot}.
     */
    protected abstract void update(Variable param, float[] w, float[] g, double lr, long t);

    /** The parameter's state array number {@code index}, zero-filled and as long as the parameter on first use. */
    protected final float[] slot(Variable param, int index) {
        float[][] s = slots.get(param);
        if (s == null || s.length <= index) {
            float[][] grown = new float[index + 1][];
            if (s != null) System.arraycopy(s, 0, grown, 0, s.length);
            s = grown;
            slots.put(param, s);
        }
        if (s[index] == null) s[index] = new float[param.value().size()];
        return s[index];
    }

    /** The gradient to use for {@code p}: its own array when no clipping applies, else a clipped copy. */
    private float[] gradient(Variable p, double globalScale) {
        int n = p.value().size();
        Tensor grad = p.grad();
        if (grad == null) {
            float[] zeros = scratch(n);
            Arrays.fill(zeros, 0, n, 0f);
            return zeros;
        }
        if (grad.size() != n) {
            throw new IllegalStateException("The gradient of " + p + " has " + grad.size() + " elements, expected " + n
                    + ".");
        }
        float[] g = grad.data();
        if (clipvalue != null) {
            float c = clipvalue.floatValue();
            float[] out = scratch(n);
            for (int i = 0; i < n; i++) out[i] = Math.min(Math.max(g[i], -c), c);
            return out;
        }
        double scale = clipnorm == null ? globalScale : clipnorm / Math.max(Math.sqrt(sumOfSquares(g)), clipnorm);
        if (scale == 1) return g;
        float s = (float) scale;
        float[] out = scratch(n);
        for (int i = 0; i < n; i++) out[i] = g[i] * s;
        return out;
    }

    /** {@code c / max(global norm, c)}; NaN when a gradient holds NaN or infinity, as tf.clip_by_global_norm. */
    private static double globalClipScale(List<Variable> params, double c) {
        double sum = 0;
        for (Variable p : params) {
            if (p.grad() != null) sum += sumOfSquares(p.grad().data());
        }
        double norm = Math.sqrt(sum);
        return Double.isFinite(norm) ? c / Math.max(norm, c) : Double.NaN;
    }

    private static double sumOfSquares(float[] g) {
        double sum = 0;
        for (float v : g) sum += (double) v * v;
        return sum;
    }

    /** The scratch buffer, at least {@code n} long (the largest parameter after the first step). */
    private float[] scratch(int n) {
        if (scratch.length < n) scratch = new float[n];
        return scratch;
    }

    /** The number of updates made so far (Keras' {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** The learning rate the next update will use: the schedule evaluated at {@link #iterations()}. */
    public double learningRate() {
        return learningRate.at(iterations);
    }

    /**
     * Sets a constant learning rate (for {@code ReduceLROnPlateau}). If the optimizer was given a schedule, the
     * schedule is replaced by this constant from the next update on (tf.keras refuses to set it instead).
     */
    public void setLearningRate(double lr) {
        this.learningRate = new ConstantLearningRate(lr);
    }

    /** The learning-rate schedule, or null when the learning rate is a constant. */
    public LearningRateSchedule learningRateSchedule() {
        return learningRate instanceof ConstantLearningRate ? null : learningRate;
    }

    /** Clips each variable's gradient to an L2 norm of at most {@code clipnorm} (Keras {@code clipnorm}). */
    public Optimizer withClipnorm(double clipnorm) {
        checkOneClip(Args.positive("clipnorm", clipnorm), clipvalue, globalClipnorm);
        this.clipnorm = clipnorm;
        return this;
    }

    /** Clips every gradient element to [−clipvalue, clipvalue] (Keras {@code clipvalue}). */
    public Optimizer withClipvalue(double clipvalue) {
        checkOneClip(clipnorm, Args.positive("clipvalue", clipvalue), globalClipnorm);
        this.clipvalue = clipvalue;
        return this;
    }

    /** Scales all gradients together so that their joint L2 norm is at most {@code globalClipnorm}. */
    public Optimizer withGlobalClipnorm(double globalClipnorm) {
        checkOneClip(clipnorm, clipvalue, Args.positive("globalClipnorm", globalClipnorm));
        this.globalClipnorm = globalClipnorm;
        return this;
    }

    /** Decoupled weight decay, {@code w ← w − lr·wd·w} before each update (Keras {@code weight_decay}); 0 = none. */
    public Optimizer withWeightDecay(double weightDecay) {
        this.weightDecay = Args.nonNegative("weightDecay", weightDecay);
        return this;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Keras 3's rule; tf.keras 2.11+ refuses {@code clipnorm} with {@code global_clipnorm} and ignores the rest. */
    private static void checkOneClip(Double clipnorm, Double clipvalue, Double globalClipnorm) {
        int set = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `globalClipnorm` can be set. "
                    + "Received: clipnorm=" + clipnorm + ", clipvalue=" + clipvalue
                    + ", globalClipnorm=" + globalClipnorm + ".");
        }
    }

    /** The Keras class name, also the {@code "name"} of {@link #config()}: "SGD", "RMSprop", "Adam", "AdamW". */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * Keras' {@code get_config()}: {@code name}, {@code learning_rate} (a number, or a schedule as
     * {@code {"class_name": ..., "config": {...}}}), the optimizer's own arguments under their Keras names
     * ({@code beta_1}, {@code rho}, ...), {@code weight_decay} (0 = none), {@code clipnorm}, {@code clipvalue},
     * {@code global_clipnorm} (null when unset). {@link #fromConfig} rebuilds the optimizer from it.
     */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", learningRate instanceof ConstantLearningRate k
                ? (Object) k.value() : LearningRateSchedule.serialize(learningRate));
        addConfig(c);
        c.put("weight_decay", weightDecay);
        c.put("clipnorm", clipnorm);
        c.put("clipvalue", clipvalue);
        c.put("global_clipnorm", globalClipnorm);
        return c;
    }

    /** Adds the optimizer's own arguments to {@code config}, under their Keras names. */
    protected abstract void addConfig(Map<String, Object> config);

    /**
     * Rebuilds an optimizer from a Keras config. Two forms are accepted:
     * <ul>
     *   <li>flat, as {@link #config()} and Keras' {@code get_config()} write it: the optimizer is chosen by
     *       {@code "name"};</li>
     *   <li>wrapped, as Keras' {@code serialize()} writes it: {@code {"class_name": "Adam", "config": {...}}}; the
     *       optimizer is chosen by {@code "class_name"} and the inner {@code "name"} is ignored.</li>
     * </ul>
     * Names match case-insensitively: {@code SGD}, {@code RMSprop}, {@code Adam}, {@code AdamW}; a flat
     * {@code {"name": "adam"}} gives the defaults. Missing keys take Keras' defaults. Keras keys without an effect
     * here ({@code jit_compile}, {@code is_legacy_optimizer}, {@code ema_momentum}, ...) are accepted when they
     * leave the behaviour unchanged ({@code use_ema} false, {@code decay} 0, ...); any other key is an error.
     */
    public static Optimizer fromConfig(Map<String, Object> config) {
        Objects.requireNonNull(config, "config");
        Object className = config.containsKey("class_name") ? config.get("class_name") : config.get("name");
        Map<String, Object> inner = config;
        if (config.containsKey("class_name")) {
            inner = ConfigReader.map(config.get("config"), "optimizer `config`");
            if (inner == null) inner = Map.of();
        }
        if (!(className instanceof String s)) {
            throw new IllegalArgumentException("Could not interpret optimizer config: it needs a \"name\" or "
                    + "\"class_name\" (SGD, RMSprop, Adam or AdamW), got " + config + ".");
        }
        ConfigReader r = new ConfigReader(s + " config", inner);
        r.ignore("name");
        r.ignore("jit_compile", "is_legacy_optimizer", "ema_momentum", "ema_overwrite_frequency");
        r.requireAbsentOr("use_ema", false);
        r.requireAbsentOr("decay", 0.0);
        r.requireAbsentOr("loss_scale_factor", null);
        r.requireAbsentOr("gradient_accumulation_steps", null);
        Optimizer o = switch (s.toLowerCase(Locale.ROOT)) {
            case "sgd" -> SGD.fromConfig(r);
            case "rmsprop" -> RMSprop.fromConfig(r);
            case "adam" -> Adam.fromConfig(r);
            case "adamw" -> AdamW.fromConfig(r);
            default -> throw new IllegalArgumentException("Could not interpret optimizer identifier: '" + s
                    + "'. Expected one of SGD, RMSprop, Adam, AdamW.");
        };
        Double wd = r.optionalNumber("weight_decay");
        if (wd != null) o.withWeightDecay(wd);
        Double cn = r.optionalNumber("clipnorm");
        if (cn != null) o.withClipnorm(cn);
        Double cv = r.optionalNumber("clipvalue");
        if (cv != null) o.withClipvalue(cv);
        Double gcn = r.optionalNumber("global_clipnorm");
        if (gcn != null) o.withGlobalClipnorm(gcn);
        r.finish();
        return o;
    }

    /** Reads {@code learning_rate} (a number or a serialized schedule); the given default when absent or null. */
    static LearningRateSchedule learningRate(ConfigReader r, double defaultValue) {
        Object lr = r.raw("learning_rate");
        if (lr == null) return new ConstantLearningRate(defaultValue);
        if (lr instanceof Number n) return new ConstantLearningRate(n.doubleValue());
        return LearningRateSchedule.fromConfig(ConfigReader.map(lr, "`learning_rate`"));
    }

    /** A constant learning rate: what a number given as the learning rate becomes. */
    private record ConstantLearningRate(double value) implements LearningRateSchedule {
        ConstantLearningRate {
            Args.positive("learningRate", value);
        }

        @Override
        public double at(long step) {
            return value;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("value", value);
        }
    }
}
