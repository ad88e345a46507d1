package dev.depot.server.it.amqp.sidebyside;

import dev.depot.config.DepotConfig;
import dev.depot.server.it.InProcessDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Side-by-side check of Depot's AMQP 0-9-1 listener against a real RabbitMQ 3.10: every client
 * program of the catalogues below runs against a private RabbitMQ node started by this test
 * ({@link ReferenceRabbitMq}) and against Depot in this JVM, at the same time, and the two
 * {@link Observations} must be equal. A difference fails the program's test with both logs
 * (RabbitMQ's as expected, Depot's as actual); every run also writes both logs under
 * {@code target/amqp-sidebyside/}.
 *
 * <p>Each run names its queues and exchanges with its own token (removed again in the logs), so
 * that runs never see each other's leftovers. System properties:
 * <ul>
 *   <li>{@code depot.sidebyside.only}: a regex; only programs whose name matches run;
 *   <li>{@code depot.sidebyside.target}: {@code depot} (default) or {@code rabbitmq}, which runs
 *       every program twice against the same RabbitMQ: checks that the programs themselves
 *       observe only what RabbitMQ defines;
 *   <li>{@code depot.sidebyside.rabbitmq-port}: use the RabbitMQ 3.10 already listening on
 *       this loopback port (guest/guest) instead of starting one, to iterate quickly;
 *   <li>{@code depot.sidebyside.rabbitmq-server}: the start script (default: PATH, /usr/sbin).
 * </ul>
 */
class AmqpSideBySideTest {
    private static final String REFERENCE_VERSION = "3.10.8";
    private static final Path REPORT_DIR = Path.of("target", "amqp-sidebyside");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private record Target(String name, int port) {
    }

    private static ReferenceRabbitMq startedRabbitMq;
    private static InProcessDaemon.Started depot;
    private static Target reference;
    private static Target target;
    private static ExecutorService sides;

    @BeforeAll
    static void startBrokers() throws Exception {
        String mode = System.getProperty("depot.sidebyside.target", "depot");
        if (!mode.equals("depot") && !mode.equals("rabbitmq")) {
            throw new IllegalArgumentException("depot.sidebyside.target must be 'depot' or 'rabbitmq', not '" + mode + "'");
        }
        String running = System.getProperty("depot.sidebyside.rabbitmq-port", "");
        int rabbitPort;
        if (running.isBlank()) {
            startedRabbitMq = ReferenceRabbitMq.start();
            rabbitPort = startedRabbitMq.port();
            String version = startedRabbitMq.version();
            if (!version.equals(REFERENCE_VERSION)) {
                throw new IllegalStateException("the side-by-side programs are checked against RabbitMQ "
                        + REFERENCE_VERSION + ", but the installed rabbitmq-server is " + version);
            }
        } else {
            rabbitPort = Integer.parseInt(running);
        }
        reference = new Target("rabbitmq", rabbitPort);
        if (mode.equals("rabbitmq")) {
            target = new Target("rabbitmq#2", rabbitPort);
        } else {
            depot = InProcessDaemon.start("depot-amqp-sidebyside-", dataDir ->
                    DepotConfig.defaults().withPorts(0, 0, InProcessDaemon.freePort()).withDataDir(dataDir));
            target = new Target("depot", depot.server().addresses().get(0).getPort());
        }
        sides = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "amqp-sidebyside");
            t.setDaemon(true);
            return t;
        });
        Files.createDirectories(REPORT_DIR);
    }

    @AfterAll
    static void stopBrokers() {
        if (sides != null) {
            sides.shutdownNow();
        }
        try {
            if (depot != null) {
                InProcessDaemon.stop(depot);
            }
        } finally {
            if (startedRabbitMq != null) {
                startedRabbitMq.close();
            }
        }
    }

    static List<Program> programs() {
        return Stream.of(RoutingPrograms.all(), PublishingPrograms.all(), ConsumingPrograms.all(),
                QueueFeaturePrograms.all(), ErrorPrograms.all(), ExtensionPrograms.all()).flatMap(List::stream).toList();
    }

    @TestFactory
    Stream<DynamicTest> sideBySide() {
        String only = System.getProperty("depot.sidebyside.only", "");
        Pattern filter = only.isBlank() ? null : Pattern.compile(only);
        return programs().stream()
                .filter(p -> filter == null || filter.matcher(p.name()).find())
                .map(p -> DynamicTest.dynamicTest(p.name(), () -> compare(p)));
    }

    private static void compare(Program program) throws IOException {
        String rabbit;
        String other;
        if (target.port() == reference.port()) {
            // one after the other: both runs would share the predeclared exchanges (amq.fanout)
            rabbit = observe(program, reference);
            other = observe(program, target);
        } else {
            CompletableFuture<String> expected = CompletableFuture.supplyAsync(() -> observe(program, reference), sides);
            CompletableFuture<String> actual = CompletableFuture.supplyAsync(() -> observe(program, target), sides);
            rabbit = expected.join();
            other = actual.join();
        }
        String file = program.name().replaceAll("[^A-Za-z0-9]+", "-");
        Files.writeString(REPORT_DIR.resolve(file + "." + reference.name() + ".log"), rabbit);
        Files.writeString(REPORT_DIR.resolve(file + "." + target.name() + ".log"), other);
        assertEquals(rabbit, other, () -> target.name() + " observed differently from RabbitMQ "
                + REFERENCE_VERSION + " in '" + program.name() + "'\n--- " + reference.name() + "\n" + rabbit
                + "--- " + target.name() + "\n" + other);
    }

    /** Runs {@code program} against {@code side}; what stopped it is part of what it observed. */
    private static String observe(Program program, Target side) {
        String token = "sbs" + RUNS.incrementAndGet() + "x" + Integer.toString(ThreadLocalRandom.current()
                .nextInt(1 << 20), 36) + "~";
        Observations log = new Observations(token);
        try (ProgramRun run = new ProgramRun(side.port(), token, log)) {
            program.body().run(run);
        } catch (ProgramRun.Stuck e) {
            log.add(Observations.MAIN, "stuck: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.add(Observations.MAIN, "interrupted");
        } catch (Exception e) {
            log.add(Observations.MAIN, "stopped by " + Describe.failure(e));
        }
        return log.render();
    }
}
