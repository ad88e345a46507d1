package dev.depot.server.it;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resource limits under pressure: connections, memory (eviction), and a client that never reads. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LimitsTest {
    private static final String TOO_MANY = "ERROR Too many open connections\r\n";

    private TestDaemon daemon;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private RawClient connect() {
        RawClient c = daemon.connect();
        toClose.add(c);
        return c;
    }

    @Test
    void connectionsOverTheLimitAreTurnedAwayUntilOneCloses() {
        daemon = TestDaemon.start(c -> c.withMaxConnections(3));
        RawClient[] admitted = new RawClient[3];
        for (int i = 0; i < 3; i++) {
            admitted[i] = connect();
            admitted[i].send("version\r\n");
            admitted[i].expect("VERSION 1.6.18\r\n");
        }
        RawClient fourth = connect();
        fourth.expect(TOO_MANY);
        fourth.expectClosed();
        RawClient fifth = connect();
        fifth.expect(TOO_MANY);
        fifth.expectClosed();
        admitted[1].send("get k\r\n");
        admitted[1].expect("END\r\n"); // the admitted ones are unaffected

        admitted[0].close();
        AtomicReference<RawClient> replacement = new AtomicReference<>();
        Poll.until(Duration.ofSeconds(5), "a new connection is accepted after one of three closed", () -> {
            RawClient attempt = connect();
            attempt.send("version\r\n");
            String first = attempt.line();
            if (first.equals("VERSION 1.6.18")) {
                replacement.set(attempt);
                return true;
            }
            assertEquals(TOO_MANY, first + "\r\n", "a connection is either served or told why not");
            attempt.expectClosed();
            return false;
        });
        replacement.get().send("set k 0 0 1\r\nv\r\nget k\r\n");
        replacement.get().expect("STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n");

        // full again: the next one is turned away
        RawClient over = connect();
        over.expect(TOO_MANY);
        over.expectClosed();
        Poll.until(Duration.ofSeconds(5), "curr_connections back to 3 once the refused ones are gone",
                () -> replacement.get().stats("").get("curr_connections").equals("3"),
                () -> replacement.get().stats("").get("curr_connections"));
        Map<String, String> stats = replacement.get().stats("");
        assertEquals("3", stats.get("max_connections"));
        assertTrue(Long.parseLong(stats.get("rejected_connections")) >= 3, stats.get("rejected_connections"));
    }

    @Test
    void writingFarMoreThanMaxmemoryEvictsAndStaysWithinTheLimit() {
        long limit = 8L * 1024 * 1024;
        daemon = TestDaemon.start(c -> c.withMaxMemory(limit));
        int valueSize = 4000;
        int keys = 13_000; // 52 MB of values
        int batch = 250;
        RawClient c = connect();
        for (int from = 0; from < keys; from += batch) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            for (int i = from; i < from + batch; i++) {
                request.writeBytes(("set key:" + i + " 0 0 " + valueSize + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(value(i, valueSize));
                request.writeBytes(new byte[] {'\r', '\n'});
            }
            c.send(request.toByteArray());
            c.expect("STORED\r\n".repeat(batch));
        }
        c.send("version\r\n");
        c.expect("VERSION 1.6.18\r\n");

        Map<String, String> stats = c.stats("");
        long evictions = Long.parseLong(stats.get("evictions"));
        long items = Long.parseLong(stats.get("curr_items"));
        long bytes = Long.parseLong(stats.get("bytes"));
        assertEquals(Long.toString(limit), stats.get("limit_maxbytes"));
        assertTrue(evictions > 0, "evictions " + evictions);
        assertTrue(bytes <= limit, "bytes " + bytes + " > limit_maxbytes " + limit);
        assertTrue(bytes > limit / 2, "the cache is used, not emptied: bytes " + bytes);
        assertEquals(keys, evictions + items, "every key is either still there or was evicted");
        assertEquals(Long.toString(keys), stats.get("total_items"));
        assertEquals(stats.get("evictions"), stats.get("evicted_unfetched"), "nothing was ever read");

        // the most recently written keys survive, intact
        for (int i = keys - 100; i < keys; i++) {
            c.send("get key:" + i + "\r\n");
            c.expect("VALUE key:" + i + " 0 " + valueSize + "\r\n");
            assertArrayEquals(value(i, valueSize), c.read(valueSize), "key:" + i);
            c.expect("\r\nEND\r\n");
        }
    }

    private static byte[] value(int i, int size) {
        byte[] v = new byte[size];
        byte[] tag = ("<" + i + ">").getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < size; k++) {
            v[k] = tag[k % tag.length];
        }
        return v;
    }

    /**
     * A client pipelines 20,000 gets of a 100 KB value (2 GB of replies) and never reads: the
     * server must neither buffer gigabytes nor stop serving others, and must free everything
     * once that client goes. One worker thread, so that both clients share an event loop.
     */
    @Test
    void aClientThatNeverReadsCannotExhaustMemoryOrStallOthers() throws Exception {
        slowReaderScenario(false);
    }

    /**
     * The same with a client that has been busy before (large sets), so the server reads its
     * connection in 64 KB chunks: one chunk holds ~7,000 {@code get big}.
     */
    @Test
    void aBusyClientThatStopsReadingCannotExhaustMemoryOrStallOthers() throws Exception {
        slowReaderScenario(true);
    }

    private void slowReaderScenario(boolean warmUp) throws Exception {
        daemon = TestDaemon.start(c -> TestDaemon.withThreads(c, 1));
        RawClient other = connect();
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) 'b');
        other.send("set big 0 0 " + big.length + "\r\n").send(big).send("\r\nset small 0 0 2\r\nok\r\n");
        other.expect("STORED\r\nSTORED\r\n");
        long heapBefore = usedHeapAfterGc();
        long nettyBefore = nettyMemory();
        String connectionsBefore = other.stats("").get("curr_connections");

        long firstPeak = stallOnce(other, warmUp, nettyBefore);
        long heapAfterStall = usedHeapAfterGc();
        assertTrue(heapAfterStall - heapBefore < 64L << 20,
                "heap grew by " + ((heapAfterStall - heapBefore) >> 20) + " MB for one non-reading client");

        // closing it frees everything: the connection, its heap, and nothing is left behind in
        // Netty's pool (a second round reuses what the first one allocated)
        Poll.until(Duration.ofSeconds(5), "the slow client's connection is gone",
                () -> other.stats("").get("curr_connections").equals(connectionsBefore),
                () -> other.stats("").get("curr_connections"));
        Poll.until(Duration.ofSeconds(5), "heap back to where it was",
                () -> usedHeapAfterGc() - heapBefore < 8L << 20,
                () -> ((usedHeapAfterGc() - heapBefore) >> 10) + " KB over the start");
        long secondPeak = stallOnce(other, warmUp, nettyBefore);
        assertTrue(secondPeak - firstPeak < 16L << 20, "Netty memory keeps growing: first round peaked at +"
                + (firstPeak >> 20) + " MB, the second at +" + (secondPeak >> 20) + " MB");
        Poll.until(Duration.ofSeconds(5), "the second slow client's connection is gone",
                () -> other.stats("").get("curr_connections").equals(connectionsBefore),
                () -> other.stats("").get("curr_connections"));
        other.send("get small\r\n");
        other.expect("VALUE small 0 2\r\nok\r\nEND\r\n");
    }

    /**
     * One non-reading client: it pipelines the gets, the other client is checked for prompt
     * answers during a 1.5 s window; returns the peak Netty memory over {@code nettyBefore}.
     */
    private long stallOnce(RawClient other, boolean warmUp, long nettyBefore) throws Exception {
        long cmdGetBefore = Long.parseLong(other.stats("").get("cmd_get"));
        byte[] gets = "get big\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(daemon.address());
            if (warmUp) {
                warmUp(slow);
            }
            Thread writer = new Thread(() -> {
                try {
                    slow.getOutputStream().write(gets); // blocks for good once the server stops reading
                } catch (Exception closedByTheTest) {
                    // the socket is closed when the round ends
                }
            }, "slow-reader-writer");
            writer.setDaemon(true);
            writer.start();
            Poll.until(Duration.ofSeconds(5), "the server starts answering the slow client's gets",
                    () -> Long.parseLong(other.stats("").get("cmd_get")) > cmdGetBefore + 5);

            long peak = 0;
            long worst = 0;
            other.timeout(1_000);
            long windowEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
            while (System.nanoTime() < windowEnd) {
                long start = System.nanoTime();
                other.send("get small\r\n");
                other.expect("VALUE small 0 2\r\nok\r\nEND\r\n"); // fails after 1 s without an answer
                worst = Math.max(worst, System.nanoTime() - start);
                peak = Math.max(peak, nettyMemory() - nettyBefore);
                assertTrue(peak < 64L << 20, "Netty buffers grew by " + (peak >> 20) + " MB for one client "
                        + "that does not read (" + other.stats("").get("cmd_get") + " gets executed)");
            }
            other.timeout(RawClient.DEFAULT_TIMEOUT_MILLIS);
            assertTrue(worst < TimeUnit.SECONDS.toNanos(1), "other client's get took " + worst / 1_000_000 + " ms");
            return peak;
        }
    }

    /** A few large sets first, so the server reads this connection in big chunks, as it would an active client's. */
    private static void warmUp(Socket socket) throws Exception {
        byte[] value = new byte[200_000];
        Arrays.fill(value, (byte) 'w');
        byte[] request = ("set warm 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 8; i++) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().write(value);
            socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(8);
            assertEquals("STORED\r\n", new String(reply, StandardCharsets.US_ASCII), "warm-up set");
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes the default Netty allocator has handed out (the server's channels use it). */
    private static long nettyMemory() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            return provider.metric().usedDirectMemory() + provider.metric().usedHeapMemory();
        }
        throw new AssertionError("the default allocator reports no metrics: " + ByteBufAllocator.DEFAULT);
    }
}
