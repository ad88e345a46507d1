package dev.depot.server.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline: checks often, fails with a description when time is up. */
final class Poll {
    private static final long PAUSE_MILLIS = 10;

    private Poll() {
    }

    /** Returns the milliseconds it took for {@code condition} to hold; fails after {@code within}. */
    static long until(Duration within, String what, BooleanSupplier condition) {
        return until(within, what, condition, () -> "");
    }

    /** As {@link #until(Duration, String, BooleanSupplier)}, describing the last state on failure. */
    static long until(Duration within, String what, BooleanSupplier condition, Supplier<String> state) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() - deadline > 0) {
                String last = state.get();
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what
                        + (last.isEmpty() ? "" : " (last seen: " + last + ")"));
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
