package dev.depot.storage.keyspace;

import java.util.Arrays;

/**
 * The most evictable entries one thread has sampled so far (Redis's eviction pool): each
 * eviction samples a few new entries, and the best of those and of the survivors of earlier
 * samples goes. This is what makes five samples a good approximation of true LRU/LFU. One pool
 * per thread, so nothing here is shared or locked. An entry removed meanwhile may linger here
 * until it is polled, but only as its 48 bytes: removal drops its payload (see
 * {@link Keyspace#drop}).
 */
final class EvictionPool {
    static final int CAPACITY = 16;

    /** A pooled entry, the shard it lives in, and how evictable it was when sampled. */
    record Candidate(Shard shard, Entry entry, long rank) {
    }

    /** Ascending by rank: the most evictable last. */
    private final Candidate[] candidates = new Candidate[CAPACITY];
    private int size;
    /** Whose entries these are: a thread may evict for several budgets (tests make many). */
    private Evictor owner;
    /** The policy the ranks were computed under; ranks of different orders do not compare. */
    private EvictionPolicy policy;

    /**
     * Prepares for an eviction by {@code evictor} under {@code current}, forgetting candidates
     * of another budget or ranked under another policy.
     */
    void use(Evictor evictor, EvictionPolicy current) {
        if (evictor != owner || current != policy) {
            Arrays.fill(candidates, 0, size, null);
            size = 0;
            owner = evictor;
            policy = current;
        }
    }

    /**
     * Adds {@code entry} if it ranks among the best {@link #CAPACITY}. An entry sampled again
     * replaces its older rank: ranks age (an unused entry grows more evictable by the second).
     */
    void offer(Shard shard, Entry entry, long rank) {
        for (int i = 0; i < size; i++) {
            if (candidates[i].entry() == entry) {
                System.arraycopy(candidates, i + 1, candidates, i, size - i - 1);
                candidates[--size] = null;
                break;
            }
        }
        if (size == CAPACITY && rank <= candidates[0].rank()) {
            return;
        }
        int at = size;
        while (at > 0 && candidates[at - 1].rank() > rank) {
            at--;
        }
        if (size == CAPACITY) {
            // the least evictable makes room
            at--;
            System.arraycopy(candidates, 1, candidates, 0, at);
        } else {
            System.arraycopy(candidates, at, candidates, at + 1, size - at);
            size++;
        }
        candidates[at] = new Candidate(shard, entry, rank);
    }

    /** Takes the most evictable candidate out of the pool; null when it is empty. */
    Candidate pollBest() {
        if (size == 0) {
            return null;
        }
        Candidate best = candidates[--size];
        candidates[size] = null;
        return best;
    }
}
