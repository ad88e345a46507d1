package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.queue.MessageQueue;

import java.util.function.Predicate;

/** The virtual host's publishing path, as dead-lettering uses it. */
@FunctionalInterface
public interface DeadLetterRoute {
    /**
     * Routes {@code message} through {@code exchange} (the default exchange included) to the
     * queues {@code accept} lets through; an exchange that does not exist drops it.
     */
    void publish(String exchange, Message message, Predicate<MessageQueue> accept);
}
