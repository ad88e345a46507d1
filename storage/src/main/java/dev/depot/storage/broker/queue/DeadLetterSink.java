package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.message.Message;

/**
 * Where a queue with a dead-letter exchange sends the messages it lets go. Called without the
 * queue's lock held, on the thread that made the message die.
 */
@FunctionalInterface
public interface DeadLetterSink {
    void deadLetter(MessageQueue from, Message message, DeathReason reason);
}
