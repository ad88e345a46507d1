package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;
import dev.depot.storage.types.CollectionValue;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reading and changing a key that holds one collection type, the same way for every type:
 * WRONGTYPE for another type, creation on demand, the size change booked, and the key deleted
 * once the collection is empty (also when the change failed half-way).
 */
final class CollectionKeys {
    private CollectionKeys() {
    }

    /** The collection at the slot; null when the key does not exist. */
    static <T extends CollectionValue> T existing(Slot slot, Class<T> type) {
        if (!slot.exists()) {
            return null;
        }
        if (type.isInstance(slot.object())) {
            return type.cast(slot.object());
        }
        throw RespException.wrongType();
    }

    /** As {@link #existing}, for a read: a missing key is reported as a key miss (Redis's keymiss event). */
    static <T extends CollectionValue> T readable(Slot slot, Class<T> type) {
        T value = existing(slot, type);
        if (value == null) {
            slot.reportMiss();
        }
        return value;
    }

    /**
     * Runs {@code reader} on the collection at {@code key}; null when there is none (a key miss,
     * as Redis's read look-ups report it). A read is a use, for the eviction policies as for GET.
     */
    static <T extends CollectionValue, R> R read(Call call, byte[] key, Class<T> type, Function<T, R> reader) {
        return call.db().execute(key, slot -> {
            T value = readable(slot, type);
            if (value == null) {
                return null;
            }
            slot.markFetched();
            return reader.apply(value);
        });
    }

    /**
     * Runs {@code writer} on the collection at {@code key}, created by {@code create} when missing
     * ({@code create} null: nothing happens and the result is null).
     */
    static <T extends CollectionValue, R> R write(Call call, byte[] key, Class<T> type, Supplier<T> create,
                                                  Function<T, R> writer) {
        return write(call, key, type, create, writer, result -> true);
    }

    /**
     * Like {@link #write}, but the key counts as changed (a new version, which is what WATCH
     * sees) only when {@code changed} says so of the writer's result: Redis leaves a key
     * untouched when a command changed nothing in it (SREM of no member, ZADD of the score a
     * member already has).
     */
    static <T extends CollectionValue, R> R write(Call call, byte[] key, Class<T> type, Supplier<T> create,
                                                  Function<T, R> writer, Predicate<R> changed) {
        return call.db().execute(key, slot -> change(slot, type, create, writer, changed));
    }

    /**
     * As {@link #write}, then Redis's keyspace events for the change: {@code event} when
     * {@code changed} says the result is a change, then {@code del} when the key went with its
     * last element. Nothing when nothing changed (an absent member removed, a missing key).
     */
    static <T extends CollectionValue, R> R writeAndNotify(Call call, byte[] key, Class<T> type, Supplier<T> create,
                                                           Function<T, R> writer, KeyspaceEventClass eventClass,
                                                           String event, Predicate<R> changed) {
        Outcome<R> outcome = call.db().execute(key, slot -> {
            R result = change(slot, type, create, writer, changed);
            return new Outcome<>(result, !slot.exists());
        });
        if (outcome.result() != null && changed.test(outcome.result())) {
            call.keyspaceEvent(eventClass, event, key);
            if (outcome.deleted()) {
                call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", key);
            }
        }
        return outcome.result();
    }

    /** A change's result, and whether the key is gone after it. */
    private record Outcome<R>(R result, boolean deleted) {
    }

    /** Redis's events for a change to one key of a multi-key operation; {@code deleted}: it went empty. */
    static void notifyChange(Call call, KeyspaceEventClass eventClass, String event, byte[] key, boolean deleted) {
        call.keyspaceEvent(eventClass, event, key);
        if (deleted) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", key);
        }
    }

    /** As {@link #write}, on a slot already positioned (one key of a multi-key operation). */
    static <T extends CollectionValue, R> R change(Slot slot, Class<T> type, Supplier<T> create,
                                                   Function<T, R> writer) {
        return change(slot, type, create, writer, result -> true);
    }

    /** As {@link #write} with {@code changed}, on a slot already positioned. */
    static <T extends CollectionValue, R> R change(Slot slot, Class<T> type, Supplier<T> create,
                                                   Function<T, R> writer, Predicate<R> changed) {
        T found = existing(slot, type);
        if (found == null && create == null) {
            return null;
        }
        T value = found != null ? found : create.get();
        if (found == null) {
            slot.putObject(value, 0);
        }
        long before = slot.objectSize();
        R result = null;
        boolean completed = false;
        try {
            result = writer.apply(value);
            completed = true;
            return result;
        } finally {
            if (value.isEmpty()) {
                slot.delete();
            } else if (completed ? found == null || changed.test(result) : slot.objectSize() != before) {
                // a refused command (HINCRBY on a non-number) changed nothing: the key keeps its version
                slot.objectResized(before);
            }
        }
    }

    /**
     * Makes {@code value} the whole content of the key, without expiry, whatever it held before
     * (the *STORE commands); an empty collection deletes the key instead, as in Redis. An
     * existing key is overwritten in place, not created anew (no "new" key event). True when
     * the key existed before.
     */
    static boolean store(Slot slot, CollectionValue value) {
        boolean existed = slot.exists();
        if (!value.isEmpty()) {
            slot.putObject(value, 0);
        } else if (existed) {
            slot.delete();
        }
        return existed;
    }

    /** Redis's events for a *STORE: {@code event} when something was stored, del when it only removed a key. */
    static void notifyStore(Call call, KeyspaceEventClass eventClass, String event, byte[] key, boolean stored,
                            boolean existed) {
        if (stored) {
            call.keyspaceEvent(eventClass, event, key);
        } else if (existed) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", key);
        }
    }
}
