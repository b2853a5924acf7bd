package org.seq4j.layers.rnn;

import org.seq4j.autograd.Activation;

/**
 * An independent, forward-only, double-precision reference of the recurrent layers, written from the equations
 * and Keras' masking semantics step by step (no packing, no sorting, no gemm): the ground truth for the
 * finite-difference gradient checks.
 *
 * <p>Per row b: the state starts at h0 (c0); processing step k visits time t = k (or T−1−k going backwards); a
 * masked step leaves the state unchanged and outputs zeros; the last output is the last real step's output
 * (zeros when there is none). The sequence output is in processing order.
 */
final class Reference {
    enum Kind { SIMPLE_RNN, LSTM, GRU_RESET_AFTER, GRU_RESET_BEFORE }

    /** One direction's configuration. */
    record Spec(Kind kind, int input, int units, Activation activation, Activation recurrentActivation,
                boolean goBackwards) {
        int gates() {
            return switch (kind) {
                case SIMPLE_RNN -> 1;
                case LSTM -> 4;
                case GRU_RESET_AFTER, GRU_RESET_BEFORE -> 3;
            };
        }
    }

    /** Weights in Keras layout: w (I, G·H), u (H, G·H), b (G·H) or (2, 3H) for reset_after, or null. */
    record Weights(double[] w, double[] u, double[] b) {}

    /** Results: y (B, T, H) in processing order, last (B, H), h (B, H), c (B, H) or null. */
    record Out(double[] sequence, double[] last, double[] h, double[] c) {}

    private Reference() {}

    /**
     * @param x       (B, T, I)
     * @param valid   (B, T) or null for all real
     * @param h0      (B, H) or null for zeros
     * @param c0      (B, H) or null for zeros (LSTM)
     * @param inDrop  (B, I) multipliers or null
     * @param recDrop (B, H) multipliers or null
     */
    static Out run(Spec sp, Weights wt, double[] x, boolean[] valid, double[] h0, double[] c0,
                   double[] inDrop, double[] recDrop, int batch, int time) {
        int I = sp.input(), H = sp.units();
        double[] seq = new double[batch * time * H];
        double[] last = new double[batch * H];
        double[] hOut = new double[batch * H];
        double[] cOut = new double[batch * H];
        for (int b = 0; b < batch; b++) {
            double[] h = new double[H];
            double[] c = new double[H];
            for (int j = 0; j < H; j++) {
                h[j] = h0 == null ? 0 : h0[b * H + j];
                c[j] = c0 == null ? 0 : c0[b * H + j];
            }
            for (int k = 0; k < time; k++) {
                int t = sp.goBackwards() ? time - 1 - k : k;
                if (valid != null && !valid[b * time + t]) continue; // state unchanged, output zero
                double[] xt = new double[I];
                for (int i = 0; i < I; i++) xt[i] = x[(b * time + t) * I + i] * (inDrop == null ? 1 : inDrop[b * I + i]);
                double[] ht = new double[H];
                for (int j = 0; j < H; j++) ht[j] = h[j] * (recDrop == null ? 1 : recDrop[b * H + j]);
                step(sp, wt, xt, ht, h, c);
                for (int j = 0; j < H; j++) {
                    seq[(b * time + k) * H + j] = h[j];
                    last[b * H + j] = h[j];
                }
            }
            for (int j = 0; j < H; j++) {
                hOut[b * H + j] = h[j];
                cOut[b * H + j] = c[j];
            }
        }
        return new Out(seq, last, hOut, sp.kind() == Kind.LSTM ? cOut : null);
    }

    /** One step: h (and c) updated in place from x̃ and h̃. */
    private static void step(Spec sp, Weights wt, double[] xt, double[] ht, double[] h, double[] c) {
        int H = sp.units();
        int G = sp.gates() * H;
        double[] xw = affine(xt, wt.w(), G, wt.b(), 0);  // x̃·W + b (input bias)
        Activation f = sp.activation(), s = sp.recurrentActivation();
        switch (sp.kind()) {
            case SIMPLE_RNN -> {
                double[] hu = affine(ht, wt.u(), G, null, 0);
                for (int j = 0; j < H; j++) h[j] = act(f, xw[j] + hu[j]);
            }
            case LSTM -> {
                double[] hu = affine(ht, wt.u(), G, null, 0);
                for (int j = 0; j < H; j++) {
                    double i = act(s, xw[j] + hu[j]);
                    double fg = act(s, xw[H + j] + hu[H + j]);
                    double g = act(f, xw[2 * H + j] + hu[2 * H + j]);
                    double o = act(s, xw[3 * H + j] + hu[3 * H + j]);
                    c[j] = fg * c[j] + i * g;
                    h[j] = o * act(f, c[j]);
                }
            }
            case GRU_RESET_AFTER -> {
                double[] q = affine(ht, wt.u(), G, wt.b(), G); // h̃·U + recurrent bias (row 1 of b)
                for (int j = 0; j < H; j++) {
                    double z = act(s, xw[j] + q[j]);
                    double r = act(s, xw[H + j] + q[H + j]);
                    double hh = act(f, xw[2 * H + j] + r * q[2 * H + j]);
                    h[j] = z * h[j] + (1 - z) * hh;
                }
            }
            case GRU_RESET_BEFORE -> {
                double[] q = affine(ht, wt.u(), G, null, 0);
                double[] z = new double[H];
                double[] rh = new double[H];
                for (int j = 0; j < H; j++) {
                    z[j] = act(s, xw[j] + q[j]);
                    rh[j] = act(s, xw[H + j] + q[H + j]) * ht[j];
                }
                for (int j = 0; j < H; j++) {
                    double a = xw[2 * H + j];
                    for (int k = 0; k < H; k++) a += rh[k] * wt.u()[k * G + 2 * H + j];
                    double hh = act(f, a);
                    h[j] = z[j] * h[j] + (1 - z[j]) * hh;
                }
            }
        }
    }

    /** v·M + bias[biasOff, biasOff + n), M (len(v), n). */
    private static double[] affine(double[] v, double[] m, int n, double[] bias, int biasOff) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double a = bias == null ? 0 : bias[biasOff + j];
            for (int i = 0; i < v.length; i++) a += v[i] * m[i * n + j];
            out[j] = a;
        }
        return out;
    }

    static double act(Activation a, double v) {
        return switch (a) {
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case RELU -> Math.max(0, v);
            case LINEAR -> v;
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    /** Flips the time axis of (B, T, H). */
    static double[] reverseTime(double[] seq, int batch, int time, int H) {
        double[] r = new double[seq.length];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
                System.arraycopy(seq, (b * time + t) * H, r, (b * time + (time - 1 - t)) * H, H);
        return r;
    }
}
