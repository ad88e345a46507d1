package dev.depot.server.resp;

import java.util.Locale;

/**
 * The arguments of SCAN, HSCAN and SSCAN: a cursor, then MATCH, COUNT (a hint; Depot answers in
 * one step) and, for SCAN only, TYPE.
 *
 * @param pattern the MATCH glob, or null
 * @param type    the TYPE filter in lower case, or null
 */
record ScanArgs(byte[] pattern, String type) {

    static ScanArgs parse(Call call, int cursorArg, boolean typeAllowed) {
        checkCursor(call, cursorArg);
        byte[] pattern = null;
        String type = null;
        for (int i = cursorArg + 1; i < call.argc(); i += 2) {
            if (i + 1 >= call.argc()) {
                throw RespException.syntax();
            }
            if (call.is(i, "MATCH")) {
                pattern = call.arg(i + 1);
            } else if (call.is(i, "COUNT")) {
                if (call.longArg(i + 1) < 1) {
                    throw RespException.syntax();
                }
            } else if (typeAllowed && call.is(i, "TYPE")) {
                type = call.text(i + 1).toLowerCase(Locale.ROOT);
            } else {
                throw RespException.syntax();
            }
        }
        return new ScanArgs(pattern, type);
    }

    /**
     * Refuses a cursor Redis refuses. Redis reads it with strtoul: an unsigned 64-bit decimal,
     * a sign allowed (-1 is the largest cursor), no leading blank, nothing after it but a NUL
     * byte; an empty text is cursor 0. Depot answers every scan in one step, so which valid
     * cursor it is does not matter.
     */
    static void checkCursor(Call call, int cursorArg) {
        if (!isStrtoul(call.arg(cursorArg))) {
            throw new RespException("ERR invalid cursor");
        }
    }

    private static boolean isStrtoul(byte[] s) {
        int end = 0;
        while (end < s.length && s[end] != 0) {
            end++; // a C string: it ends at the first NUL
        }
        if (end == 0) {
            return true; // nothing converted, and strtoul stopped on the terminator
        }
        int i = s[0] == '+' || s[0] == '-' ? 1 : 0;
        if (i == end) {
            return false;
        }
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        for (; i < end; i++) {
            if (s[i] < '0' || s[i] > '9') {
                return false; // also a leading blank, which Redis refuses explicitly
            }
            value = value.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(s[i] - '0'));
        }
        return value.bitLength() <= 64; // else ERANGE
    }

    boolean matches(byte[] name) {
        return pattern == null || Glob.matchesAll(pattern) || Glob.matches(pattern, name);
    }
}
