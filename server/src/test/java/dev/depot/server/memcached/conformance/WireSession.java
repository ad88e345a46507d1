package dev.depot.server.memcached.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays one case against one server on a fresh connection and records everything the server sent.
 * A background thread reads continuously, with a short socket timeout. "Quiet" means: a read that
 * timed out (so the kernel had nothing for us during it) ended at least the quiet period after the
 * last byte was received and after the last write finished. That is measured at the socket, so a
 * pause of this JVM cannot be mistaken for a quiet server. If the server closes the connection
 * (FIN or RST) the recording ends with {@value #CLOSED}; a case that hits its time cap ends with
 * {@value #TIMEOUT}.
 */
final class WireSession implements AutoCloseable {

    static final String CLOSED = "<closed>";
    static final String TIMEOUT = "<timeout>";
    private static final int READ_TIMEOUT_MILLIS = 25;

    /** Closes the socket of a session that outlives its cap (e.g. a write blocked forever). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conformance-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Socket socket;
    private final OutputStream output;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final long quietNanos;
    private final long deadline;
    private final Thread reader;
    private volatile long lastActivity;
    /** End of the latest read that timed out: nothing arrived between lastActivity and this. */
    private volatile long silentUntil;
    private volatile boolean closed;
    private volatile boolean writeFailed;
    private volatile boolean killed;

    private WireSession(Socket socket, long quietMillis, long capMillis) throws IOException {
        this.socket = socket;
        this.output = socket.getOutputStream();
        this.quietNanos = quietMillis * 1_000_000L;
        this.deadline = System.nanoTime() + capMillis * 1_000_000L;
        this.lastActivity = System.nanoTime();
        this.silentUntil = lastActivity;
        InputStream in = socket.getInputStream();
        this.reader = new Thread(() -> readLoop(in), "conformance-reader-" + socket.getLocalPort());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects, plays every step, waits for quiet and returns the recorded reply. */
    static byte[] play(CaseFile.Case c, int port, long quietMillis, long capMillis) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        try (WireSession session = new WireSession(s, quietMillis, capMillis)) {
            ScheduledFuture<?> kill = WATCHDOG.schedule(session::kill, capMillis + 2000, TimeUnit.MILLISECONDS);
            try {
                return session.run(c.steps());
            } finally {
                kill.cancel(false);
            }
        }
    }

    private byte[] run(List<CaseFile.Step> steps) {
        int chunk = 0;
        for (CaseFile.Step step : steps) {
            if (closed || writeFailed || pastDeadline()) {
                break;
            }
            if (step instanceof CaseFile.Send send) {
                write(resolve(send.pieces()), chunk);
            } else if (step instanceof CaseFile.Pause p) {
                sleep(p.millis());
            } else if (step instanceof CaseFile.Wait) {
                waitQuiet();
            } else if (step instanceof CaseFile.Chunk ch) {
                chunk = ch.size();
            }
        }
        waitQuiet();
        boolean timedOut = !closed && pastDeadline() && !writeFailed;
        if (writeFailed && !closed) {
            // The server closed while we were writing; give the reader a moment to see it.
            waitQuiet();
        }
        synchronized (received) {
            if (killed) {
                received.writeBytes(TIMEOUT.getBytes(StandardCharsets.US_ASCII));
            } else if (closed || writeFailed) {
                received.writeBytes(CLOSED.getBytes(StandardCharsets.US_ASCII));
            } else if (timedOut) {
                received.writeBytes(TIMEOUT.getBytes(StandardCharsets.US_ASCII));
            }
            return received.toByteArray();
        }
    }

    private byte[] resolve(List<CaseFile.Piece> pieces) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (CaseFile.Piece piece : pieces) {
            if (piece instanceof CaseFile.Bytes bytes) {
                b.writeBytes(bytes.bytes());
            } else if (piece instanceof CaseFile.CasRef ref) {
                List<String> seen = ReplyNormalizer.casValues(snapshot());
                // An unknown reference sends a value no server hands out, so both sides see the same.
                String v = ref.index() <= seen.size() ? seen.get(ref.index() - 1) : "99999999999" + ref.index();
                b.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return b.toByteArray();
    }

    private void write(byte[] bytes, int chunk) {
        try {
            if (chunk <= 0) {
                output.write(bytes);
                output.flush();
                lastActivity = System.nanoTime();
                return;
            }
            for (int i = 0; i < bytes.length; i += chunk) {
                output.write(bytes, i, Math.min(chunk, bytes.length - i));
                output.flush();
                lastActivity = System.nanoTime();
                sleep(2);
            }
        } catch (IOException e) {
            writeFailed = true;
        }
        lastActivity = System.nanoTime();
    }

    private void waitQuiet() {
        while (!closed && !pastDeadline()) {
            long since = lastActivity;
            long confirmed = silentUntil;
            if (confirmed - since >= quietNanos) {
                return;
            }
            long left = quietNanos - Math.max(0, confirmed - since);
            sleep(Math.max(1, Math.min(left / 1_000_000L, READ_TIMEOUT_MILLIS)));
        }
    }

    private void readLoop(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        try {
            while (true) {
                int n;
                long start = System.nanoTime();
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException quiet) {
                    // The poll began at or after 'start' and saw nothing for the whole timeout, and
                    // anything that arrived before it began would have been returned at once. So the
                    // socket was silent until at least start + timeout, however late this line runs.
                    silentUntil = start + READ_TIMEOUT_MILLIS * 1_000_000L;
                    continue;
                }
                if (n < 0) {
                    break;
                }
                synchronized (received) {
                    received.write(buf, 0, n);
                }
                lastActivity = System.nanoTime();
            }
        } catch (IOException e) {
            // reset by peer, or closed by us
        }
        closed = true;
        lastActivity = System.nanoTime();
    }

    private void kill() {
        killed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private byte[] snapshot() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    private boolean pastDeadline() {
        return System.nanoTime() - deadline > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        // Remember whether the *server* closed before we close our end.
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
