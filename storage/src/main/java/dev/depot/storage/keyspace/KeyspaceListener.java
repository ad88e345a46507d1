package dev.depot.storage.keyspace;

/**
 * Hears what happens to keys inside the keyspace, which the commands above it cannot tell
 * apart or order by themselves: keys removed on the keyspace's own account (expired, found on
 * access, by the sweep or by the eviction hand, and evicted under the memory limit), keys a
 * write created where none was (a missing or expired key), and keys a read looked for in vain
 * ({@link Slot#reportMiss}). Client deletions are not reported here: the command that deletes
 * knows it did. Only the causes the listener registered for are reported (see
 * {@link Databases#listen}).
 *
 * <p>Calls come after the shard locks of the operation that caused them are released (inside
 * a transaction, which holds every lock until EXEC ends, they come while those are still held),
 * on the thread of that operation and in the order things happened, so a caller's own events
 * follow what its access caused.
 */
@FunctionalInterface
public interface KeyspaceListener {
    /** What happened to the key. */
    enum Cause {
        /** It expired and is gone. */
        EXPIRED,
        /** The memory limit evicted it. */
        EVICTED,
        /** A write created it: the key did not exist (or had expired) before. */
        CREATED,
        /** A read looked for it and found no key. */
        MISSED
    }

    /** {@code cause} happened to {@code key} in database {@code db}. */
    void heard(int db, Cause cause, byte[] key);
}
