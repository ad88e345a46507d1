package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * pipeline their commands to overlap as much as possible; all run for {@link #DURATION_MILLIS}
 * and the first broken invariant is reported. Against the code before these commands took
 * their keys' locks together, each of these tests failed within that time.
 */
class RespMultiKeyAtomicityTest extends RespTestBase {
    private static final long DURATION_MILLIS = 1_500;
    private static final int PIPELINE = 20;

    /** One client's part: called once per round on its own connection; returns a violation or null. */
    @FunctionalInterface
    private interface Round {
        String run(RespConnection c, int round);
    }

    /**
     * Runs every writer and reader round after round, all released together, until the time is
     * up or one reports a violation (which stops the others); fails with the first violation.
     */
    private void race(List<Round> writers, List<Round> readers) throws Exception {
        List<Round> all = new ArrayList<>(writers);
        all.addAll(readers);
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (Round round : all) {
                results.add(pool.submit(() -> {
                    try (RespConnection c = daemon.connect()) {
                        start.await();
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DURATION_MILLIS);
                        for (int r = 0; running.get() && System.nanoTime() < end; r++) {
                            String violation = round.run(c, r);
                            if (violation != null) {
                                running.set(false);
                                return violation;
                            }
                        }
                        return null;
                    }
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertEquals(null, result.get(DURATION_MILLIS + 5_000, TimeUnit.MILLISECONDS));
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    /** Sends the same command {@link #PIPELINE} times in a pipeline and checks every reply with {@code ok}. */
    private static String pipeline(RespConnection c, String[] command, Function<String, Boolean> ok) {
        return pipeline(c, java.util.Collections.nCopies(PIPELINE, command), ok);
    }

    /** Sends the commands in a pipeline, then reads every reply, checking each with {@code ok}. */
    private static String pipeline(RespConnection c, List<String[]> commands, Function<String, Boolean> ok) {
        for (String[] command : commands) {
            c.send(command);
        }
        String violation = null;
        for (String[] command : commands) {
            String reply = c.reply();
            if (violation == null && !ok.apply(reply)) {
                violation = String.join(" ", command) + " answered " + printable(reply);
            }
        }
        return violation;
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

    /** Eight values renamed back and forth between two names each; EXEC checks every pair at once. */
    @Test
    void aRenamedKeyIsNeverSeenUnderBothNamesOrNeither() throws Exception {
        int pairs = 8;
        String[][] exists = new String[2 * pairs][];
        for (int p = 0; p < pairs; p++) {
            redis.expect(OK, "SET", "a" + p, "token");
            exists[2 * p] = new String[] {"EXISTS", "a" + p};
            exists[2 * p + 1] = new String[] {"EXISTS", "b" + p};
        }
        Function<String, Boolean> renamed = reply -> reply.equals(OK) || reply.equals("-ERR no such key\r\n");
        // there and back again, pair after pair: uncontended, every one of them succeeds
        Round rename = (c, r) -> {
            List<String[]> commands = new ArrayList<>();
            for (int i = 0; i < PIPELINE; i++) {
                int p = (r + i / 2) % pairs;
                commands.add(i % 2 == 0 ? new String[] {"RENAME", "a" + p, "b" + p} : new String[] {"RENAME", "b" + p, "a" + p});
            }
            return pipeline(c, commands, renamed);
        };
        Round nx = (c, r) -> pipeline(c, new String[] {"RENAMENX", "a" + r % pairs, "b" + r % pairs},
                reply -> reply.equals(num(0)) || reply.equals(num(1)) || reply.equals("-ERR no such key\r\n"));
        Round reader = (c, r) -> {
            String seen = atOneInstant(c, exists);
            String[] lines = seen.split("\r\n");
            for (int p = 0; p < pairs; p++) {
                if (!(lines[1 + 2 * p] + lines[2 + 2 * p]).equals(":1:0") && !(lines[1 + 2 * p] + lines[2 + 2 * p]).equals(":0:1")) {
                    return "a" + p + " and b" + p + " seen as " + lines[1 + 2 * p] + " " + lines[2 + 2 * p];
                }
            }
            return null;
        };
        race(List.of(rename, rename, nx), List.of(reader, reader));
        for (int p = 0; p < pairs; p++) {
            redis.expect(num(1), "EXISTS", "a" + p, "b" + p);
        }
    }

    @Test
    void msetAcrossShardsIsAllOrNothingForMget() throws Exception {
        int keys = 16; // spread over many of the 256 shards
        String[] mget = new String[1 + keys];
        mget[0] = "MGET";
        for (int k = 0; k < keys; k++) {
            mget[1 + k] = "key:" + k;
        }
        Round writer = (c, r) -> {
            String[] mset = new String[1 + 2 * keys];
            mset[0] = "MSET";
            for (int k = 0; k < keys; k++) {
                mset[1 + 2 * k] = "key:" + k;
                mset[2 + 2 * k] = Thread.currentThread().getId() + ":" + r;
            }
            return pipeline(c, mset, OK::equals);
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
        Round writer = (c, r) -> {
            List<String[]> commands = new ArrayList<>();
            for (int i = 0; i < PIPELINE; i++) {
                String member = "m" + (r + i / 2) % 10;
                commands.add(i % 2 == 0 ? new String[] {"SMOVE", "s1", "s2", member} : new String[] {"SMOVE", "s2", "s1", member});
            }
            return pipeline(c, commands, moved);
        };
        List<Round> writers = List.of(writer, writer, writer);
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
        Round sets = (c, r) -> {
            List<String[]> commands = new ArrayList<>();
            for (int i = 0; i < PIPELINE; i++) {
                String member = "m" + (r + i / 2) % 10;
                commands.add(i % 2 == 0 ? new String[] {"SMOVE", "s1", "s2", member} : new String[] {"SMOVE", "s2", "s1", member});
            }
            return pipeline(c, commands, moved);
        };
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

    /**
     * The writer sets x and y to one same value at a time (MSET): their XOR is all zeros, unless
     * BITOP mixes two MSETs. BITOP names them the other way round, so that a non-atomic pair of
     * reads overlapping a non-atomic pair of writes would see one old and one new value.
     */
    @Test
    void bitopReadsAllItsSourcesAtOneInstant() throws Exception {
        int size = 16 * 1024; // values that take a while to copy: a mixed read has room to happen
        String zeros = bulk("\u0000".repeat(size));
        Round writer = (c, r) -> {
            List<String[]> commands = new ArrayList<>();
            for (int i = 0; i < PIPELINE; i++) {
                String value = String.valueOf((char) ('a' + (r + i) % 26)).repeat(size);
                commands.add(new String[] {"MSET", "x", value, "y", value});
            }
            return pipeline(c, commands, OK::equals);
        };
        Round reader = (c, r) -> {
            String key = "xor-" + Thread.currentThread().getId();
            String length = c.call("BITOP", "XOR", key, "y", "x");
            if (length.equals(num(0))) {
                return null; // before the first MSET
            }
            String xor = c.call("GET", key);
            return xor.equals(zeros) ? null : "x XOR y is not all zeros";
        };
        race(List.of(writer, writer), List.of(reader, reader, reader));
    }
}
