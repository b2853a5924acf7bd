package org.seq4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.seq4j.kernels.MatMul;
import org.seq4j.kernels.Parallel;

/**
 * {@link MatMul#gemm} (Vector API, {@code threads} threads) vs {@link MatMul#gemmScalar} over the shapes of
 * {@link Shapes#ALL}. GFLOP/s = 2 m n k / time. The scalar twin is slow on the large shapes: select with
 * {@code -p shape=...} or {@code MatMulBenchmark.vector}.
 *
 * <pre>java -jar seq4j-bench/target/benchmarks.jar MatMulBenchmark -p threads=2</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MatMulBenchmark {
    /** m x n x k / transposes, as in {@link Shapes#ALL}. */
    @Param({"512x512x512/NN", "1024x1024x1024/NN", "2048x2048x2048/NN", "128x512x192/NN", "128x512x128/NN",
            "128x512x384/NN", "128x192x512/NT", "128x128x512/NT", "192x512x25600/TN", "128x512x25600/TN"})
    public String shape;

    @Param({"2"})
    public int threads;

    private Shapes s;
    private Shapes.Operands o;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("/");
        s = Shapes.parse(parts[0], parts[1]);
        o = s.operands(7);
        Parallel.setThreads(threads);
        // The variants must agree before we time them: both are the same fma chain per element, so bit for bit.
        // (Checked on a corner of the shape with the same transposes: the scalar twin takes seconds on 2048^3.)
        Shapes small = new Shapes(Math.min(s.m(), 67), Math.min(s.n(), 131), Math.min(s.k(), 300), s.trans());
        Shapes.Operands so = small.operands(3);
        float[] viaVector = so.c().clone(), viaScalar = so.c().clone();
        MatMul.gemm(small.transA(), small.transB(), small.m(), small.n(), small.k(), so.a(), 0, so.lda(), so.b(), 0,
                so.ldb(), viaVector, 0, so.ldc(), false);
        MatMul.gemmScalar(small.transA(), small.transB(), small.m(), small.n(), small.k(), so.a(), 0, so.lda(),
                so.b(), 0, so.ldb(), viaScalar, 0, so.ldc(), false);
        if (!java.util.Arrays.equals(viaVector, viaScalar)) {
            throw new IllegalStateException("gemm and gemmScalar disagree on " + small);
        }
    }

    @Benchmark
    public void vector(Blackhole bh) {
        MatMul.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), o.a(), 0, o.lda(), o.b(), 0, o.ldb(), o.c(), 0,
                o.ldc(), false);
        bh.consume(o.c());
    }

    @Benchmark
    public void scalar(Blackhole bh) {
        MatMul.gemmScalar(s.transA(), s.transB(), s.m(), s.n(), s.k(), o.a(), 0, o.lda(), o.b(), 0, o.ldb(), o.c(),
                0, o.ldc(), false);
        bh.consume(o.c());
    }
}
