package org.seq4j.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer for model configs and safetensors headers.
 *
 * <p>Reading maps JSON to plain Java values:
 * <ul>
 *   <li>object → {@code LinkedHashMap<String, Object>} in document order; a duplicate key is an error;</li>
 *   <li>array → {@code ArrayList<Object>};</li>
 *   <li>string → {@code String};</li>
 *   <li>number → {@code Long} if written without fraction or exponent and within the long range (so
 *       {@code 3} is a {@code Long}), otherwise {@code Double} ({@code 3.0}, {@code 1e3}, and integers too big
 *       for a long, which lose precision as in JavaScript);</li>
 *   <li>{@code true}/{@code false} → {@code Boolean}; {@code null} → {@code null}.</li>
 * </ul>
 * Anything outside the grammar (comments, trailing commas, {@code NaN}, leading zeros, single quotes, raw
 * control characters in strings, content after the value) is rejected with a {@link ParseException} giving the
 * line, the column and what was expected.
 *
 * <p>Writing accepts the same types plus any {@link Map} with string keys, any {@link Collection}, and the other
 * {@link Number}s ({@code Integer}, {@code Float}, {@code BigDecimal}, …). Doubles are written in their shortest
 * round-trip form ({@link Double#toString}: {@code 0.1}, {@code 1.0E-5}) and floats in theirs, so reading gives
 * back the same double, or a double that casts back to the same float. Non-finite numbers are refused with an
 * {@link IllegalArgumentException} that names where they are ({@code $.optimizer.lr}).
 */
public final class Json {
    /** Deeper nesting is refused rather than overflowing the stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {}

    /** A syntax error, with the 1-based line and column where it was found. */
    public static final class ParseException extends IllegalArgumentException {
        private final int line;
        private final int column;

        ParseException(String what, int line, int column) {
            super("line " + line + ", column " + column + ": " + what);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** Parses one JSON value (surrounding whitespace allowed). */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.skipWhitespace();
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.pos < text.length()) throw r.error("expected end of input after the JSON value");
        return value;
    }

    /** Parses a document whose top level must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new ParseException("expected a JSON object at the top level, found " + typeName(value), 1, 1);
        }
        return (Map<String, Object>) value;
    }

    /** Compact JSON, no whitespace: {@code {"a":[1,2]}}. */
    public static String write(Object value) {
        return write(value, 0);
    }

    /**
     * JSON text; with {@code indent > 0}, one member or element per line indented by that many spaces per level,
     * {@code ": "} after keys, and empty containers as {@code {}} / {@code []}.
     */
    public static String write(Object value, int indent) {
        if (indent < 0) throw new IllegalArgumentException("Received an invalid value for argument `indent`, expected >= 0, got " + indent);
        Writer w = new Writer(indent);
        w.value(value, 0);
        return w.out.toString();
    }

    static String typeName(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "a string";
        if (v instanceof Number) return "a number";
        if (v instanceof Boolean) return "a boolean";
        return v.getClass().getName();
    }

    /** Recursive-descent parser over the whole text. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (pos >= text.length()) throw error("expected a value");
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("expected a value (object, array, string, number, true, false or null)");
            }
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            pos++; // '{'
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') throw error("expected a string key");
                int keyPos = pos;
                String key = string();
                skipWhitespace();
                expect(':', "expected ':' after object key");
                skipWhitespace();
                Object v = value(depth);
                if (map.containsKey(key)) {
                    pos = keyPos;
                    throw error("duplicate key " + quote(key));
                }
                map.put(key, v);
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == '}') {
                    pos++;
                    return map;
                } else {
                    throw error("expected ',' or '}' after an object member");
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            pos++; // '['
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("expected ',' or ']' after an array element");
                }
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) throw error("expected '\"' to close the string");
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) throw error("expected an escape (\\n, \\t, \\u00XX) instead of a raw control character in a string");
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                pos++;
                if (pos >= text.length()) throw error("expected an escape character after '\\'");
                char e = text.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int code = 0;
                        for (int i = 1; i <= 4; i++) {
                            int d = pos + i < text.length() ? Character.digit(text.charAt(pos + i), 16) : -1;
                            if (d < 0) {
                                pos += i;
                                throw error("expected 4 hex digits after \\u");
                            }
                            code = code * 16 + d;
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\'");
                }
                pos++;
            }
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            if (peek() == '-') pos++;
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) throw error("expected no leading zeros in a number");
            } else if (isDigit(peek())) {
                while (isDigit(peek())) pos++;
            } else {
                throw error("expected a digit");
            }
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) throw error("expected a digit after the decimal point");
                while (isDigit(peek())) pos++;
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') pos++;
                if (!isDigit(peek())) throw error("expected a digit in the exponent");
                while (isDigit(peek())) pos++;
            }
            String literal = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(literal);
                }
            }
            return Double.parseDouble(literal);
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) throw error("expected a value (did you mean " + word + "?)");
            pos += word.length();
            return value;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) throw error("expected at most " + MAX_DEPTH + " nested arrays/objects");
        }

        private void expect(char c, String what) {
            if (peek() != c) throw error(what);
            pos++;
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        ParseException error(String what) {
            int line = 1;
            int lineStart = 0;
            int end = Math.min(pos, text.length());
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String found = pos >= text.length() ? "end of input" : describe(text.codePointAt(pos));
            return new ParseException(what + ", found " + found, line, end - lineStart + 1);
        }

        private static String describe(int cp) {
            if (cp < 0x20 || cp == 0x7f) return String.format(java.util.Locale.ROOT, "character U+%04X", cp);
            return "'" + new String(Character.toChars(cp)) + "'";
        }
    }

    /** Serializer; keeps the path to the current value for error messages. */
    private static final class Writer {
        private final int indent;
        private final StringBuilder out = new StringBuilder();
        private final Deque<Object> path = new ArrayDeque<>();

        Writer(int indent) {
            this.indent = indent;
        }

        void value(Object v, int level) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof String s) {
                out.append(quote(s));
            } else if (v instanceof Boolean b) {
                out.append(b);
            } else if (v instanceof Number n) {
                number(n);
            } else if (v instanceof Map<?, ?> m) {
                object(m, level);
            } else if (v instanceof Collection<?> c) {
                array(c, level);
            } else {
                throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON at " + path()
                        + "; expected a Map, Collection, String, Number, Boolean or null");
            }
        }

        private void number(Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("cannot write the non-finite number " + n + " at " + path()
                            + ": JSON has no NaN or Infinity");
                }
                out.append(n instanceof Float f ? Float.toString(f) : Double.toString(d));
            } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                    || n instanceof BigInteger) {
                out.append(n);
            } else if (n instanceof BigDecimal b) {
                out.append(b.toString());
            } else {
                throw new IllegalArgumentException("cannot write number type " + n.getClass().getName() + " at " + path());
            }
        }

        private void object(Map<?, ?> m, int level) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey() + " at " + path());
                }
                newline(level + 1);
                out.append(quote(key)).append(indent > 0 ? ": " : ":");
                path.addLast(key);
                value(e.getValue(), level + 1);
                path.removeLast();
                if (it.hasNext()) out.append(',');
            }
            newline(level);
            out.append('}');
        }

        private void array(Collection<?> c, int level) {
            if (c.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            int i = 0;
            for (Object element : c) {
                if (i > 0) out.append(',');
                newline(level + 1);
                path.addLast(i++);
                value(element, level + 1);
                path.removeLast();
            }
            newline(level);
            out.append(']');
        }

        private void newline(int level) {
            if (indent > 0) out.append('\n').append(" ".repeat(indent * level));
        }

        /** {@code $.layers[2].config.units}. */
        private String path() {
            StringBuilder sb = new StringBuilder("$");
            for (Object p : path) {
                if (p instanceof Integer i) sb.append('[').append(i).append(']');
                else sb.append('.').append(p);
            }
            return sb.toString();
        }
    }

    /** A JSON string literal; escapes quotes, backslashes, control characters and lone surrogates. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
