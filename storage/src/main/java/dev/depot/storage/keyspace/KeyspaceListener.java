package dev.depot.storage.keyspace;

/**
 * Hears of the keys a keyspace removes on its own account: expired (found on access, by the
 * sweep or by the eviction hand) and evicted (the memory limit). Client deletions are not
 * reported here: the command that deletes knows it did. Calls come after the shard locks of
 * the operation that found the key are released (inside a transaction, which holds every lock
 * until EXEC ends, they come while those are still held), on the thread of that operation and
 * in the order the keys went, so a caller's own events follow the removals its access caused.
 */
@FunctionalInterface
public interface KeyspaceListener {
    /** Why a key went. */
    enum Cause { EXPIRED, EVICTED }

    /** {@code key} left database {@code db} for {@code cause}. */
    void removed(int db, Cause cause, byte[] key);
}
