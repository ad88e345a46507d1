package dev.depot.storage.keyspace;

/**
 * Hears of changes to keys. Always of the keys a keyspace removes on its own account: expired
 * (found on access, by the sweep or by the eviction hand) and evicted (the memory limit). When
 * registered to hear writes too, also of every change a client makes through a {@link Slot}
 * (a value stored or modified, an expiry set or removed, a deletion, a memcached item marked
 * stale), whichever protocol made it, and of whole keyspaces emptied. Calls come after the
 * shard locks of the operation that caused them are released (inside a transaction, which holds
 * every lock until EXEC ends, they come while those are still held), on the thread of that
 * operation and in the order the changes were made, so a caller's own events follow the
 * removals its access caused. Each operation's changes end with {@link #batchDone()}.
 */
public interface KeyspaceListener {
    /** What happened to a key. */
    enum Cause {
        /** A client changed or deleted it (reported to listeners of writes only). */
        WRITTEN,
        /** Its time ran out. */
        EXPIRED,
        /** The memory limit pushed it out. */
        EVICTED,
        /** The whole database was emptied; the key is null, the database -1 for all of them (listeners of writes only). */
        FLUSHED
    }

    /** {@code key} of database {@code db} changed for {@code cause}. */
    void changed(int db, Cause cause, byte[] key);

    /** The changes of one operation have all been reported (a multi-key write's keys come together). */
    default void batchDone() {
    }
}
