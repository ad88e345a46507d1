package dev.depot.protocol.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles the way Redis 7.0 reads and writes them.
 *
 * <p>Reading is string2d (glibc strtod over the whole text): {@code 3.14}, {@code -1e3},
 * {@code .5}, {@code 5.}, {@code +1}, {@code 0x1p3}, {@code inf}/{@code infinity} in any case
 * with an optional sign. Refused: blanks anywhere, an empty text, NaN, trailing garbage (Java's
 * {@code 1d}/{@code 1f}), overflow ({@code 1e400}) and non-zero numbers that underflow to zero
 * ({@code 1e-400}); subnormals such as {@code 4e-320} are fine.
 *
 * <p>Writing is {@code %.17g} (ZSCORE, ZINCRBY, RESP3 doubles): 17 significant digits, rounded
 * half-even from the exact binary value, trailing zeros removed, an exponent when it is below
 * -4 or above 16 ({@code 3.1400000000000001}, {@code 1.0000000000000001e+300},
 * {@code 1.4999999999999999e-07}, {@code 10}, {@code 1e+17}, {@code -0}, {@code inf}).
 * Redis 7.2 switched to shortest round-trip output; 7.0 is the reference here.
 */
public final class RespDoubles {
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
    /** Integral doubles below this print as plain integers under %.17g. */
    private static final double PLAIN_INTEGER_LIMIT = 1e17;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private RespDoubles() {
    }

    /** string2d: the value, or NaN when Redis answers "value is not a valid float". */
    public static double parse(byte[] s) {
        return parse(s, 0, s.length);
    }

    public static double parse(byte[] s, int from, int to) {
        double fast = parseSimple(s, from, to);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        CFloats.Value v = CFloats.parse(s, from, to, CFloats.DOUBLE);
        return v == null ? Double.NaN : CFloats.toDouble(v);
    }

    /**
     * A score-range bound (ZRANGEBYSCORE, ZCOUNT, ZRANGE BYSCORE) the way zslParseRange reads it:
     * with plain strtod, not string2d. So leading blanks are skipped, the text ends at a NUL
     * byte (a C string), an overflow is infinity and an underflow zero, and an empty text is 0;
     * still refused (NaN): only blanks, anything after the number, NaN itself.
     */
    public static double parseRangeBound(byte[] s, int from, int to) {
        int end = from;
        while (end < to && s[end] != 0) {
            end++;
        }
        if (end == from) {
            return 0; // strtod converted nothing and stopped on the terminator: Redis takes that
        }
        int start = from;
        while (start < end && isCSpace(s[start])) {
            start++;
        }
        if (start == end) {
            return Double.NaN; // nothing converted: strtod points back at the first blank
        }
        double fast = parseSimple(s, start, end);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        CFloats.Value v = CFloats.parseSaturating(s, start, end, CFloats.DOUBLE);
        return v == null ? Double.NaN : CFloats.toDouble(v);
    }

    /** C's isspace in the C locale. */
    private static boolean isCSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Plain decimals of up to 15 significant digits with a small exponent, converted exactly
     * without allocating: both the digits and the power of ten are exact doubles, so one
     * multiplication or division rounds correctly (Clinger's fast path). Anything else, valid
     * or not, returns NaN, and the full parser decides.
     */
    private static double parseSimple(byte[] s, int from, int to) {
        int i = from;
        if (i == to) {
            return Double.NaN;
        }
        boolean negative = s[i] == '-';
        if (negative || s[i] == '+') {
            i++;
        }
        long digits = 0;
        int significant = 0;
        int seen = 0;
        int exponent = 0;
        boolean point = false;
        for (; i < to; i++) {
            byte c = s[i];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            seen++;
            if (point) {
                exponent--;
            }
            if (significant > 0 || c != '0') {
                if (++significant > 15) {
                    return Double.NaN;
                }
                digits = digits * 10 + (c - '0');
            }
        }
        if (seen == 0) {
            return Double.NaN; // inf, nan, hex or garbage
        }
        if (i < to) {
            if ((s[i] != 'e' && s[i] != 'E') || ++i == to) {
                return Double.NaN;
            }
            boolean negativeExponent = s[i] == '-';
            if ((negativeExponent || s[i] == '+') && ++i == to) {
                return Double.NaN;
            }
            int e = 0;
            for (; i < to; i++) {
                if (s[i] < '0' || s[i] > '9' || e > 1000) {
                    return Double.NaN;
                }
                e = e * 10 + (s[i] - '0');
            }
            exponent += negativeExponent ? -e : e;
        }
        double value;
        if (digits == 0) {
            value = 0;
        } else if (exponent >= 0 && exponent < POWERS_OF_TEN.length) {
            value = digits * POWERS_OF_TEN[exponent];
        } else if (exponent < 0 && -exponent < POWERS_OF_TEN.length) {
            value = digits / POWERS_OF_TEN[-exponent];
        } else {
            return Double.NaN;
        }
        return negative ? -value : value;
    }

    /** Redis 7.0's {@code %.17g} (addReplyDouble), with "inf", "-inf" and glibc's "nan"/"-nan". */
    public static String format(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (isPlainInteger(d)) {
            return d == 0 && Double.doubleToRawLongBits(d) < 0 ? "-0" : Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder b = new StringBuilder(24);
        if (exponent < -4 || exponent >= 17) {
            String digits = rounded.unscaledValue().abs().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (d < 0) {
                b.append('-');
            }
            b.append(digits.charAt(0));
            if (end > 1) {
                b.append('.').append(digits, 1, end);
            }
            b.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                b.append('0');
            }
            return b.append(magnitude).toString();
        }
        String plain = rounded.setScale(16 - exponent).toPlainString();
        int end = plain.length();
        if (plain.indexOf('.') >= 0) {
            while (plain.charAt(end - 1) == '0') {
                end--;
            }
            if (plain.charAt(end - 1) == '.') {
                end--;
            }
        }
        return plain.substring(0, end);
    }

    /** Integral and below 1e17 in magnitude: %.17g prints it as a plain integer (zero included). */
    static boolean isPlainInteger(double d) {
        return Math.abs(d) < PLAIN_INTEGER_LIMIT && d == Math.rint(d);
    }

    /**
     * INCRBYFLOAT's reply format (ld2string, LD_STR_HUMAN: {@code %.17Lf} without trailing
     * zeros) for the exact value of {@code d}. Right only when the value is a double: Redis adds
     * in 80-bit long doubles, and {@code 10.6 + 5000} is "5010.60000000000000009" there, so
     * the server should compute INCRBYFLOAT with {@link LongDouble}, which also formats.
     */
    public static String formatIncrByFloat(double d) {
        return LongDouble.of(d).toHumanString();
    }
}
