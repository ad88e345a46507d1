package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Expired and evicted keys reach the listener, with their database, once the shard locks are
 * free; a listener of writes also hears of every client write and of every emptying.
 */
class KeyspaceListenerTest {
    private final FakeClock clock = new FakeClock();

    private record Heard(int db, KeyspaceListener.Cause cause, String key, boolean shardLocked) {
    }

    /** Records what it hears, and whether the key's shard was still locked by anyone then. */
    private static KeyspaceListener recorder(Databases dbs, List<Heard> heard) {
        return (db, cause, key) -> {
            ReentrantLock lock = dbs.get(db).shard(Keyspace.shardIndex(Keyspace.hash(key))).lock;
            heard.add(new Heard(db, cause, s(key), lock.isLocked()));
        };
    }

    @Test
    void aKeyFoundExpiredOnAccessIsReportedAfterTheLockIsReleased() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard));
        dbs.get(3).execute(b("k"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 100);
            return null;
        });
        clock.advanceMillis(100);
        assertNull(peek(dbs.get(3), b("k")));
        assertEquals(List.of(new Heard(3, KeyspaceListener.Cause.EXPIRED, "k", false)), heard);
    }

    @Test
    void theSweepReportsWhatItExpires() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard));
        dbs.get(0).execute(b("gone"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 1);
            return null;
        });
        put(dbs.get(0), b("stays"), b("v"));
        clock.advanceMillis(1);
        dbs.expireSome();
        assertEquals(List.of(new Heard(0, KeyspaceListener.Cause.EXPIRED, "gone", false)), heard);
    }

    @Test
    void evictionsAreReportedWithTheDatabaseTheyLeft() {
        long each = stringEntrySize(6, 100);
        Databases dbs = new Databases(2 * each + each / 2, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard));
        put(dbs.get(0), b("key-00"), value(100, 'x'));
        put(dbs.get(0), b("key-01"), value(100, 'x'));
        put(dbs.get(1), b("key-10"), value(100, 'y'));
        assertEquals(1, heard.size());
        assertEquals(0, heard.get(0).db());
        assertEquals(KeyspaceListener.Cause.EVICTED, heard.get(0).cause());
        assertFalse(heard.get(0).shardLocked());
    }

    @Test
    void deletionsAreNotReportedAndNothingIsHeardAfterTheListenerIsRemoved() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard));
        put(dbs.get(0), b("a"), b("v"));
        assertTrue(delete(dbs.get(0), b("a")));
        dbs.listen(null);
        dbs.get(0).execute(b("b"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 1);
            return null;
        });
        clock.advanceMillis(1);
        assertNull(peek(dbs.get(0), b("b")));
        assertEquals(List.of(), heard);
    }

    @Test
    void aMultiKeyOperationReportsItsExpiredKeysAfterUnlocking() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard));
        for (String k : new String[] {"x", "y"}) {
            dbs.get(2).execute(b(k), slot -> {
                slot.put(b("v"), 0, clock.millis() + 5);
                return null;
            });
        }
        clock.advanceMillis(5);
        dbs.executeAll(List.of(new Databases.Key(2, b("x")), new Databases.Key(2, b("y"))), slots -> null);
        assertEquals(2, heard.size());
        assertTrue(heard.stream().allMatch(h -> h.db() == 2 && h.cause() == KeyspaceListener.Cause.EXPIRED
                && !h.shardLocked()));
    }

    /** Records everything, and where each operation's batch ended (as a "|" entry). */
    private static KeyspaceListener batches(Databases dbs, List<String> heard) {
        return new KeyspaceListener() {
            @Override
            public void changed(int db, Cause cause, byte[] key) {
                boolean locked = key != null && db >= 0
                        && dbs.get(db).shard(Keyspace.shardIndex(Keyspace.hash(key))).lock.isLocked();
                heard.add(db + " " + cause + " " + (key == null ? "-" : s(key)) + (locked ? " locked" : ""));
            }

            @Override
            public void batchDone() {
                heard.add("|");
            }
        };
    }

    @Test
    void aListenerOfWritesHearsEveryKindOfChangeOnceTheLocksAreFree() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        dbs.listen(batches(dbs, heard), true);
        Keyspace db = dbs.get(4);
        put(db, b("s"), b("v"));
        db.execute(b("s"), slot -> {
            slot.setExpiresAt(clock.millis() + 1000);
            return null;
        });
        db.execute(b("o"), slot -> {
            slot.putObject(new java.util.ArrayList<String>(), 0);
            return null;
        });
        db.execute(b("o"), slot -> {
            slot.objectResized(slot.objectSize());
            return null;
        });
        db.execute(b("s"), slot -> {
            slot.setStale(true);
            return null;
        });
        assertTrue(delete(db, b("s")));
        assertEquals(List.of("4 WRITTEN s", "|", "4 WRITTEN s", "|", "4 WRITTEN o", "|", "4 WRITTEN o", "|",
                "4 WRITTEN s", "|", "4 WRITTEN s", "|"), heard);
    }

    @Test
    void readsAndMissesAreNotWrites() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        put(dbs.get(0), b("k"), b("v"));
        dbs.listen(batches(dbs, heard), true);
        assertEquals("v", s(read(dbs.get(0), b("k"))));
        assertNull(peek(dbs.get(0), b("missing")));
        assertFalse(delete(dbs.get(0), b("missing")));
        assertEquals(List.of(), heard);
    }

    @Test
    void aMultiKeyWriteIsOneBatchAndExpiryComesFirst() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        put(dbs.get(1), b("x"), b("v"), clock.millis() + 5);
        clock.advanceMillis(5);
        dbs.listen(batches(dbs, heard), true);
        dbs.executeAll(List.of(new Databases.Key(1, b("x")), new Databases.Key(2, b("y"))), slots -> {
            slots.forEach(slot -> slot.put(b("new"), 0, 0));
            return null;
        });
        assertEquals(List.of("1 EXPIRED x", "1 WRITTEN x", "2 WRITTEN y", "|"), heard);
    }

    @Test
    void emptyingIsOneChangeAndOnlyForListenersOfWrites() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        put(dbs.get(0), b("a"), b("v"));
        put(dbs.get(3), b("b"), b("v"));
        dbs.listen(batches(dbs, heard), false);
        dbs.get(0).clear();
        dbs.clearAll();
        assertEquals(List.of(), heard);
        put(dbs.get(0), b("a"), b("v"));
        put(dbs.get(3), b("b"), b("v"));
        dbs.listen(batches(dbs, heard), true);
        dbs.get(3).clear();
        dbs.clearAll();
        assertEquals(List.of("3 FLUSHED -", "|", "-1 FLUSHED -", "|"), heard);
        assertNull(peek(dbs.get(0), b("a")));
    }

    @Test
    void writesAreNotReportedToAListenerOfRemovalsOnly() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        dbs.listen(batches(dbs, heard));
        put(dbs.get(0), b("a"), b("v"), clock.millis() + 1);
        clock.advanceMillis(1);
        assertNull(peek(dbs.get(0), b("a")));
        assertEquals(List.of("0 EXPIRED a", "|"), heard);
    }
}
