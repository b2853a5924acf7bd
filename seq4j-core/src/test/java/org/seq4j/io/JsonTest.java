package org.seq4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void parsesEveryTypeInDocumentOrder() {
        Map<String, Object> m = Json.parseObject(" {\"z\": 1, \"a\": [true, false, null, \"s\\u00e9\\n\"], \"f\": -2.5e3, \"o\": {}}\n");
        assertEquals(List.of("z", "a", "f", "o"), new ArrayList<>(m.keySet()));
        assertEquals(1L, m.get("z"));
        assertEquals(Arrays.asList(true, false, null, "s\u00e9\n"), m.get("a"));
        assertEquals(-2500.0, m.get("f"));
        assertEquals(Map.of(), m.get("o"));
        assertInstanceOf(LinkedHashMap.class, m);
    }

    @Test
    void integersAreLongsOtherNumbersDoubles() {
        assertEquals(3L, Json.parse("3"));
        assertEquals(-0L, Json.parse("-0"));
        assertEquals(3.0, Json.parse("3.0"));
        assertEquals(1000.0, Json.parse("1e3"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(0.1, Json.parse("0.1"));
        assertEquals(Double.MIN_VALUE, Json.parse("4.9E-324"));
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1e400"), "overflow follows Double.parseDouble");
    }

    @Test
    void surrogatePairsAndEscapes() {
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\uD83D\uDE00\""));
        assertEquals("/\"\\\b\f\n\r\t", Json.parse("\"\\/\\\"\\\\\\b\\f\\n\\r\\t\""));
    }

    @Test
    void errorsGiveLineColumnAndWhatWasExpected() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertEquals("line 3, column 7: expected ':' after object key, found '2'", e.getMessage());

        assertError("[1, 2,]", 1, 7, "expected a value");
        assertError("{\"a\": 1,}", 1, 9, "expected a string key");
        assertError("[1 2]", 1, 4, "expected ',' or ']' after an array element, found '2'");
        assertError("{\"a\": NaN}", 1, 7, "expected a value (object, array, string, number, true, false or null), found 'N'");
        assertError("[Infinity]", 1, 2, "expected a value");
        assertError("[-Infinity]", 1, 3, "expected a digit");
        assertError("012", 1, 2, "expected no leading zeros");
        assertError("1.", 1, 3, "expected a digit after the decimal point, found end of input");
        assertError("1e", 1, 3, "expected a digit in the exponent");
        assertError("// comment\n1", 1, 1, "expected a value");
        assertError("{'a': 1}", 1, 2, "expected a string key, found '''");
        assertError("\"tab\there\"", 1, 5, "raw control character in a string, found character U+0009");
        assertError("\"open", 1, 6, "expected '\"' to close the string, found end of input");
        assertError("\"\\x\"", 1, 3, "after '\\'");
        assertError("\"\\u12g4\"", 1, 6, "expected 4 hex digits after \\u, found 'g'");
        assertError("{} {}", 1, 4, "expected end of input after the JSON value, found '{'");
        assertError("", 1, 1, "expected a value, found end of input");
        assertError("tru", 1, 1, "did you mean true?");
        assertError("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\"");
        assertError("[".repeat(Json.MAX_DEPTH + 1), 1, Json.MAX_DEPTH + 1, "expected at most 512 nested arrays/objects");
        assertEquals(Json.MAX_DEPTH, depth(Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))));
    }

    private static int depth(Object v) {
        return v instanceof List<?> l ? 1 + (l.isEmpty() ? 0 : depth(l.get(0))) : 0;
    }

    private static void assertError(String text, int line, int column, String fragment) {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text), text);
        assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should contain " + fragment);
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherTopLevelValues() {
        assertTrue(assertThrows(Json.ParseException.class, () -> Json.parseObject("[1]")).getMessage()
                .contains("expected a JSON object at the top level, found an array"));
    }

    @Test
    void writesIndentedAndCompact() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "lstm");
        m.put("units", 128);
        m.put("dropout", 0.1);
        m.put("empty", List.of());
        m.put("none", null);
        m.put("nested", Map.of("k", List.of(1L, 2.5f, true)));
        assertEquals("{\"name\":\"lstm\",\"units\":128,\"dropout\":0.1,\"empty\":[],\"none\":null,\"nested\":{\"k\":[1,2.5,true]}}",
                Json.write(m));
        assertEquals("""
                {
                  "name": "lstm",
                  "units": 128,
                  "dropout": 0.1,
                  "empty": [],
                  "none": null,
                  "nested": {
                    "k": [
                      1,
                      2.5,
                      true
                    ]
                  }
                }""", Json.write(m, 2));
    }

    @Test
    void writesEscapesAndLoneSurrogates() {
        assertEquals("\"q\\\" b\\\\ \\n\\r\\t\\b\\f \\u0001 \\u001f / \u00e9 \uD83D\uDE00 \\ud800 \\udc00x\"",
                Json.write("q\" b\\ \n\r\t\b\f \u0001 \u001f / \u00e9 \uD83D\uDE00 \uD800 \uDC00x"));
        assertEquals("\uD800", Json.parse(Json.write("\uD800")));
    }

    @Test
    void nonFiniteNumbersNameTheirPath() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", List.of(Map.of("units", 4), Map.of("lr", Double.NaN)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(config));
        assertEquals("cannot write the non-finite number NaN at $.layers[1].lr: JSON has no NaN or Infinity", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.NEGATIVE_INFINITY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2))).getMessage()
                .contains("keys must be strings"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object()))).getMessage()
                .contains("at $[0]"));
    }

    @Test
    void doublesAndFloatsRoundTrip() {
        double[] doubles = {0.1, 1e-5, 1.0 / 3, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 123456789.125, 1e21, 5e-324};
        for (double d : doubles) {
            assertEquals(d, (Double) Json.parse(Json.write(d)), Json.write(d));
        }
        assertEquals("0.1", Json.write(0.1f));
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(d)) continue;
            assertEquals(d, (Double) Json.parse(Json.write(d)));
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) continue;
            assertEquals(f, ((Double) Json.parse(Json.write(f))).floatValue());
        }
    }

    /** Random documents: ours → Jackson and Jackson → ours must describe the same values. */
    @Test
    void agreesWithJacksonOnRandomDocuments() throws Exception {
        Random r = new Random(20240601);
        for (int i = 0; i < 300; i++) {
            Object doc = randomValue(r, 0);
            for (int indent : new int[] {0, 2}) {
                String ours = Json.write(doc, indent);
                assertSame(doc, JACKSON.readValue(ours, Object.class), ours);
                assertSame(doc, Json.parse(ours), ours);
            }
            String theirs = JACKSON.writeValueAsString(doc);
            assertSame(doc, Json.parse(theirs), theirs);
            String pretty = JACKSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
            assertSame(doc, Json.parse(pretty), pretty);
        }
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return r.nextInt(3) == 0 ? (long) r.nextInt(100) : r.nextLong();
            case 3: {
                double d = r.nextBoolean() ? r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20) : Double.longBitsToDouble(r.nextLong());
                return Double.isFinite(d) ? d : 0.5;
            }
            case 4: return r.nextFloat() * 100 - 50;
            case 5: return randomString(r);
            case 6: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) list.add(randomValue(r, depth + 1));
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) map.put(randomString(r), randomValue(r, depth + 1));
                return map;
            }
        }
    }

    private static String randomString(Random r) {
        String alphabet = "ab_Z09 \"\\/\n\t\u0000\u001f\u007f\u00e9\u4e2d\u2028";
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            if (r.nextInt(10) == 0) sb.append("\uD83D\uDE00");
            else sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Same JSON value: same keys in the same order, integers equal whatever their boxed type, doubles equal, and a
     * written float read back as a double that casts to the same float.
     */
    private static void assertSame(Object expected, Object actual, String text) {
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = assertInstanceOf(Map.class, actual, text);
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), text);
            e.forEach((k, v) -> assertSame(v, a.get(k), text));
        } else if (expected instanceof List<?> e) {
            List<?> a = assertInstanceOf(List.class, actual, text);
            assertEquals(e.size(), a.size(), text);
            for (int i = 0; i < e.size(); i++) assertSame(e.get(i), a.get(i), text);
        } else if (expected instanceof Integer || expected instanceof Long) {
            assertTrue(actual instanceof Integer || actual instanceof Long, text);
            assertEquals(((Number) expected).longValue(), ((Number) actual).longValue(), text);
        } else if (expected instanceof Float f) {
            assertEquals(f, ((Double) actual).floatValue(), text);
        } else {
            assertEquals(expected, actual, text);
        }
    }

    @Test
    void floatsReadBackAsTheSameFloat() {
        Object back = Json.parse(Json.write(List.of(0.1f, 3.4028235e38f, 1.4e-45f)));
        assertEquals(List.of(0.1f, 3.4028235e38f, 1.4e-45f),
                ((List<?>) back).stream().map(d -> ((Double) d).floatValue()).toList());
        assertNull(Json.parse("null"));
    }
}
