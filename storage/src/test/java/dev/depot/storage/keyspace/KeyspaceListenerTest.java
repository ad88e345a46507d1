package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Written, expired, evicted, emptied, created and missed keys reach the listener, with their
 * database, once the shard locks are free, in the order they happened, each operation's as one
 * batch, and only for the causes it asked for.
 */
class KeyspaceListenerTest {
    private static final Set<KeyspaceListener.Cause> REMOVALS =
            EnumSet.of(KeyspaceListener.Cause.EXPIRED, KeyspaceListener.Cause.EVICTED);
    /** What client tracking asks for: every change of a key. */
    private static final Set<KeyspaceListener.Cause> CHANGES = EnumSet.of(KeyspaceListener.Cause.WRITTEN,
            KeyspaceListener.Cause.EXPIRED, KeyspaceListener.Cause.EVICTED, KeyspaceListener.Cause.FLUSHED);
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
        dbs.listen(recorder(dbs, heard), REMOVALS);
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
        dbs.listen(recorder(dbs, heard), REMOVALS);
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
        dbs.listen(recorder(dbs, heard), REMOVALS);
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
        dbs.listen(recorder(dbs, heard), REMOVALS);
        put(dbs.get(0), b("a"), b("v"));
        assertTrue(delete(dbs.get(0), b("a")));
        dbs.listen(null, REMOVALS);
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
        dbs.listen(recorder(dbs, heard), REMOVALS);
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

    @Test
    void aKeyCreatedIsReportedButNotAKeyRewrittenInPlace() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard), EnumSet.of(KeyspaceListener.Cause.CREATED));
        put(dbs.get(1), b("k"), b("v"));
        put(dbs.get(1), b("k"), b("w"));
        dbs.get(1).execute(b("o"), slot -> {
            slot.putObject(new Object(), 0);
            slot.putObject(new Object(), 0);
            return null;
        });
        assertEquals(List.of(new Heard(1, KeyspaceListener.Cause.CREATED, "k", false),
                new Heard(1, KeyspaceListener.Cause.CREATED, "o", false)), heard);
    }

    @Test
    void aMissIsReportedOnlyWhenTheOperationSaysSo() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard), EnumSet.of(KeyspaceListener.Cause.MISSED));
        assertNull(peek(dbs.get(0), b("quiet")));
        dbs.get(0).execute(b("asked"), slot -> {
            slot.reportMiss();
            return null;
        });
        assertEquals(List.of(new Heard(0, KeyspaceListener.Cause.MISSED, "asked", false)), heard);
    }

    @Test
    void aKeyFoundExpiredThenMissedThenCreatedIsReportedInThatOrder() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard), EnumSet.allOf(KeyspaceListener.Cause.class));
        dbs.get(0).execute(b("k"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 1);
            return null;
        });
        heard.clear();
        clock.advanceMillis(1);
        dbs.get(0).execute(b("k"), slot -> {
            slot.reportMiss();
            slot.put(b("w"), 0, 0);
            return null;
        });
        assertEquals(List.of(new Heard(0, KeyspaceListener.Cause.EXPIRED, "k", false),
                new Heard(0, KeyspaceListener.Cause.MISSED, "k", false),
                new Heard(0, KeyspaceListener.Cause.CREATED, "k", false),
                new Heard(0, KeyspaceListener.Cause.WRITTEN, "k", false)), heard);
    }

    @Test
    void causesNotAskedForAreNotHeard() {
        Databases dbs = new Databases(1 << 20, clock);
        List<Heard> heard = new ArrayList<>();
        dbs.listen(recorder(dbs, heard), EnumSet.of(KeyspaceListener.Cause.MISSED));
        dbs.get(0).execute(b("k"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 1);
            return null;
        });
        clock.advanceMillis(1);
        assertNull(peek(dbs.get(0), b("k")));
        dbs.listen(recorder(dbs, heard), EnumSet.noneOf(KeyspaceListener.Cause.class));
        dbs.get(0).execute(b("m"), slot -> {
            slot.reportMiss();
            return null;
        });
        assertEquals(List.of(), heard);
    }
    /** Records everything, and where each operation's batch ended (as a "|" entry). */
    private static KeyspaceListener batches(Databases dbs, List<String> heard) {
        return new KeyspaceListener() {
            @Override
            public void heard(int db, Cause cause, byte[] key) {
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
        dbs.listen(batches(dbs, heard), CHANGES);
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
        dbs.listen(batches(dbs, heard), CHANGES);
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
        dbs.listen(batches(dbs, heard), CHANGES);
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
        dbs.listen(batches(dbs, heard), REMOVALS);
        dbs.get(0).clear();
        dbs.clearAll();
        assertEquals(List.of(), heard);
        put(dbs.get(0), b("a"), b("v"));
        put(dbs.get(3), b("b"), b("v"));
        dbs.listen(batches(dbs, heard), CHANGES);
        dbs.get(3).clear();
        dbs.clearAll();
        assertEquals(List.of("3 FLUSHED -", "|", "-1 FLUSHED -", "|"), heard);
        assertNull(peek(dbs.get(0), b("a")));
    }

    @Test
    void writesAreNotReportedToAListenerOfRemovalsOnly() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        dbs.listen(batches(dbs, heard), REMOVALS);
        put(dbs.get(0), b("a"), b("v"), clock.millis() + 1);
        clock.advanceMillis(1);
        assertNull(peek(dbs.get(0), b("a")));
        assertEquals(List.of("0 EXPIRED a", "|"), heard);
    }

    @Test
    void aValueRewrittenInPlaceIsHeardAsAWrite() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        Keyspace db = dbs.get(2);
        put(db, b("k"), b("one"));
        int hash = Keyspace.hash(b("k"));
        byte[] before = (byte[]) db.shard(Keyspace.shardIndex(hash)).find(b("k"), hash).payload;
        dbs.listen(batches(dbs, heard), CHANGES);
        put(db, b("k"), b("two"));
        assertSame(before, db.shard(Keyspace.shardIndex(hash)).find(b("k"), hash).payload, "rewritten in place");
        assertEquals(List.of("2 WRITTEN k", "|"), heard);
    }

    @Test
    void oneListenerOfEveryCauseHearsThemInOrderAsOneBatchPerOperation() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        put(dbs.get(0), b("old"), b("v"), clock.millis() + 1);
        clock.advanceMillis(1);
        dbs.listen(batches(dbs, heard), EnumSet.allOf(KeyspaceListener.Cause.class));
        dbs.get(0).execute(b("old"), slot -> {
            slot.reportMiss();
            slot.put(b("w"), 0, 0);
            return null;
        });
        put(dbs.get(0), b("old"), b("x"));
        dbs.get(0).execute(b("none"), slot -> {
            slot.reportMiss();
            return null;
        });
        dbs.clearAll();
        assertEquals(List.of("0 EXPIRED old", "0 MISSED old", "0 CREATED old", "0 WRITTEN old", "|",
                "0 WRITTEN old", "|", "0 MISSED none", "|", "-1 FLUSHED -", "|"), heard);
    }

    @Test
    void aListenerOfCreationsAndMissesHearsNoWritesAndNoEmptying() {
        Databases dbs = new Databases(1 << 20, clock);
        List<String> heard = new ArrayList<>();
        dbs.listen(batches(dbs, heard), EnumSet.of(KeyspaceListener.Cause.CREATED, KeyspaceListener.Cause.MISSED));
        put(dbs.get(0), b("k"), b("v"));
        put(dbs.get(0), b("k"), b("longer"));
        assertTrue(delete(dbs.get(0), b("k")));
        dbs.get(0).clear();
        dbs.clearAll();
        assertEquals(List.of("0 CREATED k", "|"), heard);
    }

    @Test
    void theKeyHeardIsACopyOfTheCallersArray() {
        Databases dbs = new Databases(1 << 20, clock);
        List<byte[]> keys = new ArrayList<>();
        dbs.listen((db, cause, key) -> keys.add(key), EnumSet.of(KeyspaceListener.Cause.WRITTEN,
                KeyspaceListener.Cause.CREATED));
        byte[] key = b("k");
        put(dbs.get(0), key, b("v"));
        assertEquals(2, keys.size());
        assertNotSame(key, keys.get(0));
        assertNotSame(key, keys.get(1));
        assertEquals("k", s(keys.get(1)));
    }
}
