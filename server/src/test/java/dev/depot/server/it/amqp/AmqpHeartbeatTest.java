package dev.depot.server.it.amqp;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeats both ways, on raw sockets: the Java client always answers heartbeats, a raw socket can stay silent. */
class AmqpHeartbeatTest extends AmqpTestBase {
    @Test
    void aSilentClientIsDisconnectedAfterTwoIntervalsWhileAHeartbeatingOneStays() throws Exception {
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor();
        try (RawAmqp silent = RawAmqp.open(daemon.address(), 1); RawAmqp alive = RawAmqp.open(daemon.address(), 1)) {
            beat.scheduleAtFixedRate(() -> {
                try {
                    alive.sendFrame(RawAmqp.HEARTBEAT, 0, new byte[0]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            silent.setReadTimeout(8_000);
            int heartbeats = 0;
            try {
                while (true) {
                    RawAmqp.Frame f = silent.read();
                    assertTrue(f.type() == RawAmqp.HEARTBEAT, "expected only heartbeats, got " + f);
                    heartbeats++;
                }
            } catch (EOFException | SocketException closed) {
                // what the test waits for
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a client silent for 8 s is still connected", e);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 1_500 && millis <= 6_000, "disconnected after " + millis + " ms");
            assertTrue(heartbeats >= 1, "the server sent no heartbeat before giving up");
            // the heartbeating client is still served
            alive.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            alive.expectMethod(1, 20, 11);
        } finally {
            beat.shutdownNow();
        }
    }
}
