package dev.depot.storage.broker.queue;

/** A consumer registered on a queue; the handle the server cancels it with. */
public final class Subscription {
    private final MessageQueue queue;
    private final Consumer consumer;
    private final ConsumerOptions options;

    Subscription(MessageQueue queue, Consumer consumer, ConsumerOptions options) {
        this.queue = queue;
        this.consumer = consumer;
        this.options = options;
    }

    public MessageQueue queue() {
        return queue;
    }

    public Consumer consumer() {
        return consumer;
    }

    public ConsumerOptions options() {
        return options;
    }

    /**
     * basic.cancel or the channel closing. Deliveries already handed out stay unacked: the
     * server acks or requeues them. The last consumer of an auto-delete queue deletes it.
     */
    public void cancel() {
        queue.unsubscribe(this);
    }
}
