package dev.depot.storage.keyspace;

/**
 * A point-in-time view of the keyspace counters, named as memcached's {@code stats} names them.
 *
 * @param currItems        entries present now
 * @param totalItems       entries ever created or replaced
 * @param bytes            accounted heap bytes of all entries
 * @param limitMaxbytes    the memory limit
 * @param evictions        entries pushed out by the memory limit
 * @param reclaimed        expired entries removed
 * @param expiredUnfetched expired entries that were never read
 * @param evictedUnfetched evicted entries that were never read
 */
public record KeyspaceStats(long currItems, long totalItems, long bytes, long limitMaxbytes,
                            long evictions, long reclaimed, long expiredUnfetched, long evictedUnfetched) {
}
