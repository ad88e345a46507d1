package dev.depot.server.resp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LATENCY: spikes of at least latency-monitor-threshold milliseconds (0, the default, turns it
 * off), kept per event as one sample per second (the worst of that second) for the last 160,
 * with the worst ever. Depot reports one event, {@code command}: a command that ran that long.
 */
final class LatencyMonitor {
    static final String COMMAND_EVENT = "command";
    private static final int HISTORY = 160;

    /** The worst latency seen in one second. */
    record Sample(long unixSeconds, long millis) {
    }

    /** The samples of one event, oldest first. */
    private static final class History {
        final ArrayDeque<Sample> samples = new ArrayDeque<>();
        long max;

        void add(long seconds, long millis) {
            Sample last = samples.peekLast();
            if (last != null && last.unixSeconds() == seconds) {
                samples.removeLast();
                millis = Math.max(millis, last.millis());
            } else if (samples.size() == HISTORY) {
                samples.removeFirst();
            }
            samples.addLast(new Sample(seconds, millis));
            max = Math.max(max, millis);
        }
    }

    /** The latest and worst sample of an event. */
    record Latest(String event, Sample latest, long max) {
    }

    private volatile long thresholdMillis;
    private final Map<String, History> events = new TreeMap<>();

    long thresholdMillis() {
        return thresholdMillis;
    }

    void thresholdMillis(long millis) {
        thresholdMillis = millis;
    }

    /** Records a command's duration if it reaches the threshold; costs a volatile read otherwise. */
    void commandTook(long micros) {
        long threshold = thresholdMillis;
        if (threshold > 0 && micros / 1000 >= threshold) {
            add(COMMAND_EVENT, micros / 1000);
        }
    }

    private synchronized void add(String event, long millis) {
        events.computeIfAbsent(event, e -> new History()).add(System.currentTimeMillis() / 1000, millis);
    }

    synchronized List<Latest> latest() {
        List<Latest> out = new ArrayList<>();
        events.forEach((event, history) -> out.add(new Latest(event, history.samples.getLast(), history.max)));
        return out;
    }

    /** The samples of an event, oldest first; empty for an unknown event. */
    synchronized List<Sample> history(String event) {
        History history = events.get(event);
        return history == null ? List.of() : List.copyOf(history.samples);
    }

    /** Forgets the given events (all of them when none is given); returns how many it forgot. */
    synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }
}
