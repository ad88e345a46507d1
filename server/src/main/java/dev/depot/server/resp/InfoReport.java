package dev.depot.server.resp;

import dev.depot.server.cli.Version;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.storage.keyspace.Keyspace;
import dev.depot.storage.keyspace.KeyspaceStats;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Set;

/**
 * The text of INFO: Redis's sections and the fields monitoring tools and client libraries read.
 * Figures Depot has are real (memory, connections, commands, errors, keys); features it does not
 * have answer as a Redis without them would (no persistence in progress, no replicas, no cluster).
 */
final class InfoReport {
    private final RespService service;
    private final StringBuilder text = new StringBuilder(4096);

    private InfoReport(RespService service) {
        this.service = service;
    }

    static String render(RespService service, Set<InfoSection> sections) {
        InfoReport report = new InfoReport(service);
        for (InfoSection section : sections) {
            report.section(section);
        }
        return report.text.toString();
    }

    private void section(InfoSection section) {
        if (!text.isEmpty()) {
            text.append("\r\n");
        }
        text.append("# ").append(section.title()).append("\r\n");
        switch (section) {
            case SERVER -> server();
            case CLIENTS -> clients();
            case MEMORY -> memory();
            case PERSISTENCE -> persistence();
            case STATS -> stats();
            case REPLICATION -> replication();
            case CPU -> cpu();
            case MODULES -> {
                // no modules
            }
            case COMMANDSTATS -> service.accounting().statistics().used()
                    .forEach(s -> field("cmdstat_" + s.name(), s.describe()));
            case ERRORSTATS -> service.errorStats().byKind()
                    .forEach((kind, count) -> field("errorstat_" + kind, "count=" + count));
            case CLUSTER -> field("cluster_enabled", 0);
            case KEYSPACE -> keyspace();
        }
    }

    private void field(String name, Object value) {
        text.append(name).append(':').append(value).append("\r\n");
    }

    private void server() {
        long now = System.currentTimeMillis();
        long uptime = (now - service.startedMillis()) / 1000;
        field("redis_version", RespService.REDIS_VERSION);
        field("redis_git_sha1", "00000000");
        field("redis_git_dirty", 0);
        field("redis_build_id", "0");
        field("redis_mode", "standalone");
        String arch = System.getProperty("os.arch");
        field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + (arch.equals("amd64") ? "x86_64" : arch)); // uname's name for it, as Redis shows
        field("arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field("monotonic_clock", "POSIX clock_gettime");
        field("multiplexing_api", service.environment().multiplexingApi());
        field("atomicvar_api", "java.util.concurrent");
        field("gcc_version", "0.0.0");
        field("process_id", ProcessHandle.current().pid());
        field("process_supervised", "no");
        field("run_id", service.runId());
        field("tcp_port", service.config().redisPort());
        Instant instant = Instant.now();
        field("server_time_usec", instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000);
        field("uptime_in_seconds", uptime);
        field("uptime_in_days", uptime / 86400);
        field("hz", service.parameters().named("hz").value());
        field("configured_hz", service.parameters().named("hz").value());
        field("lru_clock", (now / 1000) & ((1 << 24) - 1));
        field("executable", ProcessHandle.current().info().command().orElse(""));
        field("config_file", service.environment().configFile().map(p -> p.toAbsolutePath().toString()).orElse(""));
        field("io_threads_active", 0);
        field("depot_version", Version.current());
        field("java_version", Runtime.version());
    }

    private void clients() {
        int connected = 0;
        int blocked = 0;
        int pubsub = 0;
        for (Session session : service.clients().all()) {
            connected++;
            blocked += session.blocked ? 1 : 0;
            pubsub += session.subscriptions() > 0 ? 1 : 0;
        }
        field("connected_clients", connected);
        field("cluster_connections", 0);
        field("maxclients", service.environment().connections().max());
        field("client_recent_max_input_buffer", 0);
        field("client_recent_max_output_buffer", 0);
        field("blocked_clients", blocked);
        field("tracking_clients", service.tracking().clients());
        field("pubsub_clients", pubsub);
        field("clients_in_timeout_table", blocked);
    }

    private void memory() {
        long used = service.usedMemory();
        long peak = Math.max(service.memoryPeak(), used);
        long rss = ProcessStats.residentBytes();
        long max = service.databases().budget().max();
        long system = ProcessStats.systemBytes();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        field("used_memory", used);
        field("used_memory_human", InfoFormat.bytes(used));
        field("used_memory_rss", rss);
        field("used_memory_rss_human", InfoFormat.bytes(rss));
        field("used_memory_peak", peak);
        field("used_memory_peak_human", InfoFormat.bytes(peak));
        field("used_memory_peak_perc", InfoFormat.twoDecimals(peak == 0 ? 100 : 100.0 * used / peak) + "%");
        field("used_memory_overhead", 0);
        field("used_memory_startup", 0);
        field("used_memory_dataset", used);
        field("used_memory_dataset_perc", "100.00%");
        field("total_system_memory", system);
        field("total_system_memory_human", InfoFormat.bytes(system));
        field("maxmemory", max);
        field("maxmemory_human", InfoFormat.bytes(max));
        field("maxmemory_policy", service.databases().evictionPolicy().configName());
        field("mem_fragmentation_ratio", InfoFormat.twoDecimals(used == 0 ? 0 : (double) rss / used));
        field("mem_fragmentation_bytes", rss - used);
        field("mem_allocator", "jvm");
        field("lazyfree_pending_objects", 0);
        field("jvm_heap_used", heap.getUsed());
        field("jvm_heap_committed", heap.getCommitted());
        field("jvm_heap_max", heap.getMax());
    }

    /** Depot has no snapshots nor append-only file yet: nothing is ever saving or loading. */
    private void persistence() {
        field("loading", 0);
        field("async_loading", 0);
        field("current_cow_peak", 0);
        field("current_cow_size", 0);
        field("current_fork_perc", "0.00");
        field("rdb_changes_since_last_save", 0);
        field("rdb_bgsave_in_progress", 0);
        field("rdb_last_save_time", service.startedMillis() / 1000);
        field("rdb_last_bgsave_status", "ok");
        field("rdb_last_bgsave_time_sec", -1);
        field("rdb_current_bgsave_time_sec", -1);
        field("rdb_saves", 0);
        field("rdb_last_cow_size", 0);
        field("aof_enabled", 0);
        field("aof_rewrite_in_progress", 0);
        field("aof_rewrite_scheduled", 0);
        field("aof_last_rewrite_time_sec", -1);
        field("aof_current_rewrite_time_sec", -1);
        field("aof_last_bgrewrite_status", "ok");
        field("aof_rewrites", 0);
        field("aof_last_write_status", "ok");
        field("module_fork_in_progress", 0);
    }

    private void stats() {
        ConnectionLimiter connections = service.environment().connections();
        InstantaneousRates rates = service.rates();
        long expired = 0;
        long evicted = 0;
        for (int i = 0; i < service.databases().count(); i++) {
            KeyspaceStats db = service.databases().get(i).stats();
            expired += db.reclaimed();
            evicted += db.evictions();
        }
        // the limiter counts every connection it saw; Redis counts those it let in
        field("total_connections_received", connections.total() - connections.rejected());
        field("total_commands_processed", service.accounting().statistics().totalCalls());
        field("instantaneous_ops_per_sec", Math.round(rates.perSecond(InstantaneousRates.Metric.COMMANDS)));
        field("total_net_input_bytes", service.netInputBytes().sum());
        field("total_net_output_bytes", service.netOutputBytes().sum());
        field("total_net_repl_input_bytes", 0);
        field("total_net_repl_output_bytes", 0);
        field("instantaneous_input_kbps",
                InfoFormat.twoDecimals(rates.perSecond(InstantaneousRates.Metric.NET_INPUT_BYTES) / 1024));
        field("instantaneous_output_kbps",
                InfoFormat.twoDecimals(rates.perSecond(InstantaneousRates.Metric.NET_OUTPUT_BYTES) / 1024));
        field("instantaneous_input_repl_kbps", "0.00");
        field("instantaneous_output_repl_kbps", "0.00");
        field("rejected_connections", connections.rejected());
        field("sync_full", 0);
        field("sync_partial_ok", 0);
        field("sync_partial_err", 0);
        field("expired_keys", expired);
        field("expired_stale_perc", "0.00");
        field("expired_time_cap_reached_count", 0);
        field("evicted_keys", evicted);
        field("evicted_clients", 0);
        field("keyspace_hits", 0);
        field("keyspace_misses", 0);
        field("pubsub_channels", service.pubsub().activeChannels(null).size());
        field("pubsub_patterns", service.pubsub().patternCount());
        field("pubsubshard_channels", 0);
        field("latest_fork_usec", 0);
        field("total_forks", 0);
        field("migrate_cached_sockets", 0);
        field("tracking_total_keys", service.tracking().keys());
        field("tracking_total_items", service.tracking().items());
        field("tracking_total_prefixes", service.tracking().prefixCount());
        field("unexpected_error_replies", 0);
        field("total_error_replies", service.errorStats().total());
        field("dump_payload_sanitizations", 0);
    }

    private void replication() {
        field("role", "master");
        field("connected_slaves", 0);
        field("master_failover_state", "no-failover");
        field("master_replid", service.replicationId());
        field("master_replid2", "0".repeat(40));
        field("master_repl_offset", 0);
        field("second_repl_offset", -1);
        field("repl_backlog_active", 0);
        field("repl_backlog_size", 1048576);
        field("repl_backlog_first_byte_offset", 0);
        field("repl_backlog_histlen", 0);
    }

    /** The process's CPU time, and this event loop's as Redis's "main thread". */
    private void cpu() {
        ProcessStats.CpuTimes process = ProcessStats.cpuTimes();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long threadCpu = Math.max(0, threads.getCurrentThreadCpuTime());
        long threadUser = Math.max(0, threads.getCurrentThreadUserTime());
        field("used_cpu_sys", seconds(process.systemNanos()));
        field("used_cpu_user", seconds(process.userNanos()));
        field("used_cpu_sys_children", "0.000000");
        field("used_cpu_user_children", "0.000000");
        field("used_cpu_sys_main_thread", seconds(threadCpu - threadUser));
        field("used_cpu_user_main_thread", seconds(threadUser));
    }

    private static String seconds(long nanos) {
        return (nanos / 1_000_000_000) + "." + String.format("%06d", (nanos / 1000) % 1_000_000);
    }

    private void keyspace() {
        for (int i = 0; i < service.databases().count(); i++) {
            Keyspace db = service.databases().get(i);
            long keys = db.stats().currItems();
            if (keys > 0) {
                field("db" + i, "keys=" + keys + ",expires=" + db.expiringKeys() + ",avg_ttl=0");
            }
        }
    }
}
