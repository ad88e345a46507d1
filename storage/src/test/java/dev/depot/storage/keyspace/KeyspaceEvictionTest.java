package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The memory limit under the default policy, allkeys-lru: EntrySize accounting and which entry
 * goes. Eviction samples five keys per round (plus the best left from earlier rounds), so with
 * five or fewer candidates, as in the ordering tests here, it sees them all and is exact LRU.
 * Recency counts in milliseconds; most tests move the clock a second between uses.
 */
class KeyspaceEvictionTest {
    /** Keys of 10 bytes ("lru-00042") with 100-byte values: 48 + 6 + 128 = 182 bytes an entry. */
    private static final int VALUE = 100;
    private static final long ENTRY = stringEntrySize(9, VALUE);
    private static final int SHARD = 77;

    private final FakeClock clock = new FakeClock();

    /** Writes the keys a second apart: the first is the least recently used. */
    private void fill(Keyspace ks, List<byte[]> keys) {
        for (byte[] key : keys) {
            put(ks, key, value(VALUE, 'v'));
            clock.advanceSeconds(1);
        }
    }

    @Test
    void entrySizeMatchesTheHeapLayout() {
        assertEquals(182, ENTRY);
        assertEquals(182, EntrySize.of(Entry.stringPayload(b("lru-00042"), value(VALUE, 'v'), 0, VALUE)));
        assertEquals(48 + 6 + 24, EntrySize.of(Entry.stringPayload(b("k"), b(""), 0, 0))); // 16+2 -> 24
        assertEquals(48 + 6 + 24, EntrySize.of(Entry.stringPayload(b("k"), b("123456"), 0, 6))); // 16+8 -> 24
        assertEquals(48 + 6 + 32, EntrySize.of(Entry.stringPayload(b("k"), b("1234567"), 0, 7))); // 16+9 -> 32
        assertEquals(16, EntrySize.array(0));
        assertEquals(24, EntrySize.array(1));
        assertEquals(24, EntrySize.array(8));
        assertEquals(32, EntrySize.array(9));
        assertEquals(16L + 1_000_000, EntrySize.array(1_000_000));
        assertEquals(48 + 6 + 24 + 24 + 500, EntrySize.of(new Entry.ObjectPayload(b("key"), (SizedValue) () -> 500)));
        assertEquals(48 + 6 + 24 + 24, EntrySize.of(new Entry.ObjectPayload(b("key"), "not sized")));
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedFirst() {
        List<byte[]> keys = keysInDistinctShards(6, "lru-");
        Keyspace ks = new Keyspace(4 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 4));
        // reading keys 0 and 1 leaves key 2 the least recently used, then key 3
        assertNotNull(read(ks, keys.get(0)));
        assertNotNull(read(ks, keys.get(1)));
        clock.advanceSeconds(1);
        put(ks, keys.get(4), value(VALUE, 'v'));
        assertFalse(exists(ks, keys.get(2)));
        clock.advanceSeconds(1);
        put(ks, keys.get(5), value(VALUE, 'v'));
        assertFalse(exists(ks, keys.get(3)));
        for (int i : new int[] {0, 1, 4, 5}) {
            assertTrue(exists(ks, keys.get(i)), "key " + i);
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(4, stats.currItems());
        assertEquals(4 * ENTRY, stats.bytes());
        assertEquals(2, stats.evictions());
        assertEquals(2, stats.evictedUnfetched());
        assertEquals(0, stats.reclaimed());
    }

    @Test
    void aReadEvenWithinTheMinuteCountsForRecency() {
        // memcached's last-access time moves at most once a minute; the LRU order is exact to the second
        List<byte[]> keys = keysInShard(SHARD, 3, "lru-");
        Keyspace ks = new Keyspace(2 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 2));
        clock.advanceSeconds(5);
        assertNotNull(read(ks, keys.get(0)));
        clock.advanceSeconds(1);
        put(ks, keys.get(2), value(VALUE, 'v'));
        assertTrue(exists(ks, keys.get(0)), "read 1 s ago");
        assertFalse(exists(ks, keys.get(1)), "written 6 s ago");
    }

    @Test
    void recencyIsKeptToTheMillisecond() {
        List<byte[]> keys = keysInShard(SHARD, 4, "lru-");
        Keyspace ks = new Keyspace(3 * ENTRY + ENTRY / 2, clock);
        for (int i = 0; i < 3; i++) {
            put(ks, keys.get(i), value(VALUE, 'v'));
            clock.advanceMillis(10);
        }
        read(ks, keys.get(0));
        clock.advanceMillis(10);
        put(ks, keys.get(3), value(VALUE, 'v'));
        assertTrue(exists(ks, keys.get(0)), "read 10 ms ago");
        assertFalse(exists(ks, keys.get(1)), "written 40 ms ago, within the same second as the others");
        assertTrue(exists(ks, keys.get(2)));
    }

    @Test
    void aFreshWriteIsNotTheNextVictim() {
        List<byte[]> keys = keysInShard(SHARD, 6, "lru-");
        Keyspace ks = new Keyspace(4 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 5)); // key 0 goes
        fill(ks, keys.subList(5, 6)); // key 1 goes, not the fresh key 4
        assertTrue(exists(ks, keys.get(4)));
        assertTrue(exists(ks, keys.get(5)));
        assertFalse(exists(ks, keys.get(0)));
        assertFalse(exists(ks, keys.get(1)));
    }

    @Test
    void peekingWithoutMarkFetchedDoesNotRefresh() {
        List<byte[]> keys = keysInShard(SHARD, 5, "lru-");
        Keyspace ks = new Keyspace(3 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 3));
        assertNotNull(peek(ks, keys.get(0)));
        assertNotNull(read(ks, keys.get(1)));
        put(ks, keys.get(3), value(VALUE, 'v'));
        assertFalse(exists(ks, keys.get(0)), "a peek is not a use");
        assertTrue(exists(ks, keys.get(1)));
    }

    @Test
    void rewritingAKeyCountsAsAUse() {
        List<byte[]> keys = keysInShard(SHARD, 5, "lru-");
        Keyspace ks = new Keyspace(3 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 3));
        put(ks, keys.get(0), value(VALUE, 'w'));
        clock.advanceSeconds(1);
        put(ks, keys.get(3), value(VALUE, 'v'));
        assertTrue(exists(ks, keys.get(0)));
        assertFalse(exists(ks, keys.get(1)));
    }

    @Test
    void evictedUnfetchedCountsOnlyEntriesNeverRead() {
        List<byte[]> keys = keysInShard(SHARD, 8, "lru-");
        Keyspace ks = new Keyspace(4 * ENTRY + ENTRY / 2, clock);
        fill(ks, keys.subList(0, 4));
        read(ks, keys.get(0));
        read(ks, keys.get(1));
        clock.advanceSeconds(1);
        // read entries are the most recent: order is now 2 3 0 1; writing 4 more pushes all four out
        fill(ks, keys.subList(4, 8));
        for (int i = 0; i < 4; i++) {
            assertFalse(exists(ks, keys.get(i)), "key " + i);
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(4, stats.evictions());
        assertEquals(2, stats.evictedUnfetched());
        assertEquals(4, stats.currItems());
    }

    @Test
    void expiredEntriesNearTheTailGoBeforeLiveOnes() {
        List<byte[]> keys = keysInShard(SHARD, 5, "lru-");
        Keyspace ks = new Keyspace(4 * ENTRY + ENTRY / 2, clock);
        put(ks, keys.get(0), value(VALUE, 'v'));                          // the LRU tail, live
        put(ks, keys.get(1), value(VALUE, 'v'), clock.millis() + 1000);   // expires
        put(ks, keys.get(2), value(VALUE, 'v'));
        put(ks, keys.get(3), value(VALUE, 'v'));
        clock.advanceSeconds(2);

        put(ks, keys.get(4), value(VALUE, 'v'));
        KeyspaceStats stats = ks.stats();
        assertEquals(0, stats.evictions(), "an expired entry was there to reclaim");
        assertEquals(1, stats.reclaimed());
        assertEquals(1, stats.expiredUnfetched());
        assertEquals(4, stats.currItems());
        assertTrue(exists(ks, keys.get(0)), "the live LRU tail is spared");
        assertFalse(exists(ks, keys.get(1)));
        assertEquals(1, ks.stats().reclaimed(), "key 1 was already gone, not lazily expired now");
    }

    @Test
    void anExpiredCandidateGoesBeforeLiveOnesHoweverRecentlyUsed() {
        // five candidates: one round samples them all (with more, an expired one may go unsampled, as in Redis)
        List<byte[]> keys = keysInShard(SHARD, 8, "lru-");
        Keyspace ks = new Keyspace(5 * ENTRY + ENTRY / 2, clock);
        put(ks, keys.get(4), value(VALUE, 'v'), clock.millis() + 5500); // dies between the read and the write
        clock.advanceSeconds(1);
        fill(ks, keys.subList(0, 4));
        assertNotNull(read(ks, keys.get(4)), "alive, and now the most recently used");
        clock.advanceSeconds(1);

        put(ks, keys.get(6), value(VALUE, 'v'));
        KeyspaceStats stats = ks.stats();
        assertEquals(0, stats.evictions());
        assertEquals(1, stats.reclaimed());
        assertEquals(0, missingCount(ks, keys.subList(0, 4)));
    }

    @Test
    void theEntryBeingWrittenIsNeverItsShardsVictim() {
        List<byte[]> keys = keysInShard(SHARD, 3, "lru-");
        Keyspace ks = new Keyspace(3 * ENTRY, clock);
        fill(ks, keys.subList(0, 2));
        // key 2 arrives with a value that needs all the room: both others go, it stays
        byte[] big = value(VALUE + 200, 'b');
        put(ks, keys.get(2), big);
        assertTrue(exists(ks, keys.get(2)));
        assertFalse(exists(ks, keys.get(0)));
        assertFalse(exists(ks, keys.get(1)));
        assertEquals(stringEntrySize(9, VALUE + 200), ks.stats().bytes());
        assertEquals(2, ks.stats().evictions());
    }

    @Test
    void growingAValueInPlaceEvictsOthersButNotItself() {
        List<byte[]> keys = keysInShard(SHARD, 4, "lru-");
        Keyspace ks = new Keyspace(4 * ENTRY, clock);
        fill(ks, keys);
        // the first (least recently used) key grows, as an append would make it
        ks.execute(keys.get(0), slot -> {
            byte[] grown = new byte[VALUE + 150];
            slot.put(grown, slot.flags(), slot.expiresAt());
            return null;
        });
        assertTrue(exists(ks, keys.get(0)));
        assertFalse(exists(ks, keys.get(1)));
        assertTrue(ks.stats().bytes() <= 4 * ENTRY);
        assertEquals(1, ks.stats().evictions());
    }

    @Test
    void theLimitHoldsAcrossShards() {
        List<byte[]> keys = keysInDistinctShards(40, "spread-");
        long entry = stringEntrySize(12, VALUE);
        Keyspace ks = new Keyspace(10 * entry, clock);
        for (int i = 0; i < keys.size(); i++) {
            put(ks, keys.get(i), value(VALUE, 'v'));
            KeyspaceStats stats = ks.stats();
            assertTrue(stats.bytes() <= 10 * entry, "after " + (i + 1) + " writes: " + stats.bytes());
            assertEquals(Math.min(i + 1, 10), stats.currItems());
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(30, stats.evictions());
        assertEquals(30, stats.evictedUnfetched());
        assertEquals(10 * entry, stats.bytes());
    }

    @Test
    void aWriteAloneInItsShardIsNotEvictedByItsOwnShard() {
        // the old key's shard comes first in the cross-shard pass, so it pays for the new one
        byte[] old = keysInShard(5, 1, "old-").get(0);
        byte[] fresh = keysInShard(200, 1, "new-").get(0);
        long entry = stringEntrySize(9, VALUE);
        Keyspace ks = new Keyspace(entry + entry / 2, clock);
        put(ks, old, value(VALUE, 'o'));
        put(ks, fresh, value(VALUE, 'n'));
        assertTrue(exists(ks, fresh));
        assertFalse(exists(ks, old));
        assertEquals(1, ks.stats().evictions());
        assertEquals(entry, ks.stats().bytes());
    }

    @Test
    void aFreshWriteSurvivesWhenOlderEntriesLiveInOtherShards() {
        // the old key lives in a shard visited after the new key's shard (the cross-shard pass starts at shard 0)
        byte[] old = keysInShard(200, 1, "old-").get(0);
        byte[] fresh = keysInShard(10, 1, "new-").get(0);
        long entry = stringEntrySize(9, VALUE);
        Keyspace ks = new Keyspace(entry + entry / 2, clock);
        put(ks, old, value(VALUE, 'o'));
        put(ks, fresh, value(VALUE, 'n')); // memcached: the new item is stored and the LRU tail (old) goes
        assertTrue(exists(ks, fresh), "the value just stored was evicted by its own write");
        assertFalse(exists(ks, old));
    }

    @Test
    void aSingleEntryLargerThanTheLimitDoesNotStay() {
        Keyspace ks = new Keyspace(1000, clock);
        put(ks, b("huge"), value(5000, 'h'));
        KeyspaceStats stats = ks.stats();
        assertTrue(stats.bytes() <= 1000, "bytes " + stats.bytes());
        assertEquals(0, stats.currItems());
        assertEquals(1, stats.evictions());
    }

    @Test
    void shrinkingTheLimitEvictsDownToIt() {
        Keyspace ks = new Keyspace(UNLIMITED, clock);
        long total = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] key = b("shrink-" + i);
            put(ks, key, value(VALUE, 'v'));
            total += stringEntrySize(key.length, VALUE);
        }
        assertEquals(total, ks.stats().bytes());
        ks.setMaxBytes(total / 4);
        KeyspaceStats stats = ks.stats();
        assertTrue(stats.bytes() <= total / 4);
        assertTrue(stats.bytes() > total / 4 - stringEntrySize(10, VALUE), "evicted only what was needed");
        assertEquals(1000 - stats.currItems(), stats.evictions());
        assertEquals(stats.evictions(), stats.evictedUnfetched());
        assertEquals(total / 4, stats.limitMaxbytes());
        // the survivors are intact and add up to the accounted bytes
        long present = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] key = b("shrink-" + i);
            byte[] v = peek(ks, key);
            if (v != null) {
                assertEquals(VALUE, v.length);
                present += stringEntrySize(key.length, VALUE);
            }
        }
        assertEquals(stats.bytes(), present);
    }

    @Test
    void shrinkingPrefersExpiredEntries() {
        List<byte[]> keys = keysInShard(SHARD, 4, "lru-");
        Keyspace ks = new Keyspace(UNLIMITED, clock);
        put(ks, keys.get(0), value(VALUE, 'v'));
        put(ks, keys.get(1), value(VALUE, 'v'), clock.millis() + 1000);
        put(ks, keys.get(2), value(VALUE, 'v'));
        put(ks, keys.get(3), value(VALUE, 'v'));
        clock.advanceSeconds(2);
        ks.setMaxBytes(3 * ENTRY);
        assertEquals(0, ks.stats().evictions());
        assertEquals(1, ks.stats().reclaimed());
        assertEquals(3, ks.stats().currItems());
    }

    @Test
    void raisingTheLimitEvictsNothing() {
        Keyspace ks = new Keyspace(10 * ENTRY, clock);
        fill(ks, keysInShard(SHARD, 10, "lru-"));
        ks.setMaxBytes(100 * ENTRY);
        assertEquals(10, ks.stats().currItems());
        assertEquals(0, ks.stats().evictions());
    }

    @Test
    void evictionKeepsTheAccountingExact() {
        Keyspace ks = new Keyspace(50_000, clock);
        long[] sizes = new long[2000];
        for (int i = 0; i < 2000; i++) {
            byte[] key = b("acct-" + i);
            byte[] v = value(i % 300, 'a');
            put(ks, key, v);
            sizes[i] = stringEntrySize(key.length, v.length);
        }
        long present = 0;
        long count = 0;
        for (int i = 0; i < 2000; i++) {
            if (peek(ks, b("acct-" + i)) != null) {
                present += sizes[i];
                count++;
            }
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(present, stats.bytes());
        assertEquals(count, stats.currItems());
        assertEquals(2000 - count, stats.evictions());
        assertTrue(stats.bytes() <= 50_000);
        for (int i = 0; i < 2000; i++) {
            delete(ks, b("acct-" + i));
        }
        assertEquals(0, ks.stats().bytes());
    }

    private static int firstMissing(Keyspace ks, List<byte[]> keys) {
        for (int i = 0; i < keys.size(); i++) {
            if (!exists(ks, keys.get(i))) {
                return i;
            }
        }
        throw new AssertionError("nothing was evicted");
    }

    private static int missingCount(Keyspace ks, List<byte[]> keys) {
        int missing = 0;
        for (byte[] key : keys) {
            if (!exists(ks, key)) {
                missing++;
            }
        }
        return missing;
    }
}
