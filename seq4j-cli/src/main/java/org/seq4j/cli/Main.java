package org.seq4j.cli;
public class Main { public static void main(String[] a){ org.seq4j.Probe.main(a);} }
