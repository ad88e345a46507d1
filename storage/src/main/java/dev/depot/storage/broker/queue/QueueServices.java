package dev.depot.storage.broker.queue;

import java.time.InstantSource;

/** What a queue needs from around it. */
public record QueueServices(InstantSource clock, MessageStore store, DeadLetterSink deadLetters,
                            QueueLifecycle lifecycle) {
}
