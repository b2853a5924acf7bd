package org.seq4j.bench;

import java.util.List;
import java.util.Locale;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;

/**
 * Quick GEMM throughput without JMH: one JSON line per shape, same format as {@code numpy_gemm.py}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp seq4j-bench/target/benchmarks.jar org.seq4j.bench.GemmPeak \
 *     [--threads 2] [--repeats 5] [--warmup 3] [--scalar | --packed] [--shape 128x512x128 --trans NN]
 * </pre>
 *
 * Per shape: warm up for {@code warmup} seconds (C2 needs about 1 s of a quiet core to compile the kernel and the
 * packs; with 1 s under load, 512^3 measured 10-50 instead of 144 GFLOP/s), then the best of {@code repeats}
 * timings of a loop lasting about 0.2 s. {@code --packed} times the recurrent step's call: op(B) packed once
 * beforehand ({@link MatMul#pack}), A read in place (shapes with a transposed A are skipped). The best (not the mean) because other processes share the cores.
 */
public final class GemmPeak {
    private GemmPeak() {}

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int repeats = 5;
        double warmup = 3;
        boolean scalar = false, packed = false;
        List<Shapes> shapes = Shapes.ALL;
        String shape = null, trans = "NN";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--scalar" -> scalar = true;
                case "--packed" -> packed = true;
                case "--shape" -> shape = args[++i];
                case "--trans" -> trans = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; expected --threads N, --repeats N, --warmup SECONDS, --scalar, --packed, --shape MxNxK, --trans NN|NT|TN|TT");
            }
        }
        if (shape != null) {
            shapes = List.of(Shapes.parse(shape, trans));
        }
        Parallel.setThreads(threads);
        for (Shapes s : shapes) {
            if (packed && s.transA()) continue;
            Shapes.Operands o = s.operands(42);
            boolean sc = scalar;
            MatMul.PackedB pb = packed ? MatMul.pack(s.transB(), s.k(), s.n(), o.b(), 0, o.ldb()) : null;
            Runnable call = () -> {
                if (pb != null) {
                    MatMul.gemm(s.m(), o.a(), 0, o.lda(), pb, o.c(), 0, o.ldc(), false);
                } else if (sc) {
                    MatMul.gemmScalar(s.transA(), s.transB(), s.m(), s.n(), s.k(), o.a(), 0, o.lda(), o.b(), 0,
                            o.ldb(), o.c(), 0, o.ldc(), false);
                } else {
                    MatMul.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), o.a(), 0, o.lda(), o.b(), 0, o.ldb(),
                            o.c(), 0, o.ldc(), false);
                }
            };
            long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
            int iters = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() < warmEnd) {
                call.run();
                iters++;
            }
            double once = (System.nanoTime() - t0) / (double) iters;
            int loop = (int) Math.max(1, 0.2e9 / once);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < loop; i++) {
                    call.run();
                }
                best = Math.min(best, (System.nanoTime() - start) / (double) loop);
            }
            double gflops = 2.0 * s.m() * s.n() * s.k() / best;
            System.out.println(String.format(Locale.ROOT,
                    "{\"shape\": \"%s\", \"trans\": \"%s\", \"impl\": \"%s\", \"threads\": %d, \"gflops\": %.1f, "
                            + "\"us\": %.1f}",
                    s.name(), s.trans(), sc ? "seq4j-scalar" : packed ? "seq4j-packed" : "seq4j", threads, gflops, best / 1e3));
        }
    }
}
