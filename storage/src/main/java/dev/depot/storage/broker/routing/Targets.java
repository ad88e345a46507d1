package dev.depot.storage.broker.routing;

import java.util.Arrays;

/** Copy-on-write arrays of targets: writers build a new array, readers keep the one they read. */
final class Targets {
    static final Object[] NONE = new Object[0];

    private Targets() {
    }

    static Object[] with(Object[] targets, Object target) {
        Object[] grown = Arrays.copyOf(targets, targets.length + 1);
        grown[targets.length] = target;
        return grown;
    }

    /** Without the first element equal to {@code target}; the same array when there is none. */
    static Object[] without(Object[] targets, Object target) {
        for (int i = 0; i < targets.length; i++) {
            if (targets[i].equals(target)) {
                Object[] shrunk = new Object[targets.length - 1];
                System.arraycopy(targets, 0, shrunk, 0, i);
                System.arraycopy(targets, i + 1, shrunk, i, targets.length - i - 1);
                return shrunk.length == 0 ? NONE : shrunk;
            }
        }
        return targets;
    }

    @SuppressWarnings("unchecked")
    static <T> void emit(Object[] targets, RouteSink<T> sink) {
        for (Object target : targets) {
            sink.add((T) target);
        }
    }
}
