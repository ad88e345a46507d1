package dev.depot.server.resp;

import dev.depot.storage.types.Bytes;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Clients parked by the blocking pops (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP on lists;
 * BZPOPMIN, BZPOPMAX, BZMPOP on sorted sets), per key and type, oldest first. A write that adds
 * to a key wakes the oldest waiter for that type only, which retries on its own event loop (no
 * event loop ever waits for another); once it leaves the queue, served or not, it signals the
 * key again so the next one gets its turn. The longest waiter is served first. Waiters for a
 * list and for a sorted set on the same key never wake each other: as in Redis 7.0, a client
 * waiting for a list stays parked when the key becomes a sorted set, and the other way round.
 */
final class BlockingPops {
    /** The type a blocked client pops from. */
    enum Source {
        LIST, SORTED_SET;

        /** The waiters {@code value} can serve, or null when it serves none. */
        static Source of(Object value) {
            if (value instanceof dev.depot.storage.types.ListValue) {
                return LIST;
            }
            return value instanceof dev.depot.storage.types.SortedSetValue ? SORTED_SET : null;
        }
    }

    /** A key in one database, waited on for one type. */
    private record WaitKey(int db, Bytes key, Source source) {
    }

    /** A parked client. */
    interface Waiter {
        /** Called on any thread after a push to one of its keys: retry soon, on your own loop. */
        void wake();
    }

    private final Map<WaitKey, Queue<Waiter>> waiting = new ConcurrentHashMap<>();

    /**
     * Queues {@code waiter} on each key; true when it is the oldest waiter on at least one of
     * them. Queues are created and dropped inside the map's atomic per-key updates, so a waiter
     * never lands in a queue that another thread is dropping.
     */
    boolean park(Waiter waiter, int db, Source source, List<byte[]> keys) {
        boolean oldestSomewhere = false;
        for (byte[] key : keys) {
            Queue<Waiter> queue = waiting.compute(new WaitKey(db, new Bytes(key), source), (k, q) -> {
                Queue<Waiter> joined = q != null ? q : new ConcurrentLinkedQueue<>();
                joined.add(waiter);
                return joined;
            });
            oldestSomewhere |= queue.peek() == waiter;
        }
        return oldestSomewhere;
    }

    void unpark(Waiter waiter, int db, Source source, List<byte[]> keys) {
        for (byte[] key : keys) {
            waiting.computeIfPresent(new WaitKey(db, new Bytes(key), source), (k, q) -> {
                q.remove(waiter);
                return q.isEmpty() ? null : q;
            });
        }
    }

    /** The {@code source} at {@code key} may have elements now: its oldest waiter tries again. */
    void signal(int db, Source source, byte[] key) {
        Queue<Waiter> queue = waiting.get(new WaitKey(db, new Bytes(key), source));
        Waiter oldest = queue == null ? null : queue.peek();
        if (oldest != null) {
            oldest.wake();
        }
    }

    /** The keys of {@code db} that clients wait on now (SWAPDB wakes those whose list arrived). */
    List<byte[]> keysWaitingIn(int db) {
        List<byte[]> keys = new java.util.ArrayList<>();
        for (WaitKey k : waiting.keySet()) {
            if (k.db() == db) {
                keys.add(k.key().value());
            }
        }
        return keys;
    }

    /** Passes a wake-up on: called by a waiter that left the queues of {@code keys}. */
    void signalAll(int db, Source source, List<byte[]> keys) {
        for (byte[] key : keys) {
            signal(db, source, key);
        }
    }
}
