package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.KeyspaceListener;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one listener RESP registers with the storage layer, for the two features that need to
 * hear what happens to keys: keyspace notifications (expired, evicted, new and keymiss events,
 * each only while its class is on) and client tracking (every change and every emptying, while
 * a client tracks). It asks the storage layer for the union of what the two want and nothing
 * more, so that a write, a creation or a read miss nobody wants to hear of pays a single field
 * read for both.
 */
final class KeyChanges implements KeyspaceListener {
    /** What client tracking hears of: every change of a key, and every emptying. */
    static final Set<Cause> TRACKED = EnumSet.of(Cause.WRITTEN, Cause.EXPIRED, Cause.EVICTED, Cause.FLUSHED);

    private final Databases databases;
    private KeyspaceEvents events;
    private Tracking tracking;
    /** What keyspace notifications want now; changed under this object's lock. */
    private Set<Cause> eventCauses = EnumSet.noneOf(Cause.class);
    /** Whether client tracking wants its causes now; changed under this object's lock. */
    private boolean tracked;

    KeyChanges(Databases databases) {
        this.databases = databases;
    }

    /** Names the two features, once, before any of them asks for anything. */
    void bind(KeyspaceEvents events, Tracking tracking) {
        this.events = events;
        this.tracking = tracking;
    }

    /** Keyspace notifications want to hear of {@code causes} now (none: nothing). */
    synchronized void events(Set<Cause> causes) {
        eventCauses = causes.isEmpty() ? EnumSet.noneOf(Cause.class) : EnumSet.copyOf(causes);
        register();
    }

    /** Client tracking wants every change, or no longer does. */
    synchronized void writes(boolean wanted) {
        tracked = wanted;
        register();
    }

    private void register() {
        EnumSet<Cause> causes = EnumSet.noneOf(Cause.class);
        causes.addAll(eventCauses);
        if (tracked) {
            causes.addAll(TRACKED);
        }
        databases.listen(causes.isEmpty() ? null : this, causes);
    }

    @Override
    public void heard(int db, Cause cause, byte[] key) {
        switch (cause) {
            case WRITTEN -> tracking.keyChanged(true, key);
            case EXPIRED, EVICTED -> {
                events.heard(db, cause, key);
                tracking.keyChanged(false, key);
            }
            case FLUSHED -> tracking.flushed();
            case CREATED, MISSED -> events.heard(db, cause, key);
        }
    }

    @Override
    public void batchDone() {
        tracking.batchDone();
    }
}
