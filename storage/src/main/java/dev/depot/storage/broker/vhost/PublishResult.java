package dev.depot.storage.broker.vhost;

/** What became of a published message, as the server needs it for basic.return and confirms. */
public enum PublishResult {
    /** No queue took it: basic.return if mandatory; confirmed with an ack. */
    UNROUTABLE,
    /** Every queue it was routed to took it: ack. */
    ROUTED,
    /** Some queue refused it (x-overflow reject-publish): nack. */
    REJECTED
}
