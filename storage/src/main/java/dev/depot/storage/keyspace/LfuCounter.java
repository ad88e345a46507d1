package dev.depot.storage.keyspace;

/**
 * The 8-bit access counter of the LFU policies, logarithmic so that one byte spans from "read
 * once" to "read a million times" (Redis's design, with its default lfu-log-factor 10 and
 * lfu-decay-time of one minute). A new key starts at {@link #INITIAL}, so it is not the first
 * to go before anyone had a chance to read it; each use adds one with a probability that
 * shrinks as the counter grows; each whole minute without a use takes one off, so keys that
 * were popular once fade.
 */
final class LfuCounter {
    /** Where a new key starts (Redis's LFU_INIT_VAL). */
    static final int INITIAL = 5;
    static final int MAX = 255;
    /** The higher, the more uses a step takes: at 10, 255 takes about a million. */
    private static final int LOG_FACTOR = 10;

    private LfuCounter() {
    }

    /**
     * The counter after one use: plus one with probability 1 / ((counter - INITIAL) * 10 + 1),
     * always while it is at or below {@link #INITIAL}. {@code random} is uniform in [0, 1).
     */
    static int incremented(int counter, double random) {
        if (counter >= MAX) {
            return MAX;
        }
        int above = Math.max(0, counter - INITIAL);
        return random * (above * LOG_FACTOR + 1) < 1 ? counter + 1 : counter;
    }

    /** The counter after {@code idlePeriods} whole minutes without a use, never below 0. */
    static int decayed(int counter, int idlePeriods) {
        return idlePeriods <= 0 ? counter : Math.max(0, counter - idlePeriods);
    }
}
