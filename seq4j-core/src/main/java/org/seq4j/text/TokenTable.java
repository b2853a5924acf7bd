package org.seq4j.text;

/**
 * An open-addressing hash map from token to a {@code long} (a count while adapting, an id while encoding) that
 * can be probed with a {@code char[]} slice, so the hot loops look tokens up without allocating a
 * {@code String} per token; a {@code String} is made only for a token seen for the first time. Hashes are
 * {@link String#hashCode()}-compatible ({@code h = 31 h + c}), so slices and strings meet in the same slots.
 * Not thread-safe for writes; concurrent reads of a table no longer written are safe.
 */
final class TokenTable {
    private String[] keys;
    private int[] hashes;
    private long[] values;
    private int size;

    TokenTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[cap];
        hashes = new int[cap];
        values = new long[cap];
    }

    int size() {
        return size;
    }

    private static int slotOf(int hash, int mask) {
        int h = hash * 0x9E3779B9; // spread: String hashes of short words cluster in the low bits
        return (h ^ (h >>> 16)) & mask;
    }

    private int find(char[] buf, int len, int hash) {
        int mask = keys.length - 1;
        for (int i = slotOf(hash, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null || (hashes[i] == hash && k.length() == len && same(k, buf, len))) {
                return i;
            }
        }
    }

    private int find(String s, int hash) {
        int mask = keys.length - 1;
        for (int i = slotOf(hash, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null || (hashes[i] == hash && k.equals(s))) {
                return i;
            }
        }
    }

    private static boolean same(String k, char[] buf, int len) {
        for (int j = 0; j < len; j++) {
            if (k.charAt(j) != buf[j]) {
                return false;
            }
        }
        return true;
    }

    /** The value of the token {@code buf[0, len)} (hash {@code hash}), or {@code missing}. */
    long get(char[] buf, int len, int hash, long missing) {
        int i = find(buf, len, hash);
        return keys[i] == null ? missing : values[i];
    }

    /** The value of {@code s}, or {@code missing}. */
    long get(String s, long missing) {
        int i = find(s, s.hashCode());
        return keys[i] == null ? missing : values[i];
    }

    /** Adds {@code delta} to the token's value (inserting it at 0 first). */
    void add(char[] buf, int len, int hash, long delta) {
        int i = find(buf, len, hash);
        if (keys[i] == null) {
            if (needsGrow()) {
                grow();
                i = find(buf, len, hash);
            }
            insertAt(i, new String(buf, 0, len), hash);
        }
        values[i] += delta;
    }

    /** Adds {@code delta} to {@code s}'s value (inserting it at 0 first). */
    void add(String s, long delta) {
        int i = slotFor(s); // before reading the field: slotFor may grow (replace) the arrays
        values[i] += delta;
    }

    /** Sets {@code s}'s value. */
    void put(String s, long value) {
        int i = slotFor(s);
        values[i] = value;
    }

    /** The slot of {@code s}, inserted with value 0 if absent. */
    private int slotFor(String s) {
        int hash = s.hashCode();
        int i = find(s, hash);
        if (keys[i] == null) {
            if (needsGrow()) {
                grow();
                i = find(s, hash);
            }
            insertAt(i, s, hash);
        }
        return i;
    }

    void remove(String s) {
        // rebuild without s: removals are rare (the two special tokens, once per adapt)
        int i = find(s, s.hashCode());
        if (keys[i] == null) {
            return;
        }
        String[] oldKeys = keys;
        long[] oldValues = values;
        keys = new String[oldKeys.length];
        hashes = new int[oldKeys.length];
        values = new long[oldKeys.length];
        size = 0;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null && j != i) {
                put(oldKeys[j], oldValues[j]);
            }
        }
    }

    private boolean needsGrow() {
        return (size + 1) * 2 > keys.length; // load factor <= 1/2: short linear probes
    }

    private void insertAt(int i, String key, int hash) {
        keys[i] = key;
        hashes[i] = hash;
        values[i] = 0;
        size++;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        values = new long[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slotOf(oldHashes[j], mask);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** Visits every entry (in slot order, which is arbitrary). */
    void forEach(java.util.function.ObjLongConsumer<String> action) {
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != null) {
                action.accept(keys[j], values[j]);
            }
        }
    }
}
