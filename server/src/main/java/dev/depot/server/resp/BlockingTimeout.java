package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;

/** The timeout argument of the blocking commands, read as Redis 7.0 reads it. */
final class BlockingTimeout {
    /** 2^63: Redis converts the milliseconds to a long long, and anything this large wraps negative. */
    private static final double LONG_RANGE_END = 0x1p63;

    private BlockingTimeout() {
    }

    /**
     * Seconds, fractions allowed, rounded up to whole milliseconds; 0 waits for ever. Like Redis,
     * a tiny negative value rounds up to 0 (for ever), and a value too large for a signed 64-bit
     * count of milliseconds, infinity included, is refused as negative.
     */
    static long millis(Call call, int i) {
        double seconds = RespDoubles.parse(call.arg(i));
        if (Double.isNaN(seconds)) {
            throw new RespException("ERR timeout is not a float or out of range");
        }
        double millis = Math.ceil(seconds * 1000);
        if (millis < 0 || !(millis < LONG_RANGE_END)) {
            throw new RespException("ERR timeout is negative");
        }
        return (long) millis;
    }
}
