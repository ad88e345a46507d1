package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * ActiveExpiry with a time slice long enough never to be the reason it stops, so that what it
 * does depends only on the keyspace's content.
 */
class ActiveExpiryTest {
    private static final long GENEROUS_SLICE_NANOS = 60_000_000_000L;

    private final FakeClock clock = new FakeClock();
    private final Keyspace ks = new Keyspace(UNLIMITED, clock);

    @Test
    void aKeyspaceOfDeadKeysIsCleanedInOneRun() {
        for (int i = 0; i < 5000; i++) {
            put(ks, b("dead" + i), b("x"), clock.millis() + 1000);
        }
        clock.advanceSeconds(1);
        new ActiveExpiry(ks, GENEROUS_SLICE_NANOS).run();
        KeyspaceStats stats = ks.stats();
        assertEquals(0, stats.currItems());
        assertEquals(0, stats.bytes());
        assertEquals(5000, stats.reclaimed());
        assertEquals(5000, stats.expiredUnfetched());
        assertEquals(0, stats.evictions());
    }

    @Test
    void liveKeysAreNeverTouched() {
        for (int i = 0; i < 3000; i++) {
            put(ks, b("live" + i), b("v" + i), i % 2 == 0 ? 0 : clock.millis() + 10_000);
        }
        clock.advanceMillis(9_999);
        long bytes = ks.stats().bytes();
        new ActiveExpiry(ks, GENEROUS_SLICE_NANOS).run();
        assertEquals(3000, ks.stats().currItems());
        assertEquals(bytes, ks.stats().bytes());
        assertEquals(0, ks.stats().reclaimed());
        for (int i = 0; i < 3000; i++) {
            int n = i;
            ks.execute(b("live" + i), slot -> {
                assertEquals("v" + n, s(slot.bytes()));
                assertFalse(slot.fetched());
                return null;
            });
        }
    }

    @Test
    void aMostlyDeadKeyspaceLosesOnlyDeadKeys() {
        for (int i = 0; i < 4000; i++) {
            put(ks, b("dead" + i), b("x"), clock.millis() + 1);
        }
        for (int i = 0; i < 1000; i++) {
            put(ks, b("live" + i), b("y"));
        }
        clock.advanceMillis(1);
        new ActiveExpiry(ks, GENEROUS_SLICE_NANOS).run();
        KeyspaceStats stats = ks.stats();
        long removed = stats.reclaimed();
        assertTrue(removed > 0);
        assertEquals(5000 - removed, stats.currItems());
        for (int i = 0; i < 1000; i++) {
            assertEquals("y", peek(ks, "live" + i));
        }
        // whatever the run left behind is still dead: reading it reclaims it lazily
        for (int i = 0; i < 4000; i++) {
            assertNull(peek(ks, "dead" + i));
        }
        assertEquals(1000, ks.stats().currItems());
        assertEquals(4000, ks.stats().reclaimed());
    }

    @Test
    void repeatedRunsWithTheDefaultSliceFinishTheJob() {
        for (int i = 0; i < 2000; i++) {
            put(ks, b("dead" + i), b("x"), clock.millis() + 1);
            put(ks, b("live" + i), b("y"));
        }
        clock.advanceMillis(1);
        ActiveExpiry expiry = new ActiveExpiry(ks);
        int runs = 0;
        while (ks.stats().currItems() > 2000 && runs < 100_000) {
            expiry.run(); // every run takes at least one step, and a step removes at least one dead key
            runs++;
        }
        assertEquals(2000, ks.stats().currItems());
        assertEquals(2000, ks.stats().reclaimed());
    }

    @Test
    void nothingToDoOnAnEmptyKeyspace() {
        new ActiveExpiry(ks, GENEROUS_SLICE_NANOS).run();
        assertEquals(new KeyspaceStats(0, 0, 0, UNLIMITED, 0, 0, 0, 0), ks.stats());
    }
}
