package dev.depot.storage.broker.routing;

import dev.depot.storage.broker.FieldValues;

import java.util.Arrays;
import java.util.Map;

/** Headers exchanges: each binding's pattern is tried against the message's headers in turn. */
public final class HeadersTable<T> implements RoutingTable<T> {
    private record Entry(Map<String, Object> arguments, HeadersPattern pattern, Object target) {
    }

    private static final Entry[] NONE = new Entry[0];

    private volatile Entry[] entries = NONE;

    @Override
    public void check(Map<String, Object> arguments) {
        XMatch.of(arguments);
    }

    @Override
    public void add(String bindingKey, Map<String, Object> arguments, T target) {
        Entry[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = new Entry(arguments, new HeadersPattern(arguments), target);
        entries = grown;
    }

    @Override
    public void remove(String bindingKey, Map<String, Object> arguments, T target) {
        Entry[] current = entries;
        for (int i = 0; i < current.length; i++) {
            if (current[i].target.equals(target) && FieldValues.sameTable(current[i].arguments, arguments)) {
                Entry[] shrunk = new Entry[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                entries = shrunk;
                return;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void route(String routingKey, Map<String, Object> headers, RouteSink<T> sink) {
        for (Entry entry : entries) {
            if (entry.pattern.matches(headers)) {
                sink.add((T) entry.target);
            }
        }
    }
}
