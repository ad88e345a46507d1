package dev.depot.server.it.resp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keyspace notifications as redis-server 7.0.15 publishes them (each expectation was recorded
 * from one): a subscriber on {@code __key*__:*} and on a marker channel, a writer that runs a
 * command and then publishes to the marker, so the events between belong to that command.
 */
class RespKeyspaceNotificationsTest extends RespTestBase {
    private static final String MARKER = "__marker__";

    @AfterEach
    void notificationsOff() {
        try (RespConnection c = daemon.connect()) {
            c.expect(OK, "CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    /** A subscriber to every keyspace channel and the marker, in RESP2 or RESP3. */
    private RespConnection subscriber(boolean resp3) {
        RespConnection sub = open(daemon.connect());
        if (resp3) {
            sub.call("HELLO", "3");
        }
        sub.call("PSUBSCRIBE", "__key*__:*");
        sub.call("PSUBSCRIBE", MARKER);
        return sub;
    }

    private void events(String flags) {
        redis.expect(OK, "CONFIG", "SET", "notify-keyspace-events", flags);
    }

    /** Runs {@code command} and returns "channel message" for each event it published. */
    private List<String> eventsOf(RespConnection sub, String... command) {
        redis.call(command);
        redis.call("PUBLISH", MARKER, "x");
        List<String> out = new ArrayList<>();
        while (true) {
            String[] parts = sub.reply().split("\r\n");
            // >4 or *4, $8 pmessage, $n pattern, $n channel, $n message
            String channel = parts[6];
            if (channel.equals(MARKER)) {
                return out;
            }
            out.add(channel + " " + parts[8]);
        }
    }

    private static List<String> keyevents(String... eventAndKey) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < eventAndKey.length; i += 2) {
            out.add("__keyevent@0__:" + eventAndKey[i] + " " + eventAndKey[i + 1]);
        }
        return out;
    }

    @Test
    void eachEventGoesToTheKeyspaceChannelThenTheKeyeventChannel() {
        RespConnection sub = subscriber(false);
        events("KEA");
        assertEquals(List.of("__keyspace@0__:k set", "__keyevent@0__:set k"), eventsOf(sub, "SET", "k", "v"));
        assertEquals(List.of("__keyspace@0__:k rename_from", "__keyevent@0__:rename_from k",
                "__keyspace@0__:k2 rename_to", "__keyevent@0__:rename_to k2"), eventsOf(sub, "RENAME", "k", "k2"));
        assertEquals(List.of("__keyspace@0__:k2 move_from", "__keyevent@0__:move_from k2",
                "__keyspace@1__:k2 move_to", "__keyevent@1__:move_to k2"), eventsOf(sub, "MOVE", "k2", "1"));
    }

    @Test
    void stringAndGenericCommandsPublishRedissEvents() {
        RespConnection sub = subscriber(false);
        events("EA");
        assertEquals(keyevents("set", "s", "expire", "s"), eventsOf(sub, "SET", "s", "1", "EX", "100"));
        assertEquals(List.of(), eventsOf(sub, "SET", "s", "2", "NX"));
        assertEquals(keyevents("set", "s"), eventsOf(sub, "SET", "s", "3", "GET"));
        assertEquals(keyevents("set", "t", "expire", "t"), eventsOf(sub, "SETEX", "t", "100", "v"));
        assertEquals(keyevents("setrange", "s"), eventsOf(sub, "SETRANGE", "s", "3", "abc"));
        assertEquals(keyevents("incrby", "n"), eventsOf(sub, "DECR", "n"));
        assertEquals(keyevents("incrbyfloat", "f"), eventsOf(sub, "INCRBYFLOAT", "f", "1.5"));
        assertEquals(keyevents("append", "s"), eventsOf(sub, "APPEND", "s", "x"));
        assertEquals(keyevents("set", "s"), eventsOf(sub, "GETSET", "s", "y"));
        assertEquals(keyevents("set", "a", "set", "b"), eventsOf(sub, "MSET", "a", "1", "b", "2"));
        assertEquals(List.of(), eventsOf(sub, "MSETNX", "a", "1", "c", "2"));
        assertEquals(keyevents("del", "a", "del", "b"), eventsOf(sub, "DEL", "a", "zz", "b"));
        assertEquals(keyevents("del", "s"), eventsOf(sub, "GETDEL", "s"));
        assertEquals(List.of(), eventsOf(sub, "GETDEL", "s"));
        assertEquals(keyevents("persist", "t"), eventsOf(sub, "PERSIST", "t"));
        assertEquals(List.of(), eventsOf(sub, "PERSIST", "t"));
        assertEquals(keyevents("expire", "t"), eventsOf(sub, "PEXPIRE", "t", "100000"));
        assertEquals(keyevents("persist", "t"), eventsOf(sub, "GETEX", "t", "PERSIST"));
        assertEquals(keyevents("copy_to", "u"), eventsOf(sub, "COPY", "t", "u"));
        assertEquals(keyevents("del", "u"), eventsOf(sub, "EXPIRE", "u", "0"));
    }

    @Test
    void collectionCommandsPublishOnlyWhatTheyChanged() {
        RespConnection sub = subscriber(false);
        events("EA");
        assertEquals(keyevents("rpush", "l"), eventsOf(sub, "RPUSH", "l", "a", "b", "c"));
        assertEquals(keyevents("linsert", "l"), eventsOf(sub, "LINSERT", "l", "BEFORE", "a", "q"));
        assertEquals(List.of(), eventsOf(sub, "LINSERT", "l", "BEFORE", "zz", "q"));
        assertEquals(keyevents("lset", "l"), eventsOf(sub, "LSET", "l", "0", "w"));
        assertEquals(keyevents("lrem", "l"), eventsOf(sub, "LREM", "l", "1", "w"));
        assertEquals(keyevents("ltrim", "l"), eventsOf(sub, "LTRIM", "l", "0", "1"));
        assertEquals(keyevents("rpush", "l2", "lpop", "l"), eventsOf(sub, "LMOVE", "l", "l2", "LEFT", "RIGHT"));
        assertEquals(keyevents("lpush", "l2", "rpop", "l", "del", "l"), eventsOf(sub, "RPOPLPUSH", "l", "l2"));
        assertEquals(keyevents("rpop", "l2", "del", "l2"), eventsOf(sub, "RPOP", "l2", "5"));

        assertEquals(keyevents("hset", "h"), eventsOf(sub, "HSET", "h", "f", "1", "g", "2"));
        assertEquals(List.of(), eventsOf(sub, "HSETNX", "h", "f", "3"));
        assertEquals(keyevents("hincrby", "h"), eventsOf(sub, "HINCRBY", "h", "g", "3"));
        assertEquals(keyevents("hincrbyfloat", "h"), eventsOf(sub, "HINCRBYFLOAT", "h", "g", "1.5"));
        assertEquals(List.of(), eventsOf(sub, "HDEL", "h", "zz"));
        assertEquals(keyevents("hdel", "h", "del", "h"), eventsOf(sub, "HDEL", "h", "f", "g"));

        assertEquals(keyevents("sadd", "s1"), eventsOf(sub, "SADD", "s1", "a", "b"));
        assertEquals(List.of(), eventsOf(sub, "SADD", "s1", "a"));
        assertEquals(List.of(), eventsOf(sub, "SREM", "s1", "zz"));
        assertEquals(keyevents("srem", "s1", "sadd", "s2"), eventsOf(sub, "SMOVE", "s1", "s2", "a"));
        assertEquals(keyevents("sunionstore", "d"), eventsOf(sub, "SUNIONSTORE", "d", "s1", "s2"));
        assertEquals(keyevents("del", "d"), eventsOf(sub, "SINTERSTORE", "d", "s1", "s2"));
        assertEquals(List.of(), eventsOf(sub, "SINTERSTORE", "d", "s1", "s2"));
        assertEquals(keyevents("srem", "s1", "del", "s1", "sadd", "s2"), eventsOf(sub, "SMOVE", "s1", "s2", "b"));
        assertEquals(keyevents("spop", "s2", "del", "s2"), eventsOf(sub, "SPOP", "s2", "5"));

        assertEquals(keyevents("zadd", "z"), eventsOf(sub, "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"));
        assertEquals(List.of(), eventsOf(sub, "ZADD", "z", "1", "a"));
        assertEquals(keyevents("zincr", "z"), eventsOf(sub, "ZADD", "z", "INCR", "5", "a"));
        assertEquals(keyevents("zincr", "z"), eventsOf(sub, "ZINCRBY", "z", "1", "b"));
        assertEquals(keyevents("zrem", "z"), eventsOf(sub, "ZREM", "z", "a", "zz"));
        assertEquals(List.of(), eventsOf(sub, "ZREMRANGEBYSCORE", "z", "100", "200"));
        assertEquals(keyevents("zremrangebyrank", "z"), eventsOf(sub, "ZREMRANGEBYRANK", "z", "0", "0"));
        assertEquals(keyevents("zrangestore", "zr"), eventsOf(sub, "ZRANGESTORE", "zr", "z", "0", "-1"));
        assertEquals(keyevents("zunionstore", "zu"), eventsOf(sub, "ZUNIONSTORE", "zu", "2", "z", "zr"));
        assertEquals(keyevents("del", "zu"), eventsOf(sub, "ZINTERSTORE", "zu", "2", "z", "nosuch"));
        assertEquals(keyevents("zpopmin", "z"), eventsOf(sub, "ZPOPMIN", "z"));
        assertEquals(keyevents("zpopmax", "z", "del", "z"), eventsOf(sub, "ZPOPMAX", "z", "5"));
    }

    @Test
    void setbitAndBitopPublishWhenTheyWrite() {
        RespConnection sub = subscriber(false);
        events("EA");
        assertEquals(keyevents("setbit", "b"), eventsOf(sub, "SETBIT", "b", "3", "1"));
        assertEquals(List.of(), eventsOf(sub, "SETBIT", "b", "3", "1")); // the bit it already was
        assertEquals(keyevents("setbit", "b"), eventsOf(sub, "SETBIT", "b", "3", "0"));
        assertEquals(keyevents("setbit", "b"), eventsOf(sub, "SETBIT", "b", "100", "0")); // the string grows
        assertEquals(keyevents("set", "d"), eventsOf(sub, "BITOP", "AND", "d", "b", "nosuch"));
        assertEquals(keyevents("set", "d"), eventsOf(sub, "BITOP", "NOT", "d", "d"));
        assertEquals(keyevents("del", "d"), eventsOf(sub, "BITOP", "OR", "d", "nosuch", "nosuch2"));
        assertEquals(List.of(), eventsOf(sub, "BITOP", "OR", "d", "nosuch", "nosuch2"));
        assertEquals(keyevents("setrange", "b"), eventsOf(sub, "SETRANGE", "b", "1", "x"));
        assertEquals(List.of(), eventsOf(sub, "SETRANGE", "b", "1", ""));
    }

    /** n: a key created where none was, before the command's own event; a key overwritten in place is not new. */
    @Test
    void newKeysAreAnnouncedBeforeTheWrite() {
        RespConnection sub = subscriber(false);
        events("Eg$lshzn");
        assertEquals(keyevents("new", "k", "set", "k"), eventsOf(sub, "SET", "k", "v"));
        assertEquals(keyevents("set", "k"), eventsOf(sub, "SET", "k", "w"));
        assertEquals(keyevents("new", "l", "rpush", "l"), eventsOf(sub, "RPUSH", "l", "a", "b"));
        assertEquals(keyevents("new", "h", "hincrby", "h"), eventsOf(sub, "HINCRBY", "h", "f", "1"));
        assertEquals(keyevents("new", "b", "setbit", "b"), eventsOf(sub, "SETBIT", "b", "0", "1"));
        assertEquals(keyevents("new", "r", "setrange", "r"), eventsOf(sub, "SETRANGE", "r", "2", "x"));
        assertEquals(List.of(), eventsOf(sub, "SETRANGE", "r2", "2", ""));
        assertEquals(keyevents("new", "n", "incrby", "n"), eventsOf(sub, "INCR", "n"));
        assertEquals(keyevents("new", "a", "append", "a"), eventsOf(sub, "APPEND", "a", "x"));
        assertEquals(keyevents("new", "bo", "set", "bo"), eventsOf(sub, "BITOP", "NOT", "bo", "b"));
        assertEquals(List.of(), eventsOf(sub, "ZADD", "z", "XX", "1", "m"));
        assertEquals(List.of(), eventsOf(sub, "LPUSHX", "nol", "a"));
        // the destination of RENAME and COPY is deleted and created anew, even where a key was
        assertEquals(keyevents("new", "l", "rename_from", "k", "rename_to", "l"), eventsOf(sub, "RENAME", "k", "l"));
        assertEquals(keyevents("new", "a", "copy_to", "a"), eventsOf(sub, "COPY", "l", "a", "REPLACE"));
        assertEquals(List.of("__keyevent@2__:new a", "__keyevent@2__:copy_to a"), eventsOf(sub, "COPY", "l", "a", "DB", "2"));
        assertEquals(List.of("__keyevent@3__:new a", "__keyevent@0__:move_from a", "__keyevent@3__:move_to a"),
                eventsOf(sub, "MOVE", "a", "3"));
        // a STORE overwrites its destination in place
        assertEquals(keyevents("new", "s", "sadd", "s"), eventsOf(sub, "SADD", "s", "x"));
        assertEquals(keyevents("new", "d", "sunionstore", "d"), eventsOf(sub, "SUNIONSTORE", "d", "s"));
        assertEquals(keyevents("sunionstore", "d"), eventsOf(sub, "SUNIONSTORE", "d", "s", "s"));
        assertEquals(keyevents("new", "zu", "zunionstore", "zu"), eventsOf(sub, "ZUNIONSTORE", "zu", "1", "s"));
        assertEquals(keyevents("zunionstore", "zu"), eventsOf(sub, "ZUNIONSTORE", "zu", "1", "s"));
        assertEquals(keyevents("new", "q", "rpush", "q"), eventsOf(sub, "RPUSH", "q", "a", "b"));
        assertEquals(keyevents("new", "q2", "lpush", "q2", "rpop", "q"), eventsOf(sub, "RPOPLPUSH", "q", "q2"));
    }

    /**
     * Each key of MSET, MSETNX and SMOVE is announced new before its write; between keys, Depot
     * announces every new key first (Redis interleaves: new a, set a, new b, set b; and SMOVE's
     * srem of the source comes before the destination's new).
     */
    @Test
    void multiKeyWritesAnnounceEachNewKeyBeforeItsWrite() {
        RespConnection sub = subscriber(false);
        events("E$sgn");
        assertEquals(keyevents("new", "a", "set", "a"), eventsOf(sub, "SET", "a", "0"));
        List<String> events = eventsOf(sub, "MSET", "a", "1", "b", "2", "c", "3");
        assertEquals(keyevents("set", "a"), ofKey(events, "a"));
        assertEquals(keyevents("new", "b", "set", "b"), ofKey(events, "b"));
        assertEquals(keyevents("new", "c", "set", "c"), ofKey(events, "c"));
        assertEquals(5, events.size());
        events = eventsOf(sub, "MSETNX", "x", "1", "y", "2");
        assertEquals(keyevents("new", "x", "set", "x"), ofKey(events, "x"));
        assertEquals(keyevents("new", "y", "set", "y"), ofKey(events, "y"));
        assertEquals(keyevents("new", "s", "sadd", "s"), eventsOf(sub, "SADD", "s", "m"));
        events = eventsOf(sub, "SMOVE", "s", "s2", "m");
        assertEquals(keyevents("srem", "s", "del", "s"), ofKey(events, "s"));
        assertEquals(keyevents("new", "s2", "sadd", "s2"), ofKey(events, "s2"));
        assertEquals(4, events.size());
    }

    private static List<String> ofKey(List<String> events, String key) {
        return events.stream().filter(e -> e.endsWith(" " + key)).toList();
    }

    /** 'n' is not part of 'A', and CONFIG GET does not show it beside A, yet it stays on. */
    @Test
    void newKeyEventsStayOnBesideA() {
        RespConnection sub = subscriber(false);
        events("KEAn");
        redis.expect(RespConnection.arr(bulk("notify-keyspace-events"), bulk("AKE")),
                "CONFIG", "GET", "notify-keyspace-events");
        assertEquals(List.of("__keyspace@0__:k new", "__keyevent@0__:new k", "__keyspace@0__:k set",
                "__keyevent@0__:set k"), eventsOf(sub, "SET", "k", "v"));
        events("KEA");
        assertEquals(List.of("__keyspace@0__:k2 set", "__keyevent@0__:set k2"), eventsOf(sub, "SET", "k2", "v"));
    }

    /** m: a read that finds no key; writes that find none, and keys of another type, are no misses. */
    @Test
    void readsOfMissingKeysAreKeyMisses() {
        RespConnection sub = subscriber(false);
        events("Em");
        redis.expect(OK, "SET", "str", "v");
        redis.expect(RespConnection.num(1), "RPUSH", "l", "a");
        assertEquals(keyevents("keymiss", "nk"), eventsOf(sub, "GET", "nk"));
        assertEquals(List.of(), eventsOf(sub, "GET", "str"));
        assertEquals(List.of(), eventsOf(sub, "GET", "l")); // WRONGTYPE, not a miss
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "MGET", "str", "n1", "l", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n1"), eventsOf(sub, "EXISTS", "n1", "str", "n1"));
        assertEquals(keyevents("keymiss", "n1"), eventsOf(sub, "TOUCH", "n1", "str"));
        for (String[] read : new String[][] {{"TYPE", "nk"}, {"TTL", "nk"}, {"PEXPIRETIME", "nk"}, {"STRLEN", "nk"},
                {"GETRANGE", "nk", "0", "1"}, {"GETBIT", "nk", "1"}, {"BITCOUNT", "nk"}, {"GETEX", "nk", "PERSIST"},
                {"GETDEL", "nk"}, {"COPY", "nk", "x"}, {"HGET", "nk", "f"}, {"HGETALL", "nk"}, {"HSCAN", "nk", "0"},
                {"LRANGE", "nk", "0", "-1"}, {"LINDEX", "nk", "0"}, {"SMEMBERS", "nk"}, {"SISMEMBER", "nk", "a"},
                {"SRANDMEMBER", "nk"}, {"ZSCORE", "nk", "a"}, {"ZRANGE", "nk", "0", "-1"}, {"ZRANK", "nk", "a"},
                {"ZRANGESTORE", "d", "nk", "0", "-1"}, {"SET", "nk", "v", "NX", "GET"}}) {
            assertEquals(keyevents("keymiss", "nk"), eventsOf(sub, read), String.join(" ", read));
            redis.call("DEL", "nk");
        }
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "LCS", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "SUNION", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "SINTERSTORE", "d", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "ZUNIONSTORE", "d", "2", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "ZINTERCARD", "2", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1", "keymiss", "n2"), eventsOf(sub, "BITOP", "OR", "d", "n1", "n2"));
        assertEquals(keyevents("keymiss", "n1"), eventsOf(sub, "BITOP", "OR", "d", "n1", "l")); // then WRONGTYPE
        for (String[] write : new String[][] {{"DEL", "nk"}, {"EXPIRE", "nk", "10"}, {"PERSIST", "nk"},
                {"RENAME", "nk", "x"}, {"MOVE", "nk", "1"}, {"LPOP", "nk"}, {"LMOVE", "nk", "x", "LEFT", "LEFT"},
                {"SREM", "nk", "a"}, {"SMOVE", "nk", "x", "a"}, {"ZPOPMIN", "nk"}, {"HDEL", "nk", "f"},
                {"LSET", "nk", "0", "x"}, {"OBJECT", "ENCODING", "nk"}, {"SCAN", "0", "MATCH", "nk"}}) {
            assertEquals(List.of(), eventsOf(sub, write), String.join(" ", write));
        }
    }

    /** With both, a read's miss comes first: SET ... GET on a missing key is a keymiss, then a new key, then set. */
    @Test
    void aMissANewKeyAndTheWriteComeInRedissOrder() {
        RespConnection sub = subscriber(false);
        events("E$nm");
        assertEquals(keyevents("keymiss", "k", "new", "k", "set", "k"), eventsOf(sub, "SET", "k", "v", "GET"));
        assertEquals(keyevents("keymiss", "g", "new", "g", "set", "g"), eventsOf(sub, "GETSET", "g", "v"));
        assertEquals(keyevents("set", "k"), eventsOf(sub, "SET", "k", "w", "GET"));
    }

    @Test
    void theFlagsChooseChannelKindsAndClasses() {
        RespConnection sub = subscriber(false);
        events("K$");
        assertEquals(List.of("__keyspace@0__:k set"), eventsOf(sub, "SET", "k", "v"));
        assertEquals(List.of(), eventsOf(sub, "DEL", "k"));
        events("El");
        assertEquals(List.of(), eventsOf(sub, "SET", "k", "v"));
        assertEquals(keyevents("lpush", "l"), eventsOf(sub, "LPUSH", "l", "a"));
        events("A"); // classes without a channel kind publish nothing
        assertEquals(List.of(), eventsOf(sub, "LPUSH", "l", "a"));
        events("gK");
        assertEquals(List.of("__keyspace@0__:l del"), eventsOf(sub, "DEL", "l"));
        redis.expect(RespConnection.arr(bulk("notify-keyspace-events"), bulk("gK")),
                "CONFIG", "GET", "notify-keyspace-events");
    }

    @Test
    void nothingIsPublishedWhileNotificationsAreOff() {
        RespConnection sub = subscriber(false);
        events("");
        assertEquals(List.of(), eventsOf(sub, "SET", "k", "v"));
        assertEquals(List.of(), eventsOf(sub, "DEL", "k"));
    }

    @Test
    void aResp3SubscriberGetsPushes() {
        RespConnection sub = subscriber(true);
        events("E$");
        redis.call("SET", "k", "v");
        assertEquals(">4\r\n" + bulk("pmessage") + bulk("__key*__:*") + bulk("__keyevent@0__:set") + bulk("k"),
                sub.reply());
    }

    @Test
    void aKeyThatExpiresIsAnnouncedOnceGone() {
        RespConnection sub = subscriber(false);
        events("Ex");
        assertEquals(List.of(), eventsOf(sub, "SET", "t", "v", "PX", "30"));
        // active expiry finds it without any access; the subscriber's read waits for it
        String[] parts = sub.reply().split("\r\n");
        assertEquals("__keyevent@0__:expired t", parts[6] + " " + parts[8]);
    }

    @Test
    void aKeyWrittenAfterItExpiredIsAnnouncedAsExpiredAndSetAgain() {
        RespConnection sub = subscriber(false);
        events("Ex$");
        List<String> events = new ArrayList<>(eventsOf(sub, "SET", "u", "1", "PX", "1"));
        long past = System.nanoTime() + 5_000_000;
        while (System.nanoTime() < past) {
            Thread.onSpinWait(); // a clock condition, not an event: the key's millisecond must be over
        }
        events.addAll(eventsOf(sub, "SET", "u", "2"));
        // the write finds it expired (expired, then set) unless the sweep got there first, on
        // its own thread, whose event may then cross the write's: the order is not asserted
        events.sort(null);
        assertEquals(List.of("__keyevent@0__:expired u", "__keyevent@0__:set u", "__keyevent@0__:set u"), events);
    }
}
