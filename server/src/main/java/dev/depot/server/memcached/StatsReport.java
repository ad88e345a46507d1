package dev.depot.server.memcached;

import dev.depot.config.DepotConfig;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.storage.keyspace.Keyspace;
import dev.depot.storage.keyspace.KeyspaceStats;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * memcached's {@code stats} family: the general statistics, {@code settings}, {@code items},
 * {@code slabs}, {@code sizes}, {@code conns}, {@code detail} and {@code reset}, with the
 * names and formats memcached 1.6 uses. Depot has no slab allocator, so items and slabs are
 * reported as one class holding everything.
 */
final class StatsReport {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final DepotConfig config;
    private final Keyspace keyspace;
    private final MemcachedStats stats;
    private final ConnectionLimiter connections;
    private final long startedMillis;
    private final long pid = ProcessHandle.current().pid();

    StatsReport(DepotConfig config, Keyspace keyspace, MemcachedStats stats, ConnectionLimiter connections,
                long startedMillis) {
        this.config = config;
        this.keyspace = keyspace;
        this.stats = stats;
        this.connections = connections;
        this.startedMillis = startedMillis;
    }

    void write(List<String> args, ByteBuf out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        switch (sub) {
            case "" -> general(out);
            case "reset" -> {
                stats.reset();
                keyspace.resetCounters();
                connections.resetCounters();
                line(out, "RESET");
                return;
            }
            case "settings" -> settings(out);
            case "items" -> items(out);
            case "slabs" -> slabs(out);
            case "sizes" -> stat(out, "sizes_status", "disabled");
            case "conns" -> {
                // per-connection detail is not tracked; an empty list is a valid answer
            }
            case "detail" -> {
                String mode = args.size() > 1 ? args.get(1) : "";
                switch (mode) {
                    case "on", "off" -> line(out, "OK");
                    case "dump" -> line(out, "END");
                    default -> line(out, "OK");
                }
                return;
            }
            default -> {
                line(out, "ERROR");
                return;
            }
        }
        line(out, "END");
    }

    private void general(ByteBuf out) {
        long now = System.currentTimeMillis();
        KeyspaceStats ks = keyspace.stats();
        long[] cpu = cpuTicks();
        stat(out, "pid", pid);
        stat(out, "uptime", (now - startedMillis) / 1000);
        stat(out, "time", now / 1000);
        stat(out, "version", MemcachedService.VERSION);
        stat(out, "libevent", "netty");
        stat(out, "pointer_size", 64);
        stat(out, "rusage_user", seconds(cpu[0]));
        stat(out, "rusage_system", seconds(cpu[1]));
        stat(out, "max_connections", connections.max());
        stat(out, "curr_connections", connections.open());
        stat(out, "total_connections", connections.total());
        stat(out, "rejected_connections", connections.rejected());
        stat(out, "connection_structures", connections.open());
        stat(out, "cmd_get", stats.cmdGet.sum());
        stat(out, "cmd_set", stats.cmdSet.sum());
        stat(out, "cmd_flush", stats.cmdFlush.sum());
        stat(out, "cmd_touch", stats.cmdTouch.sum());
        stat(out, "cmd_meta", stats.cmdMeta.sum());
        stat(out, "get_hits", stats.getHits.sum());
        stat(out, "get_misses", stats.getMisses.sum());
        stat(out, "get_expired", 0);
        stat(out, "get_flushed", 0);
        stat(out, "delete_misses", stats.deleteMisses.sum());
        stat(out, "delete_hits", stats.deleteHits.sum());
        stat(out, "incr_misses", stats.incrMisses.sum());
        stat(out, "incr_hits", stats.incrHits.sum());
        stat(out, "decr_misses", stats.decrMisses.sum());
        stat(out, "decr_hits", stats.decrHits.sum());
        stat(out, "cas_misses", stats.casMisses.sum());
        stat(out, "cas_hits", stats.casHits.sum());
        stat(out, "cas_badval", stats.casBadval.sum());
        stat(out, "touch_hits", stats.touchHits.sum());
        stat(out, "touch_misses", stats.touchMisses.sum());
        stat(out, "store_too_large", stats.storeTooLarge.sum());
        stat(out, "store_no_memory", 0);
        stat(out, "auth_cmds", 0);
        stat(out, "auth_errors", 0);
        stat(out, "bytes_read", stats.bytesRead.sum());
        stat(out, "bytes_written", stats.bytesWritten.sum());
        stat(out, "limit_maxbytes", ks.limitMaxbytes());
        stat(out, "accepting_conns", 1);
        stat(out, "threads", config.threads());
        stat(out, "conn_yields", 0);
        stat(out, "bytes", ks.bytes());
        stat(out, "curr_items", ks.currItems());
        stat(out, "total_items", ks.totalItems());
        stat(out, "expired_unfetched", ks.expiredUnfetched());
        stat(out, "evicted_unfetched", ks.evictedUnfetched());
        stat(out, "evicted_active", 0);
        stat(out, "evictions", ks.evictions());
        stat(out, "reclaimed", ks.reclaimed());
    }

    private void settings(ByteBuf out) {
        stat(out, "maxbytes", keyspace.maxBytes());
        stat(out, "maxconns", connections.max());
        stat(out, "tcpport", config.memcachedPort());
        stat(out, "udpport", 0);
        stat(out, "inter", config.bind());
        stat(out, "verbosity", 0);
        stat(out, "oldest", 0);
        stat(out, "evictions", "on");
        stat(out, "domain_socket", "NULL");
        stat(out, "growth_factor", "1.25");
        stat(out, "chunk_size", 48);
        stat(out, "num_threads", config.threads());
        stat(out, "stat_key_prefix", ":");
        stat(out, "detail_enabled", "no");
        stat(out, "cas_enabled", "yes");
        stat(out, "tcp_backlog", 1024);
        stat(out, "binding_protocol", "ascii");
        stat(out, "auth_enabled_sasl", "no");
        stat(out, "item_size_max", config.maxItemSize());
        stat(out, "maxconns_fast", "yes");
        stat(out, "lru_crawler", "yes");
        stat(out, "flush_enabled", "yes");
        stat(out, "meta_response_old", "no");
    }

    private void items(ByteBuf out) {
        KeyspaceStats ks = keyspace.stats();
        if (ks.currItems() == 0) {
            return;
        }
        String p = "items:1:";
        stat(out, p + "number", ks.currItems());
        stat(out, p + "age", 0);
        stat(out, p + "evicted", ks.evictions());
        stat(out, p + "evicted_nonzero", 0);
        stat(out, p + "outofmemory", 0);
        stat(out, p + "reclaimed", ks.reclaimed());
        stat(out, p + "expired_unfetched", ks.expiredUnfetched());
        stat(out, p + "evicted_unfetched", ks.evictedUnfetched());
    }

    private void slabs(ByteBuf out) {
        KeyspaceStats ks = keyspace.stats();
        if (ks.currItems() > 0) {
            stat(out, "1:chunk_size", ks.bytes() / ks.currItems());
            stat(out, "1:used_chunks", ks.currItems());
            stat(out, "1:get_hits", stats.getHits.sum());
            stat(out, "1:cmd_set", stats.cmdSet.sum());
            stat(out, "1:delete_hits", stats.deleteHits.sum());
            stat(out, "1:cas_hits", stats.casHits.sum());
            stat(out, "1:cas_badval", stats.casBadval.sum());
            stat(out, "1:touch_hits", stats.touchHits.sum());
        }
        stat(out, "active_slabs", ks.currItems() > 0 ? 1 : 0);
        stat(out, "total_malloced", ks.bytes());
    }

    private static void stat(ByteBuf out, String name, Object value) {
        line(out, "STAT " + name + " " + value);
    }

    private static void line(ByteBuf out, String text) {
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeByte('\r').writeByte('\n');
    }

    private static String seconds(long ticks) {
        long micros = ticks * (1_000_000 / CLOCK_TICKS_PER_SECOND);
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** User and system CPU time of the process in clock ticks, from /proc; JMX as a fallback. */
    private static long[] cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            // no /proc: the JVM knows the total, not the user/system split
            long nanos = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            return new long[] {nanos / (1_000_000_000 / CLOCK_TICKS_PER_SECOND), 0};
        }
    }
}
