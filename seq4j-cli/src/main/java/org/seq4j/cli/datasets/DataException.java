package org.seq4j.cli.datasets;

import java.nio.file.Path;

/**
 * A problem with a dataset file: missing, unreadable, truncated, in an unexpected format or layout. The message
 * is meant for the user as it is (file, line, expected vs found, hint); the CLI prints it without a stack trace.
 */
public class DataException extends RuntimeException {
    private final transient Path file;
    private final long line;

    public DataException(String message) {
        this(message, null, -1, null);
    }

    public DataException(String message, Throwable cause) {
        this(message, null, -1, cause);
    }

    public DataException(String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file concerned, or null. */
    public Path file() {
        return file;
    }

    /** The 1-based line concerned, or -1. */
    public long line() {
        return line;
    }
}
