package org.seq4j.tensor;

import java.util.Arrays;

/**
 * A dense, row-major float32 array with a shape. The storage is exposed ({@link #data()}) because kernels work
 * on {@code float[]} + offset + length; a tensor never aliases another one's storage unless made with
 * {@link #reshape}.
 *
 * <p>Shape letters used in comments throughout seq4j: B batch, T time, I input features, H units,
 * V vocabulary, E embedding width, G gates (4 for LSTM, 3 for GRU, 1 for SimpleRNN).
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shape.size(shape)], shape.clone());
    }

    /** Wraps {@code data} (not copied); its length must equal the product of {@code shape}. */
    public static Tensor of(float[] data, int... shape) {
        if (data.length != Shape.size(shape)) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape "
                    + Shape.toString(shape) + " needs " + Shape.size(shape));
        }
        return new Tensor(data, shape.clone());
    }

    /** A scalar (rank 0). */
    public static Tensor scalar(float v) {
        return new Tensor(new float[] {v}, new int[0]);
    }

    /** A tensor filled with {@code v}. */
    public static Tensor full(float v, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, v);
        return t;
    }

    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int size() {
        return data.length;
    }

    /** Element at a full index. */
    public float get(int... index) {
        return data[Shape.offset(shape, index)];
    }

    public void set(float v, int... index) {
        data[Shape.offset(shape, index)] = v;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs exactly one element, tensor has shape " + Shape.toString(shape));
        }
        return data[0];
    }

    /** Same storage, another shape of the same size; one dimension may be -1. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, Shape.infer(newShape, data.length));
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** Sets every element to zero. */
    public void zero() {
        Arrays.fill(data, 0f);
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.toString(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[i]);
        }
        if (data.length > n) sb.append(", ...");
        return sb.append(']').toString();
    }
}
