package dev.depot.server.it;

import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code DepotServer.close()} with clients in every state: prompt return, EOF for each, no new ones. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ShutdownTest {

    @Test
    void closeWithConnectedClientsReturnsPromptlyAndTheyAllSeeEof() throws Exception {
        TestDaemon daemon = TestDaemon.start();
        List<RawClient> clients = new ArrayList<>();
        MemcachedClient spy = daemon.spyClient();
        Socket slow = new Socket();
        try {
            RawClient idle = daemon.connect();
            clients.add(idle);
            idle.send("version\r\n");
            idle.expect("VERSION 1.6.18\r\n");

            RawClient midCommand = daemon.connect(); // half a data block sent
            clients.add(midCommand);
            midCommand.send("set k 0 0 10\r\nabc");

            RawClient midLine = daemon.connect(); // half a command line sent
            clients.add(midLine);
            midLine.send("get k");

            assertTrue(spy.set("spy", 0, "v").get(5, TimeUnit.SECONDS));

            // one that has replies queued it does not read
            RawClient setter = daemon.connect();
            clients.add(setter);
            byte[] big = new byte[100 * 1024];
            Arrays.fill(big, (byte) 'b');
            setter.send("set big 0 0 " + big.length + "\r\n").send(big).send("\r\n");
            setter.expect("STORED\r\n");
            slow.setReceiveBufferSize(4096);
            slow.connect(daemon.address());
            slow.getOutputStream().write("get big\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
            Poll.until(java.time.Duration.ofSeconds(5), "the server works on the slow client's gets",
                    () -> Long.parseLong(idle.stats("").get("cmd_get")) > 10);

            long start = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(daemon::close);
            closing.get(10, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 10_000, "close() took " + tookMillis + " ms");

            for (RawClient c : clients) {
                c.expectClosed();
            }
            slow.setSoTimeout(5_000);
            assertSlowSocketEnds(slow);
            assertThrows(ConnectException.class, () -> new Socket().connect(daemon.address(), 1_000),
                    "the listener is gone");

            CompletableFuture<Void> again = CompletableFuture.runAsync(daemon::close);
            again.get(1, TimeUnit.SECONDS); // idempotent, and immediate
            CompletableFuture<Void> awaited = CompletableFuture.runAsync(() -> {
                try {
                    daemon.server.awaitTermination();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaited.get(1, TimeUnit.SECONDS);
        } finally {
            clients.forEach(RawClient::close);
            slow.close();
            spy.shutdown(1, TimeUnit.SECONDS);
            daemon.close();
        }
    }

    /** The non-reading client drains what was in flight and then meets EOF (or a reset). */
    private static void assertSlowSocketEnds(Socket slow) {
        byte[] buf = new byte[64 * 1024];
        try {
            long drained = 0;
            int n;
            while ((n = slow.getInputStream().read(buf)) > 0) {
                drained += n;
                assertTrue(drained < 200L * 110 * 1024, "more data than 200 replies");
            }
            assertEquals(-1, n);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the non-reading client's connection stayed open after close()");
        } catch (IOException reset) {
            // connection reset: closed as well
        }
    }

    @Test
    void closeWithoutClientsIsQuickAndThePortIsFreeAgain() throws Exception {
        TestDaemon daemon = TestDaemon.start();
        int port = daemon.port;
        long start = System.nanoTime();
        daemon.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 5_000, "close() took " + tookMillis + " ms");
        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        }
    }
}
