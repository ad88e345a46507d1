package dev.depot.storage.keyspace;

/**
 * A write refused because memory is over the limit and the eviction policy may free nothing:
 * {@link EvictionPolicy#NOEVICTION}, or a {@code volatile-*} policy and no key with an expiry.
 * Thrown before the write changed anything; each protocol words it its own way (Redis's -OOM,
 * memcached's SERVER_ERROR out of memory).
 */
public final class MemoryFullException extends RuntimeException {
    public MemoryFullException(EvictionPolicy policy, long usedBytes, long maxBytes) {
        // no stack trace: it is an answer to a client, not a bug
        super("memory in use (" + usedBytes + " bytes) is over the limit (" + maxBytes + ") and "
                + policy.configName() + " may evict nothing", null, false, false);
    }
}
