package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.ResourceName;

/**
 * What a queue was declared with.
 *
 * @param owner the exclusive owner (the server's connection identity, compared with equals),
 *              or null for a queue any connection may use
 */
public record QueueSettings(ResourceName name, boolean durable, Object owner, boolean autoDelete,
                            QueueArguments arguments) {
    public boolean exclusive() {
        return owner != null;
    }
}
