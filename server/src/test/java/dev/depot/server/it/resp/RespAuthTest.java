package dev.depot.server.it.resp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.Optional;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTH and requirepass: every command but AUTH, HELLO, QUIT and RESET waits for the password.
 * The password is set with CONFIG SET, so these run against a reference Redis too; connections
 * made before it was set stay logged in, as in Redis, which is how {@link #redis} resets it.
 */
class RespAuthTest extends RespTestBase {
    private static final String NOAUTH = err("NOAUTH Authentication required.");
    private static final String WRONGPASS = err("WRONGPASS invalid username-password pair or user is disabled.");
    private static final String HELLO_NOAUTH = err("NOAUTH HELLO must be called with the client already"
            + " authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client"
            + " and select the RESP protocol version at the same time");
    private static final Pattern HELLO3 = Pattern.compile("%7\r\n\\$6\r\nserver\r\n.*\\$5\r\nproto\r\n:3\r\n.*",
            Pattern.DOTALL);

    @AfterEach
    void noPasswordAgain() {
        redis.expect(OK, "CONFIG", "SET", "requirepass", "");
    }

    @Test
    void authWithoutAPasswordConfigured() {
        redis.expect(err("ERR AUTH <password> called without any password configured for the default user."
                + " Are you sure your configuration is correct?"), "AUTH", "x");
        redis.expect(OK, "AUTH", "default", "anything");
        redis.expect(WRONGPASS, "AUTH", "someone", "anything");
        redis.expect(syntaxError(), "AUTH", "a", "b", "c");
        redis.expect(arity("auth"), "AUTH");
    }

    @Test
    void everyOtherCommandWaitsForThePassword() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(OK, "CONFIG", "SET", "requirepass", "s3cret");
        RespConnection c = open(daemon.connect());
        c.expect(NOAUTH, "PING");
        c.expect(NOAUTH, "GET", "a");
        c.expect(NOAUTH, "CLIENT", "ID");
        c.expect(NOAUTH, "MULTI");
        // an unknown command and a wrong argument count are reported before the password is asked for
        c.expect(err("ERR unknown command 'FOO', with args beginning with: "), "FOO");
        c.expect(arity("get"), "GET");
        c.expect(HELLO_NOAUTH, "HELLO");
        c.expect(HELLO_NOAUTH, "HELLO", "3", "SETNAME", "x");
        c.expect(WRONGPASS, "AUTH", "wrong");
        c.expect(WRONGPASS, "AUTH", "default", "wrong");
        c.expect(WRONGPASS, "AUTH", "someone", "s3cret");
        c.expect(NOAUTH, "GET", "a");
        c.expect(OK, "AUTH", "s3cret");
        c.expect(bulk("1"), "GET", "a");
        // a wrong password later does not log the connection out
        c.expect(WRONGPASS, "AUTH", "wrong");
        c.expect(bulk("1"), "GET", "a");
        // RESET does
        c.expect("+RESET\r\n", "RESET");
        c.expect(NOAUTH, "GET", "a");
        String hello = c.call("HELLO", "3", "AUTH", "default", "s3cret");
        assertTrue(HELLO3.matcher(hello).matches(), printable(hello));
        c.expect(bulk("1"), "GET", "a");
        c.expect(OK, "AUTH", "default", "s3cret");
    }

    @Test
    void quitAndResetNeedNoPassword() {
        redis.expect(OK, "CONFIG", "SET", "requirepass", "s3cret");
        try (RespConnection c = daemon.connect()) {
            c.expect("+RESET\r\n", "RESET");
            c.expect(OK, "QUIT");
            c.expectClosed();
        }
    }

    @Test
    void connectionsMadeBeforeThePasswordStayLoggedIn() {
        RespConnection before = open(daemon.connect());
        before.expect("+PONG\r\n", "PING"); // the server has taken the connection in
        redis.expect(OK, "CONFIG", "SET", "requirepass", "s3cret");
        before.expect("+PONG\r\n", "PING");
        redis.expect(bulks("requirepass", "s3cret"), "CONFIG", "GET", "requirepass");
    }

    @Test
    void thePasswordCanChange() {
        redis.expect(OK, "CONFIG", "SET", "requirepass", "first");
        redis.expect(OK, "CONFIG", "SET", "requirepass", "second");
        RespConnection c = open(daemon.connect());
        c.expect(WRONGPASS, "AUTH", "first");
        c.expect(OK, "AUTH", "second");
        RespConnection neverLoggedIn = open(daemon.connect());
        neverLoggedIn.expect(NOAUTH, "PING");
        redis.expect(OK, "CONFIG", "SET", "requirepass", "");
        open(daemon.connect()).expect("+PONG\r\n", "PING");
        neverLoggedIn.expect("+PONG\r\n", "PING"); // no password any more: nothing to log in to
    }

    /** Until a client is in, Redis refuses big requests outright: no need to buffer them for a stranger. */
    @Test
    void clientsThatHaveNotLoggedInGetSmallRequestLimits() {
        redis.expect(OK, "CONFIG", "SET", "requirepass", "s3cret");
        try (RespConnection c = daemon.connect()) {
            c.sendRaw("*1\r\n$20000\r\n");
            c.expectBytes("-ERR Protocol error: unauthenticated bulk length\r\n");
            c.expectClosed();
        }
        try (RespConnection c = daemon.connect()) {
            c.sendRaw("*20\r\n");
            c.expectBytes("-ERR Protocol error: unauthenticated multibulk length\r\n");
            c.expectClosed();
        }
        RespConnection c = open(daemon.connect());
        c.expect(OK, "AUTH", "s3cret");
        String big = "x".repeat(20000);
        c.expect(OK, "SET", "big", big);
        c.expect(bulk(big), "GET", "big");
    }

    @Test
    void jedisLogsInWithThePassword() {
        redis.expect(OK, "CONFIG", "SET", "requirepass", "s3cret");
        try (Jedis jedis = daemon.jedis("s3cret")) {
            assertEquals("OK", jedis.set("k", "v"));
            assertEquals("v", jedis.get("k"));
        }
        try (Jedis jedis = daemon.jedis()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.get("k"));
            assertEquals("NOAUTH Authentication required.", e.getMessage());
        }
        JedisDataException e = assertThrows(JedisDataException.class, () -> {
            try (Jedis jedis = daemon.jedis("wrong")) {
                jedis.ping();
            }
        });
        assertEquals("WRONGPASS invalid username-password pair or user is disabled.", e.getMessage());
    }

    /** The requirepass config key (flag or file) sets the password from the start. */
    @Test
    void requirepassFromTheConfiguration() {
        daemon.assumeDepot();
        try (RespDaemon configured = RespDaemon.startDepot(c -> c.withRequirePass("from config"), Optional.empty());
             RespConnection c = configured.connect()) {
            c.expect(NOAUTH, "PING");
            c.expect(OK, "AUTH", "from config");
            c.expect(bulks("requirepass", "from config"), "CONFIG", "GET", "requirepass");
            c.expect("+PONG\r\n", "PING");
        }
    }
}
