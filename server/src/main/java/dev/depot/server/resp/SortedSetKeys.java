package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue;

import java.util.function.Function;

/**
 * Reaching the sorted set at a key, the same way for every sorted-set command: reads, removals,
 * additions (which wake the clients parked on the key by BZPOPMIN, BZPOPMAX and BZMPOP) and
 * whole results stored over whatever the key held.
 */
final class SortedSetKeys {
    private SortedSetKeys() {
    }

    /** Runs {@code reader} on the sorted set at {@code key}; null when there is none. */
    static <R> R read(Call call, byte[] key, Function<SortedSetValue, R> reader) {
        return CollectionKeys.read(call, key, SortedSetValue.class, reader);
    }

    /** Changes an existing sorted set without adding to it; null when there is none. */
    static <R> R remove(Call call, byte[] key, Function<SortedSetValue, R> writer) {
        return CollectionKeys.write(call, key, SortedSetValue.class, null, writer);
    }

    /**
     * Adds to the sorted set at {@code key}, created when {@code create}; null when absent and
     * not created. A set that holds members afterwards wakes its oldest waiter.
     */
    static <R> R add(Call call, byte[] key, boolean create, Function<SortedSetValue, R> writer) {
        R result = CollectionKeys.write(call, key, SortedSetValue.class, create ? SortedSetValue::new : null, writer);
        if (result != null) {
            wake(call, key);
        }
        return result;
    }

    /**
     * Replaces whatever {@code key} holds with {@code result}, or deletes it when the result is
     * empty; returns the size stored. From then on the set belongs to the keyspace, and a woken
     * waiter on another event loop may already be popping from it: callers must not read it.
     */
    static long store(Call call, byte[] key, SortedSetValue result) {
        long size = result.size();
        call.db().execute(key, slot -> {
            if (result.isEmpty()) {
                if (slot.exists()) {
                    slot.delete();
                }
            } else {
                slot.putObject(result, 0);
            }
            return null;
        });
        if (size > 0) {
            wake(call, key);
        }
        return size;
    }

    private static void wake(Call call, byte[] key) {
        call.service().blocking().signal(call.session().db, BlockingPops.Source.SORTED_SET, key);
    }
}
