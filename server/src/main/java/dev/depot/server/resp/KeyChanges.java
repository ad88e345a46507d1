package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.KeyspaceListener;

/**
 * The one listener RESP registers with the storage layer, for the two features that need to
 * hear of key changes: keyspace notifications (expired and evicted events) and client tracking
 * (every change). It is registered only while one of them wants it, and told of writes only
 * while a client tracks, so that otherwise a write pays a single field read for both.
 */
final class KeyChanges implements KeyspaceListener {
    private final Databases databases;
    private KeyspaceEvents events;
    private Tracking tracking;
    /** What is wanted now; changed under this object's lock. */
    private boolean removals;
    private boolean writes;

    KeyChanges(Databases databases) {
        this.databases = databases;
    }

    /** Names the two features, once, before any of them asks for anything. */
    void bind(KeyspaceEvents events, Tracking tracking) {
        this.events = events;
        this.tracking = tracking;
    }

    /** Keyspace notifications want the expired and evicted keys, or no longer do. */
    synchronized void removals(boolean wanted) {
        removals = wanted;
        register();
    }

    /** Client tracking wants every change, or no longer does. */
    synchronized void writes(boolean wanted) {
        writes = wanted;
        register();
    }

    private void register() {
        databases.listen(removals || writes ? this : null, writes);
    }

    @Override
    public void changed(int db, Cause cause, byte[] key) {
        switch (cause) {
            case WRITTEN -> tracking.keyChanged(true, key);
            case EXPIRED, EVICTED -> {
                events.removed(db, cause, key);
                tracking.keyChanged(false, key);
            }
            case FLUSHED -> tracking.flushed();
        }
    }

    @Override
    public void batchDone() {
        tracking.batchDone();
    }
}
