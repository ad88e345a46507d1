package dev.depot.server.memcached;

import dev.depot.config.DepotConfig;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.storage.keyspace.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything the memcached listener's connections share: the item semantics over the keyspace,
 * the counters, the delayed flush_all and the stats report.
 */
public final class MemcachedService {
    static final Logger LOG = LoggerFactory.getLogger("dev.depot.memcached");
    /** The memcached release whose behaviour Depot reproduces, as {@code version} reports it. */
    public static final String VERSION = "1.6.18";

    private final ItemStore store;
    private final StatsReport statsReport;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pendingFlush;

    public MemcachedService(DepotConfig config, Keyspace keyspace, ConnectionLimiter connections,
                            ScheduledExecutorService scheduler, long startedMillis) {
        MemcachedStats stats = new MemcachedStats();
        this.store = new ItemStore(keyspace, stats, new Exptime(startedMillis), config.maxItemSize());
        this.scheduler = scheduler;
        this.statsReport = new StatsReport(config, keyspace, stats, connections, startedMillis);
    }

    /** A handler for one new connection. */
    MemcachedHandler newHandler() {
        return new MemcachedHandler(this);
    }

    ItemStore store() {
        return store;
    }

    StatsReport statsReport() {
        return statsReport;
    }

    MemcachedStats stats() {
        return store.stats();
    }

    /**
     * flush_all: now, or at the given exptime; a later flush_all replaces a pending one, as
     * memcached's single "oldest live" time does.
     */
    synchronized void flushAll(int delay) {
        if (pendingFlush != null) {
            pendingFlush.cancel(false);
            pendingFlush = null;
        }
        long now = store.keyspace().nowMillis();
        long at = delay <= 0 ? 0 : store.expiresAt(delay, now);
        if (at <= now) {
            store.keyspace().clear();
        } else {
            pendingFlush = scheduler.schedule(store.keyspace()::clear, at - now, TimeUnit.MILLISECONDS);
        }
    }

    /** cache_memlimit, with memcached's answers. */
    String setMemoryLimit(long megabytes) {
        if (megabytes < 8) {
            return "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m";
        }
        if (megabytes > 1_000_000_000L) {
            return "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes";
        }
        store.keyspace().setMaxBytes(megabytes * 1024 * 1024);
        LOG.info("memory limit changed to {} MB by cache_memlimit", megabytes);
        return "OK";
    }
}
