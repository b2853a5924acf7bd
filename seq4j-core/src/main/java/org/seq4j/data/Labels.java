package org.seq4j.data;

import java.util.Objects;

/**
 * The targets of a {@link TokenSequences} or of a {@link Batch}: switch over the three cases.
 *
 * <pre>{@code
 * switch (batch.labels()) {
 *     case Labels.Binary b -> bce(logits, b.values());             // (B) 0 or 1
 *     case Labels.Classes c -> sparseCce(logits, c.values());      // (B) in [0, numClasses)
 *     case Labels.None n -> { }                                     // predict only
 * }
 * }</pre>
 */
public sealed interface Labels permits Labels.Binary, Labels.Classes, Labels.None {

    /** Number of rows labeled ({@code -1} for {@link None}, which fits any size). */
    int size();

    /** The labels of {@code rows}, in that order. */
    Labels select(int[] rows);

    /** Binary targets for a sigmoid output: one float per row, 0 or 1 (soft labels in [0, 1] allowed). */
    record Binary(float[] values) implements Labels {
        public Binary {
            Objects.requireNonNull(values, "values");
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] >= 0f && values[i] <= 1f)) {
                    throw new IllegalArgumentException("Received an invalid value for binary label " + i
                            + ", expected a number in [0, 1], got " + values[i] + ".");
                }
            }
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Binary select(int[] rows) {
            float[] out = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Binary(out);
        }
    }

    /** Class indices for a softmax output: one int per row in {@code [0, numClasses)}. */
    record Classes(int[] values, int numClasses) implements Labels {
        public Classes {
            Objects.requireNonNull(values, "values");
            if (numClasses < 2) {
                throw new IllegalArgumentException("Received an invalid value for argument `numClasses`, expected "
                        + "an integer >= 2, got " + numClasses + ".");
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] >= numClasses) {
                    throw new IllegalArgumentException("Received an invalid value for class label " + i
                            + ", expected an integer in [0, " + numClasses + "), got " + values[i] + ".");
                }
            }
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Classes select(int[] rows) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Classes(out, numClasses);
        }
    }

    /** No targets (inference). */
    record None() implements Labels {
        @Override
        public int size() {
            return -1;
        }

        @Override
        public None select(int[] rows) {
            return this;
        }
    }
}
