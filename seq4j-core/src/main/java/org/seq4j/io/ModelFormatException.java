package org.seq4j.io;

import java.io.IOException;

/**
 * A model or weights file that cannot be read: not a seq4j model, truncated, corrupt, or written by a newer
 * seq4j. The message names the file (when there is one), says what is wrong and ends with a hint.
 */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
