package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Keyspace and Slot basics: reads, writes, CAS, lazy expiry, the active sweep, clear and stats. */
class KeyspaceTest {
    private final FakeClock clock = new FakeClock();
    private final Keyspace ks = new Keyspace(UNLIMITED, clock);

    // ---- put / get / replace / delete -------------------------------------------------------

    @Test
    void aMissingKey() {
        ks.execute(b("nope"), slot -> {
            assertFalse(slot.exists());
            assertFalse(slot.isString());
            assertNull(slot.bytes());
            assertNull(slot.object());
            assertEquals("nope", s(slot.key()));
            assertEquals(clock.millis(), slot.nowMillis());
            return null;
        });
        assertEquals(new KeyspaceStats(0, 0, 0, UNLIMITED, 0, 0, 0, 0), ks.stats());
    }

    @Test
    void putThenGet() {
        byte[] key = b("greeting");
        byte[] value = b("hello world");
        ks.execute(key, slot -> {
            slot.put(value, 42, 0);
            assertTrue(slot.exists());
            return null;
        });
        ks.execute(key, slot -> {
            assertTrue(slot.exists());
            assertTrue(slot.isString());
            assertEquals("hello world", s(slot.bytes()));
            assertEquals(42, slot.flags());
            assertEquals(0, slot.expiresAt());
            assertEquals(11, slot.stringLength());
            byte[] backing = slot.stringBacking();
            assertEquals(slot.stringOffset(), Slot.valueOffset(backing));
            assertEquals("hello world", s(Arrays.copyOfRange(backing, slot.stringOffset(), backing.length)));
            assertFalse(slot.fetched());
            assertFalse(slot.stale());
            assertFalse(slot.winTokenSent());
            assertNull(slot.object());
            return null;
        });
        assertEquals(new KeyspaceStats(1, 1, stringEntrySize(8, 11), UNLIMITED, 0, 0, 0, 0), ks.stats());
    }

    @Test
    void flagsAreKeptAsAll32Bits() {
        ks.execute(b("k"), slot -> {
            slot.put(b("v"), -1, 0);
            return null;
        });
        assertEquals(-1, (int) ks.execute(b("k"), Slot::flags));
    }

    @Test
    void theStoredValueIsACopy() {
        byte[] value = b("abc");
        put(ks, b("k"), value);
        value[0] = 'X';
        assertEquals("abc", peek(ks, "k"));
        byte[] read = peek(ks, b("k"));
        read[0] = 'Y';
        assertEquals("abc", peek(ks, "k"));
    }

    @Test
    void emptyKeyAndEmptyValue() {
        put(ks, b(""), b(""));
        assertEquals("", peek(ks, ""));
        assertTrue(exists(ks, b("")));
        assertEquals(stringEntrySize(0, 0), ks.stats().bytes());
    }

    @Test
    void aLongKeyUsesATwoByteVarint() {
        String key = "k".repeat(250);
        put(ks, key, "0123456789");
        ks.execute(b(key), slot -> {
            assertEquals(key, s(slot.key()));
            assertEquals("0123456789", s(slot.bytes()));
            assertEquals(2 + 250, slot.stringOffset());
            return null;
        });
        assertEquals(334, stringEntrySize(250, 10));
        assertEquals(334, ks.stats().bytes());
    }

    @Test
    void keysThatDifferOnlySlightlyAreDistinct() {
        put(ks, "a", "1");
        put(ks, "a ", "2");
        put(ks, "A", "3");
        put(ks, "aa", "4");
        assertEquals("1", peek(ks, "a"));
        assertEquals("2", peek(ks, "a "));
        assertEquals("3", peek(ks, "A"));
        assertEquals("4", peek(ks, "aa"));
        assertEquals(4, ks.stats().currItems());
    }

    @Test
    void replaceKeepsOneItemAndAccountsTheNewSize() {
        put(ks, "k", "short");
        put(ks, "k", "a much longer value than before");
        assertEquals("a much longer value than before", peek(ks, "k"));
        KeyspaceStats stats = ks.stats();
        assertEquals(1, stats.currItems());
        assertEquals(2, stats.totalItems());
        assertEquals(stringEntrySize(1, 31), stats.bytes());
        put(ks, "k", "");
        assertEquals(stringEntrySize(1, 0), ks.stats().bytes());
        assertEquals(3, ks.stats().totalItems());
    }

    @Test
    void aValueOfTheSameLengthIsWrittenIntoTheSameArray() {
        put(ks, "k", "one");
        byte[] before = storedArray("k");
        put(ks, "k", "two");
        assertSame(before, storedArray("k"), "rewritten in place");
        assertEquals("two", peek(ks, "k"));
        assertEquals(stringEntrySize(1, 3), ks.stats().bytes());
        assertEquals(2, ks.stats().totalItems());
    }

    @Test
    void anArrayHandedOutIsNeverModifiedAgain() {
        put(ks, "k", "one");
        byte[] shared = ks.execute(b("k"), Slot::stringBacking);
        put(ks, "k", "two");
        assertEquals("one", s(Arrays.copyOfRange(shared, Slot.valueOffset(shared), shared.length)));
        assertEquals("two", peek(ks, "k"));
        byte[] replacement = storedArray("k");
        assertNotSame(shared, replacement);
        put(ks, "k", "six");
        assertSame(replacement, storedArray("k"),
                "the new array was never handed out, so it is rewritten in place again");
    }

    /** The entry's string array, looked up without marking it handed out (as stringBacking would). */
    private byte[] storedArray(String key) {
        int hash = Keyspace.hash(b(key));
        return (byte[]) ks.shard(Keyspace.shardIndex(hash)).find(b(key), hash).payload;
    }

    @Test
    void replaceClearsFetchedStaleAndWinFlags() {
        put(ks, "k", "v1");
        ks.execute(b("k"), slot -> {
            slot.markFetched();
            slot.setStale(true);
            slot.setWinTokenSent(true);
            slot.setBinaryKey(true);
            return null;
        });
        ks.execute(b("k"), slot -> {
            assertTrue(slot.fetched());
            assertTrue(slot.stale());
            assertTrue(slot.winTokenSent());
            assertTrue(slot.binaryKey());
            slot.setStale(false);
            assertFalse(slot.stale());
            assertTrue(slot.winTokenSent());
            slot.put(b("v2"), 0, 0);
            assertFalse(slot.fetched());
            assertFalse(slot.stale());
            assertFalse(slot.winTokenSent());
            assertFalse(slot.binaryKey());
            return null;
        });
    }

    @Test
    void deleteRemovesTheEntryAndItsBytes() {
        put(ks, "a", "1");
        put(ks, "b", "22");
        assertTrue(delete(ks, b("a")));
        assertFalse(exists(ks, b("a")));
        assertFalse(delete(ks, b("a")));
        assertEquals("22", peek(ks, "b"));
        KeyspaceStats stats = ks.stats();
        assertEquals(1, stats.currItems());
        assertEquals(stringEntrySize(1, 2), stats.bytes());
        assertEquals(0, stats.reclaimed());
        assertEquals(0, stats.evictions());
    }

    @Test
    void deleteThenPutInOneOperation() {
        put(ks, "k", "old");
        ks.execute(b("k"), slot -> {
            slot.delete();
            assertFalse(slot.exists());
            slot.put(b("new"), 3, 0);
            assertTrue(slot.exists());
            return null;
        });
        assertEquals("new", peek(ks, "k"));
        assertEquals(1, ks.stats().currItems());
        assertEquals(stringEntrySize(1, 3), ks.stats().bytes());
    }

    @Test
    void anOperationThatThrowsLeavesAConsistentKeyspace() {
        RuntimeException boom = new RuntimeException("boom");
        assertSame(boom, assertThrows(RuntimeException.class, () -> ks.execute(b("k"), slot -> {
            slot.put(b("v"), 0, 0);
            throw boom;
        })));
        // what the op did before it threw stays, and the slot is usable again
        assertEquals("v", peek(ks, "k"));
        put(ks, "other", "x");
        assertEquals(2, ks.stats().currItems());
        assertEquals(stringEntrySize(1, 1) + stringEntrySize(5, 1), ks.stats().bytes());
    }

    @Test
    void objectValues() {
        SizedValue big = () -> 1000;
        byte[] key = b("obj");
        ks.execute(key, slot -> {
            slot.putObject(big, 0);
            return null;
        });
        ks.execute(key, slot -> {
            assertTrue(slot.exists());
            assertFalse(slot.isString());
            assertNull(slot.bytes());
            assertSame(big, slot.object());
            assertEquals(0, slot.flags());
            assertTrue(slot.cas() > 0);
            return null;
        });
        // entry 48 + slot 6 + ObjectPayload 24 + key array 24 + the value's own 1000
        assertEquals(1102, ks.stats().bytes());
        // an object that does not know its size costs only its entry
        ks.execute(b("plain"), slot -> {
            slot.putObject(new ArrayList<String>(), 0);
            return null;
        });
        assertEquals(1102 + 48 + 6 + 24 + 24, ks.stats().bytes());
        // becoming a string
        put(ks, key, b("s"));
        assertEquals("s", s(peek(ks, key)));
        assertNull(ks.execute(key, Slot::object));
        assertEquals(stringEntrySize(3, 1) + 48 + 6 + 24 + 24, ks.stats().bytes());
        assertTrue(delete(ks, key));
        assertTrue(delete(ks, b("plain")));
        assertEquals(0, ks.stats().bytes());
    }

    // ---- CAS --------------------------------------------------------------------------------

    @Test
    void everyWriteGetsAFreshIncreasingCas() {
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] key = b("k" + (i % 37)); // creations and replacements mixed
            put(ks, key, b("v" + i));
            long cas = cas(ks, key);
            assertTrue(cas > last, "cas " + cas + " after " + last);
            assertTrue(seen.add(cas));
            last = cas;
        }
        ks.execute(b("k0"), slot -> {
            slot.putObject("x", 0);
            return null;
        });
        assertTrue(cas(ks, b("k0")) > last);
        assertTrue(ks.nextCas() > cas(ks, b("k0")));
    }

    @Test
    void readsAndMetadataChangesKeepTheCas() {
        put(ks, "k", "v");
        long cas = cas(ks, b("k"));
        read(ks, b("k"));
        ks.execute(b("k"), slot -> {
            slot.setExpiresAt(clock.millis() + 5000);
            slot.setStale(true);
            return null;
        });
        assertEquals(cas, cas(ks, b("k")));
    }

    @Test
    void anExplicitCasIsStoredAsGiven() {
        ks.execute(b("k"), slot -> {
            slot.put(b("v"), 0, 0, 12345);
            return null;
        });
        assertEquals(12345, cas(ks, b("k")));
        ks.execute(b("k"), slot -> {
            slot.setCas(777);
            return null;
        });
        assertEquals(777, cas(ks, b("k")));
    }

    // ---- lazy expiry ------------------------------------------------------------------------

    @Test
    void anEntryExpiresExactlyAtItsExpiryTime() {
        long expiresAt = clock.millis() + 10_000;
        put(ks, b("k"), b("v"), expiresAt);
        assertEquals(expiresAt, (long) ks.execute(b("k"), Slot::expiresAt));
        clock.advanceMillis(9_999);
        assertEquals("v", peek(ks, "k"));
        clock.advanceMillis(1);
        assertNull(peek(ks, "k"));
        assertFalse(exists(ks, b("k")));
        KeyspaceStats stats = ks.stats();
        assertEquals(0, stats.currItems());
        assertEquals(0, stats.bytes());
        assertEquals(1, stats.reclaimed());
        assertEquals(1, stats.expiredUnfetched());
        assertEquals(0, stats.evictions());
    }

    @Test
    void anExpiredEntryThatWasReadIsNotUnfetched() {
        put(ks, b("k"), b("v"), clock.millis() + 1000);
        assertEquals("v", s(read(ks, b("k"))));
        clock.advanceSeconds(2);
        assertFalse(exists(ks, b("k")));
        assertEquals(1, ks.stats().reclaimed());
        assertEquals(0, ks.stats().expiredUnfetched());
    }

    @Test
    void zeroMeansNeverExpires() {
        put(ks, b("k"), b("v"), 0);
        clock.advanceSeconds(10L * 365 * 24 * 3600);
        assertEquals("v", peek(ks, "k"));
        assertEquals(0, ks.stats().reclaimed());
    }

    @Test
    void anExpiryInThePastIsGoneAtOnce() {
        put(ks, b("k"), b("v"), clock.millis() - 1);
        assertFalse(exists(ks, b("k")));
        assertEquals(1, ks.stats().reclaimed());
    }

    @Test
    void setExpiresAtExtendsOrRemovesTheDeadline() {
        put(ks, b("k"), b("v"), clock.millis() + 1000);
        ks.execute(b("k"), slot -> {
            slot.setExpiresAt(clock.millis() + 60_000);
            return null;
        });
        clock.advanceSeconds(30);
        assertEquals("v", peek(ks, "k"));
        ks.execute(b("k"), slot -> {
            slot.setExpiresAt(0);
            return null;
        });
        clock.advanceSeconds(3600);
        assertEquals("v", peek(ks, "k"));
    }

    @Test
    void anExpiredKeyCanBeWrittenAgain() {
        put(ks, b("k"), b("old"), clock.millis() + 1000);
        clock.advanceSeconds(5);
        ks.execute(b("k"), slot -> {
            assertFalse(slot.exists());
            slot.put(b("new"), 0, 0);
            return null;
        });
        assertEquals("new", peek(ks, "k"));
        KeyspaceStats stats = ks.stats();
        assertEquals(1, stats.currItems());
        assertEquals(1, stats.reclaimed());
        assertEquals(stringEntrySize(1, 3), stats.bytes());
    }

    // ---- access time ------------------------------------------------------------------------

    @Test
    void idleSecondsCountFromTheWriteAndReadsRefreshThemOncePerMinute() {
        put(ks, "k", "v");
        clock.advanceSeconds(30);
        assertEquals(30, (int) ks.execute(b("k"), Slot::idleSeconds));
        read(ks, b("k")); // 30 s since the write: under a minute, not refreshed
        assertEquals(30, (int) ks.execute(b("k"), Slot::idleSeconds));
        clock.advanceSeconds(31);
        assertEquals(61, (int) ks.execute(b("k"), Slot::idleSeconds));
        read(ks, b("k")); // refreshed
        assertEquals(0, (int) ks.execute(b("k"), Slot::idleSeconds));
        clock.advanceSeconds(5);
        assertEquals(5, (int) ks.execute(b("k"), Slot::idleSeconds));
        put(ks, "k", "w"); // a write always refreshes
        assertEquals(0, (int) ks.execute(b("k"), Slot::idleSeconds));
    }

    // ---- active sweep -----------------------------------------------------------------------

    @Test
    void sweepRemovesExpiredEntriesAndLeavesLiveOnesAlone() {
        long soon = clock.millis() + 1000;
        for (int i = 0; i < 50; i++) {
            put(ks, b("dead" + i), b("x"), soon);
            put(ks, b("live" + i), b("y"), i % 2 == 0 ? 0 : clock.millis() + 3_600_000);
        }
        for (int i = 0; i < 10; i++) {
            read(ks, b("dead" + i)); // 10 of the dead were read before they expired
        }
        clock.advanceSeconds(2);

        Keyspace.SweepResult result = ks.sweepExpired(10_000);
        assertEquals(new Keyspace.SweepResult(100, 50), result);

        KeyspaceStats stats = ks.stats();
        assertEquals(50, stats.currItems());
        assertEquals(50, stats.reclaimed());
        assertEquals(40, stats.expiredUnfetched());
        long liveBytes = 0;
        for (int i = 0; i < 50; i++) {
            liveBytes += stringEntrySize(("live" + i).length(), 1);
        }
        assertEquals(liveBytes, stats.bytes());
        for (int i = 0; i < 50; i++) {
            byte[] key = b("live" + i);
            ks.execute(key, slot -> {
                assertEquals("y", s(slot.bytes()));
                assertFalse(slot.fetched(), "the sweep must not count as a read");
                return null;
            });
        }
        assertEquals(new Keyspace.SweepResult(50, 0), ks.sweepExpired(10_000));
        assertEquals(50, ks.stats().reclaimed());
    }

    @Test
    void bytesAfterASweepAreThoseOfTheLiveEntries() {
        for (int i = 0; i < 20; i++) {
            put(ks, b("dead" + i), value(100, 'd'), clock.millis() + 1);
            put(ks, b("live" + i), value(7, 'l'));
        }
        clock.advanceMillis(1);
        ks.sweepExpired(1000);
        long live = 0;
        for (int i = 0; i < 20; i++) {
            live += stringEntrySize(("live" + i).length(), 7);
        }
        assertEquals(live, ks.stats().bytes());
        assertEquals(20, ks.stats().currItems());
    }

    @Test
    void smallSweepStepsEventuallyVisitEverything() {
        for (int i = 0; i < 300; i++) {
            put(ks, b("dead" + i), b("x"), clock.millis() + 1000);
            put(ks, b("live" + i), b("y"));
        }
        clock.advanceSeconds(1);
        int expired = 0;
        int steps = 0;
        while (expired < 300 && steps < 100_000) {
            Keyspace.SweepResult r = ks.sweepExpired(8);
            assertTrue(r.expired() <= r.seen());
            expired += r.expired();
            steps++;
        }
        assertEquals(300, expired, "after " + steps + " steps");
        assertEquals(300, ks.stats().currItems());
        assertEquals(300, ks.stats().reclaimed());
        for (int i = 0; i < 300; i++) {
            assertEquals("y", peek(ks, "live" + i));
        }
    }

    @Test
    void sweepOnAnEmptyKeyspace() {
        assertEquals(new Keyspace.SweepResult(0, 0), ks.sweepExpired(64));
    }

    // ---- clear ------------------------------------------------------------------------------

    @Test
    void clearRemovesEverything() {
        for (int i = 0; i < 1000; i++) {
            put(ks, "k" + i, "v" + i);
        }
        put(ks, b("soon"), b("x"), clock.millis() + 1);
        ks.clear();
        KeyspaceStats stats = ks.stats();
        assertEquals(0, stats.currItems());
        assertEquals(0, stats.bytes());
        assertEquals(1001, stats.totalItems());
        assertEquals(0, stats.reclaimed());
        assertEquals(0, stats.evictions());
        for (int i = 0; i < 1000; i += 97) {
            assertNull(peek(ks, "k" + i));
        }
        // and the keyspace works afterwards
        put(ks, "k1", "again");
        assertEquals("again", peek(ks, "k1"));
        assertEquals(1, ks.stats().currItems());
        assertEquals(stringEntrySize(2, 5), ks.stats().bytes());
    }

    // ---- stats and many keys ----------------------------------------------------------------

    @Test
    void statsReportTheLimit() {
        Keyspace limited = new Keyspace(123_456, clock);
        assertEquals(123_456, limited.stats().limitMaxbytes());
        assertEquals(123_456, limited.maxBytes());
        limited.setMaxBytes(999_999);
        assertEquals(999_999, limited.stats().limitMaxbytes());
        assertEquals(clock.millis(), limited.nowMillis());
    }

    @Test
    void bytesReturnToZeroAfterDeletingEverything() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] key = b("key-" + i + "-".repeat(i % 200));
            keys.add(key);
            put(ks, key, value(i * 3, 'v'));
        }
        for (int i = 0; i < 500; i += 3) {
            put(ks, keys.get(i), value(1000 - i, 'w')); // grow or shrink some
        }
        for (int i = 0; i < 500; i += 5) {
            ks.execute(keys.get(i), slot -> {
                slot.putObject((SizedValue) () -> 64, 0);
                return null;
            });
        }
        assertEquals(500, ks.stats().currItems());
        for (byte[] key : keys) {
            assertTrue(delete(ks, key));
        }
        assertEquals(0, ks.stats().bytes());
        assertEquals(0, ks.stats().currItems());
    }

    @Test
    void aHundredThousandKeysSpreadOverEveryShard() {
        int n = 100_000;
        int[] perShard = new int[256];
        long expectedBytes = 0;
        for (int i = 0; i < n; i++) {
            byte[] key = b("user:" + i);
            perShard[shardOf(key)]++;
            put(ks, key, b(Integer.toString(i)));
            expectedBytes += stringEntrySize(key.length, Integer.toString(i).length());
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(n, stats.currItems());
        assertEquals(n, stats.totalItems());
        assertEquals(expectedBytes, stats.bytes());
        int min = Arrays.stream(perShard).min().orElseThrow();
        int max = Arrays.stream(perShard).max().orElseThrow();
        // 390 a shard on average; a poor hash would leave shards empty or crowd a few
        assertTrue(min > 250, "least loaded shard holds " + min);
        assertTrue(max < 550, "most loaded shard holds " + max);
        for (int i = 0; i < n; i++) {
            assertEquals(Integer.toString(i), peek(ks, "user:" + i), "user:" + i);
        }
        for (int i = 0; i < n; i += 2) {
            assertTrue(delete(ks, b("user:" + i)));
        }
        assertEquals(n / 2, ks.stats().currItems());
        for (int i = 1; i < n; i += 2) {
            assertTrue(delete(ks, b("user:" + i)));
        }
        assertEquals(0, ks.stats().currItems());
        assertEquals(0, ks.stats().bytes());
    }
}
