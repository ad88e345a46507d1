package dev.depot.protocol.memcached;

/**
 * Number parsing exactly as memcached does it with C's strtol/strtoul: optional leading white
 * space, an optional sign, decimal digits, then the end of the token, white space or a NUL
 * (which ends a C string). Overflow fails (ERANGE); a minus sign on an unsigned number is
 * accepted only when the result stays small, as memcached's safe_strtoul checks. Results are
 * returned in a {@code long[1]} holder so that parsing allocates nothing.
 */
public final class CNumbers {
    private static final int INVALID = -1;
    private static final int POSITIVE = 0;
    private static final int NEGATIVE = 1;

    private CNumbers() {
    }

    /** strtoull semantics; the value is an unsigned 64-bit number in a long. */
    public static boolean parseUnsigned(byte[] s, int from, int to, long[] out) {
        int sign = magnitude(s, from, to, out);
        if (sign == NEGATIVE) {
            out[0] = -out[0];
            return out[0] >= 0; // "-5" would wrap to a huge number: memcached refuses it
        }
        return sign == POSITIVE;
    }

    /** strtol semantics for a signed 64-bit long. */
    public static boolean parseSigned(byte[] s, int from, int to, long[] out) {
        int sign = magnitude(s, from, to, out);
        if (sign == POSITIVE) {
            return out[0] >= 0;
        }
        if (sign == NEGATIVE && Long.compareUnsigned(out[0], Long.MIN_VALUE) <= 0) {
            out[0] = -out[0];
            return true;
        }
        return false;
    }

    /** The unsigned magnitude into {@code out[0]}; returns its sign, or INVALID. */
    private static int magnitude(byte[] s, int from, int to, long[] out) {
        int i = from;
        while (i < to && isSpace(s[i])) {
            i++;
        }
        int sign = POSITIVE;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            sign = s[i] == '-' ? NEGATIVE : POSITIVE;
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < to && s[i] >= '0' && s[i] <= '9') {
            int digit = s[i] - '0';
            // value * 10 + digit must stay below 2^64
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return INVALID;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == digitsStart || !(i == to || isSpace(s[i]) || s[i] == 0)) {
            return INVALID;
        }
        out[0] = value;
        return sign;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
