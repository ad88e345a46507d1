package dev.depot.server.resp;

import dev.depot.storage.types.Bytes;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Clients parked by BLPOP, BRPOP, BLMOVE and BRPOPLPUSH, per key, oldest first. A push to a key
 * wakes the oldest waiter only, which retries on its own event loop (no event loop ever waits for
 * another); once it leaves the queue, served or not, it signals the key again so the next one
 * gets its turn. The longest waiter is served first.
 */
final class BlockingPops {
    /** A key in one database. */
    private record WaitKey(int db, Bytes key) {
    }

    /** A parked client. */
    interface Waiter {
        /** Called on any thread after a push to one of its keys: retry soon, on your own loop. */
        void wake();
    }

    private final Map<WaitKey, Queue<Waiter>> waiting = new ConcurrentHashMap<>();

    void park(Waiter waiter, int db, List<byte[]> keys) {
        for (byte[] key : keys) {
            waiting.computeIfAbsent(new WaitKey(db, new Bytes(key)), k -> new ConcurrentLinkedQueue<>()).add(waiter);
        }
    }

    void unpark(Waiter waiter, int db, List<byte[]> keys) {
        for (byte[] key : keys) {
            WaitKey k = new WaitKey(db, new Bytes(key));
            Queue<Waiter> queue = waiting.get(k);
            if (queue != null) {
                queue.remove(waiter);
                waiting.computeIfPresent(k, (x, q) -> q.isEmpty() ? null : q);
            }
        }
    }

    /** The list at {@code key} may have elements now: its oldest waiter tries again. */
    void signal(int db, byte[] key) {
        Queue<Waiter> queue = waiting.get(new WaitKey(db, new Bytes(key)));
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
    void signalAll(int db, List<byte[]> keys) {
        for (byte[] key : keys) {
            signal(db, key);
        }
    }
}
