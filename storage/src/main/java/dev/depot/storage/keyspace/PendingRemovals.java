package dev.depot.storage.keyspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Removals waiting for their {@link KeyspaceListener} until the thread that caused them has let
 * go of its shard locks: a listener may take its time (publish to subscribers) without holding
 * up other clients of the shard. Per thread, because the thread that found a key expired is the
 * one whose command must report it first.
 */
final class PendingRemovals {
    private record Pending(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
    }

    private static final ThreadLocal<List<Pending>> PENDING = ThreadLocal.withInitial(ArrayList::new);

    private PendingRemovals() {
    }

    static void hold(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
        PENDING.get().add(new Pending(listener, db, cause, key));
    }

    /** Hands this thread's pending removals to their listeners, oldest first. */
    static void deliver() {
        List<Pending> pending = PENDING.get();
        if (pending.isEmpty()) {
            return;
        }
        // a listener could cause removals of its own: take the batch before calling out
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        for (Pending p : batch) {
            p.listener().removed(p.db(), p.cause(), p.key());
        }
    }
}
