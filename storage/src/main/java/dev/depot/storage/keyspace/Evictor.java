package dev.depot.storage.keyspace;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Frees memory under the budget's {@link EvictionPolicy}, one key at a time, taking from any
 * keyspace of the budget as Redis takes from any database: the ranked policies sample
 * {@link #SAMPLES} keys of every keyspace that has candidates into the calling thread's
 * {@link EvictionPool} and remove the best; the random ones remove a random candidate of a
 * random keyspace. The thread that went over the limit does the work (no eviction thread, no
 * global lock), and shard locks are only ever tried, never waited for, so eviction cannot
 * deadlock with a caller that holds shard locks (a transaction holds them all) and does not
 * queue behind busy shards; a busy shard is skipped.
 */
final class Evictor {
    /** Keys sampled per keyspace and eviction (Redis's maxmemory-samples default). */
    static final int SAMPLES = 5;
    /** Rounds in a row that may free nothing (candidates gone or busy) before giving up. */
    private static final int MAX_FRUITLESS_ROUNDS = 8;
    private static final ThreadLocal<EvictionPool> POOLS = ThreadLocal.withInitial(EvictionPool::new);

    private final MemoryBudget budget;
    private volatile EvictionPolicy policy = EvictionPolicy.ALLKEYS_LRU;

    Evictor(MemoryBudget budget) {
        this.budget = budget;
    }

    EvictionPolicy policy() {
        return policy;
    }

    void policy(EvictionPolicy policy) {
        this.policy = policy;
    }

    /** {@link #freeMemory(Entry, Keyspace, int)} with no write behind it (a lower limit, a new policy, a check). */
    boolean freeMemory(Entry keep) {
        return freeMemory(keep, null, 0);
    }

    /**
     * Evicts until the budget is met, never {@code keep} (the entry just written; null for none).
     * Returns false when it stopped over the limit: nothing (more) the policy may take, or only
     * busy shards left. The work is bounded by what must go, plus a few fruitless rounds.
     * {@code writtenIn} and {@code hash} tell where the write that went over happened (null: no
     * write): sampling there starts in that shard, which the writing thread has in its cache, and
     * which is as random a pick as any since keys are spread by hash.
     */
    boolean freeMemory(Entry keep, Keyspace writtenIn, int hash) {
        EvictionPolicy current = policy;
        int fruitless = 0;
        while (budget.over() && current.evicts() && fruitless < MAX_FRUITLESS_ROUNDS) {
            if (!hasCandidates(current)) {
                return false;
            }
            boolean freed = current.order() == EvictionPolicy.Order.RANDOM
                    ? evictRandom(current, keep) : evictBestSampled(current, keep, writtenIn, hash);
            fruitless = freed ? 0 : fruitless + 1;
        }
        return !budget.over();
    }

    /** Whether some keyspace holds a key {@code policy} may take (Redis fails the write when none does). */
    boolean hasCandidates(EvictionPolicy policy) {
        for (Keyspace keyspace : budget.keyspaces()) {
            if (keyspace.hasEvictable(policy)) {
                return true;
            }
        }
        return false;
    }

    private boolean evictBestSampled(EvictionPolicy current, Entry keep, Keyspace writtenIn, int hash) {
        EvictionPool pool = POOLS.get();
        pool.use(this, current);
        for (Keyspace keyspace : budget.keyspaces()) {
            if (keyspace.hasEvictable(current)) {
                int firstShard = keyspace == writtenIn
                        ? Keyspace.shardIndex(hash) : ThreadLocalRandom.current().nextInt(Keyspace.SHARDS);
                keyspace.sampleInto(pool, current, keep, SAMPLES, firstShard);
            }
        }
        for (EvictionPool.Candidate c = pool.pollBest(); c != null; c = pool.pollBest()) {
            if (c.shard().keyspace().evictCandidate(c.shard(), c.entry(), c.rank(), current, keep)) {
                return true;
            }
        }
        return false;
    }

    /** A random candidate of a keyspace chosen at random among those that have one. */
    private boolean evictRandom(EvictionPolicy current, Entry keep) {
        List<Keyspace> keyspaces = budget.keyspaces();
        int eligible = 0;
        for (Keyspace keyspace : keyspaces) {
            if (keyspace.hasEvictable(current)) {
                eligible++;
            }
        }
        int pick = eligible == 0 ? 0 : ThreadLocalRandom.current().nextInt(eligible);
        for (Keyspace keyspace : keyspaces) {
            if (keyspace.hasEvictable(current) && pick-- == 0) {
                return keyspace.evictRandom(current, keep);
            }
        }
        return false;
    }
}
