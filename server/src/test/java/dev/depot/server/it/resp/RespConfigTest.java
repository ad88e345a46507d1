package dev.depot.server.it.resp;

import dev.depot.config.ConfigLoader;
import dev.depot.config.DepotConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static dev.depot.server.it.resp.RespConnectionCommandsTest.bulkText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CONFIG GET, SET, RESETSTAT and REWRITE, with Redis 7.0's replies and errors. */
class RespConfigTest extends RespTestBase {

    @TempDir
    Path dir;

    /** Every test leaves the parameters it touches as it found them; this puts back what a failure left. */
    @AfterEach
    void defaults() {
        try (RespConnection c = daemon.connect()) {
            c.expect(OK, "CONFIG", "SET", "timeout", "0", "slowlog-max-len", "128", "notify-keyspace-events", "",
                    "appendonly", "no", "save", "", "hz", "10");
        }
    }

    @Test
    void getTakesGlobsAndSeveralPatterns() {
        redis.expect(bulks("timeout", "0"), "CONFIG", "GET", "timeout");
        redis.expect(bulks("timeout", "0"), "CONFIG", "GET", "timeout", "timeout");
        // an exact name comes back as it was asked; a pattern's matches under their own names
        redis.expect(bulks("TIMEOUT", "0"), "CONFIG", "GET", "TIMEOUT", "time*");
        redis.expect(bulks("databases", "16", "timeout", "0"), "CONFIG", "GET", "databases", "timeout");
        try (Jedis jedis = daemon.jedis()) {
            Map<String, String> hash = jedis.configGet("hash-max-*-entries");
            assertEquals(Map.of("hash-max-listpack-entries", "512", "hash-max-ziplist-entries", "512"), hash);
            Map<String, String> slowlog = jedis.configGet("SLOWLOG-*");
            assertEquals(Map.of("slowlog-log-slower-than", "10000", "slowlog-max-len", "128"), slowlog);
            assertTrue(jedis.configGet("*").size() > 20);
            assertTrue(jedis.configGet("maxmemory*").containsKey("maxmemory-policy"));
        }
        redis.expect("*0\r\n", "CONFIG", "GET", "no-such-*");
        redis.expect(arity("config|get"), "CONFIG", "GET");
    }

    @Test
    void resp3GetsAMap() {
        redis.call("HELLO", "3");
        redis.expect("%2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n$7\r\ntimeout\r\n$1\r\n0\r\n",
                "CONFIG", "GET", "databases", "timeout");
    }

    @Test
    void setChangesSeveralAtOnce() {
        redis.expect(OK, "CONFIG", "SET", "timeout", "300", "slowlog-max-len", "64");
        redis.expect(bulks("timeout", "300"), "CONFIG", "GET", "timeout");
        redis.expect(bulks("slowlog-max-len", "64"), "CONFIG", "GET", "slowlog-max-len");
        redis.expect(OK, "config", "set", "TIMEOUT", "0");
        redis.expect(bulks("timeout", "0"), "CONFIG", "GET", "timeout");
    }

    @Test
    void setErrorsAreRedisErrors() {
        redis.expect(err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"), "CONFIG", "SET", "foo", "bar");
        redis.expect(err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
                "CONFIG", "SET", "timeout", "1", "foo", "bar");
        redis.expect(failed("databases", "can't set immutable config"), "CONFIG", "SET", "databases", "3");
        redis.expect(failed("daemonize", "can't set immutable config"), "CONFIG", "SET", "daemonize", "yes");
        // the names are all checked before any value
        redis.expect(failed("databases", "can't set immutable config"),
                "CONFIG", "SET", "maxmemory", "abc", "databases", "3");
        redis.expect(failed("timeout", "duplicate parameter"), "CONFIG", "SET", "timeout", "1", "timeout", "2");
        redis.expect(failed("maxmemory", "argument must be a memory value"), "CONFIG", "SET", "maxmemory", "lots");
        redis.expect(failed("maxmemory", "argument must be a memory value"), "CONFIG", "SET", "maxmemory", "1.5gb");
        redis.expect(failed("timeout", "argument must be between 0 and 2147483647 inclusive"),
                "CONFIG", "SET", "timeout", "-1");
        redis.expect(failed("timeout", "argument couldn't be parsed into an integer"), "CONFIG", "SET", "timeout", "1.5");
        redis.expect(failed("maxclients", "argument must be between 1 and 4294967295 inclusive"),
                "CONFIG", "SET", "maxclients", "0");
        redis.expect(failed("appendonly", "argument must be 'yes' or 'no'"), "CONFIG", "SET", "appendonly", "maybe");
        redis.expect(failed("appendfsync", "argument(s) must be one of the following: everysec, always, no"),
                "CONFIG", "SET", "appendfsync", "often");
        redis.expect(failed("maxmemory-policy", "argument(s) must be one of the following: volatile-lru, volatile-lfu,"
                + " volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"),
                "CONFIG", "SET", "maxmemory-policy", "sometimes");
        redis.expect(failed("save", "Invalid save parameters"), "CONFIG", "SET", "save", "100");
        redis.expect(failed("notify-keyspace-events", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
                "CONFIG", "SET", "notify-keyspace-events", "Q");
        redis.expect(failed("slowlog-log-slower-than", "argument must be between -1 and 9223372036854775807 inclusive"),
                "CONFIG", "SET", "slowlog-log-slower-than", "-2");
        redis.expect(failed("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
                "CONFIG", "SET", "proto-max-bulk-len", "100");
        redis.expect(syntaxError(), "CONFIG", "SET", "timeout", "1", "slowlog-max-len");
        redis.expect(arity("config|set"), "CONFIG", "SET", "timeout");
        redis.expect(err("ERR unknown subcommand 'nope'. Try CONFIG HELP."), "CONFIG", "nope");
        redis.expect(arity("config"), "CONFIG");
    }

    @Test
    void aRefusedValueChangesNothing() {
        redis.expect(failed("maxmemory", "argument must be a memory value"),
                "CONFIG", "SET", "timeout", "7", "maxmemory", "abc");
        redis.expect(bulks("timeout", "0"), "CONFIG", "GET", "timeout");
    }

    @Test
    void valuesComeBackTheWayRedisWritesThem() {
        redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "KEA", "save", "+3600 1 300 100",
                "appendonly", "YES", "hz", "1000");
        redis.expect(bulks("notify-keyspace-events", "AKE"), "CONFIG", "GET", "notify-keyspace-events");
        redis.expect(bulks("save", "3600 1 300 100"), "CONFIG", "GET", "save");
        redis.expect(bulks("appendonly", "yes"), "CONFIG", "GET", "appendonly");
        redis.expect(bulks("hz", "500"), "CONFIG", "GET", "hz");
    }

    /** Depot's limits: maxmemory cannot be 0 (unlimited) nor under max-item-size, and it takes effect. */
    @Test
    void maxmemoryTakesEffect() {
        daemon.assumeDepot();
        try {
            redis.expect(OK, "CONFIG", "SET", "maxmemory", "100mb", "maxmemory-policy", "allkeys-random");
            redis.expect(bulks("maxmemory", "104857600"), "CONFIG", "GET", "maxmemory");
            String memory = bulkText(redis.call("INFO", "memory"));
            assertTrue(memory.contains("\r\nmaxmemory:104857600\r\n"), memory);
            assertTrue(memory.contains("\r\nmaxmemory_policy:allkeys-random\r\n"), memory);
            redis.expect(failed("maxmemory", "Depot always needs a memory limit (0, unlimited in Redis, is not allowed)"),
                    "CONFIG", "SET", "maxmemory", "0");
            redis.expect(failed("maxmemory", "argument must be at least max-item-size (1048576 bytes)"),
                    "CONFIG", "SET", "maxmemory", "1kb");
        } finally {
            redis.expect(OK, "CONFIG", "SET", "maxmemory", "64mb", "maxmemory-policy", "allkeys-lru");
        }
    }

    /** With maxclients 1, the connection this test holds is all there may be. */
    @Test
    void maxclientsTakesEffect() {
        String before = redis.call("CONFIG", "GET", "maxclients");
        String value = before.substring(before.lastIndexOf("$"));
        value = value.substring(value.indexOf("\r\n") + 2, value.length() - 2);
        redis.expect(OK, "CONFIG", "SET", "maxclients", "1");
        try (RespConnection refused = daemon.connect()) {
            refused.expectBytes("-ERR max number of clients reached\r\n");
            refused.expectClosed();
        } finally {
            redis.expect(OK, "CONFIG", "SET", "maxclients", value);
        }
        open(daemon.connect()).expect("+PONG\r\n", "PING");
    }

    /** timeout closes connections idle for longer; subscribers are exempt. */
    @Test
    void timeoutClosesIdleConnections() {
        RespConnection subscriber = open(daemon.connect());
        subscriber.call("SUBSCRIBE", "news");
        RespConnection idle = open(daemon.connect());
        idle.expect("+PONG\r\n", "PING");
        redis.expect(OK, "CONFIG", "SET", "timeout", "1");
        idle.expectClosed();
        subscriber.expect("*2\r\n$4\r\npong\r\n$0\r\n\r\n", "PING");
    }

    @Test
    void resetstatZeroesTheCounters() {
        redis.expect(arity("incr"), "INCR", "s", "x");
        redis.expect(OK, "CONFIG", "RESETSTAT");
        String stats = bulkText(redis.call("INFO", "stats"));
        assertTrue(stats.contains("\r\ntotal_error_replies:0\r\n"), stats);
        assertTrue(stats.contains("\r\nrejected_connections:0\r\n"), stats);
        redis.expect(arity("config|resetstat"), "CONFIG", "RESETSTAT", "x");
    }

    @Test
    void rewriteNeedsAConfigFile() {
        redis.expect(err("ERR The server is running without a config file"), "CONFIG", "REWRITE");
    }

    /** Depot's CONFIG REWRITE: the keys CONFIG SET changed go back into the YAML file, comments kept. */
    @Test
    void rewriteWritesChangedKeysIntoTheConfigFile() throws IOException {
        daemon.assumeDepot();
        Path file = Files.writeString(dir.resolve("depot.yaml"), "# tuned by hand\nmaxmemory: 64mb\nthreads: 2\n");
        DepotConfig fromFile = ConfigLoader.load(file, Map.of());
        try (RespDaemon configured = RespDaemon.startDepot(c -> fromFile, Optional.of(file));
             RespConnection c = configured.connect()) {
            String server = bulkText(c.call("INFO", "server"));
            assertTrue(server.contains("\r\nconfig_file:" + file.toAbsolutePath() + "\r\n"), server);
            c.expect(OK, "CONFIG", "REWRITE"); // nothing changed: nothing to write
            assertEquals("# tuned by hand\nmaxmemory: 64mb\nthreads: 2\n", Files.readString(file));
            c.expect(OK, "CONFIG", "SET", "maxmemory", "100mb", "maxclients", "77", "requirepass", "it's me",
                    "timeout", "30");
            c.expect(OK, "CONFIG", "REWRITE");
            assertEquals("# tuned by hand\nmaxmemory: 100mb\nthreads: 2\nmax-connections: 77\nrequirepass: 'it''s me'\n",
                    Files.readString(file));
            DepotConfig reloaded = ConfigLoader.load(file, Map.of());
            assertEquals(100L << 20, reloaded.maxMemory());
            assertEquals(77, reloaded.maxConnections());
            assertEquals("it's me", reloaded.requirePass());
        }
    }

    @Test
    void help() {
        String help = redis.call("CONFIG", "HELP");
        assertTrue(help.startsWith("*") && help.contains("\r\n+GET "), help);
    }

    private static String failed(String name, String reason) {
        return err("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
