package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Error replies by kind (the first word: ERR, WRONGTYPE, NOAUTH...) for INFO errorstats, and
 * their total for total_error_replies. Like Redis, it stops adding kinds past 128, so clients
 * inventing error codes cannot grow it without bound; the total still counts them.
 */
final class ErrorStats {
    private static final int MAX_KINDS = 128;

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /** Counts one error reply; {@code text} is the reply without its '-'. */
    void count(byte[] text) {
        total.increment();
        int space = 0;
        while (space < text.length && text[space] != ' ') {
            space++;
        }
        String kind = new String(text, 0, space, StandardCharsets.ISO_8859_1);
        LongAdder counter = byKind.get(kind);
        if (counter == null) {
            if (byKind.size() >= MAX_KINDS) {
                return;
            }
            counter = byKind.computeIfAbsent(kind, k -> new LongAdder());
        }
        counter.increment();
    }

    long total() {
        return total.sum();
    }

    /** Each kind seen with its count, by name. */
    Map<String, Long> byKind() {
        Map<String, Long> counts = new TreeMap<>();
        byKind.forEach((kind, n) -> counts.put(kind, n.sum()));
        return counts;
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        byKind.clear();
        total.reset();
    }
}
