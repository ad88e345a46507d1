package dev.depot.storage.broker.exchange;

import dev.depot.storage.broker.queue.MessageQueue;

/** Where a binding leads: a queue, or another exchange (exchange-to-exchange bindings). */
public sealed interface Target permits Target.ToQueue, Exchange {
    /** A binding's queue end. Equal when the queue is the same object. */
    record ToQueue(MessageQueue queue) implements Target {
    }
}
