package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arity errors of every command and subcommand, unknown commands and subcommands, command-name case. */
class RespCommandErrorsTest extends RespTestBase {

    /** Every implemented command but QUIT (which closes the connection). */
    static final List<String> COMMANDS = List.of(
            "ping", "echo", "select", "hello", "client", "info", "config", "time", "command",
            "del", "unlink", "exists", "touch", "type", "expire", "pexpire", "expireat", "pexpireat", "ttl", "pttl",
            "expiretime", "pexpiretime", "persist", "keys", "dbsize", "flushdb", "flushall", "rename", "renamenx",
            "get", "set", "setnx", "setex", "psetex", "getset", "getdel", "mget", "mset", "msetnx", "incr", "decr",
            "incrby", "decrby", "incrbyfloat", "append", "strlen", "getrange", "substr");

    /** Commands that need at least one argument: called without any, each says so by its lower-case name. */
    @ParameterizedTest(name = "{0} without arguments")
    @ValueSource(strings = {"echo", "select", "client", "config", "del", "unlink", "exists", "touch", "type", "expire",
            "pexpire", "expireat", "pexpireat", "ttl", "pttl", "expiretime", "pexpiretime", "persist", "keys", "rename",
            "renamenx", "get", "set", "setnx", "setex", "psetex", "getset", "getdel", "mget", "mset", "msetnx", "incr",
            "decr", "incrby", "decrby", "incrbyfloat", "append", "strlen", "getrange", "substr"})
    void tooFewArguments(String command) {
        redis.expect(arity(command), command.toUpperCase());
        redis.expect(arity(command), command);
    }

    /** Commands of a fixed arity, called with seven arguments. */
    @ParameterizedTest(name = "{0} with too many arguments")
    @ValueSource(strings = {"echo", "select", "time", "type", "ttl", "pttl", "expiretime", "pexpiretime", "persist",
            "keys", "rename", "renamenx", "get", "setnx", "setex", "psetex", "getset", "getdel", "incr", "decr",
            "incrby", "decrby", "incrbyfloat", "append", "strlen", "getrange", "substr", "dbsize", "ping"})
    void tooManyArguments(String command) {
        redis.expect(arity(command), command.toUpperCase(), "k", "1", "2", "3", "4", "5", "6");
        redis.expect(num(0), "EXISTS", "k"); // nothing ran
    }

    /** Arity errors through Jedis, which reports the error text as the exception message. */
    @Test
    void jedisSeesTheSameErrors() {
        try (Jedis jedis = daemon.jedis()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.sendCommand(Protocol.Command.GET));
            assertEquals("ERR wrong number of arguments for 'get' command", e.getMessage());
            e = assertThrows(JedisDataException.class, () -> jedis.sendCommand(Protocol.Command.SET, "a", "b", "NX", "XX"));
            assertEquals("ERR syntax error", e.getMessage());
            jedis.set("s", "abc");
            e = assertThrows(JedisDataException.class, () -> jedis.incr("s"));
            assertEquals("ERR value is not an integer or out of range", e.getMessage());
            e = assertThrows(JedisDataException.class, () -> jedis.sendCommand(named("NOSUCH"), "x"));
            assertEquals("ERR unknown command 'NOSUCH', with args beginning with: 'x' ", e.getMessage());
            assertEquals("abc", jedis.get("s")); // the connection is still usable
        }
    }

    @Test
    void everyImplementedCommandIsKnown() {
        for (String command : COMMANDS) {
            String reply = redis.call(command.toUpperCase(), "__probe_key__");
            assertFalse(reply.startsWith("-ERR unknown command"), command + ": " + printable(reply));
            redis.expect(OK, "SELECT", "0"); // some probes (HELLO) change the connection: set it back
        }
    }

    @Test
    void commandNamesIgnoreCase() {
        redis.expect(OK, "sEt", "k", "v");
        redis.expect(RespConnection.bulk("v"), "get", "k");
        redis.expect(RespConnection.bulk("v"), "GeT", "k");
        redis.expect(num(1), "eXiStS", "k");
        redis.expect(arity("get"), "gEt");
    }

    @Test
    void unknownCommands() {
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: "), "FOO");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "), "FOO", "a", "b");
        redis.expect(err("ERR unknown command 'foo', with args beginning with: '' 'x' "), "foo", "", "x");
        redis.expect(err("ERR unknown command '', with args beginning with: "), "");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: 'a'b' "), "FOO", "a'b");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: 'a%sb' "), "FOO", "a%sb");
        // CR and LF would break the framing: they become spaces
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: 'a  b' 'c' "), "FOO", "a\r\nb", "c");
        redis.expect(err("ERR unknown command 'GET X', with args beginning with: "), "GET X");
        // the connection goes on
        redis.expect(OK, "SET", "k", "v");
    }

    /** The preview stops once it reaches 128 characters; the name is cut at 128 characters too. */
    @Test
    void unknownCommandPreviewIsCut() {
        String x200 = "x".repeat(200);
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: '" + "x".repeat(128) + "' "), "FOO", x200);
        redis.expect(err("ERR unknown command '" + "F".repeat(128) + "', with args beginning with: 'a' "),
                "F".repeat(200), "a");
        String[] many = new String[21];
        many[0] = "FOO";
        for (int i = 1; i < many.length; i++) {
            many[i] = "abcdefghij";
        }
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: " + "'abcdefghij' ".repeat(10)), many);
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: '" + "a".repeat(126) + "' "),
                "FOO", "a".repeat(126), "b");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: '" + "a".repeat(125) + "' "),
                "FOO", "a".repeat(125), "bbbb");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: '" + "a".repeat(100) + "' '" + "b".repeat(25) + "' "),
                "FOO", "a".repeat(100), "b".repeat(40), "c");
    }

    @Test
    void unknownCommandPreviewKeepsBytes() {
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: '\u00e9' "), "FOO", "\u00e9");
        redis.expect(err("ERR unknown command 'F\u00d6O', with args beginning with: "), "F\u00d6O");
        redis.expect(err("ERR unknown command 'FOO', with args beginning with: 'a' "), "FOO", "a\u0000b");
    }

    /**
     * A container command is looked up with its subcommand before it runs or is queued: an
     * unknown subcommand or a wrong number of arguments for it is refused at once, and inside
     * MULTI that makes EXEC answer EXECABORT.
     */
    @ParameterizedTest(name = "{0} inside MULTI")
    @ValueSource(strings = {"CONFIG GET", "CONFIG SET maxmemory", "CLIENT GETNAME x", "CLIENT ID 1", "CLIENT NO-EVICT",
            "OBJECT ENCODING", "OBJECT HELP x", "COMMAND COUNT x", "MEMORY USAGE", "SLOWLOG LEN x", "PUBSUB NUMPAT x",
            "LATENCY DOCTOR x", "CLIENT FOO", "CONFIG FOO x", "OBJECT FOO k"})
    void aSubcommandRefusedWhileQueuingAbortsTheTransaction(String command) {
        String[] args = command.split(" ");
        String error = subcommandError(args);
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SET", "k", "v");
        redis.expect(err(error), args);
        redis.expect(err("EXECABORT Transaction discarded because of previous errors."), "EXEC");
        redis.expect(RespConnection.NIL, "GET", "k");
        redis.expect(err(error), args); // the same error outside MULTI
    }

    /** What Redis 7.0 answers each case of {@link #aSubcommandRefusedWhileQueuingAbortsTheTransaction}. */
    private static String subcommandError(String[] args) {
        String sub = args[1];
        if (sub.equals("FOO")) {
            return "ERR unknown subcommand 'FOO'. Try " + args[0] + " HELP.";
        }
        return "ERR wrong number of arguments for '" + args[0].toLowerCase() + "|" + sub.toLowerCase() + "' command";
    }

    /** Errors that depend on the arguments' values are the subcommand's own: queued, and answered inside EXEC. */
    @Test
    void aSubcommandWithTheRightNumberOfArgumentsIsQueued() {
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PUBSUB", "CHANNELS", "a", "b");
        redis.expect("+QUEUED\r\n", "CONFIG", "SET", "maxmemory", "lots");
        redis.expect("+QUEUED\r\n", "client", "getname");
        redis.expect("*3\r\n"
                        + "-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.\r\n"
                        + "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory"
                        + " value\r\n"
                        + RespConnection.NIL,
                "EXEC");
    }

    @Test
    void anUnknownSubcommandIsQuotedAsACString() {
        redis.expect(err("ERR unknown subcommand 'ab'. Try CLIENT HELP."), "client", "ab\0cd");
        redis.expect(err("ERR unknown subcommand '" + "x".repeat(128) + "'. Try OBJECT HELP."), "object", "x".repeat(200));
        redis.expect(err("ERR wrong number of arguments for 'config|get' command"), "cOnFiG", "Get");
    }

    /** A refused subcommand counts as a rejected call of that subcommand; an unknown one counts for no command. */
    @Test
    void aRefusedSubcommandIsARejectedCall() {
        redis.expect(OK, "CONFIG", "RESETSTAT");
        redis.expect(err("ERR wrong number of arguments for 'config|get' command"), "CONFIG", "GET");
        redis.expect(err("ERR unknown subcommand 'FOO'. Try CLIENT HELP."), "CLIENT", "FOO");
        String stats = redis.call("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_config|get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0"),
                printable(stats));
        assertFalse(stats.contains("client|foo"), printable(stats));
    }

    private static ProtocolCommand named(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }
}
