package org.seq4j.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Python's {@code %}-formatting of floats, byte for byte, so that printed numbers match Keras logs.
 *
 * <p>CPython rounds the <em>exact</em> binary value of the double to the requested number of digits,
 * half to even (a tie only happens when the binary value is exactly halfway, e.g. {@code 0.125}, never for
 * {@code 0.15} which is stored as 0.1499999…). {@link BigDecimal#BigDecimal(double)} gives that exact value,
 * so rounding it with {@link RoundingMode#HALF_EVEN} reproduces CPython. {@link String#format} does not: it
 * rounds half-up on a shortest decimal representation.
 *
 * <p>Special values print as Python does: {@code nan} (never signed), {@code inf}, {@code -inf}; the sign of a
 * negative number that rounds to zero, and of {@code -0.0}, is kept ({@code -0.0000}).
 */
public final class PyFormat {
    private PyFormat() {}

    /** Python {@code '%.<decimals>f' % x}, e.g. {@code fixed(0.125, 2)} is {@code "0.12"}, {@code fixed(2.5, 0)} is {@code "2"}. */
    public static String fixed(double x, int decimals) {
        checkDecimals(decimals);
        String special = special(x);
        if (special != null) return special;
        String digits = new BigDecimal(Math.abs(x)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return sign(x) + digits;
    }

    /**
     * Python {@code '%.<decimals>e' % x}: one digit, the point (omitted when {@code decimals == 0}), the digits,
     * then {@code e}, a sign and at least two exponent digits, e.g. {@code scientific(1.23456e-4, 4)} is
     * {@code "1.2346e-04"}.
     */
    public static String scientific(double x, int decimals) {
        checkDecimals(decimals);
        String special = special(x);
        if (special != null) return special;
        String mantissa;
        int exponent;
        if (x == 0) {
            mantissa = "0".repeat(decimals + 1);
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(Math.abs(x)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
            mantissa = r.unscaledValue().toString();
            // An exactly representable value may have fewer significant digits than asked (100.0 is 1 x 10^2): pad.
            exponent = mantissa.length() - 1 - r.scale();
            mantissa = mantissa + "0".repeat(decimals + 1 - mantissa.length());
        }
        StringBuilder sb = new StringBuilder(sign(x)).append(mantissa.charAt(0));
        if (decimals > 0) sb.append('.').append(mantissa, 1, mantissa.length());
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) sb.append('0');
        return sb.append(abs).toString();
    }

    /** Python {@code '{:,}'.format(n)}: thousands separated by commas, e.g. {@code "1,232,129"}. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > 1000) {
            throw new IllegalArgumentException("Received an invalid value for argument `decimals`, expected 0..1000, got " + decimals);
        }
    }

    private static String special(double x) {
        if (Double.isNaN(x)) return "nan";
        if (x == Double.POSITIVE_INFINITY) return "inf";
        if (x == Double.NEGATIVE_INFINITY) return "-inf";
        return null;
    }

    private static String sign(double x) {
        return (x < 0 || (x == 0 && 1 / x < 0)) ? "-" : "";
    }
}
