package dev.depot.protocol.resp;

import io.netty.buffer.ByteBuf;

/**
 * Redis's string2ll, its integer syntax for command arguments (INCRBY, EXPIRE...), for stored
 * values under INCR, and for the counts of the multibulk protocol: an optional '-', then digits without
 * leading zeros ("0" alone is fine), nothing else, within the signed 64-bit range. So no '+', no
 * spaces, no "-0", no "007", and at most 20 characters. Results go into a {@code long[1]} holder
 * so that parsing allocates nothing.
 */
public final class RespIntegers {
    /** Redis's LONG_STR_SIZE: a string this long or longer is never an integer. */
    static final int MAX_LENGTH = 21;

    private RespIntegers() {
    }

    public static boolean parse(byte[] s, long[] out) {
        return parse(s, 0, s.length, out);
    }

    /** string2ll over {@code s[from, to)}; on success the value is in {@code out[0]}. */
    public static boolean parse(byte[] s, int from, int to, long[] out) {
        int len = to - from;
        if (len <= 0 || len >= MAX_LENGTH) {
            return false;
        }
        if (len == 1 && s[from] == '0') {
            out[0] = 0;
            return true;
        }
        int i = from;
        boolean negative = s[i] == '-';
        if (negative && ++i == to) {
            return false;
        }
        if (s[i] < '1' || s[i] > '9') {
            return false; // a leading zero, a '+', a space...
        }
        long magnitude = 0; // accumulated negatively: -Long.MIN_VALUE does not fit a long
        for (; i < to; i++) {
            int digit = s[i] - '0';
            if (digit < 0 || digit > 9 || magnitude < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            magnitude = magnitude * 10 - digit;
        }
        if (!negative && magnitude == Long.MIN_VALUE) {
            return false;
        }
        out[0] = negative ? magnitude : -magnitude;
        return true;
    }

    /** The same over a buffer region, for the protocol's own counts. */
    static boolean parse(ByteBuf s, int from, int to, long[] out) {
        int len = to - from;
        if (len <= 0 || len >= MAX_LENGTH) {
            return false;
        }
        if (len == 1 && s.getByte(from) == '0') {
            out[0] = 0;
            return true;
        }
        int i = from;
        boolean negative = s.getByte(i) == '-';
        if (negative && ++i == to) {
            return false;
        }
        byte first = s.getByte(i);
        if (first < '1' || first > '9') {
            return false;
        }
        long magnitude = 0;
        for (; i < to; i++) {
            int digit = s.getByte(i) - '0';
            if (digit < 0 || digit > 9 || magnitude < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            magnitude = magnitude * 10 - digit;
        }
        if (!negative && magnitude == Long.MIN_VALUE) {
            return false;
        }
        out[0] = negative ? magnitude : -magnitude;
        return true;
    }
}
