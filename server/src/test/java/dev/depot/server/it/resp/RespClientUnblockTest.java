package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLIENT UNBLOCK from one connection ends another's blocking command, as its timeout would or
 * with the UNBLOCKED error; expectations are redis-server 7.0.15's bytes (run against it with
 * {@code -Ddepot.resp.reference=HOST:PORT}).
 */
class RespClientUnblockTest extends RespTestBase {
    private static final String UNBLOCKED = err("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    /** Every blocking command, each waiting for ever on keys that stay empty. */
    private static final List<String[]> BLOCKING = List.of(
            new String[] {"BLPOP", "l", "0"},
            new String[] {"BRPOP", "l", "m", "0"},
            new String[] {"BLMOVE", "l", "d", "LEFT", "RIGHT", "0"},
            new String[] {"BRPOPLPUSH", "l", "d", "0"},
            new String[] {"BLMPOP", "0", "2", "l", "m", "LEFT"},
            new String[] {"BZPOPMIN", "z", "0"},
            new String[] {"BZPOPMAX", "z", "0"},
            new String[] {"BZMPOP", "0", "1", "z", "MIN", "COUNT", "2"});

    private static long id(RespConnection c) {
        String reply = c.call("CLIENT", "ID");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    @Test
    void everyBlockingCommandEndsAsOnTimeoutOrWithTheError() {
        RespConnection blocked = open(daemon.connect());
        String id = Long.toString(id(blocked));
        for (String[] command : BLOCKING) {
            BlockedClient.start(blocked, command);
            assertTrue(redis.call("CLIENT", "LIST", "ID", id).contains(" flags=b "), command[0]);
            redis.expect(num(1), "CLIENT", "UNBLOCK", id);
            blocked.expectBytes("*-1\r\n");
            BlockedClient.start(blocked, command);
            redis.expect(num(1), "CLIENT", "UNBLOCK", id, "error");
            blocked.expectBytes(UNBLOCKED);
            BlockedClient.start(blocked, command);
            redis.expect(num(1), "CLIENT", "UNBLOCK", id, "TIMEOUT");
            blocked.expectBytes("*-1\r\n");
            // the connection takes commands again, and no longer waits on the keys
            blocked.expect("+PONG\r\n", "PING");
            redis.expect(num(0), "CLIENT", "UNBLOCK", id);
        }
        redis.expect(num(1), "RPUSH", "l", "x");
        redis.expect(num(1), "LLEN", "l");
    }

    @Test
    void aRespThreeClientGetsItsNullReply() {
        RespConnection blocked = open(daemon.connect());
        assertTrue(blocked.call("HELLO", "3").startsWith("%"));
        String id = Long.toString(id(blocked));
        BlockedClient.start(blocked, "BZPOPMIN", "z", "0");
        redis.expect(num(1), "CLIENT", "UNBLOCK", id, "TIMEOUT");
        blocked.expectBytes("_\r\n");
        BlockedClient.start(blocked, "BLMOVE", "l", "d", "LEFT", "RIGHT", "0");
        redis.expect(num(1), "CLIENT", "UNBLOCK", id, "ERROR");
        blocked.expectBytes(UNBLOCKED);
    }

    @Test
    void commandsSentBehindTheBlockedOneRunAfterIt() {
        RespConnection blocked = open(daemon.connect());
        String id = Long.toString(id(blocked));
        BlockedClient.start(blocked, "BLPOP", "l", "0");
        blocked.send("SET", "after", "1");
        blocked.send("GET", "after");
        redis.expect(num(1), "CLIENT", "UNBLOCK", id);
        blocked.expectBytes("*-1\r\n" + OK + bulk("1"));
        // a later push is not taken by the client that left
        redis.expect(num(1), "LPUSH", "l", "v");
        redis.expect(num(1), "LLEN", "l");
    }

    @Test
    void onlyABlockedClientIsUnblocked() {
        RespConnection idle = open(daemon.connect());
        String id = Long.toString(id(idle));
        redis.expect(num(0), "CLIENT", "UNBLOCK", id);
        redis.expect(num(0), "CLIENT", "UNBLOCK", "999999");
        redis.expect(num(0), "CLIENT", "UNBLOCK", "-5");
        redis.expect(num(0), "CLIENT", "UNBLOCK", Long.toString(id(redis)));
        redis.expect(arity("client|unblock"), "CLIENT", "UNBLOCK");
        redis.expect(notAnInteger(), "CLIENT", "UNBLOCK", "abc");
        redis.expect(err("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"), "CLIENT", "UNBLOCK", id, "later");
        redis.expect(err("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP."),
                "CLIENT", "unblock", id, "TIMEOUT", "x");
        idle.expect("+PONG\r\n", "PING");
    }

    @Test
    void anUnblockQueuedInATransactionRunsAtExec() {
        RespConnection blocked = open(daemon.connect());
        String id = Long.toString(id(blocked));
        BlockedClient.start(blocked, "BRPOP", "l", "0");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "CLIENT", "UNBLOCK", id, "ERROR");
        redis.expect("+QUEUED\r\n", "CLIENT", "UNBLOCK", id, "ERROR");
        redis.expect("*2\r\n:1\r\n:0\r\n", "EXEC");
        blocked.expectBytes(UNBLOCKED);
    }
}
