package dev.depot.storage.broker.vhost;

import java.util.Map;

/**
 * A queue.declare (not passive).
 *
 * @param name      the queue, or "" for a server-named one
 * @param exclusive owned by the declaring connection, deleted with it; never durable
 */
public record QueueDeclaration(String name, boolean durable, boolean exclusive, boolean autoDelete,
                               Map<String, Object> arguments) {
    public static QueueDeclaration named(String name) {
        return new QueueDeclaration(name, false, false, false, Map.of());
    }
}
