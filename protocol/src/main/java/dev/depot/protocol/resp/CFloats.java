package dev.depot.protocol.resp;

import java.math.BigInteger;

/**
 * glibc's strtod and strtold as Redis uses them (string2d, string2ld): the C-locale syntax,
 * which must cover the whole text, and the exact, round-half-even conversion to a binary format
 * (IEEE double, or the x87 80-bit long double Redis computes INCRBYFLOAT in). Java's own parser
 * accepts other spellings ("1d", "NaN", surrounding blanks) and knows no long double, hence
 * this. Allocates freely: the common short decimals never get here (see {@link RespDoubles}).
 */
final class CFloats {
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    /** A binary floating-point format: significand bits, lowest bit weight, first overflowing power. */
    record Format(int bits, int minExponent, int maxExponent, int maxDecimalDigits, int maxDecimalExponent,
                  int minDecimalExponent) {
    }

    /**
     * IEEE double. Exact midpoints between doubles have at most 767 significant digits, so
     * keeping 800 (plus a sticky digit) rounds a longer input exactly as the whole would.
     */
    static final Format DOUBLE = new Format(53, -1074, 1024, 800, 310, -326);
    /** x87 extended precision: 64-bit significand, 15-bit exponent, subnormals down to 2^-16445. */
    static final Format X87 = new Format(64, -16445, 16384, 12000, 4934, -4953);

    static final int ZERO = 0;
    static final int FINITE = 1;
    static final int INFINITE = 2;

    /**
     * A parsed number: {@code (-1)^negative * mantissa * 2^exponent}, or a signed zero or
     * infinity as {@code kind} says.
     */
    record Value(int kind, boolean negative, BigInteger mantissa, long exponent) {
    }

    private CFloats() {
    }

    /**
     * Parses {@code s[from, to)} as strtod/strtold would and checks it the way string2d and
     * string2ld do: all of it must be the number, no leading blank, no NaN, no overflow, no
     * underflow of a non-zero number to zero. Returns null for anything Redis refuses.
     */
    static Value parse(byte[] s, int from, int to, Format format) {
        return parse(s, from, to, format, false);
    }

    /**
     * Like {@link #parse}, but out-of-range numbers come back as strtod returns them (with
     * ERANGE, which plain strtod callers such as zslParseRange ignore): infinity for an
     * overflow, a signed zero for an underflow.
     */
    static Value parseSaturating(byte[] s, int from, int to, Format format) {
        return parse(s, from, to, format, true);
    }

    private static Value parse(byte[] s, int from, int to, Format format, boolean saturate) {
        int i = from;
        if (i == to) {
            return null;
        }
        boolean negative = false;
        if (s[i] == '+' || s[i] == '-') {
            negative = s[i] == '-';
            i++;
        }
        if (i == to) {
            return null;
        }
        byte c = s[i];
        if (c == 'i' || c == 'I') {
            return isInfinity(s, i, to) ? new Value(INFINITE, negative, BigInteger.ZERO, 0) : null;
        }
        if (c == '0' && i + 1 < to && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            return parseHex(s, i + 2, to, negative, format, saturate);
        }
        return parseDecimal(s, i, to, negative, format, saturate); // "nan" fails here too: it is refused anyway
    }

    /** "inf" or "infinity", any case, and nothing after. */
    private static boolean isInfinity(byte[] s, int i, int to) {
        int len = to - i;
        return (len == 3 || len == 8) && regionMatchesIgnoreCase(s, i, len == 3 ? "inf" : "infinity");
    }

    private static boolean regionMatchesIgnoreCase(byte[] s, int at, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((s[at + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static Value parseDecimal(byte[] s, int i, int to, boolean negative, Format format, boolean saturate) {
        StringBuilder digits = new StringBuilder();
        boolean sticky = false; // a non-zero digit was dropped beyond maxDecimalDigits
        long exponent = 0; // value = digits * 10^exponent
        int seen = 0;
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
            if (digits.length() == 0 && c == '0') {
                continue; // leading zeros carry no value
            }
            if (digits.length() < format.maxDecimalDigits()) {
                digits.append((char) c);
            } else {
                exponent++; // dropped: the kept digits shift one place up
                sticky |= c != '0';
            }
        }
        if (seen == 0) {
            return null; // ".", "-", "e5", "nan"...
        }
        if (i < to) {
            if (s[i] != 'e' && s[i] != 'E') {
                return null;
            }
            long[] e = new long[1];
            if (!parseExponent(s, i + 1, to, e)) {
                return null; // "1e", "1e+", "1ex": strtod would stop before the 'e'
            }
            exponent += e[0];
        }
        if (digits.length() == 0) {
            return new Value(ZERO, negative, BigInteger.ZERO, 0);
        }
        if (sticky) {
            digits.append('1');
            exponent--;
        }
        long magnitude = digits.length() + exponent; // value < 10^magnitude
        if (magnitude > format.maxDecimalExponent() || magnitude < format.minDecimalExponent()) {
            return outOfRange(magnitude > 0, negative, saturate);
        }
        BigInteger n = new BigInteger(digits.toString());
        // n * 10^e = n * 5^e * 2^e
        Value v = exponent >= 0
                ? round(n.multiply(FIVE.pow((int) exponent)), 0, exponent, negative, format)
                : round(n, (int) -exponent, exponent, negative, format);
        return v != null ? v : outOfRange(magnitude > 0, negative, saturate);
    }

    /**
     * What a number too large ({@code overflow}) or too small for the format becomes: refused
     * (null), or, when {@code saturate}, strtod's infinity or signed zero.
     */
    private static Value outOfRange(boolean overflow, boolean negative, boolean saturate) {
        if (!saturate) {
            return null;
        }
        return new Value(overflow ? INFINITE : ZERO, negative, BigInteger.ZERO, 0);
    }

    /** "[+-]digits" to the end; saturates far beyond any meaningful exponent. */
    private static boolean parseExponent(byte[] s, int i, int to, long[] out) {
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        if (i == to) {
            return false;
        }
        long e = 0;
        for (; i < to; i++) {
            if (s[i] < '0' || s[i] > '9') {
                return false;
            }
            e = Math.min(e * 10 + (s[i] - '0'), 1_000_000_000L);
        }
        out[0] = negative ? -e : e;
        return true;
    }

    /** After "0x": hex digits with an optional point, then an optional binary exponent "p[+-]d+". */
    private static Value parseHex(byte[] s, int i, int to, boolean negative, Format format, boolean saturate) {
        StringBuilder digits = new StringBuilder();
        boolean sticky = false;
        long exponent = 0; // value = digits(hex) * 2^exponent
        int seen = 0;
        boolean point = false;
        int maxDigits = format.bits() / 4 + 2;
        for (; i < to; i++) {
            byte c = s[i];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                break;
            }
            seen++;
            if (point) {
                exponent -= 4;
            }
            if (digits.length() == 0 && c == '0') {
                continue;
            }
            if (digits.length() < maxDigits) {
                digits.append((char) c);
            } else {
                exponent += 4;
                sticky |= c != '0';
            }
        }
        if (seen == 0) {
            return null; // "0x" alone: strtod reads the "0" and stops at the 'x'
        }
        if (i < to) {
            if (s[i] != 'p' && s[i] != 'P') {
                return null;
            }
            long[] e = new long[1];
            if (!parseExponent(s, i + 1, to, e)) {
                return null;
            }
            exponent += e[0];
        }
        if (digits.length() == 0) {
            return new Value(ZERO, negative, BigInteger.ZERO, 0);
        }
        if (sticky) {
            digits.append('1');
            exponent -= 4;
        }
        long magnitude = digits.length() * 4L + exponent; // 2^(magnitude-4) <= value < 2^magnitude
        if (magnitude - 4 > format.maxExponent() || magnitude < format.minExponent() - 1) {
            return outOfRange(magnitude > 0, negative, saturate); // too large, or below half the smallest subnormal
        }
        Value v = round(new BigInteger(digits.toString(), 16), 0, exponent, negative, format);
        return v != null ? v : outOfRange(magnitude > 0, negative, saturate);
    }

    /**
     * Rounds {@code n / 5^a * 2^b} (n > 0) half-even to the format: {@code bits} significant
     * bits and no bit below {@code 2^minExponent}. Null on overflow and on underflow to zero,
     * which is what string2d and string2ld refuse.
     */
    static Value round(BigInteger n, int a, long b, boolean negative, Format format) {
        BigInteger q;
        boolean sticky;
        long e;
        if (a == 0) {
            q = n;
            sticky = false;
            e = b;
        } else {
            // enough quotient bits for the significand, a guard bit and a round bit
            BigInteger d = FIVE.pow(a);
            int k = Math.max(0, format.bits() + 2 + d.bitLength() - n.bitLength());
            BigInteger[] qr = n.shiftLeft(k).divideAndRemainder(d);
            q = qr[0];
            sticky = qr[1].signum() != 0;
            e = b - k;
        }
        long shift = Math.max(q.bitLength() - format.bits(), format.minExponent() - e);
        BigInteger kept;
        if (shift <= 0) {
            kept = q; // exact (only when there was no division)
            shift = 0;
        } else if (shift > q.bitLength() + 1L) {
            kept = BigInteger.ZERO; // below half the smallest step
        } else {
            int sh = (int) shift;
            kept = q.shiftRight(sh);
            BigInteger dropped = q.subtract(kept.shiftLeft(sh));
            int cmp = dropped.compareTo(BigInteger.ONE.shiftLeft(sh - 1));
            if (cmp > 0 || (cmp == 0 && (sticky || kept.testBit(0)))) {
                kept = kept.add(BigInteger.ONE);
            }
        }
        if (kept.signum() == 0) {
            return null;
        }
        long exponent = e + shift;
        if (kept.bitLength() + exponent > format.maxExponent()) {
            return null;
        }
        return new Value(FINITE, negative, kept, exponent);
    }

    /** The double {@code mantissa * 2^exponent}, which {@link #round} made exactly representable. */
    static double toDouble(Value v) {
        if (v.kind() == ZERO) {
            return v.negative() ? -0.0 : 0.0;
        }
        if (v.kind() == INFINITE) {
            return v.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        long m = v.mantissa().longValueExact();
        long e = v.exponent();
        int length = 64 - Long.numberOfLeadingZeros(m);
        long bits;
        if (length + e - 1 >= -1022) {
            int sh = 53 - length; // normalise to 53 bits; a rounded-up 2^53 loses only a zero bit
            long normal = sh >= 0 ? m << sh : m >>> -sh;
            long biased = e - sh + 52 + 1023;
            bits = (biased << 52) | (normal & ((1L << 52) - 1));
        } else {
            bits = m << (e + 1074); // subnormal
        }
        double d = Double.longBitsToDouble(bits);
        return v.negative() ? -d : d;
    }
}
