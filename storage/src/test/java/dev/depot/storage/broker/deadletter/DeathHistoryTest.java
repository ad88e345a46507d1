package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.queue.DeathReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** x-death bookkeeping, following the headers RabbitMQ 3.10.8 delivered in the same steps. */
class DeathHistoryTest {
    private static final Instant T1 = Instant.ofEpochSecond(1_700_000_000L);
    private static final Instant T2 = T1.plusSeconds(5);

    private static Death death(String queue, DeathReason reason, Instant time) {
        return new Death(queue, reason, "", List.of(queue), time, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deaths(Map<String, Object> headers) {
        return (List<Map<String, Object>>) headers.get("x-death");
    }

    @Test
    void theFirstDeathRecordsEverythingAndTheFirstDeathHeaders() {
        Map<String, Object> headers = DeathHistory.record(Map.of("h", 1),
                new Death("pwork", DeathReason.REJECTED, "", List.of("pwork"), T1, "60000"));
        assertEquals(List.of("h", "x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason"),
                new ArrayList<>(headers.keySet()), "sorted by name, as RabbitMQ writes them");
        assertEquals("rejected", headers.get("x-first-death-reason"));
        assertEquals("pwork", headers.get("x-first-death-queue"));
        assertEquals("", headers.get("x-first-death-exchange"));
        Map<String, Object> entry = deaths(headers).get(0);
        assertEquals(List.of("count", "reason", "queue", "time", "exchange", "routing-keys", "original-expiration"),
                new ArrayList<>(entry.keySet()));
        assertEquals(1L, entry.get("count"));
        assertEquals("rejected", entry.get("reason"));
        assertEquals("pwork", entry.get("queue"));
        assertEquals(T1, entry.get("time"));
        assertEquals(List.of("pwork"), entry.get("routing-keys"));
        assertEquals("60000", entry.get("original-expiration"));
    }

    @Test
    void repeatedDeathsCountUpAndMoveToTheFront() {
        // pttl (ttl, dlx -> pdead2) and pdead2 (dlx -> pttl): expire, reject, expire, as in the real run
        Map<String, Object> headers = DeathHistory.record(Map.of(), death("pttl", DeathReason.EXPIRED, T1));
        headers = DeathHistory.record(headers, death("pdead2", DeathReason.REJECTED, T1));
        headers = DeathHistory.record(headers, death("pttl", DeathReason.EXPIRED, T2));
        List<Map<String, Object>> deaths = deaths(headers);
        assertEquals(2, deaths.size());
        assertEquals(List.of("count", "exchange", "queue", "reason", "routing-keys", "time"),
                new ArrayList<>(deaths.get(0).keySet()), "a counted-up entry comes back sorted");
        assertEquals(2L, deaths.get(0).get("count"));
        assertEquals("pttl", deaths.get(0).get("queue"));
        assertEquals(T1, deaths.get(0).get("time"), "keeps the time of its first death");
        assertEquals(1L, deaths.get(1).get("count"));
        assertEquals("pdead2", deaths.get(1).get("queue"));
        assertEquals("expired", headers.get("x-first-death-reason"), "first-death headers never change");
        assertEquals("pttl", headers.get("x-first-death-queue"));
    }

    @Test
    void sameQueueOtherReasonIsAnotherEntry() {
        Map<String, Object> headers = DeathHistory.record(Map.of(), death("q", DeathReason.EXPIRED, T1));
        headers = DeathHistory.record(headers, death("q", DeathReason.MAXLEN, T2));
        assertEquals(List.of("maxlen", "expired"), deaths(headers).stream().map(d -> d.get("reason")).toList());
    }

    @Test
    void automaticDeathsBackIntoTheSameQueueCloseACycle() {
        Map<String, Object> headers = DeathHistory.record(Map.of(), death("self", DeathReason.EXPIRED, T1));
        assertTrue(DeathHistory.closesCycle("self", DeathReason.EXPIRED, headers));
        assertFalse(DeathHistory.closesCycle("other", DeathReason.EXPIRED, headers));
    }

    @Test
    void aRejectionAnywhereInTheLoopKeepsItGoing() {
        Map<String, Object> headers = DeathHistory.record(Map.of(), death("pttl", DeathReason.EXPIRED, T1));
        headers = DeathHistory.record(headers, death("pdead2", DeathReason.REJECTED, T1));
        headers = DeathHistory.record(headers, death("pttl", DeathReason.EXPIRED, T2));
        assertFalse(DeathHistory.closesCycle("pdead2", DeathReason.EXPIRED, headers),
                "pdead2's own death was a rejection");
        Map<String, Object> rejected = DeathHistory.record(Map.of(), death("q", DeathReason.REJECTED, T1));
        assertFalse(DeathHistory.closesCycle("q", DeathReason.REJECTED, rejected), "rejections are never cycles");
    }

    @Test
    void historyAClientWroteIsNotAutomatic() {
        Map<String, Object> forged = Map.of("x-death", List.of("garbage", Map.of("queue", "q", "reason", "expired")));
        assertFalse(DeathHistory.closesCycle("q", DeathReason.EXPIRED, forged));
    }
}
