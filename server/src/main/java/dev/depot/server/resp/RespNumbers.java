package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;
import dev.depot.protocol.resp.RespIntegers;

/** Redis's readings of numeric arguments and values; null where Redis would refuse them. */
final class RespNumbers {
    private RespNumbers() {
    }

    static Long parseLong(byte[] s) {
        long[] out = new long[1];
        return RespIntegers.parse(s, out) ? out[0] : null;
    }

    static Double parseDouble(byte[] s) {
        double value = RespDoubles.parse(s);
        return Double.isNaN(value) ? null : value;
    }
}
