package dev.depot.storage.keyspace;

import java.util.List;

/**
 * An atomic step on several keys at once (RENAME, SMOVE, the *STORE commands, MSET...): it runs
 * with the shard locks of all of them held, with one {@link Slot} per key, in the order the keys
 * were given; a key named twice gets the same slot both times, so a write through one is seen
 * through the other. Like {@link KeyOp}, it must not block and must touch no key but these:
 * locking another shard from inside could deadlock.
 */
@FunctionalInterface
public interface KeysOp<R> {
    R apply(List<Slot> slots);
}
