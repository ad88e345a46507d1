package dev.depot.storage.keyspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes waiting for their {@link KeyspaceListener} until the thread that made them has let go
 * of its shard locks: a listener may take its time (publish to subscribers, send invalidations)
 * without holding up other clients of the shard. Per thread, because the thread that found a
 * key expired is the one whose command must report it first.
 */
final class PendingChanges {
    private record Pending(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
    }

    private static final ThreadLocal<List<Pending>> PENDING = ThreadLocal.withInitial(ArrayList::new);

    private PendingChanges() {
    }

    static void hold(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
        PENDING.get().add(new Pending(listener, db, cause, key));
    }

    /** Hands this thread's pending changes to their listeners, oldest first, then closes the batch. */
    static void deliver() {
        List<Pending> pending = PENDING.get();
        if (pending.isEmpty()) {
            return;
        }
        // a listener could cause changes of its own: take the batch before calling out
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        KeyspaceListener last = null;
        for (Pending p : batch) {
            if (last != null && p.listener() != last) {
                last.batchDone();
            }
            last = p.listener();
            p.listener().changed(p.db(), p.cause(), p.key());
        }
        last.batchDone();
    }
}
