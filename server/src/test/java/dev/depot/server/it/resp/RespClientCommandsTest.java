package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.encode;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static dev.depot.server.it.resp.RespConnectionCommandsTest.bulkText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CLIENT INFO, LIST, KILL, PAUSE, UNPAUSE, REPLY, NO-EVICT, NO-TOUCH, SETINFO. */
class RespClientCommandsTest extends RespTestBase {
    /** One line of CLIENT LIST as Redis 7.0 writes it; 7.2 adds lib-name and lib-ver at the end. */
    private static final Pattern LINE = Pattern.compile("id=(\\d+) addr=(\\S+) laddr=(\\S+) fd=-?\\d+ name=(\\S*)"
            + " age=\\d+ idle=\\d+ flags=(\\S+) db=(\\d+) sub=(\\d+) psub=(\\d+) ssub=0 multi=(-?\\d+) qbuf=\\d+"
            + " qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ tot-mem=\\d+"
            + " events=\\w+ cmd=(\\S+) user=default redir=-1 resp=([23])(?: lib-name=(\\S*) lib-ver=(\\S*))?");

    @Test
    void clientInfoDescribesThisConnection() {
        redis.expect(OK, "CLIENT", "SETNAME", "worker-1");
        redis.expect(OK, "SELECT", "2");
        Matcher m = line(bulkText(redis.call("CLIENT", "INFO")));
        assertEquals(redis.call("CLIENT", "ID"), num(Long.parseLong(m.group(1))));
        assertEquals(redis.localAddress(), m.group(2));
        assertEquals("127.0.0.1:" + daemon.respAddress().getPort(), m.group(3));
        assertEquals("worker-1", m.group(4));
        assertEquals("N", m.group(5));
        assertEquals("2", m.group(6));
        assertEquals("-1", m.group(9));
        assertEquals("client|info", m.group(10));
        assertEquals("2", m.group(11));
        redis.expect(arity("client|info"), "CLIENT", "INFO", "x");
    }

    @Test
    void clientListShowsEveryConnectionAndFilters() {
        RespConnection subscriber = open(daemon.connect());
        subscriber.call("SUBSCRIBE", "a", "b");
        subscriber.reply(); // one confirmation per channel: b's
        subscriber.call("PSUBSCRIBE", "c*");
        RespConnection inMulti = open(daemon.connect());
        inMulti.expect(OK, "MULTI");
        inMulti.expect("+QUEUED\r\n", "SET", "k", "v");
        long subscriberId = idOf(subscriber.localAddress());
        long multiId = idOf(inMulti.localAddress());

        Matcher sub = line(bulkText(redis.call("CLIENT", "LIST", "ID", Long.toString(subscriberId))));
        assertEquals("P", sub.group(5));
        assertEquals("2", sub.group(7));
        assertEquals("1", sub.group(8));
        assertEquals("psubscribe", sub.group(10));
        Matcher multi = line(bulkText(redis.call("CLIENT", "LIST", "ID", Long.toString(multiId))));
        assertEquals("x", multi.group(5));
        assertEquals("1", multi.group(9));

        List<String> pubsub = lines(redis.call("CLIENT", "LIST", "TYPE", "pubsub"));
        assertTrue(pubsub.stream().anyMatch(l -> line(l).group(1).equals(Long.toString(subscriberId))), pubsub.toString());
        assertTrue(pubsub.stream().allMatch(l -> line(l).group(5).contains("P")), pubsub.toString());
        List<String> normal = lines(redis.call("CLIENT", "LIST", "TYPE", "NORMAL"));
        assertTrue(normal.stream().noneMatch(l -> line(l).group(1).equals(Long.toString(subscriberId))), normal.toString());
        assertTrue(normal.size() >= 2, normal.toString());
        redis.expect(EMPTY, "CLIENT", "LIST", "TYPE", "master");
        assertEquals(2, lines(redis.call("CLIENT", "LIST", "ID", Long.toString(subscriberId), Long.toString(multiId),
                "999999")).size());
        redis.expect(err("ERR Unknown client type 'foo'"), "CLIENT", "LIST", "TYPE", "foo");
        redis.expect(err("ERR Invalid client ID"), "CLIENT", "LIST", "ID", "abc");
        redis.expect(syntaxError(), "CLIENT", "LIST", "foo");
        try (Jedis jedis = daemon.jedis()) {
            assertTrue(jedis.clientList().contains("cmd=client|list"));
        }
    }

    /** Like INFO, CLIENT INFO and CLIENT LIST answer RESP3 clients with a verbatim string, RESP2 ones with a bulk string. */
    @Test
    void clientInfoAndListAreVerbatimStringsInResp3() {
        redis.call("HELLO", "3");
        String info = RespConnection.verbatimText(redis.call("CLIENT", "INFO"));
        assertTrue(info.endsWith("\n"), info);
        assertEquals("3", line(info.substring(0, info.length() - 1)).group(11));
        List<String> all = RespConnection.verbatimText(redis.call("CLIENT", "LIST")).lines().toList();
        assertTrue(all.stream().anyMatch(l -> line(l).group(10).equals("client|list")), all.toString());
        redis.expect("=4\r\ntxt:\r\n", "CLIENT", "LIST", "ID", "999999999");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "CLIENT", "LIST", "TYPE", "master");
        redis.expect("*1\r\n=4\r\ntxt:\r\n", "EXEC");
        redis.call("HELLO", "2");
        assertTrue(redis.call("CLIENT", "INFO").startsWith("$"));
        redis.expect(EMPTY, "CLIENT", "LIST", "ID", "999999999");
    }

    @Test
    void killByAddress() {
        RespConnection other = open(daemon.connect());
        other.expect("+PONG\r\n", "PING");
        redis.expect(OK, "CLIENT", "KILL", other.localAddress());
        other.expectClosed();
        redis.expect(err("ERR No such client"), "CLIENT", "KILL", other.localAddress());
        redis.expect(err("ERR No such client"), "CLIENT", "KILL", "1.2.3.4:5");
        redis.expect(err("ERR No such client"), "CLIENT", "KILL", "id");
        redis.expect(arity("client|kill"), "CLIENT", "KILL");
    }

    @Test
    void killItselfByAddressAnswersThenCloses() {
        try (RespConnection self = daemon.connect()) {
            self.expect(OK, "CLIENT", "KILL", self.localAddress());
            self.expectClosed();
        }
    }

    @Test
    void killWithFilters() {
        RespConnection first = open(daemon.connect());
        RespConnection second = open(daemon.connect());
        first.expect("+PONG\r\n", "PING");
        second.expect("+PONG\r\n", "PING");
        redis.expect(num(1), "CLIENT", "KILL", "ID", Long.toString(idOf(first.localAddress())));
        first.expectClosed();
        second.expect("+PONG\r\n", "PING");
        redis.expect(num(0), "CLIENT", "KILL", "ID", "999999");
        redis.expect(num(1), "CLIENT", "KILL", "ADDR", second.localAddress(), "TYPE", "normal");
        second.expectClosed();
        redis.expect(num(0), "CLIENT", "KILL", "ADDR", redis.localAddress(), "SKIPME", "yes");
        redis.expect(err("ERR client-id should be greater than 0"), "CLIENT", "KILL", "ID", "abc");
        redis.expect(err("ERR client-id should be greater than 0"), "CLIENT", "KILL", "ID", "0");
        redis.expect(err("ERR Unknown client type 'foo'"), "CLIENT", "KILL", "TYPE", "foo");
        redis.expect(err("ERR No such user 'nobody'"), "CLIENT", "KILL", "USER", "nobody");
        redis.expect(syntaxError(), "CLIENT", "KILL", "SKIPME", "maybe");
        redis.expect(syntaxError(), "CLIENT", "KILL", "MAXAGE", "5");
        redis.expect(syntaxError(), "CLIENT", "KILL", "ADDR", "1.2.3.4:5", "LADDR");
        redis.expect("+PONG\r\n", "PING");
    }

    /** Counts are at least the connections this test made: one closed by an earlier test may linger a moment. */
    @Test
    void killEveryoneButMeAndThenMe() {
        RespConnection other = open(daemon.connect());
        other.expect("+PONG\r\n", "PING");
        assertTrue(integer(redis.call("CLIENT", "KILL", "USER", "default")) >= 1);
        other.expectClosed();
        redis.expect("+PONG\r\n", "PING");
        try (RespConnection self = daemon.connect()) {
            String laddr = "127.0.0.1:" + daemon.respAddress().getPort();
            assertTrue(integer(self.call("CLIENT", "KILL", "LADDR", laddr, "SKIPME", "no")) >= 2);
            self.expectClosed();
        }
        redis.expectClosed();
    }

    private static long integer(String reply) {
        assertTrue(reply.matches(":\\d+\r\n"), reply);
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    /** CLIENT PAUSE WRITE holds writes (their connection just waits) and lets reads through. */
    @Test
    void pauseHoldsWritesUntilUnpause() {
        RespConnection writer = open(daemon.connect());
        redis.expect(OK, "CLIENT", "PAUSE", "60000", "WRITE");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(encode("PING"));
        both.writeBytes(encode("SET", "k", "v"));
        writer.sendRaw(both.toByteArray());
        writer.expectBytes("+PONG\r\n");
        redis.expect(NIL, "GET", "k");
        redis.expect(OK, "CLIENT", "UNPAUSE");
        writer.expectBytes(OK);
        redis.expect(bulk("v"), "GET", "k");
    }

    @Test
    void pauseAllEndsByItself() {
        RespConnection other = open(daemon.connect());
        other.expect("+PONG\r\n", "PING");
        redis.expect(OK, "CLIENT", "PAUSE", "300");
        long start = System.nanoTime();
        other.expect("+PONG\r\n", "PING");
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis >= 200, "PING answered after " + waitedMillis + " ms of a 300 ms pause");
    }

    @Test
    void pauseErrors() {
        redis.expect(arity("client|pause"), "CLIENT", "PAUSE");
        redis.expect(err("ERR timeout is not an integer or out of range"), "CLIENT", "PAUSE", "abc");
        redis.expect(err("ERR timeout is negative"), "CLIENT", "PAUSE", "-1");
        redis.expect(err("ERR CLIENT PAUSE mode must be WRITE or ALL"), "CLIENT", "PAUSE", "10", "foo");
        redis.expect(arity("client|unpause"), "CLIENT", "UNPAUSE", "x");
        redis.expect(OK, "CLIENT", "UNPAUSE");
    }

    @Test
    void replyOffOnAndSkip() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(encode("CLIENT", "REPLY", "OFF"));
        batch.writeBytes(encode("SET", "a", "1"));
        batch.writeBytes(encode("GET", "a"));
        batch.writeBytes(encode("NOSUCH"));
        batch.writeBytes(encode("CLIENT", "REPLY", "ON"));
        batch.writeBytes(encode("GET", "a"));
        batch.writeBytes(encode("CLIENT", "REPLY", "SKIP"));
        batch.writeBytes(encode("SET", "b", "2"));
        batch.writeBytes(encode("GET", "b"));
        redis.sendRaw(batch.toByteArray());
        redis.expectBytes(OK + bulk("1") + bulk("2"));
        redis.expect(arity("client|reply"), "CLIENT", "REPLY");
        redis.expect(syntaxError(), "CLIENT", "REPLY", "maybe");
    }

    @Test
    void noEvict() {
        redis.expect(OK, "CLIENT", "NO-EVICT", "on");
        assertEquals("e", line(bulkText(redis.call("CLIENT", "INFO"))).group(5));
        redis.expect(OK, "CLIENT", "NO-EVICT", "OFF");
        assertEquals("N", line(bulkText(redis.call("CLIENT", "INFO"))).group(5));
        redis.expect(syntaxError(), "CLIENT", "NO-EVICT", "maybe");
        redis.expect(arity("client|no-evict"), "CLIENT", "NO-EVICT");
    }

    /** Redis 7.2's NO-TOUCH and SETINFO (Redis 7.0 does not have them). */
    @Test
    void noTouchAndSetinfo() {
        daemon.assumeDepot();
        redis.expect(OK, "CLIENT", "NO-TOUCH", "ON");
        redis.expect(OK, "CLIENT", "SETINFO", "lib-name", "mylib");
        redis.expect(OK, "CLIENT", "SETINFO", "LIB-VER", "1.2");
        Matcher m = line(bulkText(redis.call("CLIENT", "INFO")));
        assertEquals("T", m.group(5));
        assertEquals("mylib", m.group(12));
        assertEquals("1.2", m.group(13));
        redis.expect(err("ERR Unrecognized option 'foo'"), "CLIENT", "SETINFO", "foo", "x");
        redis.expect(err("ERR lib-name cannot contain spaces, newlines or special characters."),
                "CLIENT", "SETINFO", "lib-name", "a b");
        redis.expect(arity("client|setinfo"), "CLIENT", "SETINFO", "lib-name");
        try (Jedis jedis = daemon.jedis()) {
            jedis.ping();
            assertTrue(bulkText(redis.call("CLIENT", "LIST")).contains(" lib-name=jedis lib-ver="),
                    "Jedis names itself when it connects");
        }
    }

    @Test
    void help() {
        String help = redis.call("CLIENT", "HELP");
        assertTrue(help.startsWith("*") && help.contains("\r\n+KILL "), help);
    }

    private long idOf(String address) {
        for (String l : lines(redis.call("CLIENT", "LIST"))) {
            Matcher m = line(l);
            if (m.group(2).equals(address)) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no client at " + address);
    }

    private static List<String> lines(String reply) {
        return bulkText(reply).lines().toList();
    }

    private static Matcher line(String text) {
        Matcher m = LINE.matcher(text.strip());
        assertTrue(m.matches(), text);
        return m;
    }
}
