package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.seq4j.autograd.Activation;
import org.seq4j.autograd.Autograd;
import org.seq4j.autograd.Mask;
import org.seq4j.autograd.Variable;
import org.seq4j.layers.CallContext;
import org.seq4j.layers.Layer;
import org.seq4j.tensor.Tensor;

/**
 * The production float32 forward and backward against the independent double-precision {@link Reference}: the
 * forward values directly, the gradients against central differences of a random linear loss
 * L = Σ_k ⟨out_k, R_k⟩ over every output, taken on the reference in double precision.
 * Covers every cell, masks (right-padded sorted and unsorted, with holes, left padding, empty rows), go_backwards,
 * initial states, returnState, dropout with fixed masks, no bias, and every Bidirectional merge.
 */
class GradientCheckTest {
    static final int B = 4, T = 5, I = 3;
    static final double FORWARD_TOLERANCE = 1e-5;
    static final double GRAD_TOLERANCE = 1e-4; // relative, with a floor of 0.1 on the scale
    static final double EPS = 1e-6;

    enum MaskKind { NONE, RIGHT_SORTED, RIGHT_UNSORTED, GENERAL }

    /** H: 4 for most; 20 (one 16-lane vector and a tail) so that the fused vector row kernels run too. */
    record Scenario(String name, Reference.Kind kind, MergeMode merge, boolean returnSequences, boolean returnState,
                    boolean goBackwards, boolean initialStates, MaskKind mask, boolean dropout, Activation activation,
                    boolean useBias, int H) {
        boolean bidi() {
            return merge != null;
        }

        Scenario bidirectional(MergeMode m) {
            return new Scenario(name + " bidi-" + m, kind, m, returnSequences, returnState, goBackwards, initialStates,
                    mask, dropout, activation, useBias, H);
        }

        Scenario wide() {
            return units(20);
        }

        /** H = 32 fills whole register-tile panels: the fused GRU skips its zero blocks panel by panel. */
        Scenario units(int h) {
            return new Scenario(name + " H=" + h, kind, merge, returnSequences, returnState, goBackwards, initialStates,
                    mask, dropout, activation, useBias, h);
        }
    }

    static Scenario s(String name, Reference.Kind kind, boolean seq, boolean state, boolean back, boolean init,
                      MaskKind mask, boolean dropout) {
        return new Scenario(kind + " " + name, kind, null, seq, state, back, init, mask, dropout, Activation.TANH, true, 4);
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (Reference.Kind k : Reference.Kind.values()) {
            all.add(s("seq", k, true, false, false, false, MaskKind.NONE, false));
            all.add(s("last+state+init unsorted-mask", k, false, true, false, true, MaskKind.RIGHT_UNSORTED, false));
            all.add(s("seq+state backwards general-mask", k, true, true, true, false, MaskKind.GENERAL, false));
            all.add(s("seq dropout+init sorted-mask", k, true, true, false, true, MaskKind.RIGHT_SORTED, true));
            all.add(s("last backwards dropout unsorted-mask", k, false, false, true, false, MaskKind.RIGHT_UNSORTED, true));
            all.add(new Scenario(k + " seq no-bias sigmoid general-mask", k, null, true, false, false, false,
                    MaskKind.GENERAL, false, Activation.SIGMOID, false, 4));
            all.add(s("seq+state+init dropout general-mask", k, true, true, false, true, MaskKind.GENERAL, true).wide());
            all.add(s("last backwards unsorted-mask", k, false, false, true, false, MaskKind.RIGHT_UNSORTED, false).wide());
        }
        all.add(new Scenario("SIMPLE_RNN relu last init", Reference.Kind.SIMPLE_RNN, null, false, true, false, true,
                MaskKind.RIGHT_SORTED, false, Activation.RELU, true, 4));
        MergeMode[] merges = MergeMode.values();
        Reference.Kind[] kinds = Reference.Kind.values();
        for (int i = 0; i < merges.length * 2; i++) {
            Reference.Kind k = kinds[i % kinds.length];
            MaskKind m = MaskKind.values()[i % MaskKind.values().length];
            boolean seq = i % 2 == 0;
            boolean state = i % 3 == 0;
            Scenario base = s((seq ? "seq" : "last") + (state ? "+state+init" : "") + " " + m, k, seq, state, false, state, m, i % 4 == 1);
            all.add(base.bidirectional(merges[i % merges.length]));
        }
        all.add(s("seq over go_backwards right-mask", Reference.Kind.LSTM, true, true, true, true, MaskKind.RIGHT_UNSORTED, false)
                .bidirectional(MergeMode.CONCAT));
        all.add(s("seq+state+init sorted-mask", Reference.Kind.GRU_RESET_AFTER, true, true, false, true, MaskKind.RIGHT_SORTED, true)
                .bidirectional(MergeMode.CONCAT).wide());
        all.add(s("seq+state+init dropout unsorted-mask", Reference.Kind.GRU_RESET_AFTER, true, true, false, true,
                MaskKind.RIGHT_UNSORTED, true).units(32));
        all.add(s("last backwards general-mask", Reference.Kind.LSTM, false, true, true, true, MaskKind.GENERAL, true).units(32));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> productionMatchesReferenceForwardAndFiniteDifferences() {
        return scenarios().stream().map(sc -> DynamicTest.dynamicTest(sc.name(), () -> check(sc)));
    }

    // ---- the check ----------------------------------------------------------------------------------------------

    /** The inputs of one run in double (all float-representable), laid out as the production variables are. */
    static final class Point {
        double[] x;                                // (B, T, I)
        final List<double[]> states = new ArrayList<>();   // per direction: h0 (, c0)
        final List<double[][]> weights = new ArrayList<>(); // per direction: w, u, b (or null)
        final List<double[][]> drops = new ArrayList<>();   // per direction: inDrop (B, I), recDrop (B, H) or nulls
    }

    static void check(Scenario sc) {
        int H = sc.H();
        SplittableRandom rnd = new SplittableRandom(sc.name().hashCode());
        RecurrentLayer<?> base = newLayer(sc);
        Layer layer = sc.bidi() ? new Bidirectional(base, sc.merge()) : base;
        List<RecurrentLayer<?>> dirs = sc.bidi()
                ? List.of(((Bidirectional) layer).forwardLayer(), ((Bidirectional) layer).backwardLayer())
                : List.of(base);
        int nStates = base.stateCount();
        List<int[]> shapes = new ArrayList<>();
        shapes.add(new int[] {B, T, I});
        if (sc.initialStates()) for (int i = 0; i < dirs.size() * nStates; i++) shapes.add(new int[] {B, H});
        layer.build(shapes);

        Point pt = new Point();
        pt.x = random(rnd, B * T * I, 1.0);
        for (RecurrentLayer<?> d : dirs) {
            if (sc.initialStates()) for (int k = 0; k < nStates; k++) pt.states.add(random(rnd, B * H, 0.5));
            var ws = d.weights();
            pt.weights.add(new double[][] {
                random(rnd, ws.get(0).variable().value().size(), 0.6),
                random(rnd, ws.get(1).variable().value().size(), 0.6),
                sc.useBias() ? random(rnd, ws.get(2).variable().value().size(), 0.3) : null});
            pt.drops.add(sc.dropout() ? new double[][] {dropMask(rnd, B * I, 0.3), dropMask(rnd, B * H, 0.25)} : new double[2][]);
        }
        boolean[] valid = mask(sc.mask());

        // production
        Variable x = Variable.parameter(tensor(pt.x, B, T, I));
        if (valid != null) x.withMask(new Mask(B, T, valid));
        List<Variable> inputs = new ArrayList<>(List.of(x));
        for (double[] st : pt.states) inputs.add(Variable.parameter(tensor(st, B, H)));
        for (int d = 0; d < dirs.size(); d++) {
            var ws = dirs.get(d).weights();
            for (int k = 0; k < ws.size(); k++) copy(pt.weights.get(d)[k], ws.get(k).variable().data());
            double[][] dr = pt.drops.get(d);
            if (sc.dropout()) dirs.get(d).fixDropoutMasks(floats(dr[0]), floats(dr[1]));
        }
        CallContext ctx = sc.dropout() ? new CallContext(true, 7L) : CallContext.inference();
        List<Variable> outs = layer.call(inputs, ctx);

        // the reference at the same point: forward values
        List<double[]> ref = reference(sc, pt, valid);
        assertTrue(ref.size() == outs.size(), sc.name() + ": " + outs.size() + " outputs, reference has " + ref.size());
        double forwardErr = 0;
        for (int k = 0; k < outs.size(); k++) {
            double e = maxAbsDiff(outs.get(k).data(), ref.get(k));
            assertTrue(e <= FORWARD_TOLERANCE, sc.name() + ": output " + k + " differs from the reference by " + e);
            forwardErr = Math.max(forwardErr, e);
        }

        // production gradients of L = Σ ⟨out_k, R_k⟩
        List<double[]> proj = new ArrayList<>();
        for (double[] r : ref) proj.add(random(rnd, r.length, 1.0));
        Autograd.backward(linearLoss(outs, proj));

        // central differences on the reference, block by block
        List<double[]> blocks = new ArrayList<>();
        List<Variable> vars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        blocks.add(pt.x);
        vars.add(x);
        names.add("x");
        for (int k = 0; k < pt.states.size(); k++) {
            blocks.add(pt.states.get(k));
            vars.add(inputs.get(1 + k));
            names.add("state" + k);
        }
        for (int d = 0; d < dirs.size(); d++) {
            var ws = dirs.get(d).weights();
            for (int k = 0; k < ws.size(); k++) {
                blocks.add(pt.weights.get(d)[k]);
                vars.add(ws.get(k).variable());
                names.add(dirs.get(d).name() + "/" + ws.get(k).name());
            }
        }
        double gradErr = 0;
        for (int bi = 0; bi < blocks.size(); bi++) {
            double[] theta = blocks.get(bi);
            Tensor g = vars.get(bi).grad();
            float[] got = g == null ? new float[theta.length] : g.data();
            double worst = 0;
            for (int i = 0; i < theta.length; i++) {
                double keep = theta[i];
                theta[i] = keep + EPS;
                double lp = loss(reference(sc, pt, valid), proj);
                theta[i] = keep - EPS;
                double lm = loss(reference(sc, pt, valid), proj);
                theta[i] = keep;
                double fd = (lp - lm) / (2 * EPS);
                double err = Math.abs(got[i] - fd) / Math.max(Math.abs(fd), 0.1);
                worst = Math.max(worst, err);
                if (err > GRAD_TOLERANCE) {
                    throw new AssertionError(sc.name() + ": d/d" + names.get(bi) + "[" + i + "] = " + got[i]
                            + " but central differences give " + fd);
                }
            }
            gradErr = Math.max(gradErr, worst);
        }
        System.out.printf("%-60s forward max abs err %.1e, gradient max rel err %.1e%n", sc.name(), forwardErr, gradErr);
    }

    static RecurrentLayer<?> newLayer(Scenario sc) {
        int H = sc.H();
        RecurrentLayer<?> l = switch (sc.kind()) {
            case SIMPLE_RNN -> new SimpleRNN(H);
            case LSTM -> new LSTM(H);
            case GRU_RESET_AFTER -> new GRU(H);
            case GRU_RESET_BEFORE -> new GRU(H).withResetAfter(false);
        };
        l.withReturnSequences(sc.returnSequences()).withReturnState(sc.returnState()).withGoBackwards(sc.goBackwards())
                .withActivation(sc.activation()).withUseBias(sc.useBias());
        if (sc.dropout()) l.withDropout(0.3).withRecurrentDropout(0.25);
        return l;
    }

    /** The reference's outputs in the production order: y (or y_fw, y_bw), then states (forward ones, backward ones). */
    static List<double[]> reference(Scenario sc, Point pt, boolean[] valid) {
        int H = sc.H();
        int nStates = sc.kind() == Reference.Kind.LSTM ? 2 : 1;
        List<Reference.Out> runs = new ArrayList<>();
        int dirs = sc.bidi() ? 2 : 1;
        for (int d = 0; d < dirs; d++) {
            boolean back = d == 0 ? sc.goBackwards() : !sc.goBackwards();
            var spec = new Reference.Spec(sc.kind(), I, H, sc.activation(), Activation.SIGMOID, back);
            double[][] w = pt.weights.get(d);
            double[] h0 = sc.initialStates() ? pt.states.get(d * nStates) : null;
            double[] c0 = sc.initialStates() && nStates == 2 ? pt.states.get(d * nStates + 1) : null;
            double[][] dr = pt.drops.get(d);
            runs.add(Reference.run(spec, new Reference.Weights(w[0], w[1], w[2]), pt.x, valid, h0, c0, dr[0], dr[1], B, T));
        }
        List<double[]> out = new ArrayList<>();
        double[] yf = sc.returnSequences() ? runs.get(0).sequence() : runs.get(0).last();
        if (!sc.bidi()) {
            out.add(yf);
        } else {
            Reference.Out ob = runs.get(1);
            double[] yb = sc.returnSequences() ? Reference.reverseTime(ob.sequence(), B, T, H) : ob.last();
            out.addAll(merge(sc.merge(), yf, yb, H));
        }
        if (sc.returnState()) {
            for (Reference.Out o : runs) {
                out.add(o.h());
                if (o.c() != null) out.add(o.c());
            }
        }
        return out;
    }

    static List<double[]> merge(MergeMode m, double[] a, double[] b, int H) {
        if (m == MergeMode.NONE) return List.of(a, b);
        double[] y = new double[m == MergeMode.CONCAT ? 2 * a.length : a.length];
        for (int row = 0; row < a.length / H; row++) {
            for (int j = 0; j < H; j++) {
                int i = row * H + j;
                switch (m) {
                    case CONCAT -> {
                        y[row * 2 * H + j] = a[i];
                        y[row * 2 * H + H + j] = b[i];
                    }
                    case SUM -> y[i] = a[i] + b[i];
                    case MUL -> y[i] = a[i] * b[i];
                    case AVE -> y[i] = (a[i] + b[i]) / 2;
                    default -> throw new AssertionError(m);
                }
            }
        }
        return List.of(y);
    }

    static boolean[] mask(MaskKind kind) {
        return switch (kind) {
            case NONE -> null;
            case RIGHT_SORTED -> lengths(5, 4, 2, 1);
            case RIGHT_UNSORTED -> lengths(2, 5, 0, 3);
            case GENERAL -> new boolean[] {
                true, true, true, true, true,
                false, true, true, false, true,   // holes and a left pad
                false, false, true, true, true,   // left padding
                true, false, false, false, false};
        };
    }

    static boolean[] lengths(int... len) {
        boolean[] v = new boolean[B * T];
        for (int b = 0; b < B; b++) for (int t = 0; t < len[b]; t++) v[b * T + t] = true;
        return v;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** L = Σ_k ⟨out_k, R_k⟩ as a test-side op. */
    static Variable linearLoss(List<Variable> outs, List<double[]> proj) {
        double v = 0;
        for (int k = 0; k < outs.size(); k++) {
            float[] o = outs.get(k).data();
            for (int i = 0; i < o.length; i++) v += o[i] * proj.get(k)[i];
        }
        return Variable.result(Tensor.scalar((float) v), g -> {
            float s = g.data()[0];
            for (int k = 0; k < outs.size(); k++) {
                if (!outs.get(k).requiresGrad()) continue;
                float[] d = outs.get(k).gradBuffer().data();
                for (int i = 0; i < d.length; i++) d[i] += (float) (s * proj.get(k)[i]);
            }
        }, outs.toArray(new Variable[0]));
    }

    static double loss(List<double[]> outs, List<double[]> proj) {
        double v = 0;
        for (int k = 0; k < outs.size(); k++) for (int i = 0; i < outs.get(k).length; i++) v += outs.get(k)[i] * proj.get(k)[i];
        return v;
    }

    /** U(−scale, scale), rounded to float so that both sides see the same numbers. */
    static double[] random(SplittableRandom rnd, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * (2 * rnd.nextDouble() - 1));
        return a;
    }

    static double[] dropMask(SplittableRandom rnd, int n, double rate) {
        double[] a = new double[n];
        float keep = (float) (1 / (1 - rate));
        for (int i = 0; i < n; i++) a[i] = rnd.nextDouble() < rate ? 0 : keep;
        return a;
    }

    static Tensor tensor(double[] v, int... shape) {
        return Tensor.of(floats(v), shape);
    }

    static float[] floats(double[] v) {
        if (v == null) return null;
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    static void copy(double[] src, float[] dst) {
        if (src == null) return;
        for (int i = 0; i < src.length; i++) dst[i] = (float) src[i];
    }

    static double maxAbsDiff(float[] a, double[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
