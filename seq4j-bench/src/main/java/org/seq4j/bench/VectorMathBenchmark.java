package org.seq4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.seq4j.kernels.VectorMath;

/**
 * Element-wise kernels, Vector-API body vs scalar twin, on one LSTM step's gate block (B x 4H = 128 x 512) and a
 * cache-resident row. Also the Vector API's own {@code lanewise(TANH/EXP)} for comparison with our polynomial.
 *
 * <pre>java -jar seq4j-bench/target/benchmarks.jar VectorMathBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorMathBenchmark {
    @Param({"512", "65536"})
    public int n;

    private float[] x, y, out;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        x = new float[n];
        y = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 16 - 8);
            y[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        // The variants must agree before we time them.
        float[] v = new float[n], s = new float[n];
        VectorMath.tanh(x, 0, v, 0, n);
        VectorMath.tanhScalar(x, 0, s, 0, n);
        check("tanh", v, s, 2e-7);
        VectorMath.sigmoid(x, 0, v, 0, n);
        VectorMath.sigmoidScalar(x, 0, s, 0, n);
        check("sigmoid", v, s, 2e-7);
        java.util.Arrays.fill(v, 1f);
        java.util.Arrays.fill(s, 1f);
        VectorMath.mulAdd(x, 0, y, 0, v, 0, n);
        VectorMath.mulAddScalar(x, 0, y, 0, s, 0, n);
        check("mulAdd", v, s, 0); // same fused operation: bit for bit
        float dv = VectorMath.dot(x, 0, y, 0, n), ds = VectorMath.dotScalar(x, 0, y, 0, n);
        if (Math.abs(dv - ds) > 1e-4 * n) {
            throw new IllegalStateException("dot: vector " + dv + " vs scalar " + ds);
        }
    }

    private static void check(String name, float[] v, float[] s, double tol) {
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i] - s[i]) <= tol)) {
                throw new IllegalStateException(name + " differs at " + i + ": " + v[i] + " vs " + s[i]);
            }
        }
    }

    @Benchmark
    public void tanh(Blackhole bh) {
        VectorMath.tanh(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void tanhScalar(Blackhole bh) {
        VectorMath.tanhScalar(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void tanhLanewise(Blackhole bh) {
        LanewiseTwins.tanh(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void sigmoid(Blackhole bh) {
        VectorMath.sigmoid(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void sigmoidScalar(Blackhole bh) {
        VectorMath.sigmoidScalar(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void sigmoidLanewise(Blackhole bh) {
        LanewiseTwins.sigmoid(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void exp(Blackhole bh) {
        VectorMath.exp(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void expScalar(Blackhole bh) {
        VectorMath.expScalar(x, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void mulAdd(Blackhole bh) {
        VectorMath.mulAdd(x, 0, y, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public void mulAddScalar(Blackhole bh) {
        VectorMath.mulAddScalar(x, 0, y, 0, out, 0, n);
        bh.consume(out);
    }

    @Benchmark
    public float dot() {
        return VectorMath.dot(x, 0, y, 0, n);
    }

    @Benchmark
    public float dotScalar() {
        return VectorMath.dotScalar(x, 0, y, 0, n);
    }
}
