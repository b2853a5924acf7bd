import java.net.*;
import java.nio.file.*;
import java.util.*;

/**
 * Interleaved pairs: two builds of seq4j loaded side by side in one JVM (one class loader each), each running a round
 * of {@link Harness} (training steps, or predict) alternately for SECONDS after two warm-up rounds; prints both
 * medians and minima and the median (and quartiles) of the per-pair ratios B/A, which the host's drift cannot fake.
 * With -Dseq4j.phases=true also each build's milliseconds per round in each phase; -DmodelB=SPEC gives B another model.
 */
public class AB {
    public static void main(String[] a) throws Exception {
        String jarA = a[0], jarB = a[1], model = a[2];
        double seconds = Double.parseDouble(a[3]);
        int[] lens = Arrays.stream(a[4].split(",")).mapToInt(Integer::parseInt).toArray();
        boolean predict = a.length > 5 && a[5].equals("predict");
        String modelB = System.getProperty("modelB", model);
        Runnable ra = load(jarA, model, lens, predict), rb = load(jarB, modelB, lens, predict);
        for (int i = 0; i < 2; i++) { ra.run(); rb.run(); }
        List<Double> ta = new ArrayList<>(), tb = new ArrayList<>(), ratio = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            boolean aFirst = (i++ % 2) == 0;
            double x = 0, y = 0;
            if (aFirst) { x = time(ra); y = time(rb); } else { y = time(rb); x = time(ra); }
            ta.add(x); tb.add(y); ratio.add(y / x);
        }
        if (Boolean.getBoolean("seq4j.phases")) {
            System.out.println("A phases ms/round: " + phases(ra, ta.size() + 2));
            System.out.println("B phases ms/round: " + phases(rb, tb.size() + 2));
        }
        System.out.printf(Locale.ROOT, "A=%s%nB=%s%n%s pairs=%d  A median %.1f min %.1f | B median %.1f min %.1f ms | B/A median %.3f  (q1 %.3f q3 %.3f)%n",
                jarA, jarB, model, ta.size(), med(ta), Collections.min(ta), med(tb), Collections.min(tb), med(ratio), q(ratio, 0.25), q(ratio, 0.75));
    }
    static String phases(Runnable r, int rounds) throws Exception {
        Class<?> p = r.getClass().getClassLoader().loadClass("org.seq4j.kernels.Phases");
        @SuppressWarnings("unchecked") Map<String, Double> m = (Map<String, Double>) p.getMethod("millis").invoke(null);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v / rounds)).append(' '));
        return sb.toString();
    }
    static double time(Runnable r) { long t0 = System.nanoTime(); r.run(); return (System.nanoTime() - t0) / 1e6; }
    static double med(List<Double> x) { return q(x, 0.5); }
    static double q(List<Double> x, double f) { List<Double> s = new ArrayList<>(x); Collections.sort(s); return s.get((int) Math.min(s.size() - 1, Math.round(f * (s.size() - 1)))); }
    static Runnable load(String jar, String model, int[] lens, boolean predict) throws Exception {
        URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(System.getProperty("ab.classes", ".")).toUri().toURL(), Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> h = cl.loadClass("Harness");
        return (Runnable) h.getMethod("setup", String.class, int[].class, boolean.class).invoke(null, model, lens, predict);
    }
}
