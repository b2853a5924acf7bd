package org.seq4j.cli;

/** Placeholder entry point until the CLI commands land (the skeleton referenced a missing org.seq4j.Probe). */
public class Main {
    public static void main(String[] args) {
        System.err.println("seq4j: no commands yet");
        System.exit(2);
    }
}
