package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.queue.MessageQueue;

import java.util.List;

/**
 * A message routed but not yet delivered: a transaction's publish, which RabbitMQ routes at
 * basic.publish (bindings made later do not count) and delivers at tx.commit.
 *
 * @param queues the distinct queues it was routed to
 */
public record RoutedMessage(Message message, List<MessageQueue> queues) {
    public RoutedMessage {
        queues = List.copyOf(queues);
    }

    /** Into each queue (one deleted since takes nothing): UNROUTABLE when none, REJECTED when one refused. */
    public PublishResult deliver() {
        return deliver(Backpressure.NONE);
    }

    /** As {@link #deliver()}, telling {@code backpressure} of the backlogged queues among them. */
    public PublishResult deliver(Backpressure backpressure) {
        if (queues.isEmpty()) {
            return PublishResult.UNROUTABLE;
        }
        boolean rejected = false;
        for (MessageQueue queue : queues) {
            rejected |= !PublishPath.into(queue, message, backpressure);
        }
        return rejected ? PublishResult.REJECTED : PublishResult.ROUTED;
    }
}
