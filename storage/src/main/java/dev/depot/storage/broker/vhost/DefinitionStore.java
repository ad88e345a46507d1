package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.exchange.Exchange;
import dev.depot.storage.broker.queue.QueueSettings;

/**
 * The durability hook of the topology: told about durable exchanges, durable queues and the
 * bindings between two durable ends, nothing transient. Deleting an exchange or a queue implies
 * its bindings (and a queue's messages) are gone; no separate calls follow. Called with the
 * virtual host's topology lock held; it must not block and must not call into the broker.
 */
public interface DefinitionStore {
    default void exchangeDeclared(Exchange exchange) {
    }

    default void exchangeDeleted(ResourceName exchange) {
    }

    default void queueDeclared(QueueSettings queue) {
    }

    default void queueDeleted(ResourceName queue) {
    }

    default void bindingAdded(Binding binding) {
    }

    default void bindingRemoved(Binding binding) {
    }
}
