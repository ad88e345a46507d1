package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.message.Message;

/**
 * Something a queue decided under its lock but must do after releasing it, in order with its
 * deliveries: calls into the server or into other queues never happen with a queue lock held.
 */
sealed interface Notice {
    void send();

    /** The queue was deleted under a consumer. */
    record Cancelled(Consumer consumer) implements Notice {
        @Override
        public void send() {
            consumer.cancelledByBroker();
        }
    }

    /** A message the queue lets go to its dead-letter exchange. */
    record DeadLettered(MessageQueue from, Message message, DeathReason reason, DeadLetterSink sink)
            implements Notice {
        @Override
        public void send() {
            sink.deadLetter(from, message, reason);
        }
    }

    /** A publisher waited for the queue's backlog to drain, and it has. */
    record BacklogDrained(Runnable resume) implements Notice {
        @Override
        public void send() {
            resume.run();
        }
    }

    /** The last consumer of an auto-delete queue left. */
    record LastConsumerGone(MessageQueue queue, QueueLifecycle lifecycle) implements Notice {
        @Override
        public void send() {
            lifecycle.lastConsumerGone(queue);
        }
    }
}
