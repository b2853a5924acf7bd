import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Does a matrix product slow down once other products have run in the same JVM? Times product TARGET (GFLOP/s,
 * quartiles of the calls over SECONDS) after running the products OTHERS in turn for WARM seconds ("-" for none).
 * C2 compiles a shared loop for the branch profile it has seen, so a product that runs fast alone can run slower in
 * a training process that also runs other shapes and layouts through the same kernel; comparing "-" with the
 * others shows it (this is how the weight product's "in-place loss" was found: BENCHMARKS.md).
 *
 * <pre>
 *   javac -d /tmp/jp tools/ab/JitProfile.java
 *   java --add-modules jdk.incubator.vector -cp /tmp/jp JitProfile seq4j-cli/target/seq4j.jar 2 - 4 4
 *   java --add-modules jdk.incubator.vector -cp /tmp/jp JitProfile seq4j-cli/target/seq4j.jar 2 0,1,3,5 4 4
 * </pre>
 * Products (imdb-lstm's and the stacked model's shapes): 0 forward step h̃·U (A in place, B packed, 128 × 512 × 128),
 * 1 backward step dA·Uᵀ (128 × 128 × 512), 2 the weight product H̃ᵀ·dA (long k: 128 × 512 × 4,096, A packed),
 * 3 an NT product (128 × 128 × 512), 4 the stacked second layer's weight product (384 × 512 × 4,096), 5 a partial
 * step (37 rows), 6 the stacked second layer's step [x̃ | h̃]·[W; U] (128 × 512 × 384), 7 dX̃ = dA·Wᵀ (4,096 × 256 ×
 * 512). Add -Dseq4j.threads=1 for the Bidirectional directions' single-threaded products.
 */
public class JitProfile {
    private final Method gemm, gemmPacked;
    private final Object u, ut, wu;
    private final float[] a = new float[4096 * 384], b = new float[4096 * 512];
    private final float[] x = new float[512 * 512], y = new float[512 * 512], z = new float[512 * 512];
    private final float[] w = new float[384 * 512];

    private JitProfile(String jar) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> mm = cl.loadClass("org.seq4j.kernels.MatMul");
        Class<?> packedB = cl.loadClass("org.seq4j.kernels.MatMul$PackedB");
        gemm = mm.getMethod("gemm", boolean.class, boolean.class, int.class, int.class, int.class, float[].class,
                int.class, int.class, float[].class, int.class, int.class, float[].class, int.class, int.class,
                boolean.class);
        gemmPacked = mm.getMethod("gemm", int.class, float[].class, int.class, int.class, packedB, float[].class,
                int.class, int.class, boolean.class);
        Method pack = mm.getMethod("pack", boolean.class, int.class, int.class, float[].class, int.class, int.class);
        Random r = new Random(1);
        for (float[] f : new float[][] {a, b, x, y}) {
            for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian() * 0.1f;
        }
        u = pack.invoke(null, false, 128, 512, y, 0, 512);
        ut = pack.invoke(null, true, 512, 128, y, 0, 512);
        wu = pack.invoke(null, false, 384, 512, y, 0, 512);
    }

    /** m, n, k of each product. */
    private static final long[][] SHAPES = {{128, 512, 128}, {128, 128, 512}, {128, 512, 4096}, {128, 128, 512},
            {384, 512, 4096}, {37, 512, 128}, {128, 512, 384}, {4096, 256, 512}};

    /** Runs product {@code id} once; returns its floating-point operations. */
    private long run(int id) throws Exception {
        switch (id) {
            case 0 -> gemmPacked.invoke(null, 128, x, 0, 128, u, z, 0, 512, true);
            case 1 -> gemmPacked.invoke(null, 128, x, 0, 512, ut, z, 0, 128, true);
            case 2 -> gemm.invoke(null, true, false, 128, 512, 4096, a, 0, 128, b, 0, 512, z, 0, 512, true);
            case 3 -> gemm.invoke(null, false, true, 128, 128, 512, x, 0, 512, y, 0, 512, z, 0, 128, false);
            case 4 -> gemm.invoke(null, true, false, 384, 512, 4096, a, 0, 384, b, 0, 512, w, 0, 512, true);
            case 5 -> gemmPacked.invoke(null, 37, x, 0, 128, u, z, 0, 512, false);
            case 6 -> gemmPacked.invoke(null, 128, x, 0, 384, wu, z, 0, 512, false);
            case 7 -> gemm.invoke(null, false, true, 4096, 256, 512, b, 0, 512, y, 0, 512, a, 0, 256, false);
            default -> throw new IllegalArgumentException("no product " + id + "; expected 0-7");
        }
        return 2 * SHAPES[id][0] * SHAPES[id][1] * SHAPES[id][2];
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JitProfile JAR TARGET OTHERS|- WARM_SECONDS SECONDS");
            System.exit(2);
        }
        JitProfile p = new JitProfile(args[0]);
        int target = Integer.parseInt(args[1]);
        int[] others = args[2].equals("-") ? new int[0]
                : Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        long warmEnd = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
        for (int i = 0; others.length > 0 && System.nanoTime() < warmEnd; i++) p.run(others[i % others.length]);
        List<Double> gflops = new ArrayList<>();
        long end = System.nanoTime() + (long) (Double.parseDouble(args[4]) * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            long flops = p.run(target);
            gflops.add(flops / (double) (System.nanoTime() - t0));
        }
        Collections.sort(gflops);
        System.out.printf(Locale.ROOT, "product %d after %s: %d calls, GFLOP/s q1 %.1f median %.1f q3 %.1f%n", target,
                args[2], gflops.size(), q(gflops, 0.25), q(gflops, 0.5), q(gflops, 0.75));
    }

    private static double q(List<Double> sorted, double f) {
        return sorted.get((int) (f * (sorted.size() - 1)));
    }
}
