package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-key commands are atomic outside MULTI: writers run them over and over on their own
 * connections while readers look at all the keys at one instant (EXEC, which runs with every
 * shard locked, or MGET) and check an invariant that a half-done command would break. Writers
 * pipeline their commands to overlap as much as possible; every task stops when the writers are
 * done, and the first broken invariant is reported.
 */
class RespMultiKeyAtomicityTest extends RespTestBase {
    private static final int ROUNDS = 150;
    private static final int PIPELINE = 20;

    /** One client's part: called once per round on its own connection; returns a violation or null. */
    @FunctionalInterface
    private interface Round {
        String run(RespConnection c, int round);
    }

    /**
     * Runs the writers for {@link #ROUNDS} rounds and the readers until the writers finish, all
     * released together; fails with the first violation any of them reports.
     */
    private void race(List<Round> writers, List<Round> readers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size() + readers.size());
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch writersLeft = new CountDownLatch(writers.size());
        List<Future<String>> results = new ArrayList<>();
        try {
            for (Round writer : writers) {
                results.add(pool.submit(task(start, c -> {
                    try {
                        for (int r = 0; r < ROUNDS; r++) {
                            String violation = writer.run(c, r);
                            if (violation != null) {
                                return violation;
                            }
                        }
                        return null;
                    } finally {
                        writersLeft.countDown();
                    }
                })));
            }
            for (Round reader : readers) {
                results.add(pool.submit(task(start, c -> {
                    for (int r = 0; writing.get(); r++) {
                        String violation = reader.run(c, r);
                        if (violation != null) {
                            return violation;
                        }
                    }
                    return null;
                })));
            }
            start.countDown();
            assertTrue(writersLeft.await(8, TimeUnit.SECONDS), "the writers did not finish in time");
            writing.set(false);
            for (Future<String> result : results) {
                String violation = result.get(8, TimeUnit.SECONDS);
                assertEquals(null, violation);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    private Callable<String> task(CountDownLatch start, Function<RespConnection, String> body) {
        return () -> {
            try (RespConnection c = daemon.connect()) {
                start.await();
                return body.apply(c);
            }
        };
    }

    /** Sends a pipeline of the same command and reads every reply, checking each with {@code ok}. */
    private static String pipeline(RespConnection c, String[] command, Function<String, Boolean> ok) {
        for (int i = 0; i < PIPELINE; i++) {
            c.send(command);
        }
        for (int i = 0; i < PIPELINE; i++) {
            String reply = c.reply();
            if (!ok.apply(reply)) {
                return String.join(" ", command) + " answered " + printable(reply);
            }
        }
        return null;
    }

    /** MULTI, the commands, EXEC: the replies of the commands, read at one instant. */
    private static String atOneInstant(RespConnection c, String[]... commands) {
        c.send("MULTI");
        for (String[] command : commands) {
            c.send(command);
        }
        c.send("EXEC");
        c.reply();
        for (String[] ignored : commands) {
            c.reply();
        }
        return c.reply();
    }

    /** The values of an array of bulk strings, null for a nil. */
    private static List<String> bulkValues(String reply) {
        String[] lines = reply.split("\r\n", -1);
        List<String> values = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            if (lines[i].equals("$-1")) {
                values.add(null);
            } else {
                values.add(lines[++i]);
            }
        }
        return values;
    }

    @Test
    void aRenamedKeyIsNeverSeenUnderBothNamesOrNeither() throws Exception {
        redis.expect(OK, "SET", "a", "token");
        Function<String, Boolean> renamed = reply -> reply.equals(OK) || reply.equals("-ERR no such key\r\n");
        Round there = (c, r) -> pipeline(c, new String[] {"RENAME", "a", "b"}, renamed);
        Round back = (c, r) -> pipeline(c, new String[] {"RENAME", "b", "a"}, renamed);
        Round nx = (c, r) -> pipeline(c, new String[] {"RENAMENX", "a", "b"},
                reply -> reply.equals(num(0)) || reply.equals(num(1)) || reply.equals("-ERR no such key\r\n"));
        Round reader = (c, r) -> {
            String seen = atOneInstant(c, new String[] {"EXISTS", "a"}, new String[] {"EXISTS", "b"});
            return seen.equals("*2\r\n:1\r\n:0\r\n") || seen.equals("*2\r\n:0\r\n:1\r\n") ? null
                    : "a and b seen as " + printable(seen);
        };
        race(List.of(there, back, nx), List.of(reader, reader));
        redis.expect(num(1), "EXISTS", "a", "b");
    }

    @Test
    void msetAcrossShardsIsAllOrNothingForMget() throws Exception {
        int keys = 16; // spread over many of the 256 shards
        String[] mset = new String[1 + 2 * keys];
        String[] mget = new String[1 + keys];
        mset[0] = "MSET";
        mget[0] = "MGET";
        for (int k = 0; k < keys; k++) {
            mset[1 + 2 * k] = "key:" + k;
            mget[1 + k] = "key:" + k;
        }
        Round writer = (c, r) -> {
            for (int k = 0; k < keys; k++) {
                mset[2 + 2 * k] = Integer.toString(r);
            }
            return pipeline(c, mset.clone(), OK::equals);
        };
        Round reader = (c, r) -> {
            String seen = c.call(mget);
            return new HashSet<>(bulkValues(seen)).size() == 1 ? null : "MGET saw a half-done MSET: " + printable(seen);
        };
        race(List.of(writer, writer), List.of(reader, reader));
    }

    @Test
    void smoveNeverLosesOrDuplicatesAMember() throws Exception {
        for (int m = 0; m < 10; m++) {
            redis.expect(num(1), "SADD", "s1", "m" + m);
        }
        Function<String, Boolean> moved = reply -> reply.equals(num(0)) || reply.equals(num(1));
        List<Round> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add((c, r) -> pipeline(c, new String[] {"SMOVE", "s1", "s2", "m" + r % 10}, moved));
            writers.add((c, r) -> pipeline(c, new String[] {"SMOVE", "s2", "s1", "m" + r % 10}, moved));
        }
        Round reader = (c, r) -> {
            String seen = atOneInstant(c, new String[] {"SCARD", "s1"}, new String[] {"SCARD", "s2"});
            String[] lines = seen.split("\r\n");
            int total = Integer.parseInt(lines[1].substring(1)) + Integer.parseInt(lines[2].substring(1));
            return total == 10 ? null : "SCARD s1 + SCARD s2 = " + total;
        };
        race(writers, List.of(reader, reader));
    }

    @Test
    void lmoveAndRpoplpushNeverLoseOrDuplicateAnElement() throws Exception {
        for (int e = 0; e < 10; e++) {
            redis.expect(num(e + 1), "RPUSH", "l1", "e" + e);
        }
        Function<String, Boolean> moved = reply -> reply.startsWith("$");
        Round there = (c, r) -> pipeline(c, new String[] {"LMOVE", "l1", "l2", "LEFT", "RIGHT"}, moved);
        Round back = (c, r) -> pipeline(c, new String[] {"RPOPLPUSH", "l2", "l1"}, moved);
        Round reader = (c, r) -> {
            String seen = atOneInstant(c, new String[] {"LLEN", "l1"}, new String[] {"LLEN", "l2"});
            String[] lines = seen.split("\r\n");
            int total = Integer.parseInt(lines[1].substring(1)) + Integer.parseInt(lines[2].substring(1));
            return total == 10 ? null : "LLEN l1 + LLEN l2 = " + total;
        };
        race(List.of(there, back, there, back), List.of(reader, reader));
    }

    /** The sources move members between them atomically (SMOVE, EXEC); the union of both never changes. */
    @Test
    void storeFormsReadAllTheirSourcesAtOneInstant() throws Exception {
        for (int m = 0; m < 10; m++) {
            redis.expect(num(1), "SADD", "s1", "m" + m);
            redis.expect(num(1), "SADD", "all", "m" + m);
            redis.expect(num(1), "ZADD", "z1", Integer.toString(m), "m" + m);
        }
        Function<String, Boolean> moved = reply -> reply.equals(num(0)) || reply.equals(num(1));
        Round sets = (c, r) -> pipeline(c, new String[] {"SMOVE", r % 2 == 0 ? "s1" : "s2", r % 2 == 0 ? "s2" : "s1",
                "m" + r / 2 % 10}, moved);
        Round sortedSets = (c, r) -> {
            String from = r % 2 == 0 ? "z1" : "z2";
            String to = r % 2 == 0 ? "z2" : "z1";
            String member = "m" + r / 2 % 10;
            String done = atOneInstant(c, new String[] {"ZREM", from, member}, new String[] {"ZADD", to, "1", member});
            return done.startsWith("*2\r\n") ? null : "moving " + member + " answered " + printable(done);
        };
        Round unionOfSets = (c, r) -> {
            String stored = c.call("SUNIONSTORE", "union", "s1", "s2");
            return stored.equals(num(10)) ? null : "SUNIONSTORE stored " + printable(stored);
        };
        Round unionOfSortedSets = (c, r) -> {
            String stored = c.call("ZUNIONSTORE", "zunion", "2", "z1", "z2");
            return stored.equals(num(10)) ? null : "ZUNIONSTORE stored " + printable(stored);
        };
        Round intersectionAndDifference = (c, r) -> {
            String inter = c.call("SINTERSTORE", "inter", "s1", "s2"); // the two never share a member
            String rest = c.call("SDIFFSTORE", "rest", "all", "s1", "s2"); // and hold every member together
            return inter.equals(num(0)) && rest.equals(num(0)) ? null
                    : "SINTERSTORE stored " + printable(inter) + ", SDIFFSTORE stored " + printable(rest);
        };
        race(List.of(sets, sortedSets, sets), List.of(unionOfSets, unionOfSortedSets, intersectionAndDifference));
    }

    /** The writer sets x and y to one same value at a time (MSET): their XOR is all zeros, unless BITOP mixes two MSETs. */
    @Test
    void bitopReadsAllItsSourcesAtOneInstant() throws Exception {
        String zeros = bulk("\u0000".repeat(8));
        Round writer = (c, r) -> {
            String value = String.valueOf((char) ('a' + r % 26)).repeat(8);
            return pipeline(c, new String[] {"MSET", "x", value, "y", value}, OK::equals);
        };
        Round reader = (c, r) -> {
            String key = "xor-" + Thread.currentThread().getId();
            String length = c.call("BITOP", "XOR", key, "x", "y");
            if (length.equals(num(0))) {
                return null; // before the first MSET
            }
            String xor = c.call("GET", key);
            return xor.equals(zeros) ? null : "x XOR y = " + printable(xor);
        };
        race(List.of(writer, writer), List.of(reader, reader));
    }
}
