package dev.depot.storage.broker.queue;

/**
 * What basic.get took.
 *
 * @param delivery     the message (already settled when taken with auto-ack)
 * @param messageCount ready messages left behind it (basic.get-ok message-count)
 */
public record GetResult(Delivery delivery, int messageCount) {
}
