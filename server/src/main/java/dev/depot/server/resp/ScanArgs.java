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
        if (RespNumbers.parseLong(call.arg(cursorArg)) == null) {
            throw new RespException("ERR invalid cursor");
        }
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

    boolean matches(byte[] name) {
        return pattern == null || Glob.matches(pattern, name);
    }
}
