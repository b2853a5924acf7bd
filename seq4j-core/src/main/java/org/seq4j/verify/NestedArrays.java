package org.seq4j.verify;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.tensor.Tensor;

/** Nested JSON number lists ↔ tensors, for the reference fixtures. */
public final class NestedArrays {
    private NestedArrays() {}

    /** A tensor from nested lists of numbers (shape from the nesting). */
    public static Tensor toTensor(Object nested) {
        List<Integer> shape = new ArrayList<>();
        Object x = nested;
        while (x instanceof List<?> l) {
            shape.add(l.size());
            x = l.isEmpty() ? null : l.get(0);
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        Tensor t = Tensor.zeros(s);
        int[] pos = {0};
        fill(nested, t.data(), pos);
        return t;
    }

    private static void fill(Object x, float[] out, int[] pos) {
        if (x instanceof List<?> l) {
            for (Object o : l) fill(o, out, pos);
        } else if (x instanceof Number n) {
            out[pos[0]++] = n.floatValue();
        } else {
            throw new IllegalArgumentException("expected a number or a list, got " + x);
        }
    }

    /** Doubles (full precision) from nested lists, flattened. */
    public static double[] toDoubles(Object nested) {
        List<Double> out = new ArrayList<>();
        flat(nested, out);
        double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) d[i] = out.get(i);
        return d;
    }

    private static void flat(Object x, List<Double> out) {
        if (x instanceof List<?> l) {
            for (Object o : l) flat(o, out);
        } else if (x instanceof Number n) {
            out.add(n.doubleValue());
        } else {
            throw new IllegalArgumentException("expected a number or a list, got " + x);
        }
    }

    /** max |a − b| over equal-length arrays; a length mismatch is infinite error. */
    public static double maxAbsDiff(float[] a, double[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
