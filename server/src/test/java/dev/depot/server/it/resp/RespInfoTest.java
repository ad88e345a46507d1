package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnectionCommandsTest.bulkText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO: the sections, the fields monitoring tools and client libraries read, and counters that move. */
class RespInfoTest extends RespTestBase {
    private static final List<String> DEFAULT_SECTIONS = List.of("Server", "Clients", "Memory", "Persistence", "Stats",
            "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");

    @Test
    void defaultSectionsInRedisOrder() {
        assertEquals(DEFAULT_SECTIONS, headers(info()));
        assertEquals(DEFAULT_SECTIONS, headers(info("default")));
        assertEquals(DEFAULT_SECTIONS, headers(info("DEFAULT")));
    }

    @Test
    void allAndEverythingAddCommandstats() {
        for (String which : new String[] {"all", "everything"}) {
            List<String> sections = headers(info(which));
            assertTrue(sections.containsAll(DEFAULT_SECTIONS), sections.toString());
            int commandstats = sections.indexOf("Commandstats");
            assertTrue(commandstats > sections.indexOf("Modules") && commandstats < sections.indexOf("Errorstats"),
                    sections.toString());
        }
    }

    @Test
    void sectionsByNameComeInRedisOrder() {
        String text = info("clients", "SERVER");
        assertEquals(List.of("Server", "Clients"), headers(text));
        assertTrue(text.startsWith("# Server\r\n"), text);
        assertTrue(text.contains("\r\n\r\n# Clients\r\n"), text);
        assertTrue(text.endsWith("\r\n") && !text.endsWith("\r\n\r\n"), text);
        redis.expect(EMPTY, "INFO", "no-such-section");
        assertEquals(List.of("Keyspace"), headers(info("nope", "keyspace")));
        assertEquals("# Modules\r\n", info("modules"));
        assertEquals("# Cluster\r\ncluster_enabled:0\r\n", info("cluster"));
    }

    @Test
    void resp3AnswersWithAVerbatimString() {
        redis.call("HELLO", "3");
        redis.expect("=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n", "INFO", "cluster");
        assertEquals(DEFAULT_SECTIONS, headers(RespConnection.verbatimText(redis.call("INFO"))));
        assertTrue(headers(RespConnection.verbatimText(redis.call("INFO", "everything"))).contains("Commandstats"));
        redis.expect("=4\r\ntxt:\r\n", "INFO", "no-such-section");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "INFO", "cluster");
        redis.expect("*1\r\n=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n", "EXEC");
        redis.call("HELLO", "2");
        redis.expect("$30\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n", "INFO", "cluster");
    }

    @Test
    void theFieldsToolsRead() {
        Map<String, String> info = fields(info("everything"));
        for (String field : List.of("redis_version", "redis_mode", "os", "arch_bits", "process_id", "run_id", "tcp_port",
                "uptime_in_seconds", "uptime_in_days", "hz", "executable", "config_file",
                "connected_clients", "blocked_clients", "maxclients",
                "used_memory", "used_memory_human", "used_memory_rss", "used_memory_peak", "used_memory_peak_human",
                "maxmemory", "maxmemory_human", "maxmemory_policy", "mem_fragmentation_ratio", "total_system_memory",
                "loading", "rdb_changes_since_last_save", "rdb_bgsave_in_progress", "rdb_last_save_time",
                "rdb_last_bgsave_status", "aof_enabled", "aof_rewrite_in_progress", "aof_last_bgrewrite_status",
                "total_connections_received", "total_commands_processed", "instantaneous_ops_per_sec",
                "total_net_input_bytes", "total_net_output_bytes", "instantaneous_input_kbps", "rejected_connections",
                "expired_keys", "evicted_keys", "keyspace_hits", "keyspace_misses", "pubsub_channels", "pubsub_patterns",
                "total_error_replies", "role", "connected_slaves", "master_replid", "master_repl_offset",
                "used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children", "cluster_enabled")) {
            assertTrue(info.containsKey(field), field + " missing from " + info.keySet());
        }
        assertEquals("standalone", info.get("redis_mode"));
        assertEquals("64", info.get("arch_bits"));
        assertEquals(Integer.toString(daemon.respAddress().getPort()), info.get("tcp_port"));
        assertTrue(info.get("run_id").matches("[0-9a-f]{40}"), info.get("run_id"));
        assertTrue(info.get("master_replid").matches("[0-9a-f]{40}"), info.get("master_replid"));
        assertTrue(info.get("process_id").matches("\\d+"), info.get("process_id"));
        assertEquals("master", info.get("role"));
        assertEquals("0", info.get("connected_slaves"));
        assertEquals("0", info.get("loading"));
        assertEquals("ok", info.get("rdb_last_bgsave_status"));
        assertTrue(info.get("used_memory").matches("\\d+"), info.get("used_memory"));
        assertTrue(info.get("used_memory_human").matches("\\d+(\\.\\d\\d[KMGTP])?B?"), info.get("used_memory_human"));
        assertTrue(info.get("mem_fragmentation_ratio").matches("\\d+\\.\\d\\d"), info.get("mem_fragmentation_ratio"));
        assertTrue(info.get("used_cpu_user").matches("\\d+\\.\\d{6}"), info.get("used_cpu_user"));
        assertTrue(info.get("instantaneous_input_kbps").matches("\\d+\\.\\d\\d"), info.get("instantaneous_input_kbps"));
    }

    /** Redis 7.4's pubsub_clients, and what Depot shows of its own memory accounting. */
    @Test
    void depotsOwnFields() {
        daemon.assumeDepot();
        RespConnection subscriber = open(daemon.connect());
        subscriber.call("SUBSCRIBE", "news");
        Map<String, String> info = fields(info());
        assertEquals("1", info.get("pubsub_clients"));
        assertEquals("1", info.get("pubsub_channels"));
        assertEquals("allkeys-lru", info.get("maxmemory_policy"));
        assertEquals("67108864", info.get("maxmemory"));
        assertEquals("64.00M", info.get("maxmemory_human"));
        assertTrue(Long.parseLong(info.get("jvm_heap_max")) > 0);
    }

    @Test
    void countersMove() {
        Map<String, String> before = fields(info());
        long commands = Long.parseLong(before.get("total_commands_processed"));
        long connections = Long.parseLong(before.get("total_connections_received"));
        RespConnection other = open(daemon.connect());
        for (int i = 0; i < 5; i++) {
            other.expect("+PONG\r\n", "PING");
        }
        redis.expect(OK, "SET", "k", "v");
        Map<String, String> after = fields(info());
        assertTrue(Long.parseLong(after.get("total_commands_processed")) >= commands + 7, after.toString());
        assertEquals(connections + 1, Long.parseLong(after.get("total_connections_received")));
        // the connection that flushed the databases before the test may or may not be gone yet
        assertTrue(Integer.parseInt(after.get("connected_clients")) >= 2, after.get("connected_clients"));
        assertTrue(Long.parseLong(after.get("total_net_input_bytes")) > Long.parseLong(before.get("total_net_input_bytes")));
        assertTrue(info("keyspace").contains("db0:keys=1,expires=0,"));
    }

    @Test
    void expiredKeysAreCounted() {
        long before = Long.parseLong(fields(info("stats")).get("expired_keys"));
        redis.expect(OK, "SET", "short", "lived", "PX", "1");
        pollUntil(Duration.ofSeconds(5), "the key to expire", () -> redis.call("GET", "short").equals(NIL),
                () -> "still there");
        assertEquals(before + 1, Long.parseLong(fields(info("stats")).get("expired_keys")));
    }

    @Test
    void commandAndErrorStats() {
        redis.expect(OK, "CONFIG", "RESETSTAT");
        redis.expect(OK, "SET", "a", "1");
        redis.expect("$1\r\n1\r\n", "GET", "a");
        redis.expect(arity("get"), "GET");
        redis.expect(OK, "SET", "s", "x");
        redis.expect(RespConnection.notAnInteger(), "INCR", "s");
        redis.expect(num(2), "INCR", "a");
        Map<String, String> stats = fields(info("commandstats"));
        assertTrue(stats.get("cmdstat_get").matches(
                "calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,failed_calls=0"), stats.toString());
        assertTrue(stats.get("cmdstat_incr").matches(
                "calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=1"), stats.toString());
        assertTrue(stats.get("cmdstat_set").startsWith("calls=2,"), stats.toString());
        assertTrue(stats.containsKey("cmdstat_config|resetstat"), "subcommands are counted apart: " + stats);
        assertEquals(Map.of("errorstat_ERR", "count=2"), fields(info("errorstats")));
        assertEquals("2", fields(info("stats")).get("total_error_replies"));
        redis.expect(OK, "CONFIG", "RESETSTAT");
        assertEquals(Map.of(), fields(info("errorstats")));
        assertEquals(Set.of("cmdstat_config|resetstat", "cmdstat_info"), fields(info("commandstats")).keySet(),
                "the INFO calls before the reset are forgotten, the reset itself counts");
    }

    @Test
    void jedisReadsIt() {
        try (Jedis jedis = daemon.jedis()) {
            assertTrue(jedis.info().contains("redis_version:"));
            assertTrue(jedis.info("server").startsWith("# Server\r\n"));
        }
    }

    private String info(String... sections) {
        String[] args = new String[sections.length + 1];
        args[0] = "INFO";
        System.arraycopy(sections, 0, args, 1, sections.length);
        return bulkText(redis.call(args));
    }

    private static List<String> headers(String info) {
        return info.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList();
    }

    private static Map<String, String> fields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
