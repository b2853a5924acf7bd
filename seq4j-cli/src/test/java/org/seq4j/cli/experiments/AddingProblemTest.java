package org.seq4j.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddingProblemTest {
    @Test
    void exactlyOneMarkerInEachHalfAndTheTargetIsTheirSum() {
        int n = 200, len = 11; // odd: halves [0, 5) and [5, 11)
        AddingProblem.Batch b = AddingProblem.sample(n, len, new SplittableRandom(1));
        assertArrayEquals(new int[] {n, len, 2}, b.x().shape());
        assertArrayEquals(new int[] {n, 1}, b.y().shape());
        float[] x = b.x().data();
        for (int r = 0; r < n; r++) {
            int first = 0, second = 0;
            double sum = 0;
            for (int t = 0; t < len; t++) {
                float value = x[(r * len + t) * 2];
                float marker = x[(r * len + t) * 2 + 1];
                assertTrue(value >= 0 && value < 1, "value " + value);
                assertTrue(marker == 0 || marker == 1, "marker " + marker);
                if (marker == 1) {
                    if (t < len / 2) first++;
                    else second++;
                    sum += value;
                }
            }
            assertEquals(1, first, "markers in the first half of row " + r);
            assertEquals(1, second, "markers in the second half of row " + r);
            assertEquals(sum, b.y().data()[r], 1e-6);
        }
    }

    @Test
    void predictingOneScoresTheBaseline() {
        AddingProblem.Batch b = AddingProblem.sample(200_000, 4, new SplittableRandom(2));
        double mse = 0;
        for (float y : b.y().data()) mse += (y - 1.0) * (y - 1.0);
        mse /= 200_000;
        assertEquals(AddingProblem.BASELINE_MSE, mse, 0.002); // σ of the estimate ≈ 0.0005
    }

    @Test
    void sameStreamSameSequences() {
        AddingProblem.Batch a = AddingProblem.sample(5, 20, new SplittableRandom(9));
        AddingProblem.Batch b = AddingProblem.sample(5, 20, new SplittableRandom(9));
        assertArrayEquals(a.x().data(), b.x().data());
        assertArrayEquals(a.y().data(), b.y().data());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> AddingProblem.sample(0, 10, new SplittableRandom(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddingProblem.sample(3, 1, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("`length`") && e.getMessage().contains("got 1"), e.getMessage());
    }
}
