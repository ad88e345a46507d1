package dev.depot.server.resp.sidebyside;

import dev.depot.config.DepotConfig;
import dev.depot.server.it.InProcessDaemon;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Side-by-side behaviour check against a real redis-server 7.0 started by this test: for each
 * seed, a random command stream ({@link StreamGenerator}, commands from the {@link Family}
 * table) goes to Redis and to an in-process Depot over raw sockets, reply by reply, and the two
 * must agree ({@link Match}: exactly, except where Redis defines no order or the clock or chance
 * decides). A third of the seeds run in RESP3 (HELLO 3 first). At the end of each seed every
 * database is compared key by key ({@link StateCheck}).
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code depot.sidebyside.seed}: run this seed only (a failure report names its seed);
 *   <li>{@code depot.sidebyside.seeds}: how many seeds, from {@code depot.sidebyside.from} (default 1) on;
 *   <li>{@code depot.sidebyside.steps}: steps per seed;
 *   <li>{@code depot.sidebyside.history}: how many earlier commands a failure report shows;
 *   <li>{@code depot.sidebyside.redis}: path of the redis-server binary (default: PATH).
 * </ul>
 */
class RedisSideBySideTest {
    private static final int DEFAULT_SEEDS = 64;
    private static final int DEFAULT_STEPS = 600;

    private static ReferenceRedis redis;
    private static InProcessDaemon.Started depot;
    private static InetSocketAddress depotAddress;
    /** Known differences (see {@link KnownDifference}) seen over all seeds, reported at the end. */
    private static final Map<String, Integer> TOLERATED = new ConcurrentSkipListMap<>();

    @BeforeAll
    static void startServers() throws Exception {
        redis = ReferenceRedis.start();
        String version = redis.version();
        if (!version.startsWith("7.0.")) {
            throw new IllegalStateException("the side-by-side check is calibrated on Redis 7.0 (the commands it leaves "
                    + "out, the features Depot takes from 7.2), but redis-server on PATH is " + version);
        }
        depot = InProcessDaemon.start("depot-sidebyside-", dataDir -> DepotConfig.defaults()
                .withPorts(InProcessDaemon.freePort(), InProcessDaemon.freePort(), 0)
                .withDataDir(dataDir));
        depotAddress = depot.server().addresses().get(1);
    }

    @AfterAll
    static void stopServers() {
        TOLERATED.forEach((difference, times) -> System.out.println(
                "side-by-side: known difference seen " + times + " time(s): " + difference));
        try {
            if (depot != null) {
                InProcessDaemon.stop(depot);
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> randomCommandStreams() {
        String only = System.getProperty("depot.sidebyside.seed", "");
        LongStream seeds = only.isBlank()
                ? LongStream.range(0, Long.getLong("depot.sidebyside.seeds", DEFAULT_SEEDS))
                        .map(i -> i + Long.getLong("depot.sidebyside.from", 1))
                : LongStream.of(Long.parseLong(only));
        int steps = Integer.getInteger("depot.sidebyside.steps", DEFAULT_STEPS);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed + " (RESP" + protocol(seed) + ")",
                () -> play(seed, steps)));
    }

    /** A third of the seeds talk RESP3 on the main connection. */
    private static int protocol(long seed) {
        return seed % 3 == 2 ? 3 : 2;
    }

    private static void play(long seed, int steps) {
        Duel.Run run = new Duel.Run("seed " + seed + " (RESP" + protocol(seed) + ", " + steps + " steps)",
                "mvn -o -q -pl server -am test -Dtest=RedisSideBySideTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Ddepot.sidebyside.seed=" + seed
                        + (steps == DEFAULT_STEPS ? "" : " -Ddepot.sidebyside.steps=" + steps));
        try (RespLink redisMain = RespLink.open("redis-server", redis.address());
             RespLink redisOther = RespLink.open("redis-server", redis.address());
             RespLink redisInspect = RespLink.open("redis-server", redis.address());
             RespLink depotMain = RespLink.open("depot", depotAddress);
             RespLink depotOther = RespLink.open("depot", depotAddress);
             RespLink depotInspect = RespLink.open("depot", depotAddress)) {
            flushAll(redisInspect);
            flushAll(depotInspect);
            Duel duel = new Duel(new Duel.Side("redis-server", redisMain, redisOther),
                    new Duel.Side("depot", depotMain, depotOther), run);
            if (protocol(seed) == 3) {
                duel.play(new Step.Single(new Request(Request.Client.MAIN, List.of("HELLO", "3"),
                        new Handling.Compare(Match.Rule.SHAPE))));
            }
            StreamGenerator stream = new StreamGenerator(new Draw(new Random(seed), System.currentTimeMillis() / 1000));
            for (int i = 0; i < steps; i++) {
                duel.play(stream.next());
            }
            StateCheck.compare(duel, redisInspect, depotInspect);
            duel.tolerated().forEach((difference, times) -> TOLERATED.merge(difference, times, Integer::sum));
        }
    }

    private static void flushAll(RespLink link) {
        Reply reply = link.call("FLUSHALL");
        if (!"OK".equals(reply.string())) {
            throw new IllegalStateException(link.server() + " refused FLUSHALL: " + reply);
        }
    }
}
