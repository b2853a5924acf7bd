package org.seq4j.train;

import java.util.List;
import java.util.Map;

/** Typed reads from parsed JSON config maps, with errors that name the key. */
public final class ConfigReader {
    private ConfigReader() {}

    public static Object require(Map<String, Object> c, String key) {
        if (!c.containsKey(key)) throw new IllegalArgumentException("config is missing \"" + key + "\" (has " + c.keySet() + ")");
        return c.get(key);
    }

    public static int integer(Map<String, Object> c, String key) {
        Object v = require(c, key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("config \"" + key + "\" must be an integer, got " + v);
        }
        return n.intValue();
    }

    public static double number(Map<String, Object> c, String key) {
        Object v = require(c, key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("config \"" + key + "\" must be a number, got " + v);
        return n.doubleValue();
    }

    public static double number(Map<String, Object> c, String key, double dflt) {
        return c.get(key) == null ? dflt : number(c, key);
    }

    public static boolean bool(Map<String, Object> c, String key, boolean dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw new IllegalArgumentException("config \"" + key + "\" must be true or false, got " + v);
        return b;
    }

    /** A string, or null when absent. */
    public static String string(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v != null && !(v instanceof String)) throw new IllegalArgumentException("config \"" + key + "\" must be a string, got " + v);
        return (String) v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> c, String key) {
        Object v = require(c, key);
        if (!(v instanceof Map)) throw new IllegalArgumentException("config \"" + key + "\" must be an object, got " + v);
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> c, String key) {
        Object v = require(c, key);
        if (!(v instanceof List)) throw new IllegalArgumentException("config \"" + key + "\" must be a list, got " + v);
        return (List<Object>) v;
    }
}
