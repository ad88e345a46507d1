package dev.depot.server.resp;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowLogTest {
    private final SlowLog log = new SlowLog();
    private final Session session = new Session(7);

    @BeforeEach
    void connect() {
        session.channel = new EmbeddedChannel();
        session.name = "worker";
    }

    @Test
    void thresholdIsInclusiveAndNegativeTurnsItOff() {
        assertFalse(log.isSlow(9_999));
        assertTrue(log.isSlow(10_000), "10 ms is the default threshold, and reaching it is slow");
        log.slowerThanMicros(0);
        assertTrue(log.isSlow(0));
        log.slowerThanMicros(-1);
        assertFalse(log.isSlow(Long.MAX_VALUE));
    }

    @Test
    void newestFirstWithIdsTimesAndTheClient() {
        log.add(session, args("SET", "a", "1"), 15);
        log.add(session, args("GET", "a"), 20);
        List<SlowLog.Entry> entries = log.newest(10);
        assertEquals(2, entries.size());
        assertEquals(1, entries.get(0).id());
        assertEquals(0, entries.get(1).id());
        assertEquals(20, entries.get(0).micros());
        assertEquals(List.of("GET", "a"), text(entries.get(0).args()));
        assertEquals("worker", entries.get(0).clientName());
        assertTrue(Math.abs(entries.get(0).unixSeconds() - System.currentTimeMillis() / 1000) <= 1);
        assertEquals(1, log.newest(1).size());
        assertEquals(2, log.newest(-1).size());
        assertEquals(0, log.newest(0).size());
    }

    @Test
    void maxLenTrimsTheOldestWhenAnEntryIsAdded() {
        for (int i = 0; i < 5; i++) {
            log.add(session, args("PING"), 1);
        }
        log.maxLen(2);
        assertEquals(5, log.length(), "as in Redis, a lower max-len applies on the next entry");
        log.add(session, args("ECHO", "x"), 1);
        assertEquals(2, log.length());
        assertEquals(4, log.newest(-1).get(1).id(), "the newest two: the new entry and the one before it");
        log.reset();
        assertEquals(0, log.length());
    }

    @Test
    void longCommandsAreCutAsRedisCutsThem() {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(("a" + i).getBytes(StandardCharsets.US_ASCII));
        }
        log.add(session, many, 1);
        List<String> kept = text(log.newest(1).get(0).args());
        assertEquals(32, kept.size());
        assertEquals("a30", kept.get(30));
        assertEquals("... (9 more arguments)", kept.get(31));

        log.add(session, args("SET", "k", "x".repeat(200)), 1);
        String value = text(log.newest(1).get(0).args()).get(2);
        assertEquals("x".repeat(128) + "... (72 more bytes)", value);
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static List<String> text(List<byte[]> args) {
        return args.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }
}
