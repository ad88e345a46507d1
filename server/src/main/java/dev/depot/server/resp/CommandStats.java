package dev.depot.server.resp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one command or subcommand ({@code get}, {@code client|list}) that INFO
 * commandstats reports. Every event loop adds to them; LongAdder keeps that contention-free.
 */
final class CommandStats {
    private final String name;
    private final LongAdder calls = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();

    CommandStats(String name) {
        this.name = name;
    }

    /** Redis's full name: the command, or {@code container|subcommand}. */
    String name() {
        return name;
    }

    void executed(long micros, boolean failed) {
        calls.increment();
        this.micros.add(micros);
        if (failed) {
            this.failed.increment();
        }
    }

    /** Refused before it ran: wrong arity, NOAUTH, not allowed in subscribed mode. */
    void rejected() {
        rejected.increment();
    }

    long calls() {
        return calls.sum();
    }

    /** Whether the command was ever called or refused since the last reset (INFO lists only those). */
    boolean used() {
        return calls.sum() + rejected.sum() > 0;
    }

    /** {@code calls=..,usec=..,usec_per_call=..,rejected_calls=..,failed_calls=..} */
    String describe() {
        long n = calls.sum();
        long usec = micros.sum();
        return "calls=" + n + ",usec=" + usec + ",usec_per_call=" + InfoFormat.twoDecimals(n == 0 ? 0 : (double) usec / n)
                + ",rejected_calls=" + rejected.sum() + ",failed_calls=" + failed.sum();
    }

    void reset() {
        calls.reset();
        micros.reset();
        rejected.reset();
        failed.reset();
    }
}
