package org.seq4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Mask;

/** The packed plan: which rows run at each step, and which input step each packed row reads. */
class ScheduleTest {
    @Test
    void sortedRightPaddingRunsTheMasksActivePrefixAtEveryStep() {
        Mask m = Mask.fromLengths(6, 6, 4, 4, 1, 0);
        assertTrue(m.isSortedDescending());
        Schedule sc = Schedule.of(5, 6, m, false);
        assertTrue(sc.identityOrder);
        assertEquals(6, sc.slots);
        assertEquals(15, sc.rows); // padded steps cost nothing
        for (int t = 0; t < sc.slots; t++) assertEquals(m.activeRows(t), sc.active[t], "step " + t);
        // slot 1 holds step 1 of rows 0, 1, 2
        assertArrayEquals(new int[] {0 * 6 + 1, 1 * 6 + 1, 2 * 6 + 1}, java.util.Arrays.copyOfRange(sc.source, sc.offset[1], sc.offset[2]));
        assertEquals(-1, sc.lastRow(4));
        assertEquals(sc.offset[3] + 1, sc.lastRow(1));
    }

    @Test
    void unsortedRowsAreSortedStablyByLength() {
        Schedule sc = Schedule.of(4, 5, Mask.fromLengths(5, 2, 5, 2, 3), false);
        assertArrayEquals(new int[] {1, 3, 0, 2}, sc.order);
        assertArrayEquals(new int[] {5, 3, 2, 2}, sc.length);
        assertArrayEquals(new int[] {4, 4, 2, 1, 1}, sc.active);
    }

    @Test
    void goBackwardsReadsEachRowsRealStepsFromItsLast() {
        Schedule sc = Schedule.of(2, 4, Mask.fromLengths(4, 4, 2), true);
        // slot 0: row 0 at t = 3, row 1 at t = 1 (its last real step, not the padding)
        assertEquals(0 * 4 + 3, sc.source[sc.offset[0]]);
        assertEquals(1 * 4 + 1, sc.source[sc.offset[0] + 1]);
        assertEquals(1 * 4 + 0, sc.source[sc.offset[1] + 1]);
        assertEquals(0 * 4 + 0, sc.source[sc.offset[3]]);
    }

    @Test
    void aGeneralMaskRunsTheRealStepsOnly() {
        boolean[] v = {false, true, false, true, true, true, false, false};
        Schedule sc = Schedule.of(2, 4, new Mask(2, 4, v), false);
        assertEquals(4, sc.rows);
        assertArrayEquals(new int[] {1, 3}, new int[] {sc.timeOf(sc.offset[0]), sc.timeOf(sc.offset[1])}); // row 0
        assertEquals(2, sc.slots);
        assertThrows(IllegalArgumentException.class, () -> Schedule.of(3, 4, new Mask(2, 4, v), false));
    }

    @Test
    void noMaskIsEveryStepOfEveryRow() {
        Schedule sc = Schedule.of(3, 2, null, false);
        assertEquals(6, sc.rows);
        assertArrayEquals(new int[] {0, 2, 4, 1, 3, 5}, sc.source);
    }
}
