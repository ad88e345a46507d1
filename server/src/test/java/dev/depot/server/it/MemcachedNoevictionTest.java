package dev.depot.server.it;

import dev.depot.storage.keyspace.EvictionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memcached clients under maxmemory-policy noeviction: once memory is full, stores fail the way
 * memcached -M fails them (checked against memcached 1.6.18 -M -m 2): SERVER_ERROR out of
 * memory storing object, on its own line, in the meta protocol too; noreply silences it; a
 * failed set drops the old value; gets and deletes keep working, and a delete makes room.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MemcachedNoevictionTest {
    private static final String OOM = "SERVER_ERROR out of memory storing object\r\n";
    private static final String VALUE = "v".repeat(1000);

    private TestDaemon daemon;
    private RawClient mc;

    @BeforeEach
    void start() {
        daemon = TestDaemon.start(c -> c.withMaxMemory(64 * 1024).withMaxItemSize(4096)
                .withMaxmemoryPolicy(EvictionPolicy.NOEVICTION));
        mc = daemon.connect();
    }

    @AfterEach
    void stop() {
        mc.close();
        daemon.close();
    }

    private String set(String key, String value) {
        mc.send("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n");
        return mc.line();
    }

    /** Stores k0, k1... until a store is refused; returns how many were stored. */
    private int fill() {
        for (int i = 0; i < 1000; i++) {
            String reply = set("k" + i, VALUE);
            if (!reply.equals("STORED")) {
                assertEquals(OOM.strip(), reply);
                return i;
            }
        }
        throw new AssertionError("1000 KB stored under a 64 KB limit");
    }

    @Test
    void storesFailOnceMemoryIsFullAndNothingIsEvicted() {
        int stored = fill();
        assertTrue(stored > 40 && stored < 64, stored + " items of 1000 bytes under 64 KB");
        assertEquals("0", mc.stats("").get("evictions"));
        assertEquals(Integer.toString(stored), mc.stats("").get("curr_items"));
        for (String command : new String[] {"add new 0 0 1\r\nx\r\n", "replace k0 0 0 1\r\nx\r\n",
                "append k0 0 0 1\r\nx\r\n", "prepend k0 0 0 1\r\nx\r\n", "cas k0 0 0 1 1\r\nx\r\n"}) {
            mc.send(command);
            mc.expect(OOM);
        }
        mc.send("get k0 k1\r\n");
        mc.expect("VALUE k0 0 1000\r\n" + VALUE + "\r\nVALUE k1 0 1000\r\n" + VALUE + "\r\nEND\r\n");
    }

    @Test
    void aFailedSetDropsTheOldValueAsMemcachedDoes() {
        fill();
        assertEquals(OOM.strip(), set("k3", "new"));
        mc.send("get k3\r\n");
        mc.expect("END\r\n");
    }

    @Test
    void noreplySilencesTheErrorAndMetaSetsGetItWithoutTheirFlags() {
        fill();
        mc.send("set quiet 0 0 1 noreply\r\nx\r\nversion\r\n");
        mc.expect("VERSION 1.6.18\r\n");
        mc.send("ms meta 1 Oabc k c\r\nx\r\n");
        mc.expect(OOM);
        mc.send("ms meta 1 q Oxyz\r\nx\r\nmn\r\n");
        mc.expect(OOM + "MN\r\n");
    }

    @Test
    void deletesWorkAndMakeRoomForTheNextStore() {
        int stored = fill();
        mc.send("delete k0\r\n");
        mc.expect("DELETED\r\n");
        mc.send("delete k1\r\n");
        mc.expect("DELETED\r\n");
        assertEquals("STORED", set("again", VALUE));
        assertEquals(Integer.toString(stored - 1), mc.stats("").get("curr_items"));
    }
}
