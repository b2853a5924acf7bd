package org.seq4j.cli.datasets;

import java.nio.charset.StandardCharsets;

/** The one text decoding rule of this package: UTF-8, invalid bytes to U+FFFD, a leading BOM dropped. */
final class Utf8 {
    private Utf8() {
    }

    static String decode(byte[] bytes) {
        int off = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        // new String(..., UTF_8) replaces every malformed sequence with U+FFFD (never throws)
        return new String(bytes, off, bytes.length - off, StandardCharsets.UTF_8);
    }
}
