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

    /** Runs {@code reader} on the collection at {@code key}; null when there is none. */
    static <T extends CollectionValue, R> R read(Call call, byte[] key, Class<T> type, Function<T, R> reader) {
        return call.db().execute(key, slot -> {
            T value = existing(slot, type);
            return value == null ? null : reader.apply(value);
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
        return call.db().execute(key, slot -> {
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
        });
    }
}
