package dev.depot.storage.broker.exchange;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Objects in the order first added, each once (by identity). Small lists are scanned; past a
 * few dozen entries a hash set takes over, so a fanout to thousands of queues stays linear.
 */
final class DistinctList<T> {
    private static final int SCAN_LIMIT = 16;

    private Object[] items = new Object[4];
    private int size;
    private Set<Object> index;

    /** False when it was there already. */
    boolean add(T item) {
        if (index != null) {
            if (!index.add(item)) {
                return false;
            }
        } else {
            for (int i = 0; i < size; i++) {
                if (items[i] == item) {
                    return false;
                }
            }
            if (size == SCAN_LIMIT) {
                index = Collections.newSetFromMap(new IdentityHashMap<>());
                for (int i = 0; i < size; i++) {
                    index.add(items[i]);
                }
                index.add(item);
            }
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = item;
        return true;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(int i) {
        return (T) items[i];
    }
}
