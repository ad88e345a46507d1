package dev.depot.server.it.resp;

import dev.depot.server.DepotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SHUTDOWN stops the daemon the way SIGTERM does (each test has a daemon of its own to stop). */
@Timeout(15)
class RespShutdownTest {

    @Test
    void shutdownStopsTheDaemon() throws InterruptedException {
        assumeDepot();
        try (RespDaemon daemon = RespDaemon.startDepot(UnaryOperator.identity(), Optional.empty());
             RespConnection c = daemon.connect();
             RespConnection bystander = daemon.connect()) {
            bystander.expect("+PONG\r\n", "PING");
            DepotServer server = daemon.server();
            c.send("SHUTDOWN", "NOSAVE");
            c.expectClosed();
            server.awaitTermination();
            bystander.expectClosed();
            assertThrows(IOException.class, () -> new Socket(daemon.respAddress().getAddress(),
                    daemon.respAddress().getPort()).close());
        }
    }

    @Test
    void flagsMustMakeSense() {
        assumeDepot();
        try (RespDaemon daemon = RespDaemon.startDepot(UnaryOperator.identity(), Optional.empty());
             RespConnection c = daemon.connect()) {
            c.expect(err("ERR No shutdown in progress."), "SHUTDOWN", "ABORT");
            c.expect(syntaxError(), "SHUTDOWN", "foo");
            c.expect(syntaxError(), "SHUTDOWN", "NOSAVE", "SAVE");
            c.expect(syntaxError(), "SHUTDOWN", "NOW", "ABORT");
            c.expect("+PONG\r\n", "PING");
        }
    }

    /** With a password required, SHUTDOWN waits for AUTH like everything else. */
    @Test
    void shutdownNeedsTheLoginToo() throws InterruptedException {
        assumeDepot();
        try (RespDaemon daemon = RespDaemon.startDepot(c -> c.withRequirePass("pw"), Optional.empty());
             RespConnection c = daemon.connect()) {
            c.expect(err("NOAUTH Authentication required."), "SHUTDOWN");
            c.expect("+OK\r\n", "AUTH", "pw");
            c.send("SHUTDOWN", "NOW", "FORCE");
            c.expectClosed();
            daemon.server().awaitTermination();
        }
    }

    private static void assumeDepot() {
        assumeTrue(System.getProperty(RespDaemon.REFERENCE_PROPERTY, "").isBlank(),
                "stops the server: never run against the reference Redis");
    }
}
