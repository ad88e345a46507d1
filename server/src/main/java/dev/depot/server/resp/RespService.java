package dev.depot.server.resp;

import dev.depot.config.DepotConfig;
import dev.depot.storage.keyspace.Databases;

import java.util.concurrent.atomic.AtomicLong;

/** What every RESP connection shares: the databases, the command table, client ids. */
public final class RespService {
    /** The Redis version Depot reports, for clients that check features by version. */
    static final String REDIS_VERSION = "7.2.0";

    private final DepotConfig config;
    private final Databases databases;
    private final CommandTable commands;
    private final AtomicLong clientIds = new AtomicLong();
    private final PubSub pubsub = new PubSub();
    private final BlockingPops blocking = new BlockingPops();
    private final long startedMillis;

    public RespService(DepotConfig config, Databases databases, long startedMillis) {
        this.config = config;
        this.databases = databases;
        this.startedMillis = startedMillis;
        this.commands = CommandTable.standard(this);
    }

    Databases databases() {
        return databases;
    }

    BlockingPops blocking() {
        return blocking;
    }

    PubSub pubsub() {
        return pubsub;
    }

    CommandTable commands() {
        return commands;
    }

    DepotConfig config() {
        return config;
    }

    long startedMillis() {
        return startedMillis;
    }

    Session newSession() {
        return new Session(clientIds.incrementAndGet());
    }
}
