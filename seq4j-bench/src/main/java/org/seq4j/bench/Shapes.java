package org.seq4j.bench;

import java.util.List;

/** The GEMM shapes we compare against OpenBLAS; keep in sync with {@code numpy_gemm.py}. */
record Shapes(int m, int n, int k, String trans) {
    /** C[m x n] = op(A)[m x k] op(B)[k x n]; trans is "NN", "NT" or "TN". */
    static final List<Shapes> ALL = List.of(
            new Shapes(512, 512, 512, "NN"),
            new Shapes(1024, 1024, 1024, "NN"),
            new Shapes(2048, 2048, 2048, "NN"),
            new Shapes(128, 512, 192, "NN"),    // LSTM forward, input projection (B x I) . (I x 4H)
            new Shapes(128, 512, 128, "NN"),    // LSTM forward, one recurrent step (B x H) . (H x 4H)
            new Shapes(128, 512, 384, "NN"),
            new Shapes(128, 192, 512, "NT"),    // backward dX = dG . W^T
            new Shapes(128, 128, 512, "NT"),    // backward dH = dG . U^T
            new Shapes(192, 512, 25600, "TN"),  // backward dW = X^T . dG over B*T = 128*200 rows
            new Shapes(128, 512, 25600, "TN")); // backward dU = H^T . dG

    boolean transA() {
        return trans.charAt(0) == 'T';
    }

    boolean transB() {
        return trans.charAt(1) == 'T';
    }

    String name() {
        return m + "x" + n + "x" + k;
    }

    static Shapes parse(String mnk, String trans) {
        String[] p = mnk.split("x");
        return new Shapes(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), trans);
    }

    /** Operands in the layout the transposes imply, tightly packed (lda = row length). */
    Operands operands(long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        return new Operands(a, transA() ? m : k, b, transB() ? k : n, c, n);
    }

    record Operands(float[] a, int lda, float[] b, int ldb, float[] c, int ldc) {}
}
