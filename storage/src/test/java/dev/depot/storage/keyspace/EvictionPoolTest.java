package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The per-thread pool of eviction candidates: best first, bounded, one place per entry. */
class EvictionPoolTest {
    private final Shard shard = new Shard(new Keyspace(1 << 20, new FakeClock()));
    private final Evictor evictor = new Evictor(new MemoryBudget(1 << 20));

    private static List<Long> drain(EvictionPool pool) {
        List<Long> ranks = new ArrayList<>();
        for (EvictionPool.Candidate c = pool.pollBest(); c != null; c = pool.pollBest()) {
            ranks.add(c.rank());
        }
        return ranks;
    }

    @Test
    void theMostEvictableComesFirst() {
        EvictionPool pool = new EvictionPool();
        pool.use(evictor, EvictionPolicy.ALLKEYS_LRU);
        for (long rank : new long[] {30, 10, 50, 20, 40}) {
            pool.offer(shard, new Entry(), rank);
        }
        assertEquals(List.of(50L, 40L, 30L, 20L, 10L), drain(pool));
    }

    @Test
    void whenFullTheLeastEvictableMakesRoomAndWorseOffersAreIgnored() {
        EvictionPool pool = new EvictionPool();
        pool.use(evictor, EvictionPolicy.ALLKEYS_LRU);
        for (int rank = 1; rank <= EvictionPool.CAPACITY; rank++) {
            pool.offer(shard, new Entry(), rank);
        }
        pool.offer(shard, new Entry(), 0);      // worse than all: ignored
        pool.offer(shard, new Entry(), 100);    // pushes rank 1 out
        pool.offer(shard, new Entry(), 5);      // pushes rank 2 out, lands among the others
        List<Long> ranks = drain(pool);
        assertEquals(EvictionPool.CAPACITY, ranks.size());
        assertEquals(100L, ranks.get(0));
        assertEquals(List.of(5L, 5L, 4L, 3L), ranks.subList(ranks.size() - 4, ranks.size()));
    }

    @Test
    void anEntrySampledAgainKeepsOnePlaceWithItsNewRank() {
        EvictionPool pool = new EvictionPool();
        pool.use(evictor, EvictionPolicy.ALLKEYS_LRU);
        Entry entry = new Entry();
        pool.offer(shard, entry, 10);
        pool.offer(shard, new Entry(), 20);
        pool.offer(shard, entry, 30);
        EvictionPool.Candidate best = pool.pollBest();
        assertSame(entry, best.entry());
        assertEquals(30, best.rank());
        assertEquals(List.of(20L), drain(pool));
    }

    @Test
    void anotherPolicyOrBudgetStartsAfresh() {
        EvictionPool pool = new EvictionPool();
        pool.use(evictor, EvictionPolicy.ALLKEYS_LRU);
        pool.offer(shard, new Entry(), 10);
        pool.use(evictor, EvictionPolicy.ALLKEYS_LRU);
        assertNotNull(pool.pollBest(), "same budget and policy: kept");

        pool.offer(shard, new Entry(), 10);
        pool.use(evictor, EvictionPolicy.ALLKEYS_LFU);
        assertNull(pool.pollBest(), "LRU ranks do not compare with LFU ranks");

        pool.offer(shard, new Entry(), 10);
        pool.use(new Evictor(new MemoryBudget(1 << 20)), EvictionPolicy.ALLKEYS_LFU);
        assertNull(pool.pollBest(), "another budget's entries");
    }
}
