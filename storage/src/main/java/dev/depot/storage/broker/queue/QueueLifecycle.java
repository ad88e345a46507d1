package dev.depot.storage.broker.queue;

/** The virtual host's side of a queue's life: it deletes auto-delete queues. */
@FunctionalInterface
public interface QueueLifecycle {
    /**
     * The last consumer of an auto-delete queue left. Called without the queue's lock; the
     * callee deletes the queue if it still has no consumer when it gets to it.
     */
    void lastConsumerGone(MessageQueue queue);
}
