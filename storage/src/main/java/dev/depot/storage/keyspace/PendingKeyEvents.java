package dev.depot.storage.keyspace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link KeyspaceListener} is to hear (keys written, expired, evicted, emptied, created,
 * looked for in vain), waiting until the thread that caused it has let go of its shard locks: a
 * listener may take its time (publish to subscribers, send invalidations) without holding up
 * other clients of the shard. Per thread and in order, because the thread whose command found a
 * key expired, then created it anew, must report exactly that, and before the command's own
 * events. Each delivery closes the batch with {@link KeyspaceListener#batchDone()}.
 */
final class PendingKeyEvents {
    private record Pending(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
    }

    private static final ThreadLocal<List<Pending>> PENDING = ThreadLocal.withInitial(ArrayList::new);

    private PendingKeyEvents() {
    }

    static void hold(KeyspaceListener listener, int db, KeyspaceListener.Cause cause, byte[] key) {
        PENDING.get().add(new Pending(listener, db, cause, key));
    }

    /** Hands this thread's pending events to their listeners, oldest first, then closes the batch. */
    static void deliver() {
        List<Pending> pending = PENDING.get();
        if (pending.isEmpty()) {
            return;
        }
        // a listener could cause events of its own: take the batch before calling out
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        KeyspaceListener last = null;
        for (Pending p : batch) {
            if (last != null && p.listener() != last) {
                last.batchDone();
            }
            last = p.listener();
            p.listener().heard(p.db(), p.cause(), p.key());
        }
        last.batchDone();
    }
}
