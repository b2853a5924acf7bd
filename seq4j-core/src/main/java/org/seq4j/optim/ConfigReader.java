package org.seq4j.optim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a Keras config map (as a JSON parser gives it: numbers of any boxed type, booleans, lists,
 * nested maps, nulls), remembering which keys were read so that {@link #finish} can refuse the others.
 */
final class ConfigReader {
    private final String what;
    private final Map<String, Object> map;
    private final Set<String> read = new HashSet<>();

    ConfigReader(String what, Map<String, Object> map) {
        this.what = what;
        this.map = map;
    }

    /** The value of {@code key} as it is (null when absent). */
    Object raw(String key) {
        read.add(key);
        return map.get(key);
    }

    /** Whether {@code key} is present (even with a null value). */
    boolean has(String key) {
        return map.containsKey(key);
    }

    /** Marks keys as known and without effect. */
    void ignore(String... keys) {
        for (String k : keys) read.add(k);
    }

    /** Accepts {@code key} only when absent or equal to {@code expected} (numbers compared by value). */
    void requireAbsentOr(String key, Object expected) {
        Object v = raw(key);
        if (v == null || Objects.equals(v, expected)) return;
        if (v instanceof Number n && expected instanceof Number e && n.doubleValue() == e.doubleValue()) return;
        throw new IllegalArgumentException(what + ": `" + key + "` = " + v + " is not supported by seq4j (only "
                + expected + ").");
    }

    double number(String key, double defaultValue) {
        Double v = optionalNumber(key);
        return v == null ? defaultValue : v;
    }

    /** A number that must be present. */
    double requiredNumber(String key) {
        Double v = optionalNumber(key);
        if (v == null) throw missing(key);
        return v;
    }

    /** An integer that must be present. */
    long requiredInteger(String key) {
        if (map.get(key) == null) throw missing(key);
        return integer(key, 0);
    }

    /** A number, or null when the key is absent or null. */
    Double optionalNumber(String key) {
        Object v = raw(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.doubleValue();
        throw wrongType(key, "a number", v);
    }

    /** An integral number (Keras may write {@code 1000} or {@code 1000.0}). */
    long integer(String key, long defaultValue) {
        Object v = raw(key);
        if (v == null) return defaultValue;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 0x1p53) {
            return n.longValue();
        }
        throw wrongType(key, "an integer", v);
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        throw wrongType(key, "a boolean", v);
    }

    /** A list of numbers, or null when absent. */
    List<Double> numbers(String key) {
        Object v = raw(key);
        if (v == null) return null;
        if (!(v instanceof List<?> list)) throw wrongType(key, "a list of numbers", v);
        List<Double> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Number n)) throw wrongType(key, "a list of numbers", v);
            out.add(n.doubleValue());
        }
        return out;
    }

    /** Refuses the keys that were never read. */
    void finish() {
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + ": unrecognized key(s) " + unknown + ". Known keys: "
                    + new TreeSet<>(read) + ".");
        }
    }

    private IllegalArgumentException missing(String key) {
        return new IllegalArgumentException(what + ": missing required key `" + key + "`.");
    }

    private IllegalArgumentException wrongType(String key, String expected, Object got) {
        return new IllegalArgumentException(what + ": `" + key + "` must be " + expected + ", got " + got + " ("
                + got.getClass().getSimpleName() + ").");
    }

    /** {@code value} as a string-keyed map; null stays null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) return null;
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IllegalArgumentException(what + " must be a map, got " + value + " ("
                + value.getClass().getSimpleName() + ").");
    }
}
