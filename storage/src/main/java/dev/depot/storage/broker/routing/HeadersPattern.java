package dev.depot.storage.broker.routing;

import dev.depot.storage.broker.FieldValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headers binding compiled for matching: the x-match mode and the (name, value) pairs that
 * take part. A void value asks only for the header's presence; other values must be equal in
 * RabbitMQ's loose sense ({@link FieldValues#looselyEqual}). With no pairs, "all" matches
 * every message and "any" none.
 */
public final class HeadersPattern {
    private final XMatch mode;
    private final String[] names;
    private final Object[] values;

    public HeadersPattern(Map<String, Object> arguments) {
        mode = XMatch.of(arguments);
        List<String> kept = new ArrayList<>(arguments.size());
        for (String name : arguments.keySet()) {
            if (!name.equals(XMatch.KEY) && (mode.countsXHeaders() || !name.startsWith("x-"))) {
                kept.add(name);
            }
        }
        names = kept.toArray(new String[0]);
        values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = arguments.get(names[i]);
        }
    }

    public boolean matches(Map<String, Object> headers) {
        boolean all = mode.requiresAll();
        for (int i = 0; i < names.length; i++) {
            if (matchesOne(names[i], values[i], headers) != all) {
                return !all;
            }
        }
        return all;
    }

    private static boolean matchesOne(String name, Object expected, Map<String, Object> headers) {
        Object actual = headers.get(name);
        if (actual == null && !headers.containsKey(name)) {
            return false;
        }
        return expected == null || FieldValues.looselyEqual(expected, actual);
    }
}
