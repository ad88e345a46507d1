package dev.depot.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time-based behaviour: exptime, lazy and active expiry, flush_all now and delayed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExpiryAndFlushTest {
    private TestDaemon daemon;
    private RawClient c;

    @BeforeEach
    void start() {
        daemon = TestDaemon.start();
        c = daemon.connect();
    }

    @AfterEach
    void stop() {
        c.close();
        daemon.close();
    }

    private boolean present(String key) {
        c.send("get " + key + "\r\n");
        String first = c.line();
        if (first.equals("END")) {
            return false;
        }
        assertTrue(first.startsWith("VALUE " + key + " "), first);
        int length = Integer.parseInt(first.substring(first.lastIndexOf(' ') + 1));
        c.read(length);
        c.expect("\r\nEND\r\n");
        return true;
    }

    @Test
    void itemWithExptimeOneIsGoneWithinTwoAndAHalfSeconds() {
        long start = System.nanoTime();
        c.send("set short 0 1 5\r\nhello\r\n");
        c.expect("STORED\r\n");
        c.send("set forever 0 0 5\r\nhello\r\n");
        c.expect("STORED\r\n");
        assertTrue(present("short"), "readable right after the set");
        long left = TimeUnit.MILLISECONDS.toNanos(2_500) - (System.nanoTime() - start);
        Poll.until(Duration.ofNanos(left), "item with exptime 1 expires", () -> !present("short"));
        assertTrue(present("forever"), "exptime 0 never expires");
        assertEquals("1", daemon.stats("").get("curr_items"));
    }

    @Test
    void negativeAndPastAbsoluteExptimesAreExpiredAtOnceFutureAbsoluteOnesAreNot() {
        long now = System.currentTimeMillis() / 1000;
        c.send("set neg 0 -1 1\r\nx\r\nset past 0 " + (now - 3600) + " 1\r\nx\r\nset future 0 " + (now + 3600)
                + " 1\r\nx\r\n");
        c.expect("STORED\r\nSTORED\r\nSTORED\r\n");
        assertEquals(false, present("neg"));
        assertEquals(false, present("past"));
        assertEquals(true, present("future"));
        c.send("touch future -1\r\n");
        c.expect("TOUCHED\r\n");
        assertEquals(false, present("future"), "touch with a negative exptime expires the item");
    }

    @Test
    void activeExpirySweepsKeysThatAreNeverRead() {
        int n = 200;
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            sets.writeBytes(("set sweep:" + i + " 0 1 3\r\nabc\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        c.send(sets.toByteArray());
        c.expect("STORED\r\n".repeat(n));
        assertEquals(Integer.toString(n), c.stats("").get("curr_items"));

        Poll.until(Duration.ofSeconds(5), "curr_items drops to 0 without any read",
                () -> c.stats("").get("curr_items").equals("0"), () -> c.stats("").get("curr_items"));
        Map<String, String> stats = c.stats("");
        assertEquals("0", stats.get("cmd_get"), "nothing was read");
        assertEquals(Integer.toString(n), stats.get("expired_unfetched"));
        assertEquals("0", stats.get("bytes"), "the memory of the swept items is accounted back");
    }

    @Test
    void flushAllRemovesEverythingAtOnce() {
        for (int i = 0; i < 20; i++) {
            c.send("set f" + i + " 0 0 2\r\nv" + (i % 10) + "\r\n");
            c.expect("STORED\r\n");
        }
        c.send("flush_all\r\n");
        c.expect("OK\r\n");
        for (int i = 0; i < 20; i++) {
            assertEquals(false, present("f" + i), "f" + i);
        }
        Map<String, String> stats = c.stats("");
        assertEquals("0", stats.get("curr_items"));
        assertEquals("1", stats.get("cmd_flush"));

        c.send("set after 0 0 1\r\na\r\nflush_all noreply\r\nget after\r\nset again 0 0 1\r\na\r\nflush_all 0\r\n"
                + "get again\r\n");
        c.expect("STORED\r\nEND\r\nSTORED\r\nOK\r\nEND\r\n");
        c.send("set last 0 0 1\r\nz\r\nget last\r\n");
        c.expect("STORED\r\nVALUE last 0 1\r\nz\r\nEND\r\n");
    }

    @Test
    void flushAllWithDelayFlushesLater() {
        c.send("set a 0 0 1\r\n1\r\nset b 0 0 1\r\n2\r\n");
        c.expect("STORED\r\nSTORED\r\n");
        long start = System.nanoTime();
        c.send("flush_all 2\r\n");
        c.expect("OK\r\n");
        assertTrue(present("a"), "nothing is flushed before the delay");
        c.send("set c 0 0 1\r\n3\r\n");
        c.expect("STORED\r\n");

        long tookMillis = Poll.until(Duration.ofMillis(4_000), "flush_all 2 takes effect", () -> !present("a"));
        long sinceCommand = (System.nanoTime() - start) / 1_000_000;
        assertTrue(sinceCommand >= 900, "flushed after only " + sinceCommand + " ms (polled " + tookMillis + " ms)");
        assertEquals(false, present("b"));
        assertEquals(false, present("c"), "items stored before the flush time go too");
        c.send("set d 0 0 1\r\n4\r\nget d\r\n");
        c.expect("STORED\r\nVALUE d 0 1\r\n4\r\nEND\r\n");
        assertEquals("1", c.stats("").get("curr_items"));
    }
}
