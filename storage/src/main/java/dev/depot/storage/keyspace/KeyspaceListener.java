package dev.depot.storage.keyspace;

/**
 * Hears what happens to keys inside the keyspace, for the causes it registered (see
 * {@link Databases#listen}); a cause nobody registered for costs its path one field read.
 * The causes: every change a client makes through a {@link Slot} (a value stored or modified,
 * an expiry set or removed, a deletion, a memcached item marked stale), whichever protocol
 * made it; keys removed on the keyspace's own account (expired, found on access, by the sweep
 * or by the eviction hand, and evicted under the memory limit); whole keyspaces emptied; keys
 * a write created where none was (a missing or expired key); and keys a read looked for in
 * vain ({@link Slot#reportMiss}), which the commands above cannot tell apart or order by
 * themselves.
 *
 * <p>Calls come after the shard locks of the operation that caused them are released (inside
 * a transaction, which holds every lock until EXEC ends, they come while those are still held),
 * on the thread of that operation and in the order things happened, so a caller's own events
 * follow what its access caused. Each operation's events end with {@link #batchDone()}.
 */
@FunctionalInterface
public interface KeyspaceListener {
    /** What happened to the key. */
    enum Cause {
        /** A client changed or deleted it through a {@link Slot}. */
        WRITTEN,
        /** It expired and is gone. */
        EXPIRED,
        /** The memory limit evicted it. */
        EVICTED,
        /** The whole database was emptied: the key is null, the database -1 for all of them (FLUSHALL). */
        FLUSHED,
        /** A write created it: the key did not exist (or had expired) before. Heard before its WRITTEN. */
        CREATED,
        /** A read looked for it and found no key. */
        MISSED;

        /** This cause as a bit of a registration's mask. */
        final int bit = 1 << ordinal();
    }

    /** {@code cause} happened to {@code key} in database {@code db}. */
    void heard(int db, Cause cause, byte[] key);

    /** The events of one operation have all been heard (a multi-key write's keys come together). */
    default void batchDone() {
    }
}
