package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PING ECHO QUIT SELECT HELLO CLIENT INFO CONFIG GET TIME COMMAND. */
class RespConnectionCommandsTest extends RespTestBase {

    /** HELLO's reply: server, version, proto, id, mode, role, modules, in this order. */
    private static final String HELLO_BODY = "\\$6\r\nserver\r\n\\$5\r\nredis\r\n\\$7\r\nversion\r\n\\$\\d+\r\n[0-9.]+\r\n"
            + "\\$5\r\nproto\r\n:(\\d)\r\n\\$2\r\nid\r\n:(\\d+)\r\n\\$4\r\nmode\r\n\\$10\r\nstandalone\r\n"
            + "\\$4\r\nrole\r\n\\$6\r\nmaster\r\n\\$7\r\nmodules\r\n\\*0\r\n";
    private static final Pattern HELLO_RESP2 = Pattern.compile("\\*14\r\n" + HELLO_BODY);
    private static final Pattern HELLO_RESP3 = Pattern.compile("%7\r\n" + HELLO_BODY);

    @Test
    void pingAndEcho() {
        redis.expect("+PONG\r\n", "PING");
        redis.expect("+PONG\r\n", "ping");
        redis.expect(bulk("hello"), "PING", "hello");
        redis.expect(EMPTY, "PING", "");
        redis.expect(arity("ping"), "PING", "a", "b");
        redis.expect(bulk("hi"), "ECHO", "hi");
        redis.expect(EMPTY, "ECHO", "");
        redis.expect(bulk("a\r\nb"), "ECHO", "a\r\nb");
        redis.expect(arity("echo"), "ECHO");
        redis.expect(arity("echo"), "ECHO", "a", "b");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("PONG", jedis.ping());
            assertEquals("hi there", jedis.echo("hi there"));
        }
    }

    @Test
    void selectIsolatesDatabases() {
        redis.expect(OK, "SET", "k", "in-0");
        redis.expect(OK, "SELECT", "1");
        redis.expect(NIL, "GET", "k");
        redis.expect(num(0), "EXISTS", "k");
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "SET", "k", "in-1");
        redis.expect(OK, "SET", "only-1", "x");
        redis.expect(num(2), "DBSIZE");
        redis.expect(OK, "SELECT", "15");
        redis.expect(NIL, "GET", "k");
        redis.expect(RespConnection.arr(), "KEYS", "*");
        redis.expect(OK, "SELECT", "0");
        redis.expect(bulk("in-0"), "GET", "k");
        redis.expect(num(1), "DBSIZE");
        redis.expect(num(1), "DEL", "k");
        redis.expect(OK, "SELECT", "1");
        redis.expect(bulk("in-1"), "GET", "k");
        // another connection starts in database 0
        try (RespConnection other = daemon.connect()) {
            other.expect(NIL, "GET", "only-1");
            other.expect(num(0), "DBSIZE");
        }
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.select(1));
            assertEquals("in-1", jedis.get("k"));
        }
    }

    @Test
    void selectRefusesBadIndexes() {
        redis.expect(err("ERR DB index is out of range"), "SELECT", "16");
        redis.expect(err("ERR DB index is out of range"), "SELECT", "-1");
        redis.expect(err("ERR DB index is out of range"), "SELECT", "2147483647");
        redis.expect(err("ERR DB index is out of range"), "SELECT", "-2147483648");
        redis.expect(notAnInteger(), "SELECT", "abc");
        redis.expect(notAnInteger(), "SELECT", "01");
        redis.expect(notAnInteger(), "SELECT", " 1");
        redis.expect(notAnInteger(), "SELECT", "1.0");
        redis.expect(arity("select"), "SELECT");
        redis.expect(arity("select"), "SELECT", "1", "2");
        // a refused SELECT leaves the connection where it was
        redis.expect(OK, "SELECT", "3");
        redis.expect(OK, "SET", "k", "v");
        redis.expect(err("ERR DB index is out of range"), "SELECT", "16");
        redis.expect(bulk("v"), "GET", "k");
    }

    @Test
    void selectIndexBeyondInt() {
        String outOfInt = err("ERR value is out of range, value must between -2147483648 and 2147483647");
        redis.expect(outOfInt, "SELECT", "2147483648");
        redis.expect(outOfInt, "SELECT", "-2147483649");
        redis.expect(outOfInt, "SELECT", "9223372036854775807");
    }

    @Test
    void clientIdAndName() {
        String idReply = redis.call("CLIENT", "ID");
        assertTrue(idReply.matches(":\\d+\r\n"), printable(idReply));
        long id = Long.parseLong(idReply.substring(1, idReply.length() - 2));
        redis.expect(num(id), "client", "id");
        try (RespConnection other = daemon.connect()) {
            String otherId = other.call("CLIENT", "ID");
            assertNotEquals(idReply, otherId, "two connections share a client id");
        }
        redis.expect(NIL, "CLIENT", "GETNAME");
        redis.expect(OK, "CLIENT", "SETNAME", "worker-1");
        redis.expect(bulk("worker-1"), "CLIENT", "GETNAME");
        redis.expect(bulk("worker-1"), "client", "getname");
        String badName = err("ERR Client names cannot contain spaces, newlines or special characters.");
        redis.expect(badName, "CLIENT", "SETNAME", "a b");
        redis.expect(badName, "CLIENT", "SETNAME", "a\nb");
        redis.expect(badName, "CLIENT", "SETNAME", "caf\u00e9");
        redis.expect(bulk("worker-1"), "CLIENT", "GETNAME");
        // an empty name removes the name
        redis.expect(OK, "CLIENT", "SETNAME", "");
        redis.expect(NIL, "CLIENT", "GETNAME");
        redis.expect(arity("client|setname"), "CLIENT", "SETNAME");
        redis.expect(arity("client|setname"), "CLIENT", "SETNAME", "a", "b");
        redis.expect(arity("client"), "CLIENT");
        redis.expect(err("ERR unknown subcommand 'FOO'. Try CLIENT HELP."), "CLIENT", "FOO");
        redis.expect(err("ERR unknown subcommand 'nope'. Try CLIENT HELP."), "CLIENT", "nope", "x");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.clientSetname("jedis-client"));
            assertEquals("jedis-client", jedis.clientGetname());
            assertTrue(jedis.clientId() > 0);
        }
    }

    @Test
    void clientSubcommandArity() {
        redis.expect(arity("client|id"), "CLIENT", "ID", "x");
        redis.expect(arity("client|getname"), "CLIENT", "GETNAME", "x");
    }

    /** Redis 7.2's CLIENT SETINFO, which Jedis sends on connect; Redis 7.0 does not know it. */
    @Test
    void clientSetinfo() {
        daemon.assumeDepot();
        redis.expect(OK, "CLIENT", "SETINFO", "lib-name", "jedis");
        redis.expect(OK, "CLIENT", "SETINFO", "lib-ver", "5.2.0");
    }

    @Test
    void helloWithoutArgumentsDescribesTheServerInResp2() {
        String reply = redis.call("HELLO");
        Matcher m = HELLO_RESP2.matcher(reply);
        assertTrue(m.matches(), printable(reply));
        assertEquals("2", m.group(1));
        assertEquals(redis.call("CLIENT", "ID"), num(Long.parseLong(m.group(2))), "HELLO's id is CLIENT ID");
        redis.expect(NIL, "GET", "missing");
    }

    @Test
    void hello3SwitchesToResp3() {
        String reply = redis.call("HELLO", "3");
        Matcher m = HELLO_RESP3.matcher(reply);
        assertTrue(m.matches(), printable(reply));
        assertEquals("3", m.group(1));
        // RESP3 nulls and maps
        redis.expect("_\r\n", "GET", "missing");
        redis.expect("_\r\n", "CLIENT", "GETNAME");
        redis.expect(OK, "SET", "a", "1");
        redis.expect("_\r\n", "SET", "a", "2", "NX");
        redis.expect("_\r\n", "SET", "b", "2", "XX");
        redis.expect("*3\r\n$1\r\n1\r\n_\r\n_\r\n", "MGET", "a", "b", "c");
        redis.expect("%1\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", "CONFIG", "GET", "databases");
        redis.expect("%0\r\n", "CONFIG", "GET", "no-such-parameter");
        // the other types do not change
        redis.expect(num(2), "INCR", "a");
        redis.expect(bulk("2"), "GET", "a");
        redis.expect(err("ERR syntax error"), "SET", "a", "1", "NX", "XX");
        // and HELLO 2 switches back
        reply = redis.call("HELLO", "2");
        assertTrue(HELLO_RESP2.matcher(reply).matches(), printable(reply));
        redis.expect(NIL, "GET", "missing");
        redis.expect(bulks("databases", "16"), "CONFIG", "GET", "databases");
    }

    @Test
    void helloRefusesUnknownVersionsAndOptions() {
        redis.expect(err("NOPROTO unsupported protocol version"), "HELLO", "4");
        redis.expect(err("NOPROTO unsupported protocol version"), "HELLO", "1");
        redis.expect(err("NOPROTO unsupported protocol version"), "HELLO", "0");
        redis.expect(err("NOPROTO unsupported protocol version"), "HELLO", "-1");
        redis.expect(err("ERR Protocol version is not an integer or out of range"), "HELLO", "abc");
        redis.expect(err("ERR Protocol version is not an integer or out of range"), "HELLO", "03");
        redis.expect(err("ERR Protocol version is not an integer or out of range"), "HELLO", "3.0");
        redis.expect(err("ERR Syntax error in HELLO option 'FOO'"), "HELLO", "2", "FOO");
        redis.expect(err("ERR Syntax error in HELLO option 'SETNAME'"), "HELLO", "3", "SETNAME");
        redis.expect(err("ERR Syntax error in HELLO option 'AUTH'"), "HELLO", "3", "AUTH", "default");
        // none of those switched the protocol
        redis.expect(NIL, "GET", "missing");
    }

    @Test
    void helloSetnameAndAuth() {
        String reply = redis.call("HELLO", "3", "SETNAME", "via-hello");
        assertTrue(HELLO_RESP3.matcher(reply).matches(), printable(reply));
        redis.expect(bulk("via-hello"), "CLIENT", "GETNAME");
        // the default user has no password: any password is accepted for it
        reply = redis.call("HELLO", "2", "AUTH", "default", "anything", "setname", "second");
        assertTrue(HELLO_RESP2.matcher(reply).matches(), printable(reply));
        redis.expect(bulk("second"), "CLIENT", "GETNAME");
    }

    @Test
    void helloAuthWithUnknownUser() {
        redis.expect(err("WRONGPASS invalid username-password pair or user is disabled."), "HELLO", "2", "AUTH", "foo", "bar");
    }

    @Test
    void helloSetnameChecksTheName() {
        redis.expect(err("ERR Client names cannot contain spaces, newlines or special characters."),
                "HELLO", "3", "SETNAME", "a b");
        redis.expect(NIL, "GET", "missing");
    }

    @Test
    void configGet() {
        redis.expect(bulks("databases", "16"), "CONFIG", "GET", "databases");
        redis.expect(bulks("save", ""), "CONFIG", "GET", "save");
        redis.expect(bulks("appendonly", "no"), "CONFIG", "GET", "appendonly");
        redis.expect(bulks("databases", "16"), "config", "get", "databases");
        redis.expect("*0\r\n", "CONFIG", "GET", "no-such-parameter");
        redis.expect(arity("config"), "CONFIG");
        redis.expect(err("ERR unknown subcommand 'FOO'. Try CONFIG HELP."), "CONFIG", "FOO");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(Map.of("databases", "16"), jedis.configGet("databases"));
        }
    }

    @Test
    void configGetArity() {
        redis.expect(arity("config|get"), "CONFIG", "GET");
    }

    @Test
    void configGetEchoesTheNameAndTakesSeveral() {
        redis.expect(bulks("DATABASES", "16"), "CONFIG", "GET", "DATABASES");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(Map.of("databases", "16", "save", ""), jedis.configGet("databases", "save"));
        }
    }

    @Test
    void time() {
        long before = System.currentTimeMillis() / 1000;
        String reply = redis.call("TIME");
        long after = System.currentTimeMillis() / 1000;
        Matcher m = Pattern.compile("\\*2\r\n\\$\\d+\r\n(\\d+)\r\n\\$\\d+\r\n(\\d+)\r\n").matcher(reply);
        assertTrue(m.matches(), printable(reply));
        long seconds = Long.parseLong(m.group(1));
        long micros = Long.parseLong(m.group(2));
        assertTrue(seconds >= before - 1 && seconds <= after + 1, "TIME seconds " + seconds + " vs clock " + before);
        assertTrue(micros >= 0 && micros < 1_000_000, "TIME microseconds " + micros);
        redis.expect(arity("time"), "TIME", "x");
    }

    @Test
    void commandCountAndDocs() {
        String count = redis.call("COMMAND", "COUNT");
        assertTrue(count.matches(":\\d+\r\n") && !count.equals(":0\r\n"), printable(count));
        String docs = redis.call("COMMAND", "DOCS", "get");
        assertTrue(docs.startsWith("*") || docs.startsWith("%"), printable(docs));
    }

    @Test
    void commandUnknownSubcommand() {
        redis.expect(err("ERR unknown subcommand 'x'. Try COMMAND HELP."), "COMMAND", "x");
    }

    @Test
    void infoDescribesServerAndKeyspace() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(OK, "SELECT", "3");
        redis.expect(OK, "MSET", "b", "1", "c", "2");
        String info = bulkText(redis.call("INFO"));
        assertTrue(info.startsWith("# Server\r\n"), info);
        assertTrue(info.contains("\r\nredis_version:"), info);
        assertTrue(info.contains("\r\nredis_mode:standalone\r\n"), info);
        assertTrue(info.contains("\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb3:keys=2,expires=0,avg_ttl=0\r\n"),
                info);
        try (Jedis jedis = daemon.jedis()) {
            assertTrue(jedis.info().contains("db3:keys=2,"));
        }
    }

    @Test
    void infoSections() {
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        redis.expect(num(1), "EXPIRE", "a", "1000");
        redis.expect(OK, "SELECT", "3");
        redis.expect(OK, "SET", "c", "1");
        redis.expect(bulk("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n"),
                "INFO", "keyspace");
        redis.expect(EMPTY, "INFO", "a", "b");
    }

    @Test
    void infoCountsExpires() {
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        redis.expect(num(1), "EXPIRE", "a", "1000");
        String info = bulkText(redis.call("INFO"));
        assertTrue(info.contains("\r\ndb0:keys=2,expires=1,"), info);
    }

    @Test
    void quitSaysOkAndCloses() {
        redis.expect(OK, "SET", "k", "v");
        redis.expect(OK, "QUIT");
        redis.expectClosed();
        // inline, with a command behind it that must not run
        try (RespConnection c = daemon.connect()) {
            c.sendRaw("QUIT\r\nDEL k\r\n");
            c.expectBytes(OK);
            c.expectClosed();
        }
        try (RespConnection c = daemon.connect()) {
            c.expect(bulk("v"), "GET", "k");
            c.expect(OK, "quit", "with", "arguments");
            c.expectClosed();
        }
    }

    /** The text of a bulk string reply. */
    static String bulkText(String reply) {
        assertTrue(reply.startsWith("$"), printable(reply));
        int header = reply.indexOf("\r\n");
        int length = Integer.parseInt(reply.substring(1, header));
        assertEquals(header + 2 + length + 2, reply.length(), printable(reply));
        return reply.substring(header + 2, header + 2 + length);
    }
}
