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
 * Expired, evicted, created and missed keys reach the listener, with their database, once the
 * shard locks are free, in the order they happened, and only for the causes it asked for.
 */
class KeyspaceListenerTest {
    private static final Set<KeyspaceListener.Cause> REMOVALS =
            EnumSet.of(KeyspaceListener.Cause.EXPIRED, KeyspaceListener.Cause.EVICTED);
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
                new Heard(0, KeyspaceListener.Cause.CREATED, "k", false)), heard);
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
}
