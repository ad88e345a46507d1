package dev.depot.protocol.memcached;

/**
 * Number parsing exactly as memcached does it with C's strtol/strtoul: optional leading white
 * space, an optional sign, decimal digits, then the end of the token or white space. Overflow
 * fails (ERANGE); a minus sign on an unsigned number is accepted only when the result stays
 * small, as memcached's safe_strtoul checks. A NUL byte ends the number as it ends a C string. Results are returned in a {@code long[1]} holder
 * so that parsing allocates nothing.
 */
public final class CNumbers {
    private CNumbers() {
    }

    /** strtoull semantics; the value is an unsigned 64-bit number in a long. */
    public static boolean parseUnsigned(byte[] s, int from, int to, long[] out) {
        int i = skipSpace(s, from, to);
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < to && s[i] >= '0' && s[i] <= '9') {
            int digit = s[i] - '0';
            // value * 10 + digit must stay below 2^64
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return false;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == digitsStart || !endsToken(s, i, to)) {
            return false;
        }
        if (negative) {
            value = -value;
            if (value < 0) {
                return false; // "-5" would wrap to a huge number: memcached refuses it
            }
        }
        out[0] = value;
        return true;
    }

    /** strtol semantics for a signed 64-bit long. */
    public static boolean parseSigned(byte[] s, int from, int to, long[] out) {
        int i = skipSpace(s, from, to);
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        while (i < to && s[i] >= '0' && s[i] <= '9') {
            int digit = s[i] - '0';
            if (value < (limit + digit) / 10) {
                return false;
            }
            value = value * 10 - digit; // accumulate negatively to reach Long.MIN_VALUE
            i++;
        }
        if (i == digitsStart || !endsToken(s, i, to)) {
            return false;
        }
        out[0] = negative ? value : -value;
        return true;
    }

    private static int skipSpace(byte[] s, int i, int to) {
        while (i < to && isSpace(s[i])) {
            i++;
        }
        return i;
    }

    /** C stops at white space or at a NUL, which ends the C string. */
    private static boolean endsToken(byte[] s, int i, int to) {
        return i == to || isSpace(s[i]) || s[i] == 0;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
