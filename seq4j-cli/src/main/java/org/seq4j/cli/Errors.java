package org.seq4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the exceptions a user can cause (bad arguments, bad files, bad data) into one clear line on stderr and exit
 * code 2; anything else is a bug and keeps its stack trace.
 */
final class Errors {
    private Errors() {}

    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = e;
        if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException || t instanceof IOException
                || t instanceof org.seq4j.cli.datasets.DataException || t instanceof UserException) {
            cl.getErr().println("seq4j " + cl.getCommandName() + ": " + t.getMessage());
            return 2;
        }
        throw new RuntimeException(e);
    }

    /** A problem with what the user asked for, reported without a stack trace. */
    static final class UserException extends RuntimeException {
        UserException(String message) {
            super(message);
        }
    }
}
