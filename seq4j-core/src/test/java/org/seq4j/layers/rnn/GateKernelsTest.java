package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Activation;

/**
 * The fused Vector-API row kernels against their scalar twins at sizes 0, 1, lanes ± 1, odd sizes and with
 * offsets; the biased in-place sigmoid and tanh against float64.
 */
class GateKernelsTest {
    static final int L = GateMath.L;
    static final int[] SIZES = {0, 1, 3, L - 1, L, L + 1, 2 * L + 3, 128};
    static final float TOL = 3e-7f;

    @Test
    void activationsWithBiasAreWithin2e7OfFloat64() {
        int n = 4096 * L + 5;
        float[] xs = new float[n], bias = new float[n];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            xs[i] = (float) (i % 3 == 0 ? 40 * (2 * u - 1) : i % 3 == 1 ? 4 * (2 * u - 1) : 1e-3 * (2 * u - 1));
            bias[i] = i % 5 == 0 ? (float) (rnd.nextDouble() - 0.5) : 0f;
        }
        xs[0] = 0f; xs[1] = -0f; xs[2] = 100f; xs[3] = -100f; xs[4] = 0.25f; xs[5] = -0.25f;
        float[] sig = xs.clone(), th = xs.clone();
        GateMath.sigmoid(sig, 0, bias, 0, n);
        GateMath.tanh(th, 0, bias, 0, n);
        double worstSig = 0, worstTanh = 0;
        for (int i = 0; i < n; i++) {
            double a = (double) xs[i] + bias[i];
            worstSig = Math.max(worstSig, Math.abs(sig[i] - 1 / (1 + Math.exp(-a))));
            worstTanh = Math.max(worstTanh, Math.abs(th[i] - Math.tanh(a)));
        }
        assertTrue(worstSig <= 2.5e-7, "sigmoid max abs err " + worstSig);
        assertTrue(worstTanh <= 2.5e-7, "tanh max abs err " + worstTanh);
    }

    static float[] random(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * (2 * rnd.nextDouble() - 1));
        return a;
    }

    static float[] sigmoidish(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextDouble();
        return a;
    }

    static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= TOL * Math.max(1, Math.abs(want[i])),
                    what + "[" + i + "]: scalar " + want[i] + ", vector " + got[i]);
        }
    }

    @Test
    void lstmRowsMatchTheirScalarTwins() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int H : SIZES) {
            int off = 3; // offsets everywhere
            for (boolean withBias : new boolean[] {false, true}) {
                float[] gates = random(rnd, off + 4 * H, 3);
                int bo = withBias ? 3 : 0; // the bias may sit anywhere in its array (a row of E·W + b)
                float[] bias = withBias ? random(rnd, bo + 4 * H, 1) : null;
                float[] pc = random(rnd, off + H, 2);
                float[][] a = {gates.clone(), new float[off + H], new float[off + H], new float[off + H]};
                float[][] b = {gates.clone(), new float[off + H], new float[off + H], new float[off + H]};
                LstmKernels.rowForwardScalar(a[0], off, bias, bo, a[1], a[2], off, pc, off, Activation.TANH, Activation.SIGMOID, H);
                LstmKernels.rowForward(b[0], off, bias, bo, b[1], b[2], off, pc, off, H);
                for (int k = off; k < off + H; k++) a[3][k] = (float) Math.tanh(a[2][k]); // φ(c), what backward recomputes
                for (int k = 0; k < 3; k++) assertClose(a[k], b[k], "lstm forward H=" + H + " buffer " + k);

                float[] act = a[0]; // activations
                float[] dhs = random(rnd, off + H, 1);
                float[] dcs = random(rnd, off + H, 1);
                float[] dpc = random(rnd, off + H, 1);
                float[] ga = act.clone(), gb = act.clone(), pa = dpc.clone(), pb = dpc.clone();
                LstmKernels.rowBackwardScalar(ga, off, dhs, dcs, off, pa, pc, off, a[3], off, Activation.TANH, Activation.SIGMOID, H);
                LstmKernels.rowBackward(gb, off, dhs, dcs, off, pb, pc, off, a[3], off, H);
                assertClose(ga, gb, "lstm backward H=" + H);
                assertClose(pa, pb, "lstm backward dc_prev H=" + H);
            }
        }
    }

    @Test
    void gruResetAfterRowsMatchTheirScalarTwins() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int H : SIZES) {
            int off = 5;
            for (boolean withBias : new boolean[] {false, true}) {
                float[] gates = random(rnd, off + 3 * H, 3);
                float[] q = random(rnd, off + 3 * H, 2);
                float[] bias = withBias ? random(rnd, 3 * H, 1) : null;
                float[] rb = withBias ? random(rnd, 3 * H, 1) : null;
                float[] ph = random(rnd, off + H, 1);
                float[] ga = gates.clone(), gb = gates.clone();
                float[] qa = new float[off + H], qb = new float[off + H], ha = new float[off + H], hb = new float[off + H];
                GruKernels.afterRowForwardScalar(ga, off, q, off, bias, rb, qa, ha, off, ph, off, Activation.TANH, Activation.SIGMOID, H);
                GruKernels.afterRowForward(gb, off, q, off, bias, rb, qb, hb, off, ph, off, H);
                assertClose(ga, gb, "gru forward gates H=" + H);
                assertClose(qa, qb, "gru forward qh H=" + H);
                assertClose(ha, hb, "gru forward h H=" + H);

                float[] dhs = random(rnd, off + H, 1);
                float[] dph = random(rnd, off + H, 1);
                float[] g1 = ga.clone(), g2 = ga.clone(), d1 = new float[off + 3 * H], d2 = new float[off + 3 * H];
                float[] p1 = dph.clone(), p2 = dph.clone();
                GruKernels.afterRowBackwardScalar(g1, d1, off, dhs, qa, off, ph, p1, off, Activation.TANH, Activation.SIGMOID, H);
                GruKernels.afterRowBackward(g2, d2, off, dhs, qa, off, ph, p2, off, H);
                assertClose(g1, g2, "gru backward dgx H=" + H);
                assertClose(d1, d2, "gru backward dgq H=" + H);
                assertClose(p1, p2, "gru backward dh_prev H=" + H);
            }
        }
    }

    @Test
    void gruResetBeforeRowsMatchTheirScalarTwins() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int H : SIZES) {
            int off = 7;
            float[] gates = sigmoidish(rnd, off + 3 * H);
            float[] dhs = random(rnd, off + H, 1), ph = random(rnd, off + H, 1), dph = random(rnd, off + H, 1);
            float[] g1 = gates.clone(), g2 = gates.clone(), p1 = dph.clone(), p2 = dph.clone();
            GruKernels.beforeRowBackwardZHScalar(g1, off, dhs, off, ph, p1, off, Activation.TANH, Activation.SIGMOID, H);
            GruKernels.beforeRowBackwardZH(g2, off, dhs, off, ph, p2, off, H);
            assertClose(g1, g2, "gru reset_before dz, dĥ H=" + H);
            assertClose(p1, p2, "gru reset_before dh_prev H=" + H);
            float[] drh = random(rnd, off + H, 1), hprev = random(rnd, off + H, 1);
            float[] d1 = drh.clone(), d2 = drh.clone();
            GruKernels.beforeRowBackwardRScalar(g1, off, d1, off, hprev, off, Activation.SIGMOID, H);
            GruKernels.beforeRowBackwardR(g2, off, d2, off, hprev, off, H);
            assertClose(g1, g2, "gru reset_before dr H=" + H);
            assertClose(d1, d2, "gru reset_before drh ⊙ r H=" + H);
            float[] hs1 = new float[off + H], hs2 = new float[off + H];
            for (int j = 0; j < H; j++) hs1[off + j] = gates[off + 2 * H + j] + gates[off + j] * (ph[off + j] - gates[off + 2 * H + j]);
            GruKernels.blend(hs2, off, gates, off, ph, off, H);
            assertClose(hs1, hs2, "gru blend H=" + H);
        }
    }

    @Test
    void simpleRnnRowsMatchTheirScalarTwins() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int H : SIZES) {
            float[] a = random(rnd, 2 + H, 3);
            float[] bias = random(rnd, H, 1);
            float[] x = a.clone(), y = a.clone();
            SimpleRnnKernels.rowForwardScalar(x, 2, bias, Activation.TANH, H);
            SimpleRnnKernels.rowForward(y, 2, bias, H);
            assertClose(x, y, "simple rnn H=" + H);
        }
    }
}
