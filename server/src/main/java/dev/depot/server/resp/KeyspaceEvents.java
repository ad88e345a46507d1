package dev.depot.server.resp;

import dev.depot.storage.keyspace.KeyspaceListener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keyspace notifications: each change a command makes to a key, published on
 * {@code __keyspace@<db>__:<key>} (message: the event) when {@code notify-keyspace-events} has
 * K, and on {@code __keyevent@<db>__:<event>} (message: the key) when it has E, if the event's
 * class is enabled too. While they are off, which is the default, {@link #notify} costs one
 * volatile read. Expired and evicted keys, new keys (n) and read misses (m) come from the
 * storage layer's listener ({@link KeyChanges}), which asks only for the causes whose class is
 * on (none while they are off), and hears them in the order they happened and before the
 * command's own events, as in Redis.
 */
final class KeyspaceEvents {
    private static final int KEYSPACE = 1 << 30;
    private static final int KEYEVENT = 1 << 29;

    private final PubSub pubsub;
    private final KeyChanges changes;
    /** The enabled classes and channel kinds; 0 unless at least one class and one kind are on. */
    private volatile int mask;
    /** The setting as CONFIG GET shows it. */
    private volatile String flags = "";

    KeyspaceEvents(PubSub pubsub, KeyChanges changes) {
        this.pubsub = pubsub;
        this.changes = changes;
    }

    String flags() {
        return flags;
    }

    /** Takes a new setting, already in canonical form (see {@link KeyspaceEventClasses}). */
    synchronized void setFlags(String canonical) {
        int classes = 0;
        int kinds = 0;
        for (char c : canonical.toCharArray()) {
            switch (c) {
                case 'K' -> kinds |= KEYSPACE;
                case 'E' -> kinds |= KEYEVENT;
                case 'A' -> classes |= Arrays.stream(KeyspaceEventClass.values())
                        .filter(KeyspaceEventClasses::inAll).mapToInt(k -> k.bit).reduce(0, (a, b) -> a | b);
                default -> classes |= Arrays.stream(KeyspaceEventClass.values())
                        .filter(k -> k.letter == c).mapToInt(k -> k.bit).findFirst().orElse(0);
            }
        }
        int enabled = classes != 0 && kinds != 0 ? classes | kinds : 0;
        flags = canonical;
        mask = enabled;
        Set<KeyspaceListener.Cause> causes = EnumSet.noneOf(KeyspaceListener.Cause.class);
        for (KeyspaceListener.Cause cause : KeyspaceListener.Cause.values()) {
            KeyspaceEventClass type = classOf(cause);
            if (type != null && (enabled & type.bit) != 0) {
                causes.add(cause);
            }
        }
        changes.events(causes);
    }

    /** Publishes {@code event} on {@code key} of database {@code db}, if its class is enabled. */
    void notify(int db, KeyspaceEventClass type, String event, byte[] key) {
        int enabled = mask;
        if ((enabled & type.bit) == 0) {
            return;
        }
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        if ((enabled & KEYSPACE) != 0) {
            pubsub.publish(concat("__keyspace@" + db + "__:", key), eventBytes);
        }
        if ((enabled & KEYEVENT) != 0) {
            pubsub.publish(concat("__keyevent@" + db + "__:", eventBytes), key);
        }
    }

    /**
     * What the storage layer saw happen to a key, as Redis's event: expired, evicted, new,
     * keymiss (sent only if enabled; the other causes are not keyspace events).
     */
    void heard(int db, KeyspaceListener.Cause cause, byte[] key) {
        String event;
        switch (cause) {
            case EXPIRED -> event = "expired";
            case EVICTED -> event = "evicted";
            case CREATED -> event = "new";
            case MISSED -> event = "keymiss";
            default -> {
                return;
            }
        }
        notify(db, classOf(cause), event, key);
    }

    /** The event class of a cause the storage layer reports; null for those that make no event. */
    private static KeyspaceEventClass classOf(KeyspaceListener.Cause cause) {
        return switch (cause) {
            case EXPIRED -> KeyspaceEventClass.EXPIRED;
            case EVICTED -> KeyspaceEventClass.EVICTED;
            case CREATED -> KeyspaceEventClass.NEW;
            case MISSED -> KeyspaceEventClass.KEY_MISS;
            default -> null;
        };
    }

    private static byte[] concat(String prefix, byte[] suffix) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + suffix.length);
        System.arraycopy(suffix, 0, out, head.length, suffix.length);
        return out;
    }
}
