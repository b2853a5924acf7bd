package org.seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyFormatTest {
    @Test
    void tiesRoundHalfToEvenOnTheExactBinaryValue() {
        assertEquals("0", PyFormat.fixed(0.5, 0));
        assertEquals("2", PyFormat.fixed(1.5, 0));
        assertEquals("2", PyFormat.fixed(2.5, 0));
        assertEquals("-2", PyFormat.fixed(-2.5, 0));
        assertEquals("0.12", PyFormat.fixed(0.125, 2));
        assertEquals("0.38", PyFormat.fixed(0.375, 2));
        // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875: not a tie.
        assertEquals("2.67", PyFormat.fixed(2.675, 2));
        assertEquals("2e+00", PyFormat.scientific(2.5, 0));
    }

    @Test
    void float32MetricsWidenedToDouble() {
        // float32 0.11115f is 0.11114999651…, just below the tie: down; its successor 0.11115000396… is above: up.
        float below = 0.11115f;
        assertEquals("0.1111", PyFormat.fixed(below, 4));
        assertEquals("0.1112", PyFormat.fixed(Math.nextUp(below), 4));
        // The float32 and the double nearest a tie can fall on different sides: 0.00015f is 1.50000007e-4 (up),
        // the double 0.00015 is 1.4999999999999999e-4 (down); 0.99995f is 0.99994999… (down), the double is above.
        assertEquals("0.0002", PyFormat.fixed(0.00015f, 4));
        assertEquals("0.0001", PyFormat.fixed(0.00015, 4));
        assertEquals("0.9999", PyFormat.fixed(0.99995f, 4));
        assertEquals("1.0000", PyFormat.fixed(0.99995, 4));
        // 0.5f and 2.5f are exact ties for %.0f, their neighbours are not.
        assertEquals("0", PyFormat.fixed(0.5f, 0));
        assertEquals("1", PyFormat.fixed(Math.nextUp(0.5f), 0));
        assertEquals("2", PyFormat.fixed(Math.nextDown(2.5f), 0));
        assertEquals("3", PyFormat.fixed(Math.nextUp(2.5f), 0));
        assertEquals("0.1143", PyFormat.fixed(0.1143f, 4));
        assertEquals("1.1115e-01", PyFormat.scientific(below, 4));
    }

    @Test
    void pythonExponentFormat() {
        assertEquals("1.2346e-04", PyFormat.scientific(1.23456e-4, 4));
        assertEquals("1.0000e+01", PyFormat.scientific(9.99995, 4)); // rounding carries into the exponent
        assertEquals("1.0000e+300", PyFormat.scientific(1e300, 4));
        assertEquals("4.9407e-324", PyFormat.scientific(Double.MIN_VALUE, 4));
        assertEquals("1e+04", PyFormat.scientific(12345, 0));
        assertEquals("0.0000e+00", PyFormat.scientific(0, 4));
    }

    @Test
    void specialValuesAndSignedZero() {
        assertEquals("nan", PyFormat.fixed(Double.NaN, 4));
        assertEquals("nan", PyFormat.scientific(Double.longBitsToDouble(0xfff8000000000000L), 4));
        assertEquals("inf", PyFormat.fixed(Double.POSITIVE_INFINITY, 4));
        assertEquals("-inf", PyFormat.scientific(Double.NEGATIVE_INFINITY, 4));
        assertEquals("-0.0000", PyFormat.fixed(-0.0, 4));
        assertEquals("-0.0000", PyFormat.fixed(-0.00001, 4));
        assertEquals("-0.0000e+00", PyFormat.scientific(-0.0, 4));
        assertEquals("-0", PyFormat.fixed(-0.4, 0));
    }

    @Test
    void groupedThousands() {
        assertEquals("0", PyFormat.grouped(0));
        assertEquals("999", PyFormat.grouped(999));
        assertEquals("1,000", PyFormat.grouped(1000));
        assertEquals("1,232,129", PyFormat.grouped(1232129));
        assertEquals("-1,234,567", PyFormat.grouped(-1234567));
        assertEquals("9,223,372,036,854,775,807", PyFormat.grouped(Long.MAX_VALUE));
    }

    @Test
    void rejectsNegativeDecimals() {
        assertThrows(IllegalArgumentException.class, () -> PyFormat.fixed(1, -1));
    }

    /** 1,600+ cases printed by CPython 3 (see pyformat-cases.py next to the table). */
    @Test
    void matchesCPythonReferenceTable() throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PyFormatTest.class.getResourceAsStream("pyformat-cases.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
                int decimals = Integer.parseInt(f[1].substring(1, f[1].length() - 1));
                String actual = f[1].endsWith("f") ? PyFormat.fixed(x, decimals) : PyFormat.scientific(x, decimals);
                count++;
                if (!actual.equals(f[2]) && failures.size() < 10) {
                    failures.add("'%" + f[1] + "' % " + x + ": expected " + f[2] + ", got " + actual);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(true, count > 1500, "reference table read");
    }
}
