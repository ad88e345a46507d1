package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.csc.Cache;
import redis.clients.jedis.csc.DefaultCache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client-side caching: CLIENT TRACKING in its modes, CLIENT CACHING, GETREDIR, TRACKINGINFO,
 * and the invalidations that writes from other connections, from the tracking connection
 * itself and from memcached send. Expectations are redis-server 7.0.15's bytes; the class runs
 * against it with {@code -Ddepot.resp.reference=HOST:PORT} (the memcached cases skip then).
 *
 * <p>Nothing here sleeps: an invalidation expected on a connection is read as its next reply;
 * one that must not come is checked by causing another afterwards and reading that one next
 * (pushes to a connection go out in the order the writes made them).
 */
class RespClientTrackingTest extends RespTestBase {
    private static final String INVALIDATE = ">2\r\n$10\r\ninvalidate\r\n";
    private static final String FORGET_ALL = INVALIDATE + "_\r\n";

    /** The RESP3 push that invalidates {@code keys}. */
    private static String invalidate(String... keys) {
        return INVALIDATE + bulks(keys);
    }

    /** The message a subscribed RESP2 redirect target receives for {@code keys}. */
    private static String message(String... keys) {
        return "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n" + bulks(keys);
    }

    private RespConnection resp3() {
        RespConnection c = open(daemon.connect());
        assertTrue(c.call("HELLO", "3").startsWith("%"));
        return c;
    }

    private RespConnection resp2() {
        return open(daemon.connect());
    }

    private static long id(RespConnection c) {
        String reply = c.call("CLIENT", "ID");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    private static void expectNext(RespConnection c, String expected) {
        assertEquals(printable(expected), printable(c.reply()));
    }

    @Test
    void aKeyReadIsInvalidatedOnceByAWriteFromAnotherConnection() {
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON");
        cache.expect("_\r\n", "GET", "k1");
        cache.expect("*2\r\n_\r\n_\r\n", "MGET", "k2", "k3");
        cache.expect(num(0), "EXISTS", "k4");
        redis.expect(OK, "SET", "k1", "v");
        expectNext(cache, invalidate("k1"));
        // forgotten: a second write sends nothing, the next one on another read key comes next
        redis.expect(OK, "SET", "k1", "w");
        redis.expect(num(1), "DEL", "k1");
        redis.expect(num(1), "RPUSH", "k4", "x");
        expectNext(cache, invalidate("k4"));
        redis.expect(OK, "MSET", "k2", "x", "k3", "y");
        expectNext(cache, invalidate("k2"));
        expectNext(cache, invalidate("k3"));
        // a key name is one key for tracking, whatever the database
        cache.expect(bulk("x"), "GET", "k2");
        redis.expect(OK, "SELECT", "9");
        redis.expect(OK, "SET", "k2", "elsewhere");
        expectNext(cache, invalidate("k2"));
    }

    @Test
    void aClientsOwnWriteInvalidatesAfterItsReplyAndNoloopSilencesIt() {
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON");
        cache.expect("_\r\n", "GET", "k");
        cache.send("SET", "k", "mine");
        cache.expectBytes(OK + invalidate("k"));
        cache.expect(bulk("mine"), "GET", "k");
        cache.send("DEL", "k");
        cache.expectBytes(num(1) + invalidate("k"));

        cache.expect(OK, "CLIENT", "TRACKING", "ON", "NOLOOP");
        cache.expect("_\r\n", "GET", "n");
        cache.expect(OK, "SET", "n", "mine");
        cache.expect("+PONG\r\n", "PING"); // nothing between the two replies
        // its own write forgot the key too: another client's write sends nothing
        redis.expect(OK, "SET", "n", "theirs");
        cache.expect("_\r\n", "GET", "marker");
        redis.expect(OK, "SET", "marker", "x");
        expectNext(cache, invalidate("marker"));
    }

    @Test
    void inRedirectModeARespTwoSubscriberGetsMessagesOnTheInvalidateChannel() {
        RespConnection target = resp2();
        long targetId = id(target);
        target.expect("*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n", "SUBSCRIBE",
                "__redis__:invalidate");
        RespConnection cache = resp2();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(targetId));
        cache.expect(num(targetId), "CLIENT", "GETREDIR");
        cache.expect(NIL, "GET", "k");
        redis.expect(OK, "SET", "k", "v");
        expectNext(target, message("k"));
        cache.expect(bulk("v"), "GET", "k");
        redis.expect(OK, "FLUSHALL");
        expectNext(target, "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n");
        assertTrue(cache.call("CLIENT", "INFO").contains(" flags=t db=0 "));
        assertTrue(cache.call("CLIENT", "INFO").contains(" redir=" + targetId + " "));
    }

    @Test
    void aRespThreeRedirectTargetGetsPushes() {
        RespConnection target = resp3();
        long targetId = id(target);
        RespConnection cache = resp2();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(targetId));
        cache.expect(NIL, "GET", "k");
        redis.expect(OK, "SET", "k", "v");
        expectNext(target, invalidate("k"));
    }

    @Test
    void aGoneRedirectTargetIsReportedToTheTrackingClient() {
        RespConnection target = resp2();
        long targetId = id(target);
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(targetId));
        cache.expect("_\r\n", "GET", "a");
        cache.expect("_\r\n", "GET", "b");
        target.close();
        pollUntil(Duration.ofSeconds(5), "the redirect target to be gone",
                () -> redis.call("CLIENT", "LIST", "ID", Long.toString(targetId)).equals(EMPTY),
                () -> redis.call("CLIENT", "LIST"));
        String broken = ">2\r\n$21\r\ntracking-redir-broken\r\n" + num(targetId);
        redis.expect(OK, "SET", "a", "x");
        expectNext(cache, broken);
        redis.expect(OK, "SET", "b", "x");
        expectNext(cache, broken);
        assertTrue(cache.call("CLIENT", "INFO").contains(" flags=tR "));
        cache.expect("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$15\r\nbroken_redirect\r\n$8\r\nredirect\r\n"
                + num(targetId) + "$8\r\nprefixes\r\n*0\r\n", "CLIENT", "TRACKINGINFO");
        // turning tracking on again clears the flag
        cache.expect(OK, "CLIENT", "TRACKING", "ON");
        assertTrue(cache.call("CLIENT", "INFO").contains(" flags=t "));
    }

    @Test
    void flushesMakeEveryTrackingClientForgetEverything() {
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "NOLOOP");
        RespConnection broadcast = resp3();
        broadcast.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST");
        cache.expect("_\r\n", "GET", "k");
        redis.expect(OK, "FLUSHALL");
        expectNext(cache, FORGET_ALL);
        expectNext(broadcast, FORGET_ALL);
        redis.expect(OK, "SELECT", "4");
        redis.expect(OK, "FLUSHDB");
        expectNext(cache, FORGET_ALL);
        expectNext(broadcast, FORGET_ALL);
        // the client's own flush too, after its reply, NOLOOP or not
        cache.send("FLUSHDB");
        cache.expectBytes(OK + FORGET_ALL);
        expectNext(broadcast, FORGET_ALL);
    }

    /** The message a RESP2 subscriber to {@code __keyevent@0__:*} receives for {@code event} on {@code key}. */
    private static String keyevent(String event, String key) {
        return "*4\r\n" + bulk("pmessage") + bulk("__keyevent@0__:*") + bulk("__keyevent@0__:" + event) + bulk(key);
    }

    /**
     * Tracking and keyspace notifications hear the storage layer through one listener: either
     * may be turned on or off without the other losing anything, and a value rewritten in place
     * (the same length, never read out) is a change like any other.
     */
    @Test
    void trackingAndKeyspaceNotificationsGoOnWithoutEachOther() {
        RespConnection sub = resp2();
        sub.call("PSUBSCRIBE", "__keyevent@0__:*");
        RespConnection cache = resp3();
        try {
            redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "Enm");
            cache.expect(OK, "CLIENT", "TRACKING", "ON");
            cache.expect("_\r\n", "GET", "k");
            expectNext(sub, keyevent("keymiss", "k"));
            redis.expect(OK, "SET", "k", "v");
            expectNext(cache, invalidate("k"));
            expectNext(sub, keyevent("new", "k"));

            // notifications off: tracking goes on
            redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "");
            cache.expect(num(1), "EXISTS", "k");
            redis.expect(OK, "SET", "k", "w");
            expectNext(cache, invalidate("k"));

            // tracking off, notifications on again: as before, and then tracking back on beside them
            cache.expect(OK, "CLIENT", "TRACKING", "OFF");
            redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "Em");
            redis.expect(NIL, "GET", "gone");
            expectNext(sub, keyevent("keymiss", "gone"));
            cache.expect(OK, "CLIENT", "TRACKING", "ON");
            cache.expect("_\r\n", "GET", "other");
            expectNext(sub, keyevent("keymiss", "other"));
            cache.expect(num(1), "STRLEN", "k");
            redis.expect(OK, "SET", "k", "x");
            expectNext(cache, invalidate("k"));
            redis.expect(NIL, "GET", "gone");
            expectNext(sub, keyevent("keymiss", "gone")); // the write published nothing: no class of it is on
        } finally {
            redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @Test
    void broadcastModeSendsEveryChangeUnderTheClientsPrefixes() {
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "user:", "PREFIX", "obj:");
        redis.expect(OK, "SET", "user:1", "x");
        expectNext(cache, invalidate("user:1"));
        // one command's keys come together, per prefix, in order
        redis.expect(OK, "MSET", "user:2", "b", "user:1", "a", "obj:1", "c", "other", "d");
        expectNext(cache, invalidate("obj:1"));
        expectNext(cache, invalidate("user:1", "user:2"));
        redis.expect(OK, "SET", "nope", "x");
        redis.expect(num(0), "DEL", "user:9"); // changed nothing
        redis.expect(num(1), "DEL", "user:1");
        expectNext(cache, invalidate("user:1"));
        cache.send("SET", "obj:2", "mine");
        cache.expectBytes(OK + invalidate("obj:2"));
        cache.expect("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n"
                + "$8\r\nprefixes\r\n*2\r\n$4\r\nobj:\r\n$5\r\nuser:\r\n", "CLIENT", "TRACKINGINFO");
        assertTrue(cache.call("CLIENT", "INFO").contains(" flags=tB "));
        // NOLOOP: the client's own writes are left out
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "NOLOOP");
        cache.expect(OK, "SET", "user:5", "mine");
        cache.expect("+PONG\r\n", "PING");
        redis.expect(OK, "SET", "zzz", "theirs"); // under the empty prefix NOLOOP's BCAST added
        expectNext(cache, invalidate("zzz"));
    }

    @Test
    void optInAndOptOutFollowClientCaching() {
        RespConnection cache = resp3();
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "OPTIN");
        cache.expect("_\r\n", "GET", "not-cached");
        cache.expect(OK, "CLIENT", "CACHING", "YES");
        cache.expect("_\r\n", "GET", "cached");
        cache.expect("_\r\n", "GET", "after");
        redis.expect(OK, "SET", "not-cached", "x");
        redis.expect(OK, "SET", "after", "x");
        redis.expect(OK, "SET", "cached", "x");
        expectNext(cache, invalidate("cached"));
        // YES holds across other CLIENT commands, and for a whole transaction
        cache.expect(OK, "CLIENT", "CACHING", "YES");
        assertTrue(cache.call("CLIENT", "ID").startsWith(":"));
        cache.expect(OK, "MULTI");
        cache.expect("+QUEUED\r\n", "GET", "m1");
        cache.expect("+QUEUED\r\n", "GET", "m2");
        cache.expect("*2\r\n_\r\n_\r\n", "EXEC");
        cache.expect("_\r\n", "GET", "m3");
        redis.expect(OK, "MSET", "m3", "z", "m1", "x", "m2", "y");
        expectNext(cache, invalidate("m1"));
        expectNext(cache, invalidate("m2"));
        // a refused command uses it up too
        cache.expect(OK, "CLIENT", "CACHING", "YES");
        cache.expect(arity("get"), "GET", "a", "b");
        cache.expect("_\r\n", "GET", "refused");
        redis.expect(OK, "SET", "refused", "x");
        cache.expect(err("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode."),
                "CLIENT", "CACHING", "NO");
        cache.expect(err("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client,"
                + " and then re-enabling it with a different mode."), "CLIENT", "TRACKING", "ON", "OPTOUT");

        cache.expect(OK, "CLIENT", "TRACKING", "OFF");
        cache.expect(OK, "CLIENT", "TRACKING", "ON", "OPTOUT");
        cache.expect(OK, "CLIENT", "CACHING", "NO");
        cache.expect("%3\r\n$5\r\nflags\r\n~3\r\n$2\r\non\r\n$6\r\noptout\r\n$10\r\ncaching-no\r\n$8\r\nredirect\r\n"
                + ":0\r\n$8\r\nprefixes\r\n*0\r\n", "CLIENT", "TRACKINGINFO");
        cache.expect("_\r\n", "GET", "skipped");
        cache.expect("_\r\n", "GET", "tracked");
        redis.expect(OK, "SET", "skipped", "x");
        redis.expect(OK, "SET", "tracked", "x");
        expectNext(cache, invalidate("tracked"));
    }

    @Test
    void trackingErrorsAndStateAreRedissOwn() {
        RespConnection c = resp2();
        long self = id(c);
        c.expect(arity("client|tracking"), "CLIENT", "TRACKING");
        c.expect(syntaxError(), "CLIENT", "TRACKING", "maybe");
        c.expect(syntaxError(), "CLIENT", "TRACKING", "ON", "REDIRECT");
        c.expect(RespConnection.notAnInteger(), "CLIENT", "TRACKING", "ON", "REDIRECT", "x");
        c.expect(err("ERR The client ID you want redirect to does not exist"),
                "CLIENT", "TRACKING", "OFF", "REDIRECT", "999999");
        c.expect(err("ERR A client can only redirect to a single other client"),
                "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(self), "REDIRECT", Long.toString(self));
        c.expect(err("ERR PREFIX option requires BCAST mode to be enabled"), "CLIENT", "TRACKING", "ON", "PREFIX", "a");
        c.expect(err("ERR OPTIN and OPTOUT are not compatible with BCAST"), "CLIENT", "TRACKING", "ON", "BCAST", "OPTIN");
        c.expect(err("ERR You can't specify both OPTIN mode and OPTOUT mode"), "CLIENT", "TRACKING", "ON", "OPTIN",
                "OPTOUT");
        c.expect(err("ERR Prefix 'a' overlaps with another provided prefix 'ab'. Prefixes for a single client must"
                + " not overlap."), "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "a", "PREFIX", "ab");
        c.expect(err("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or"
                + " OPTOUT mode enabled"), "CLIENT", "CACHING", "YES");
        c.expect(num(-1), "CLIENT", "GETREDIR");
        String off = "*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n";
        c.expect(off, "CLIENT", "TRACKINGINFO");
        assertTrue(c.call("CLIENT", "INFO").contains(" redir=-1 "));

        c.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "b");
        c.expect(err("ERR Prefix 'bc' overlaps with an existing prefix 'b'. Prefixes for a single client must not"
                + " overlap."), "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "bc", "PREFIX", "x");
        c.expect(err("ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then"
                + " re-enabling it with a different mode."), "CLIENT", "TRACKING", "ON");
        c.expect(err("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode."),
                "CLIENT", "CACHING", "YES");
        c.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "c", "NOLOOP");
        c.expect(num(0), "CLIENT", "GETREDIR");
        c.expect("*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\nbcast\r\n$6\r\nnoloop\r\n$8\r\nredirect\r\n:0\r\n"
                + "$8\r\nprefixes\r\n" + bulks("b", "c"), "CLIENT", "TRACKINGINFO");
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=tB "));
        c.expect(OK, "CLIENT", "TRACKING", "OFF");
        c.expect(off, "CLIENT", "TRACKINGINFO");
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=N "));
    }

    @Test
    void infoCountsTrackingClientsKeysAndPrefixes() {
        RespConnection cache = resp2();
        RespConnection broadcast = resp2();
        cache.expect(OK, "CLIENT", "TRACKING", "ON");
        cache.expect(NIL, "GET", "a");
        cache.expect("*2\r\n$-1\r\n$-1\r\n", "MGET", "a", "b");
        broadcast.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "p", "PREFIX", "q");
        // connections of earlier tests may still be closing
        pollUntil(Duration.ofSeconds(5), "two tracking clients",
                () -> redis.call("INFO", "clients").contains("\r\ntracking_clients:2\r\n"),
                () -> printable(redis.call("INFO", "clients")));
        String stats = redis.call("INFO", "stats");
        assertTrue(stats.contains("\r\ntracking_total_keys:2\r\ntracking_total_items:2\r\ntracking_total_prefixes:2\r\n"),
                printable(stats));
        broadcast.expect(OK, "CLIENT", "TRACKING", "OFF");
        redis.expect(OK, "SET", "a", "x");
        stats = redis.call("INFO", "stats");
        assertTrue(stats.contains("\r\ntracking_total_keys:1\r\ntracking_total_items:1\r\ntracking_total_prefixes:0\r\n"),
                printable(stats));
        String clients = redis.call("INFO", "clients");
        assertTrue(clients.contains("\r\ntracking_clients:1\r\n"), printable(clients));
    }

    @Test
    void memcachedWritesAndFlushesInvalidateToo() {
        daemon.assumeDepot();
        RespConnection cache = resp3();
        RespConnection memcached = open(daemon.memcached());
        cache.expect(OK, "CLIENT", "TRACKING", "ON");
        cache.expect("_\r\n", "GET", "mk");
        memcached.sendRaw("set mk 0 0 1\r\nx\r\n").expectBytes("STORED\r\n");
        expectNext(cache, invalidate("mk"));
        cache.expect(bulk("x"), "GET", "mk");
        memcached.sendRaw("touch mk 100\r\n").expectBytes("TOUCHED\r\n");
        expectNext(cache, invalidate("mk"));
        cache.expect(bulk("x"), "GET", "mk");
        memcached.sendRaw("delete mk\r\n").expectBytes("DELETED\r\n");
        expectNext(cache, invalidate("mk"));
        memcached.sendRaw("flush_all\r\n").expectBytes("OK\r\n");
        expectNext(cache, FORGET_ALL);

        RespConnection broadcast = resp3();
        broadcast.expect(OK, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "m");
        memcached.sendRaw("set mk 0 0 1\r\nx\r\nset other 0 0 1\r\ny\r\nset mz 0 0 1\r\nz\r\n")
                .expectBytes("STORED\r\nSTORED\r\nSTORED\r\n");
        expectNext(broadcast, invalidate("mk"));
        expectNext(broadcast, invalidate("mz"));
    }

    @Test
    void jedisClientSideCacheSeesAnotherClientsWrite() {
        // Jedis checks for Redis 7.4 before caching; its compatibility mode lets 7.0 (and Depot) in
        Cache cache = new DefaultCache(100) {
            @Override
            public boolean compatibilityMode() {
                return true;
            }
        };
        HostAndPort address = new HostAndPort(daemon.respAddress().getHostString(), daemon.respAddress().getPort());
        try (UnifiedJedis cached = new UnifiedJedis(address, DefaultJedisClientConfig.builder().resp3()
                .socketTimeoutMillis(RespDaemon.TIMEOUT_MILLIS).build(), cache);
             Jedis writer = daemon.jedis()) {
            writer.set("csc", "one");
            assertEquals("one", cached.get("csc"));
            assertEquals("one", cached.get("csc"));
            assertEquals(1, cache.getStats().getHitCount());
            writer.set("csc", "two");
            List<String> seen = new ArrayList<>();
            pollUntil(Duration.ofSeconds(5), "the cached value to be invalidated", () -> {
                seen.add(cached.get("csc"));
                return seen.get(seen.size() - 1).equals("two");
            }, seen::toString);
            assertTrue(cache.getStats().getInvalidationCount() >= 1);
        }
    }
}
