package dev.depot.server.resp;

import dev.depot.config.DepotConfig;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.storage.keyspace.Databases;

import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A RespService with no daemon around it, for tests of the command table and its metadata. */
final class TestServices {
    private static final ScheduledExecutorService HOUSEKEEPING = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    private TestServices() {
    }

    static RespService standalone(long maxMemory) {
        Databases databases = new Databases(maxMemory, InstantSource.system());
        RespEnvironment environment = new RespEnvironment(System.currentTimeMillis(), Optional.empty(),
                ConnectionLimiter.create(16, ""), maxMemory, HOUSEKEEPING, "nio", reason -> { });
        return new RespService(DepotConfig.defaults(), databases, environment);
    }
}
