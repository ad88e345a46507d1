package dev.depot.server.it.resp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MONITOR: a line for every command another client runs, in Redis's format and quoting. */
class RespMonitorTest extends RespTestBase {
    private static final Pattern LINE = Pattern.compile("\\+(\\d+)\\.(\\d{6}) \\[(\\d+) (\\S+)\\] (.*)\r\n");

    private RespConnection monitor;
    private RespConnection client;

    @BeforeEach
    void monitorAnotherClient() {
        client = open(daemon.connect());
        client.expect("+PONG\r\n", "PING");
        monitor = open(daemon.connect());
        monitor.expect(OK, "MONITOR");
    }

    @Test
    void showsAnotherClientsCommand() {
        long before = System.currentTimeMillis() / 1000;
        client.expect(OK, "SET", "k", "v");
        Matcher m = next();
        assertTrue(Math.abs(Long.parseLong(m.group(1)) - before) <= 1, m.group());
        assertEquals("0", m.group(3));
        assertEquals(client.localAddress(), m.group(4));
        assertEquals("\"SET\" \"k\" \"v\"", m.group(5));
    }

    @Test
    void quotesLikeRedis() {
        client.expect(OK, "set", "a b", "x\"y\\z");
        assertEquals("\"set\" \"a b\" \"x\\\"y\\\\z\"", next().group(5));
        client.expect(OK, "SET", "k", "\u0001\u00ff\n\r\t");
        assertEquals("\"SET\" \"k\" \"\\x01\\xff\\n\\r\\t\"", next().group(5));
    }

    @Test
    void showsTheDatabaseAfterTheCommand() {
        client.expect(OK, "SELECT", "2");
        Matcher select = next();
        assertEquals("2", select.group(3));
        assertEquals("\"SELECT\" \"2\"", select.group(5));
    }

    @Test
    void passwordsAreRedacted() {
        client.call("AUTH", "default", "hunter2");
        assertEquals("\"AUTH\" \"(redacted)\" \"(redacted)\"", next().group(5));
        client.call("HELLO", "2", "AUTH", "default", "hunter2");
        assertEquals("\"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\"", next().group(5));
    }

    /** Refused commands and admin commands (CONFIG, CLIENT LIST...) are not shown; failed ones are. */
    @Test
    void skipsRefusedAndAdminCommands() {
        client.expect(arity("get"), "GET");
        client.call("CONFIG", "GET", "timeout");
        client.call("CLIENT", "LIST");
        client.call("NOSUCH");
        client.expect(OK, "SET", "s", "x");
        assertEquals("\"SET\" \"s\" \"x\"", next().group(5));
        client.expect(RespConnection.notAnInteger(), "INCR", "s");
        assertEquals("\"INCR\" \"s\"", next().group(5));
        client.call("CLIENT", "SETNAME", "shown");
        assertEquals("\"CLIENT\" \"SETNAME\" \"shown\"", next().group(5));
    }

    /** A transaction's commands show when EXEC runs them, then EXEC itself. */
    @Test
    void transactions() {
        client.expect(OK, "MULTI");
        assertEquals("\"MULTI\"", next().group(5));
        client.expect("+QUEUED\r\n", "INCR", "n");
        client.call("EXEC");
        assertEquals("\"INCR\" \"n\"", next().group(5));
        assertEquals("\"EXEC\"", next().group(5));
    }

    @Test
    void quitIsShownToo() {
        client.expect(OK, "QUIT");
        assertEquals("\"QUIT\"", next().group(5));
    }

    /** RESET ends monitoring: the next thing the old monitor reads is its own reply, not the client's command. */
    @Test
    void resetEndsMonitoring() {
        monitor.expect("+RESET\r\n", "RESET");
        client.expect(OK, "SET", "k", "v");
        monitor.expect("+PONG\r\n", "PING");
    }

    /** A monitor's own commands are shown to it too, after their replies. */
    @Test
    void aMonitorSeesItsOwnCommandsAfterTheirReplies() {
        monitor.expect("+PONG\r\n", "PING");
        assertEquals("\"PING\"", next().group(5));
    }

    @Test
    void closedMonitorsDoNotStopOthers() {
        RespConnection second = open(daemon.connect());
        second.expect(OK, "MONITOR");
        monitor.close();
        client.expect(OK, "SET", "k", "v");
        String line = second.line() + "\r\n";
        assertTrue(LINE.matcher(line).matches() && line.endsWith("\"SET\" \"k\" \"v\"\r\n"), printable(line));
    }

    private Matcher next() {
        String line = monitor.line() + "\r\n";
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), printable(line));
        return m;
    }
}
