package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.queue.MessageStore;

/** Both durability hooks in one: what the append-only log implements. */
public interface BrokerJournal extends MessageStore, DefinitionStore {
    /** Keeps nothing (a broker without persistence). */
    BrokerJournal NONE = new BrokerJournal() {
    };
}
