package org.seq4j.train;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The progress bar of {@code fit(verbose=1)}, byte-identical to tf.keras 2.2–2.6 {@code Progbar}
 * ({@code tensorflow/python/keras/utils/generic_utils.py}) with a known target:
 * <pre>
 * 196/196 [==============================] - 11s 57ms/step - loss: 0.1143 - accuracy: 0.9599
 * </pre>
 *
 * <p>On a terminal (Keras' "dynamic display") every update that is at least 0.05 s after the previous one
 * rewrites the line: {@code '\b'} times the previous line width, {@code '\r'}, the bar, {@code  - ETA: 12s} and
 * the metrics, padded with spaces to cover a longer previous line. Keras writes those backspaces too.
 * Not on a terminal, nothing is written until the final update, which writes the single final line (Keras on
 * POSIX would still write the {@code \b…\r} updates into a log file; seq4j keeps logs clean).
 *
 * <p>The final line shows the elapsed seconds and the time per step, which (as Keras'
 * {@code _estimate_step_duration}) leaves out the first step, usually slowed by warm-up:
 * {@code (now - timeAfterFirstStep) / (current - 1)}.
 *
 * <p>Metric values are displayed as given, like Keras' stateful metrics: {@code fit} passes running means.
 * A value is printed {@code %.4f} if its magnitude is above 1e-3, else {@code %.4e} (see {@link PyFormat}).
 * Pass a float32 metric widened to double, as Keras does; its printed digits then match.
 */
public final class Progbar {
    /** Keras' minimum interval between two displayed updates, in seconds. */
    private static final double INTERVAL_SECONDS = 0.05;

    private final int target;
    private final int width;
    private final PrintStream out;
    private final boolean dynamicDisplay;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private int totalWidth;
    private boolean everDisplayed;
    private long lastUpdateNanos;
    private boolean stepOneSeen;
    private long timeAfterFirstStepNanos;

    /**
     * @param target         number of steps (batches) in the epoch, at least 1
     * @param width          bar width in characters (Keras: 30)
     * @param out            where to write
     * @param dynamicDisplay true if {@code out} is a terminal: the line is rewritten in place while running
     * @param nanoClock      monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests);
     *                       read once here for the start time
     */
    public Progbar(int target, int width, PrintStream out, boolean dynamicDisplay, LongSupplier nanoClock) {
        if (target < 1) throw new IllegalArgumentException("Received an invalid value for argument `target`, expected a positive integer, got " + target);
        if (width < 1) throw new IllegalArgumentException("Received an invalid value for argument `width`, expected a positive integer, got " + width);
        this.target = target;
        this.width = width;
        this.out = Objects.requireNonNull(out, "out");
        this.dynamicDisplay = dynamicDisplay;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
    }

    /** Width 30, {@code System.nanoTime}, dynamic display if {@code out} is {@code System.out} on a terminal. */
    public Progbar(int target, PrintStream out) {
        this(target, 30, out, out == System.out && stdoutIsTerminal(), System::nanoTime);
    }

    /**
     * Records step {@code current} (1-based, number of steps done) and maybe redraws.
     *
     * @param current  steps done so far, 0..target
     * @param values   metrics to show, in display order (later updates may add names, e.g. {@code val_loss});
     *                 may be null
     * @param finalize true for the last update of the epoch: always displayed, ends the line
     */
    public void update(int current, LinkedHashMap<String, Double> values, boolean finalize) {
        if (current < 0) throw new IllegalArgumentException("Received an invalid value for argument `current`, expected >= 0, got " + current);
        if (values != null) this.values.putAll(values);
        long now = nanoClock.getAsLong();
        String elapsed = " - " + PyFormat.fixed(seconds(now - startNanos), 0) + "s";
        if (everDisplayed && seconds(now - lastUpdateNanos) < INTERVAL_SECONDS && !finalize) return;

        int prevTotalWidth = totalWidth;
        String bar = bar(current);
        totalWidth = length(bar);
        double timePerUnit = estimateStepDuration(current, now);

        StringBuilder info = new StringBuilder();
        if (finalize) {
            info.append(elapsed).append(formatStepTime(timePerUnit));
        } else {
            info.append(" - ETA: ").append(formatEta(timePerUnit * (target - current)));
        }
        for (Map.Entry<String, Double> e : this.values.entrySet()) {
            double v = e.getValue();
            info.append(" - ").append(e.getKey()).append(": ")
                    .append(Math.abs(v) > 1e-3 ? PyFormat.fixed(v, 4) : PyFormat.scientific(v, 4));
        }
        totalWidth += length(info.toString());

        if (dynamicDisplay) {
            if (prevTotalWidth > totalWidth) info.append(" ".repeat(prevTotalWidth - totalWidth));
            if (finalize) info.append('\n');
            out.print("\b".repeat(prevTotalWidth) + "\r" + bar + info);
            out.flush();
        } else if (finalize) {
            out.print(bar + info + "\n");
            out.flush();
        }
        everDisplayed = true;
        lastUpdateNanos = now;
    }

    /** {@code Epoch k/N}, the line Keras prints before each epoch's bar. */
    public static String epochHeader(int epoch, int epochs) {
        return "Epoch " + epoch + "/" + epochs;
    }

    /** Prints {@link #epochHeader} and a newline if {@code epochs > 1}; Keras prints nothing for a single epoch. */
    public static void printEpochHeader(PrintStream out, int epoch, int epochs) {
        if (epochs > 1) {
            out.print(epochHeader(epoch, epochs) + "\n");
            out.flush();
        }
    }

    /** Whether standard output is an interactive terminal (JDK 22+ {@code Console.isTerminal()}, else a console exists). */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless interactive
        }
    }

    /** {@code %{numdigits}d/%d [====>....]}. */
    private String bar(int current) {
        int numDigits = Integer.toString(target).length();
        StringBuilder bar = new StringBuilder();
        String count = Integer.toString(current);
        bar.append(" ".repeat(Math.max(0, numDigits - count.length()))).append(count).append('/').append(target).append(" [");
        int progWidth = (int) (width * ((double) current / target));
        if (progWidth > 0) {
            bar.append("=".repeat(progWidth - 1)).append(current < target ? '>' : '=');
        }
        bar.append(".".repeat(Math.max(0, width - progWidth))).append(']');
        return bar.toString();
    }

    /** Keras {@code _estimate_step_duration}: seconds per step, ignoring the first step once there are more. */
    private double estimateStepDuration(int current, long now) {
        if (current == 0) return 0;
        double perUnit = stepOneSeen && current > 1
                ? seconds(now - timeAfterFirstStepNanos) / (current - 1)
                : seconds(now - startNanos) / current;
        if (current == 1) {
            stepOneSeen = true;
            timeAfterFirstStepNanos = now;
        }
        return perUnit;
    }

    private static String formatStepTime(double t) {
        if (t >= 1 || t == 0) return " " + PyFormat.fixed(t, 0) + "s/step";
        if (t >= 1e-3) return " " + PyFormat.fixed(t * 1e3, 0) + "ms/step";
        return " " + PyFormat.fixed(t * 1e6, 0) + "us/step";
    }

    /** {@code %ds}, {@code %d:%02d} above a minute, {@code %d:%02d:%02d} above an hour; Python's %d truncates. */
    private static String formatEta(double eta) {
        if (eta > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d",
                    (long) floorDiv(eta, 3600), (long) floorDiv(eta % 3600, 60), (long) (eta % 60));
        }
        if (eta > 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) floorDiv(eta, 60), (long) (eta % 60));
        }
        return (long) eta + "s";
    }

    /**
     * Python's float {@code a // b} for {@code a >= 0, b > 0}, as CPython computes it: {@code (a - fmod(a, b)) / b}
     * rounded to the nearest integer. Unlike {@code floor(a / b)} it cannot be pushed up to the next integer by
     * the rounding of the division.
     */
    private static double floorDiv(double a, double b) {
        double div = (a - a % b) / b;
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
