package org.seq4j.tensor;

/** Static helpers for shapes given as {@code int[]}. */
public final class Shape {
    private Shape() {}

    /** Number of elements; rejects negative dimensions. */
    public static int size(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Row-major offset of {@code index} in {@code shape}, bounds-checked. */
    public static int offset(int[] shape, int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for shape " + toString(shape));
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + java.util.Arrays.toString(index) + " out of bounds for shape " + toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** Resolves one -1 entry so that the shape has {@code size} elements. */
    public static int[] infer(int[] shape, int size) {
        int[] s = shape.clone();
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("more than one -1 in shape " + toString(shape));
                unknown = i;
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) throw new IllegalArgumentException("cannot reshape " + size + " elements to " + toString(shape));
            s[unknown] = size / known;
        }
        if (size(s) != size) throw new IllegalArgumentException("cannot reshape " + size + " elements to " + toString(shape));
        return s;
    }

    /** Python-tuple style, as Keras prints shapes: {@code (2, 3)}, {@code (5,)}, {@code ()}. */
    public static String toString(int... shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }
}
