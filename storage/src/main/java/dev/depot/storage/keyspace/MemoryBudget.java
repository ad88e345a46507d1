package dev.depot.storage.keyspace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory limit that every keyspace of the process shares (memcached's items and the Redis
 * databases live in one budget, as they live in one heap), and the eviction policy that keeps
 * it. A write that goes over the limit evicts under the policy, from any keyspace; when the
 * policy may evict nothing, the next write is refused ({@link #admitWrite()}).
 */
public final class MemoryBudget {
    private final AtomicLong used = new AtomicLong();
    private final List<Keyspace> keyspaces = new CopyOnWriteArrayList<>();
    private final Evictor evictor = new Evictor(this);
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

    List<Keyspace> keyspaces() {
        return keyspaces;
    }

    /** Changes the limit at run time (memcached cache_memlimit, Redis CONFIG SET maxmemory); evicts down to it. */
    public void setMax(long bytes) {
        max = bytes;
        evictor.freeMemory(null);
        PendingChanges.deliver();
    }

    public EvictionPolicy evictionPolicy() {
        return evictor.policy();
    }

    /** Changes the policy at run time (Redis CONFIG SET maxmemory-policy); evicts down to the limit if it now may. */
    public void evictionPolicy(EvictionPolicy policy) {
        evictor.policy(policy);
        evictor.freeMemory(null);
        PendingChanges.deliver();
    }

    /**
     * Redis's check before a command that may add data: when memory is over the limit, evict
     * under the policy first, and refuse the write if the policy may take nothing. The write
     * that crosses the limit is allowed; the ones after it are not. Call it holding no shard
     * lock, or all of them (a transaction).
     *
     * @throws MemoryFullException when over the limit with nothing the policy may evict
     */
    public void admitWrite() {
        if (!over()) {
            return;
        }
        EvictionPolicy policy = evictor.policy();
        boolean freed = evictor.freeMemory(null);
        PendingChanges.deliver(); // no shard lock held here (or all of them: EXEC's reports wait for its end)
        // with candidates left, a round that freed too little (busy shards) still lets the write through
        if (freed || evictor.hasCandidates(policy)) {
            return;
        }
        throw new MemoryFullException(policy, used(), max);
    }

    /**
     * Restores the limit after {@code written} (null: the write removed its key) went over it: evicts
     * under the policy, sparing {@code written}; if that cannot be enough because {@code written}
     * alone is larger than the limit, and the policy may take it, it goes too.
     */
    void afterWrite(Keyspace keyspace, byte[] key, int hash, Entry written) {
        if (evictor.freeMemory(written, keyspace, hash) || written == null) {
            return;
        }
        EvictionPolicy policy = evictor.policy();
        if (policy.mayEvict(written)) {
            keyspace.evictIfLargerThanLimit(key, hash, written, max);
        }
    }
}
