package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.message.Message;

/**
 * The durability hook of the delivery engine: told when a persistent message enters or leaves
 * a durable queue, nothing else. Called with the queue's lock held, in the queue's order; it
 * must not block (hand records to a log writer) and must not call into the broker.
 */
public interface MessageStore {
    /** Keeps nothing. */
    MessageStore NONE = new MessageStore() {
    };

    /** A persistent message was enqueued on a durable queue. */
    default void enqueued(ResourceName queue, Message message) {
    }

    /** It left that queue: acknowledged, rejected, expired, dropped at the head, dead-lettered or purged. */
    default void removed(ResourceName queue, Message message) {
    }
}
