package org.seq4j.train;


import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.GradMode;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Ops;
import org.seq4j.autograd.Variable;
import org.seq4j.kernels.Phases;
import org.seq4j.kernels.Phases.Phase;
import org.seq4j.layers.CallContext;
import org.seq4j.metrics.Metric;
import org.seq4j.tensor.Tensor;

/**
 * The fit / evaluate loops. One training step: forward with dropout, the loss of every output (padded steps of a
 * masked sequence output weigh 0), backward, optimizer update, gradients cleared. Logged values are running means
 * over the epoch weighted by batch size, rounded to float32 as Keras' metrics are.
 */
final class Trainer {
    private final Model model;

    Trainer(Model model) {
        this.model = model;
    }

    History fit(Feeds train, FitOptions o) {
        if (model.compiled == null) throw new IllegalStateException("You must call compile() before fit().");
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks);
        for (Callback cb : callbacks) cb.setModel(model);
        for (Callback cb : callbacks) cb.onTrainBegin(o, train.steps());
        model.clearStop();
        boolean terminal = o.terminal != null ? o.terminal : (o.out == System.out && Progbar.stdoutIsTerminal());
        List<Variable> params = model.trainableVariables();
        LinkedHashMap<String, Double> logs = new LinkedHashMap<>();
        for (int epoch = 0; epoch < o.epochs && !model.stopRequested(); epoch++) {
            long t0 = System.nanoTime();
            if (o.verbose == 1) Progbar.printEpochHeader(o.out, epoch + 1, o.epochs);
            Progbar bar = o.verbose == 1 ? new Progbar(Math.max(1, train.steps()), 30, o.out, terminal, System::nanoTime) : null;
            for (Callback cb : callbacks) cb.onEpochBegin(epoch);
            Running running = new Running(model.newMetrics());
            int step = 0;
            Iterator<Feed> it = train.epoch(epoch);
            while (it.hasNext()) {
                Feed feed = it.next();
                long seed = o.seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + step;
                double loss = trainStep(feed, new CallContext(true, seed), params, o, running);
                if (!Double.isFinite(loss)) {
                    String reason = "Epoch " + (epoch + 1) + ", step " + (step + 1) + ": loss is " + loss
                            + "; training stopped (lower the learning rate, add clipnorm, or check the inputs for NaN)";
                    if (bar != null) o.out.println();
                    System.err.println("seq4j: " + reason);
                    model.stopTraining(reason);
                    break;
                }
                logs = running.logs("");
                step++;
                if (bar != null) bar.update(step, logs, false);
                for (Callback cb : callbacks) cb.onTrainBatchEnd(epoch, step - 1, logs);
            }
            if (model.stopRequested() && step < train.steps()) break;
            if (o.validationData != null) logs.putAll(evaluate(o.validationData, "val_"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (bar != null) bar.update(Math.max(1, train.steps()), logs, true);
            if (o.verbose == 2) printEpochLine(o, epoch, seconds, logs);
            history.record(logs, seconds);
            for (Callback cb : callbacks) cb.onEpochEnd(epoch, logs);
        }
        history.setStopReason(model.stopReason());
        for (Callback cb : callbacks) cb.onTrainEnd(logs);
        return history;
    }

    private static void printEpochLine(FitOptions o, int epoch, double seconds, Map<String, Double> logs) {
        if (o.epochs > 1) o.out.println(Progbar.epochHeader(epoch + 1, o.epochs));
        StringBuilder sb = new StringBuilder(" - ").append(PyFormat.fixed(seconds, 0)).append('s');
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            double v = e.getValue();
            sb.append(" - ").append(e.getKey()).append(": ").append(Math.abs(v) > 1e-3 ? PyFormat.fixed(v, 4) : PyFormat.scientific(v, 4));
        }
        o.out.println(sb);
    }

    private double trainStep(Feed feed, CallContext ctx, List<Variable> params, FitOptions o, Running running) {
        long tForward = Phases.start();
        List<Variable> out = model.call(constants(feed.inputs()), ctx);
        Variable total = null;
        for (int k = 0; k < out.size(); k++) {
            Variable yPred = out.get(k);
            Tensor target = target(feed, k);
            float[] sw = sampleWeights(feed, yPred, target, o.classWeights);
            Variable l = model.compiled.loss().compute(yPred, Variable.constant(target), sw);
            total = total == null ? l : Ops.add(total, l);
            running.update(yPred, target, sw, k == 0);
        }
        double loss = total.value().item();
        running.addLoss(loss, feed.batchSize());
        Phases.stop(Phase.STEP_FORWARD, tForward);
        if (!Double.isFinite(loss)) return loss;
        long tBackward = Phases.start();
        Autograd.backward(total);
        long tOptimizer = Phases.start();
        Phases.stop(Phase.STEP_BACKWARD, tBackward);
        model.compiled.optimizer().apply(params);
        for (Variable p : params) p.zeroGrad();
        Phases.stop(Phase.STEP_OPTIMIZER, tOptimizer);
        return loss;
    }

    /** One optimizer step on one batch (Keras' {@code train_on_batch}); returns the loss before the update. */
    double trainOnBatch(Feed feed, long seed) {
        if (model.compiled == null) throw new IllegalStateException("You must call compile() before train_on_batch().");
        return trainStep(feed, new CallContext(true, seed), model.trainableVariables(), FitOptions.defaults(), new Running(List.of()));
    }

    /** The loss gradients for one batch, keyed by weight path, without updating anything. */
    LinkedHashMap<String, Tensor> gradients(Feed feed, long seed) {
        if (model.compiled == null) throw new IllegalStateException("You must call compile() before computing gradients.");
        List<Variable> params = model.trainableVariables();
        for (Variable p : params) p.zeroGrad();
        List<Variable> out = model.call(constants(feed.inputs()), new CallContext(true, seed));
        Variable total = null;
        for (int k = 0; k < out.size(); k++) {
            Tensor target = target(feed, k);
            Variable l = model.compiled.loss().compute(out.get(k), Variable.constant(target), sampleWeights(feed, out.get(k), target, null));
            total = total == null ? l : Ops.add(total, l);
        }
        Autograd.backward(total);
        LinkedHashMap<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, org.seq4j.layers.Weight> e : model.namedWeights().entrySet()) {
            Variable v = e.getValue().variable();
            if (!e.getValue().trainable()) continue;
            grads.put(e.getKey(), v.grad() == null ? Tensor.zeros(v.shape()) : v.grad().copy());
            v.zeroGrad();
        }
        return grads;
    }

    LinkedHashMap<String, Double> evaluate(Feeds data, String prefix) {
        if (model.compiled == null) throw new IllegalStateException("You must call compile() before evaluate().");
        return GradMode.noGrad(() -> {
            Running running = new Running(model.newMetrics());
            Iterator<Feed> it = data.epoch(0);
            while (it.hasNext()) {
                Feed feed = it.next();
                List<Variable> out = model.call(constants(feed.inputs()), CallContext.inference());
                double loss = 0;
                for (int k = 0; k < out.size(); k++) {
                    Tensor target = target(feed, k);
                    float[] sw = sampleWeights(feed, out.get(k), target, null);
                    loss += model.compiled.loss().compute(out.get(k), Variable.constant(target), sw).value().item();
                    running.update(out.get(k), target, sw, k == 0);
                }
                running.addLoss(loss, feed.batchSize());
            }
            return running.logs(prefix);
        });
    }

    private static Tensor target(Feed feed, int k) {
        if (feed.targets().size() <= k) {
            throw new IllegalArgumentException("the data has " + feed.targets().size() + " target(s) but the model has more outputs");
        }
        return feed.targets().get(k);
    }

    private static List<Variable> constants(List<Tensor> ts) {
        List<Variable> vs = new ArrayList<>(ts.size());
        for (Tensor t : ts) vs.add(Variable.constant(t));
        return vs;
    }

    /**
     * Per-row weights of the loss: the feed's sample weights or class weights, and for a masked sequence output one
     * row per step with weight 0 on padding. Null when every weight is 1.
     */
    static float[] sampleWeights(Feed feed, Variable yPred, Tensor target, Map<Integer, Double> classWeights) {
        Mask m = yPred.mask();
        boolean sequence = yPred.value().rank() == 3 && m != null;
        int rows = sequence ? m.batch() * m.time() : yPred.dim(0);
        if (feed.sampleWeights() == null && classWeights == null && !sequence) return null;
        float[] w = new float[rows];
        java.util.Arrays.fill(w, 1f);
        int per = sequence ? m.time() : 1;
        if (feed.sampleWeights() != null) {
            for (int r = 0; r < rows; r++) w[r] *= feed.sampleWeights()[r / per];
        }
        if (classWeights != null) {
            int width = target.size() / rows;
            float[] t = target.data();
            for (int r = 0; r < rows; r++) {
                int cls;
                if (width == 1) {
                    cls = Math.round(t[r]);
                } else {
                    cls = 0;
                    for (int j = 1; j < width; j++) if (t[r * width + j] > t[r * width + cls]) cls = j;
                }
                w[r] *= classWeights.getOrDefault(cls, 1.0).floatValue();
            }
        }
        if (sequence) {
            for (int b = 0; b < m.batch(); b++)
                for (int s = 0; s < m.time(); s++) if (!m.isValid(b, s)) w[b * m.time() + s] = 0f;
        }
        return w;
    }

    /** Running loss mean and metrics over an epoch. */
    private static final class Running {
        private final List<Metric> metrics;
        private double lossSum;
        private long count;

        Running(List<Metric> metrics) {
            this.metrics = metrics;
        }

        void addLoss(double loss, int batch) {
            lossSum += loss * batch;
            count += batch;
        }

        void update(Variable yPred, Tensor target, float[] sw, boolean firstOutput) {
            if (!firstOutput || metrics.isEmpty()) return;
            float[] p = yPred.data();
            int width = yPred.dim(-1);
            int rows = p.length / width;
            for (Metric m : metrics) m.update(target.data(), p, rows, width, sw);
        }

        LinkedHashMap<String, Double> logs(String prefix) {
            LinkedHashMap<String, Double> l = new LinkedHashMap<>();
            l.put(prefix + "loss", (double) (float) (count == 0 ? 0 : lossSum / count));
            for (Metric m : metrics) l.put(prefix + m.name(), (double) (float) m.result());
            return l;
        }
    }
}
