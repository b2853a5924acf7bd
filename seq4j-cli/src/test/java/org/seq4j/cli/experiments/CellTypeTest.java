package org.seq4j.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seq4j.layers.Layer;
import org.seq4j.layers.rnn.RecurrentLayer;

class CellTypeTest {
    @ParameterizedTest
    @EnumSource(CellType.class)
    void parameterFormulaIsTheBuiltLayersCount(CellType cell) {
        for (int units : new int[] {1, 7, 32}) {
            RecurrentLayer<?> l = cell.newLayer(units);
            l.build(List.of(new int[] {Layer.NONE, Layer.NONE, AddingProblem.FEATURES}));
            assertEquals(l.countParams(), cell.params(units, AddingProblem.FEATURES), cell + "(" + units + ")");
            assertTrue(l.returnState());
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void matchedUnitsAreTheClosestParameterCount(CellType cell) {
        long target = CellType.LSTM.params(32, 2);
        int u = cell.unitsMatching(32, 2);
        long best = Math.abs(cell.params(u, 2) - target);
        assertTrue(Math.abs(cell.params(u - 1, 2) - target) >= best && Math.abs(cell.params(u + 1, 2) - target) >= best,
                cell + ": " + u + " units");
        if (cell == CellType.LSTM) assertEquals(32, u);
    }
}
