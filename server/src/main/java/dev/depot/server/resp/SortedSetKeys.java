package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue;

import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * Changes an existing sorted set without adding to it; null when there is none. Publishes
     * {@code event} (and del, if it emptied the set) when {@code changed} says the result is a change.
     */
    static <R> R remove(Call call, byte[] key, String event, Predicate<R> changed,
                        Function<SortedSetValue, R> writer) {
        return CollectionKeys.writeAndNotify(call, key, SortedSetValue.class, null, writer,
                KeyspaceEventClass.ZSET, event, changed);
    }

    /**
     * Adds to the sorted set at {@code key}, created when {@code create}; null when absent and
     * not created. A set that holds members afterwards wakes its oldest waiter. Publishes
     * {@code event} when {@code changed} says the result is a change.
     */
    static <R> R add(Call call, byte[] key, boolean create, String event, Predicate<R> changed,
                     Function<SortedSetValue, R> writer) {
        R result = CollectionKeys.writeAndNotify(call, key, SortedSetValue.class,
                create ? SortedSetValue::new : null, writer, KeyspaceEventClass.ZSET, event, changed);
        if (result != null) {
            wake(call, key);
        }
        return result;
    }

    /**
     * Replaces whatever {@code key} holds with {@code result}, or deletes it when the result is
     * empty; returns the size stored. From then on the set belongs to the keyspace, and a woken
     * waiter on another event loop may already be popping from it: callers must not read it.
     * Publishes {@code event}, or del when an empty result only removed the key.
     */
    static long store(Call call, byte[] key, SortedSetValue result, String event) {
        long size = result.size();
        boolean existed = call.db().execute(key, slot -> CollectionKeys.store(slot, result));
        CollectionKeys.notifyStore(call, KeyspaceEventClass.ZSET, event, key, size > 0, existed);
        if (size > 0) {
            wake(call, key);
        }
        return size;
    }

    private static void wake(Call call, byte[] key) {
        call.service().blocking().signal(call.session().db, BlockingPops.Source.SORTED_SET, key);
    }
}
