package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * SLOWLOG: the latest commands that ran for at least slowlog-log-slower-than microseconds
 * (negative: none, 0: all), at most slowlog-max-len of them, newest first. Checking whether a
 * command is slow costs a volatile read; only slow commands take the lock that adds them.
 * Entries keep at most 32 arguments of at most 128 bytes each, as Redis does, so that the
 * log stays small however large the commands were.
 */
final class SlowLog {
    static final long DEFAULT_SLOWER_THAN_MICROS = 10_000;
    static final long DEFAULT_MAX_LEN = 128;
    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_BYTES = 128;

    /** One logged command. */
    record Entry(long id, long unixSeconds, long micros, List<byte[]> args, String client, String clientName) {
    }

    private volatile long slowerThanMicros = DEFAULT_SLOWER_THAN_MICROS;
    private volatile long maxLen = DEFAULT_MAX_LEN;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    boolean isSlow(long micros) {
        long threshold = slowerThanMicros;
        return threshold >= 0 && micros >= threshold;
    }

    /** Adds a command; the oldest entries beyond slowlog-max-len go. */
    void add(Session session, List<byte[]> args, long micros) {
        List<byte[]> kept = trimmed(args);
        String client = PeerAddress.remote(session);
        synchronized (this) {
            entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, kept, client, session.name));
            while (entries.size() > maxLen) {
                entries.removeLast();
            }
        }
    }

    /** The newest {@code count} entries (all of them for a negative count). */
    synchronized List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && (count < 0 || out.size() < count)) {
            out.add(it.next());
        }
        return out;
    }

    synchronized int length() {
        return entries.size();
    }

    synchronized void reset() {
        entries.clear();
    }

    long slowerThanMicros() {
        return slowerThanMicros;
    }

    void slowerThanMicros(long micros) {
        slowerThanMicros = micros;
    }

    long maxLen() {
        return maxLen;
    }

    /** Takes effect when the next entry is added, as in Redis. */
    void maxLen(long entries) {
        maxLen = entries;
    }

    private static List<byte[]> trimmed(List<byte[]> args) {
        int kept = Math.min(args.size(), MAX_ARGS);
        List<byte[]> out = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            if (kept < args.size() && i == kept - 1) {
                out.add(("... (" + (args.size() - kept + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
                break;
            }
            byte[] arg = args.get(i);
            if (arg.length > MAX_ARG_BYTES) {
                byte[] more = ("... (" + (arg.length - MAX_ARG_BYTES) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] cut = Arrays.copyOf(arg, MAX_ARG_BYTES + more.length);
                System.arraycopy(more, 0, cut, MAX_ARG_BYTES, more.length);
                arg = cut;
            }
            out.add(arg);
        }
        return out;
    }
}
