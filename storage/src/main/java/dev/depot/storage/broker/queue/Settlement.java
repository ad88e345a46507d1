package dev.depot.storage.broker.queue;

/** How an unacknowledged delivery ends. */
public enum Settlement {
    /** basic.ack: the message is done with. */
    ACK,
    /** basic.nack/reject with requeue, a cancelled channel: back to its original place, marked redelivered. */
    REQUEUE,
    /** basic.nack/reject without requeue: dead-lettered (reason rejected) if the queue has a DLX, else dropped. */
    REJECT
}
