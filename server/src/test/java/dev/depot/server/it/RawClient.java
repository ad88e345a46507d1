package dev.depot.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain blocking socket speaking the memcached text protocol byte for byte, with its own read
 * buffer. Every read has a timeout (5 s unless changed), so a missing reply fails the test
 * instead of hanging it; failures show what did arrive, escaped.
 */
final class RawClient implements AutoCloseable {
    static final int DEFAULT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(InetSocketAddress address) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
            socket.connect(address, DEFAULT_TIMEOUT_MILLIS);
            return new RawClient(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    Socket socket() {
        return socket;
    }

    RawClient timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] data) {
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("send failed", e);
        }
        return this;
    }

    /** The next line without its CRLF; fails on EOF, timeout, or a bare LF. */
    String line() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte(line.toByteArray(), "a line");
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw new AssertionError("line not terminated by CRLF: \"" + printable(bytes) + "\\n\"");
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Exactly {@code n} bytes. */
    byte[] read(int n) {
        byte[] result = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == lim) {
                fill(Arrays.copyOf(result, got), n + " bytes");
            }
            int k = Math.min(n - got, lim - pos);
            System.arraycopy(buf, pos, result, got, k);
            pos += k;
            got += k;
        }
        return result;
    }

    void expect(String text) {
        expect(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The next bytes are exactly {@code expected}. */
    void expect(byte[] expected) {
        byte[] actual = new byte[expected.length];
        int got = 0;
        while (got < expected.length) {
            if (pos == lim) {
                try {
                    fill(Arrays.copyOf(actual, got), "\"" + printable(expected) + "\"");
                } catch (AssertionError e) {
                    int mismatch = firstMismatch(expected, actual, got);
                    if (mismatch >= 0) {
                        throw mismatch(expected, actual, got, mismatch);
                    }
                    throw e;
                }
            }
            int k = Math.min(expected.length - got, lim - pos);
            System.arraycopy(buf, pos, actual, got, k);
            pos += k;
            got += k;
        }
        int mismatch = firstMismatch(expected, actual, got);
        if (mismatch >= 0) {
            throw mismatch(expected, actual, got, mismatch);
        }
    }

    /** The server closes the connection (FIN or RST) within the read timeout, sending nothing more. */
    void expectClosed() {
        if (pos < lim) {
            throw new AssertionError("expected the connection to be closed, but received \""
                    + printable(Arrays.copyOfRange(buf, pos, lim)) + "\"");
        }
        try {
            int n = in.read(buf);
            if (n > 0) {
                throw new AssertionError("expected the connection to be closed, but received \""
                        + printable(Arrays.copyOf(buf, n)) + "\"");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + timeoutMillis() + " ms, expected it closed");
        } catch (SocketException e) {
            // "Connection reset": closed with unread data on the server side, which counts as closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code stats [sub]}: the STAT lines up to END, name to value, in order. */
    Map<String, String> stats(String sub) {
        send(sub.isEmpty() ? "stats\r\n" : "stats " + sub + "\r\n");
        Map<String, String> stats = new LinkedHashMap<>();
        while (true) {
            String line = line();
            if (line.equals("END")) {
                return stats;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || !parts[0].equals("STAT")) {
                throw new AssertionError("not a STAT line in the reply to stats " + sub + ": \"" + line + "\"");
            }
            if (stats.put(parts[1], parts[2]) != null) {
                throw new AssertionError("stats " + sub + " reports " + parts[1] + " twice");
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private int readByte(byte[] soFar, String what) {
        if (pos == lim) {
            fill(soFar, what);
        }
        return buf[pos++] & 0xff;
    }

    private void fill(byte[] soFar, String what) {
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("connection closed while waiting for " + abbreviate(what) + "; got \""
                        + printable(soFar) + "\"");
            }
            pos = 0;
            lim = n;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + timeoutMillis() + " ms while waiting for "
                    + abbreviate(what) + "; got \"" + printable(soFar) + "\"");
        } catch (IOException e) {
            throw new AssertionError("connection failed while waiting for " + abbreviate(what) + "; got \""
                    + printable(soFar) + "\": " + e, e);
        }
    }

    private int timeoutMillis() {
        try {
            return socket.getSoTimeout();
        } catch (SocketException e) {
            return -1;
        }
    }

    private static int firstMismatch(byte[] expected, byte[] actual, int length) {
        for (int i = 0; i < length; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return -1;
    }

    private static AssertionError mismatch(byte[] expected, byte[] actual, int got, int at) {
        int from = Math.max(0, at - 40);
        return new AssertionError("reply differs at byte " + at + ": expected \"" + printable(
                Arrays.copyOfRange(expected, from, Math.min(expected.length, at + 80))) + "\" but got \""
                + printable(Arrays.copyOfRange(actual, from, Math.min(got, at + 80))) + "\"");
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Bytes as text with CR, LF and other non-printables escaped, cut at 300 characters. */
    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte value : bytes) {
            int b = value & 0xff;
            if (sb.length() > 300) {
                sb.append("...(").append(bytes.length).append(" bytes)");
                break;
            }
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return sb.toString();
    }
}
