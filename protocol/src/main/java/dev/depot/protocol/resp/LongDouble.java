package dev.depot.protocol.resp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The x87 80-bit long double that Redis 7.0 computes INCRBYFLOAT and HINCRBYFLOAT in, with
 * exactly its rounding: 64 significant bits, exponents up to 2^16383. This is visible on the
 * wire. {@code SET k 10.5; INCRBYFLOAT k 0.1} gives "10.6", and a further
 * {@code INCRBYFLOAT k 5.0e3} gives "5010.60000000000000009"; {@code INCRBYFLOAT k 1e400} succeeds.
 * Doubles would give "10.59999999999999964", "5010.6" and an error. The value is kept as a text
 * and parsed again on every increment, so {@link #parse}, {@link #plus} and
 * {@link #toHumanString} fully reproduce the command:
 *
 * <pre>{@code
 * LongDouble value = stored == null ? LongDouble.ZERO : LongDouble.parse(stored);
 * LongDouble incr = LongDouble.parse(argument);
 * if (value == null || incr == null) -> "ERR value is not a valid float"
 * LongDouble sum = value.plus(incr);
 * if (!sum.isFinite()) -> "ERR increment would produce NaN or Infinity"
 * store and reply (as a bulk string) sum.toHumanBytes()
 * }</pre>
 *
 * HINCRBYFLOAT parses the increment first and words a bad stored value "ERR hash value is not
 * a float". Immutable; a value is {@code (-1)^negative * mantissa * 2^exponent}.
 */
public final class LongDouble {
    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses texts this long or longer. */
    static final int MAX_TEXT = 5 * 1024;

    private static final int FINITE = CFloats.FINITE;
    private static final int ZERO_KIND = CFloats.ZERO;
    private static final int INFINITE = CFloats.INFINITE;
    private static final int NAN = 3;

    public static final LongDouble ZERO = new LongDouble(ZERO_KIND, false, BigInteger.ZERO, 0);

    private final int kind;
    private final boolean negative;
    private final BigInteger mantissa;
    private final long exponent;

    private LongDouble(int kind, boolean negative, BigInteger mantissa, long exponent) {
        this.kind = kind;
        this.negative = negative;
        // one representation per value, so that equals() compares values
        int zeros = kind == FINITE ? mantissa.getLowestSetBit() : 0;
        this.mantissa = mantissa.shiftRight(zeros);
        this.exponent = exponent + zeros;
    }

    private static LongDouble from(CFloats.Value v) {
        return new LongDouble(v.kind(), v.negative(), v.mantissa(), v.exponent());
    }

    /**
     * Redis's string2ld (strtold): the whole text must be a C float ({@code 1.5}, {@code -2e10},
     * {@code .5}, {@code 0x1p3}, {@code inf}, {@code infinity}, any case), shorter than 5120
     * bytes, with no blank anywhere; NaN, overflow and underflow of a non-zero number to zero
     * are refused. Null when Redis would answer "value is not a valid float".
     */
    public static LongDouble parse(byte[] s) {
        return parse(s, 0, s.length);
    }

    public static LongDouble parse(byte[] s, int from, int to) {
        if (to - from >= MAX_TEXT) {
            return null;
        }
        CFloats.Value v = CFloats.parse(s, from, to, CFloats.X87);
        return v == null ? null : from(v);
    }

    /** {@code (long double) v}: exact, as a long fits the 64-bit significand. */
    public static LongDouble of(long v) {
        if (v == 0) {
            return ZERO;
        }
        BigInteger m = BigInteger.valueOf(v).abs();
        return new LongDouble(FINITE, v < 0, m, 0);
    }

    /** {@code (long double) d}: exact. */
    public static LongDouble of(double d) {
        if (Double.isNaN(d)) {
            return new LongDouble(NAN, false, BigInteger.ZERO, 0);
        }
        boolean negative = Double.doubleToRawLongBits(d) < 0;
        if (Double.isInfinite(d)) {
            return new LongDouble(INFINITE, negative, BigInteger.ZERO, 0);
        }
        if (d == 0) {
            return negative ? new LongDouble(ZERO_KIND, true, BigInteger.ZERO, 0) : ZERO;
        }
        long bits = Double.doubleToRawLongBits(d);
        int biased = (int) ((bits >>> 52) & 0x7ff);
        long fraction = bits & ((1L << 52) - 1);
        long m = biased == 0 ? fraction : fraction | (1L << 52);
        long e = biased == 0 ? -1074 : biased - 1075;
        return new LongDouble(FINITE, negative, BigInteger.valueOf(m), e);
    }

    /** The long double sum, rounded half-even; overflow gives an infinity, inf + -inf a NaN. */
    public LongDouble plus(LongDouble other) {
        if (kind == NAN || other.kind == NAN
                || (kind == INFINITE && other.kind == INFINITE && negative != other.negative)) {
            return new LongDouble(NAN, false, BigInteger.ZERO, 0);
        }
        if (kind == INFINITE) {
            return this;
        }
        if (other.kind == INFINITE) {
            return other;
        }
        if (other.kind == ZERO_KIND) {
            return kind == ZERO_KIND ? (negative && other.negative ? this : ZERO) : this;
        }
        if (kind == ZERO_KIND) {
            return other;
        }
        long low = Math.min(exponent, other.exponent);
        BigInteger a = signed().shiftLeft((int) (exponent - low));
        BigInteger b = other.signed().shiftLeft((int) (other.exponent - low));
        BigInteger sum = a.add(b);
        if (sum.signum() == 0) {
            return ZERO; // x + -x is +0 when rounding to nearest
        }
        CFloats.Value v = CFloats.round(sum.abs(), 0, low, sum.signum() < 0, CFloats.X87);
        if (v == null) { // the only way an exact sum of two long doubles fails is overflow
            return new LongDouble(INFINITE, sum.signum() < 0, BigInteger.ZERO, 0);
        }
        return from(v);
    }

    private BigInteger signed() {
        return negative ? mantissa.negate() : mantissa;
    }

    /** Neither infinite nor NaN, which is what INCRBYFLOAT requires of its result. */
    public boolean isFinite() {
        return kind == FINITE || kind == ZERO_KIND;
    }

    /**
     * Redis's ld2string in LD_STR_HUMAN mode, which INCRBYFLOAT and HINCRBYFLOAT store and reply:
     * {@code %.17Lf} (the exact value rounded half-even to 17 decimals), trailing zeros and then a
     * trailing point removed, "-0" turned into "0"; "inf" and "-inf" for the infinities.
     */
    public String toHumanString() {
        switch (kind) {
            case ZERO_KIND:
                return "0";
            case INFINITE:
                return negative ? "-inf" : "inf";
            case NAN:
                return "nan";
            default:
                break;
        }
        BigDecimal exact = exponent >= 0
                ? new BigDecimal(mantissa.shiftLeft((int) exponent))
                : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -exponent)), (int) -exponent);
        String text = exact.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        if (end == 1 && text.charAt(0) == '0') {
            return "0";
        }
        String digits = text.substring(0, end);
        return negative ? (digits.equals("0") ? "0" : "-" + digits) : digits;
    }

    public byte[] toHumanBytes() {
        return toHumanString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongDouble other && kind == other.kind && negative == other.negative
                && exponent == other.exponent && mantissa.equals(other.mantissa);
    }

    @Override
    public int hashCode() {
        return mantissa.hashCode() * 31 + Long.hashCode(exponent) + kind + (negative ? 7 : 0);
    }

    @Override
    public String toString() {
        return toHumanString();
    }
}
