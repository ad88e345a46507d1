package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.queue.MessageQueue;

/**
 * Told, as a message is published, of each queue it went to that is
 * {@linkplain MessageQueue#backlogged() backlogged}: the publisher may then pause until
 * {@link MessageQueue#awaitBacklogDrained} lets it go on. Called on the publishing thread,
 * without any broker lock held.
 */
@FunctionalInterface
public interface Backpressure {
    /** For publishers that never pause (dead letters, tests). */
    Backpressure NONE = queue -> { };

    void backlogged(MessageQueue queue);
}
