package dev.depot.server.resp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIENT PAUSE and UNPAUSE. While a pause lasts, the commands it covers (every command, or only
 * writes) wait: their connection stops reading and parks a {@link Waiter} here, so no event
 * loop ever blocks. A waiter is woken when the pause is lifted, and retries at the deadline.
 * A new pause only ever lengthens or widens the current one, as in Redis.
 */
final class ClientPause {
    /** What a pause holds back. WRITE is weaker than ALL. */
    enum Mode { WRITE, ALL }

    /** The pause in force: until {@code endNanos} (System.nanoTime). */
    private record Pause(Mode mode, long endNanos) {
    }

    /** A connection holding a command back until the pause ends. */
    interface Waiter {
        /** Called on any thread: try again soon, on your own event loop. */
        void retry();
    }

    private volatile Pause pause;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    synchronized void pause(Mode mode, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        Pause now = active();
        if (now != null) {
            mode = now.mode.compareTo(mode) > 0 ? now.mode : mode;
            end = Math.max(end, now.endNanos);
        }
        pause = new Pause(mode, end);
    }

    void unpause() {
        pause = null;
        waiters.forEach(Waiter::retry);
    }

    /**
     * How long the command must still wait, in nanoseconds; 0 when it may run now. EXEC is a
     * write when any command it would run is one.
     */
    long remainingNanos(String name, Session session) {
        Pause now = active();
        if (now == null) {
            return 0;
        }
        if (now.mode == Mode.WRITE && !writes(name, session)) {
            return 0;
        }
        return Math.max(1, now.endNanos - System.nanoTime());
    }

    void await(Waiter waiter) {
        waiters.add(waiter);
    }

    void leave(Waiter waiter) {
        waiters.remove(waiter);
    }

    private Pause active() {
        Pause now = pause;
        return now == null || now.endNanos - System.nanoTime() <= 0 ? null : now;
    }

    private static boolean writes(String name, Session session) {
        if (CommandFlags.isWrite(name)) {
            return true;
        }
        var queued = session.queued;
        if (name.equals("exec") && queued != null) {
            for (var args : queued) {
                if (CommandFlags.isWrite(new String(args.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
