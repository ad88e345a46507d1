package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import static dev.depot.storage.keyspace.KeyspaceFixtures.UNLIMITED;
import static dev.depot.storage.keyspace.KeyspaceFixtures.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Key versions for WATCH: every change shows, also a key created and deleted again meanwhile. */
class KeyspaceWatchTest {
    private final FakeClock clock = new FakeClock();
    private final Keyspace ks = new Keyspace(UNLIMITED, clock);

    private void set(String key) {
        ks.execute(b(key), slot -> {
            slot.put(b("v"), 0, 0);
            return null;
        });
    }

    private void delete(String key) {
        ks.execute(b(key), slot -> {
            slot.delete();
            return null;
        });
    }

    @Test
    void aMissingKeyCreatedAndDeletedAgainWhileWatchedHasChanged() {
        long watched = ks.watch(b("k"));
        assertEquals(0, watched);
        set("k");
        delete("k");
        assertNotEquals(watched, ks.version(b("k")));
    }

    @Test
    void aWatchedKeyThatIsLeftAloneKeepsItsVersion() {
        set("k");
        long watched = ks.watch(b("k"));
        set("other");
        delete("other");
        assertEquals(watched, ks.version(b("k")));
        assertEquals(0, ks.watch(b("missing")));
        assertEquals(0, ks.version(b("missing")));
    }

    @Test
    void expiryAndFlushLeaveTheirTraceToo() {
        set("k");
        long watched = ks.watch(b("k"));
        ks.clear();
        long afterFlush = ks.version(b("k"));
        assertNotEquals(watched, afterFlush);
        ks.execute(b("k"), slot -> {
            slot.put(b("v"), 0, clock.millis() + 1000);
            return null;
        });
        clock.advanceMillis(2000);
        assertNotEquals(afterFlush, ks.version(b("k"))); // expired on this read: a deletion
    }

    @Test
    void deletionsAreForgottenWithTheLastWatcher() {
        ks.watch(b("k"));
        ks.watch(b("k"));
        set("k");
        delete("k");
        ks.unwatch(b("k"));
        assertNotEquals(0, ks.version(b("k")), "one watcher is left");
        ks.unwatch(b("k"));
        assertEquals(0, ks.version(b("k")));
    }
}
