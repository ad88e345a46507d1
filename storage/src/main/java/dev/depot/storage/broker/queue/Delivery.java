package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.message.Message;

/**
 * One message in one queue: waiting while ready, then the handle of an unacknowledged delivery
 * (the server maps its delivery tag to it and settles it). The same object goes back to the
 * ready list when requeued, keeping its place (the sequence number) and its expiry. State is
 * guarded by the owning queue's lock.
 */
public final class Delivery {
    enum State { READY, UNACKED, SETTLED }

    final MessageQueue queue;
    final Message message;
    /** Order of arrival in the queue: a requeued message goes back before every later one. */
    final long seq;
    /** Epoch millis at which it expires; Long.MAX_VALUE for never. */
    final long expiresAt;
    /** Its priority lane. */
    final int lane;
    boolean redelivered;
    State state = State.READY;
    /** Who it was handed to; null for basic.get. */
    Subscription subscription;

    Delivery(MessageQueue queue, Message message, long seq, long expiresAt, int lane) {
        this.queue = queue;
        this.message = message;
        this.seq = seq;
        this.expiresAt = expiresAt;
        this.lane = lane;
    }

    public MessageQueue queue() {
        return queue;
    }

    public Message message() {
        return message;
    }

    /**
     * The consumer it was handed to, null for basic.get. Read by that consumer when it receives
     * the delivery: the queue set it before handing the delivery over.
     */
    public Consumer consumer() {
        return subscription == null ? null : subscription.consumer();
    }

    /** Whether it had been delivered before (the deliver/get-ok redelivered flag), as at this delivery. */
    public boolean redelivered() {
        return redelivered;
    }

    /** Ends this delivery; a delivery already settled, or of a deleted queue, is left alone. */
    public void settle(Settlement how) {
        queue.settle(this, how);
    }
}
