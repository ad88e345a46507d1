package dev.depot.server.resp;

import dev.depot.server.net.ConnectionLimiter;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the RESP listener takes from the daemon around it.
 *
 * @param startedMillis    when the daemon started (uptime, rdb_last_save_time)
 * @param configFile       the file the daemon was started with (INFO config_file, CONFIG REWRITE)
 * @param connections      the RESP listener's connection limiter (maxclients, connection counters)
 * @param largestMaxmemory the largest maxmemory the JVM heap can hold (CONFIG SET maxmemory stops there)
 * @param housekeeping     a thread for periodic work: rate sampling, the idle-client timeout
 * @param multiplexingApi  the transport's name (epoll, nio) for INFO multiplexing_api
 * @param shutdown         how SHUTDOWN stops the daemon: the same path as SIGTERM
 */
public record RespEnvironment(long startedMillis, Optional<Path> configFile, ConnectionLimiter connections,
                              long largestMaxmemory, ScheduledExecutorService housekeeping, String multiplexingApi,
                              ShutdownRequest shutdown) {

    /** Stops the daemon gracefully; must return at once (it is called on an event loop). */
    @FunctionalInterface
    public interface ShutdownRequest {
        void shutdown(String reason);
    }
}
