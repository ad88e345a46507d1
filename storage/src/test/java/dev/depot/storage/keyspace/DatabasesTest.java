package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Sixteen databases, one memory budget. */
class DatabasesTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void everyDatabaseIsItsOwnKeyspace() {
        Databases dbs = new Databases(1 << 20, clock);
        assertEquals(16, dbs.count());
        put(dbs.get(0), b("k"), b("zero"));
        put(dbs.get(15), b("k"), b("fifteen"));
        assertEquals("zero", s(peek(dbs.get(0), b("k"))));
        assertEquals("fifteen", s(peek(dbs.get(15), b("k"))));
        assertNull(peek(dbs.get(1), b("k")));
    }

    @Test
    void theBudgetCountsEveryDatabase() {
        Databases dbs = new Databases(1 << 20, clock);
        put(dbs.get(0), b("a"), value(100, 'a'));
        put(dbs.get(3), b("b"), value(100, 'b'));
        long each = stringEntrySize(1, 100);
        assertEquals(2 * each, dbs.budget().used());
        assertEquals(each, dbs.get(0).bytes());
        assertEquals(each, dbs.get(3).bytes());
        assertTrue(delete(dbs.get(3), b("b")));
        assertEquals(each, dbs.budget().used());
    }

    @Test
    void aWriteOverTheLimitEvictsFromTheLargestOtherDatabase() {
        long each = stringEntrySize(6, 100);
        Databases dbs = new Databases(10 * each + each / 2, clock);
        for (int i = 0; i < 10; i++) {
            put(dbs.get(0), b("key-0" + i), value(100, 'x'));
        }
        assertEquals(10 * each, dbs.budget().used());
        put(dbs.get(1), b("key-10"), value(100, 'y')); // database 1 has nothing else to give
        assertTrue(exists(dbs.get(1), b("key-10")), "the value just written stays");
        assertEquals(9, dbs.get(0).stats().currItems());
        assertEquals(1, dbs.get(0).stats().evictions());
        assertTrue(dbs.budget().used() <= dbs.budget().max());
    }

    @Test
    void loweringTheSharedLimitEvictsDownToIt() {
        long each = stringEntrySize(6, 100);
        Databases dbs = new Databases(100 * each, clock);
        for (int i = 0; i < 20; i++) {
            put(dbs.get(i % 4), b("key-" + (10 + i)), value(100, 'x'));
        }
        dbs.budget().setMax(10 * each);
        assertTrue(dbs.budget().used() <= 10 * each);
    }
}
