package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.queue.DeathReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The x-death header: one table per (queue, reason) a message died of, most recent first, each
 * with a count. The first death also sets x-first-death-reason, -queue and -exchange. A repeated
 * death increments its entry's count and moves it to the front, keeping its other fields. The
 * headers come back sorted by name, as RabbitMQ writes them.
 */
public final class DeathHistory {
    static final String X_DEATH = "x-death";
    private static final String COUNT = "count";
    private static final String REASON = "reason";
    private static final String QUEUE = "queue";
    private static final String TIME = "time";
    private static final String EXCHANGE = "exchange";
    private static final String ROUTING_KEYS = "routing-keys";
    private static final String ORIGINAL_EXPIRATION = "original-expiration";

    private DeathHistory() {
    }

    /** The headers of the dead-lettered copy: {@code headers} with {@code death} recorded. */
    public static Map<String, Object> record(Map<String, Object> headers, Death death) {
        TreeMap<String, Object> updated = new TreeMap<>(headers);
        List<Object> deaths = new ArrayList<>();
        if (headers.get(X_DEATH) instanceof List<?> previous) {
            Map<?, ?> same = null;
            for (Object entry : previous) {
                if (same == null && entry instanceof Map<?, ?> table && isOf(table, death)) {
                    same = table;
                }
            }
            deaths.add(same == null ? entry(death) : incremented(same));
            for (Object entry : previous) {
                if (entry != same) {
                    deaths.add(entry);
                }
            }
        } else {
            updated.put("x-first-death-reason", death.reason().value());
            updated.put("x-first-death-queue", death.queue());
            updated.put("x-first-death-exchange", death.exchange());
            deaths.add(entry(death));
        }
        updated.put(X_DEATH, deaths);
        return new LinkedHashMap<>(updated);
    }

    /**
     * Whether routing the dead message to {@code queue} closes a cycle to drop: the queue is in
     * its history (newest first, the current death included) and no death since, that one
     * included, was a client's rejection. Messages dead-lettered by rejection are never dropped.
     */
    public static boolean closesCycle(String queue, DeathReason reason, Map<String, Object> headers) {
        if (reason == DeathReason.REJECTED || !(headers.get(X_DEATH) instanceof List<?> deaths)) {
            return false;
        }
        for (Object entry : deaths) {
            if (!(entry instanceof Map<?, ?> table) || DeathReason.REJECTED.value().equals(table.get(REASON))) {
                return false; // a rejection, or something a client put there: not fully automatic
            }
            if (queue.equals(table.get(QUEUE))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOf(Map<?, ?> table, Death death) {
        return death.queue().equals(table.get(QUEUE)) && death.reason().value().equals(table.get(REASON));
    }

    private static Map<String, Object> entry(Death death) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(COUNT, 1L);
        entry.put(REASON, death.reason().value());
        entry.put(QUEUE, death.queue());
        entry.put(TIME, death.time());
        entry.put(EXCHANGE, death.exchange());
        entry.put(ROUTING_KEYS, List.copyOf(death.routingKeys()));
        if (death.originalExpiration() != null) {
            entry.put(ORIGINAL_EXPIRATION, death.originalExpiration());
        }
        return entry;
    }

    private static Map<String, Object> incremented(Map<?, ?> previous) {
        TreeMap<String, Object> entry = new TreeMap<>();
        previous.forEach((key, value) -> entry.put((String) key, value));
        long count = entry.get(COUNT) instanceof Number n ? n.longValue() : 0;
        entry.put(COUNT, count + 1);
        return new LinkedHashMap<>(entry);
    }
}
