package dev.depot.server.memcached;

/**
 * memcached's reading of an exptime: 0 never expires, up to 30 days is relative, larger values
 * are absolute unix times, negative ones are already past. Results are epoch milliseconds with
 * 0 for "never", the form the keyspace stores.
 */
final class Exptime {
    static final int MAX_RELATIVE_SECONDS = 60 * 60 * 24 * 30;
    /** An absolute time long past: the item is invisible from the start. */
    static final long ALREADY_EXPIRED = 1;

    private final long processStartedSeconds;

    Exptime(long processStartedMillis) {
        this.processStartedSeconds = processStartedMillis / 1000;
    }

    long toExpiresAt(int exptime, long nowMillis) {
        if (exptime == 0) {
            return 0;
        }
        if (exptime < 0) {
            return ALREADY_EXPIRED;
        }
        if (exptime > MAX_RELATIVE_SECONDS) {
            return exptime <= processStartedSeconds ? ALREADY_EXPIRED : exptime * 1000L;
        }
        return nowMillis + exptime * 1000L;
    }

    /** Whole seconds left, rounded up as memcached's coarse clock shows them; -1 for never. */
    static long secondsLeft(long expiresAt, long nowMillis) {
        if (expiresAt == 0) {
            return -1;
        }
        return Math.max(0, (expiresAt - nowMillis + 999) / 1000);
    }
}
