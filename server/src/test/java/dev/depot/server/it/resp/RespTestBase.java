package dev.depot.server.it.resp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One daemon per test class, databases flushed before every test, and a raw RESP connection
 * {@link #redis} ready for each test (closed after it, with whatever else the test opened
 * through {@link #open}).
 */
@Timeout(10)
abstract class RespTestBase {
    static RespDaemon daemon;

    /** A raw connection, fresh for each test: RESP2, database 0. */
    RespConnection redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startDaemon() {
        daemon = RespDaemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    @BeforeEach
    void freshState() {
        daemon.flushAll();
        redis = open(daemon.connect());
    }

    @AfterEach
    void closeConnections() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing test connections: nothing to report
            }
        }
        opened.clear();
    }

    /** Registers {@code resource} to be closed after the test. */
    <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** Polls {@code condition} every 10 ms until it holds; fails after {@code within}. */
    static void pollUntil(Duration within, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what + " (last seen: "
                        + state.get() + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
