package dev.depot.storage.keyspace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory limit that every keyspace of the process shares (memcached's items and the Redis
 * databases live in one budget, as they live in one heap). A write that goes over it evicts
 * from its own shard first, then from its own keyspace, then from the largest other keyspace.
 */
public final class MemoryBudget {
    private final AtomicLong used = new AtomicLong();
    private final List<Keyspace> keyspaces = new CopyOnWriteArrayList<>();
    private volatile long max;

    public MemoryBudget(long maxBytes) {
        this.max = maxBytes;
    }

    public long used() {
        return used.get();
    }

    public long max() {
        return max;
    }

    boolean over() {
        return used.get() > max;
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    void register(Keyspace keyspace) {
        keyspaces.add(keyspace);
    }

    /** Changes the limit at run time (memcached cache_memlimit, Redis CONFIG SET maxmemory); evicts down to it. */
    public void setMax(long bytes) {
        max = bytes;
        evictFromOthers(null, null);
        PendingRemovals.deliver();
    }

    /** Evicts from the keyspaces other than {@code exclude}, largest first, until under the limit. */
    void evictFromOthers(Keyspace exclude, Entry keep) {
        while (over()) {
            Keyspace largest = null;
            long largestBytes = 0;
            for (Keyspace k : keyspaces) {
                long bytes = k.bytes();
                if (k != exclude && bytes > largestBytes) {
                    largest = k;
                    largestBytes = bytes;
                }
            }
            if (largest == null || !largest.evictSome(keep)) {
                return;
            }
        }
    }
}
