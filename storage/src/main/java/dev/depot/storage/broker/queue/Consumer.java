package dev.depot.storage.broker.queue;

/**
 * A consumer as the server implements it (basic.consume on a channel). The queue asks it for
 * credit before each delivery and hands deliveries over in order.
 */
public interface Consumer {
    /**
     * Takes one unit of credit for a delivery the queue is about to make, or says there is none
     * (prefetch reached, flow stopped, socket not writable). Called with the queue's lock held:
     * it must be quick and must not call into the broker. When credit comes back the server
     * calls {@link MessageQueue#dispatch()}.
     */
    boolean tryReserve();

    /**
     * A message for this consumer, its credit already taken. Called without any broker lock
     * held, one call at a time per queue and in the queue's delivery order, possibly on another
     * thread than the one that subscribed. It may call back into the broker (settle, cancel).
     * A delivery arriving after the server cancelled the consumer is still the consumer's to
     * settle (requeue it if the channel is gone).
     */
    void deliver(Delivery delivery);

    /**
     * The broker ended the subscription (queue deleted): the server sends basic.cancel if the
     * client asked for cancel notifications. Called like {@link #deliver}, after the last one.
     */
    void cancelledByBroker();
}
