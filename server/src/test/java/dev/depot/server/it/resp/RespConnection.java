package dev.depot.server.it.resp;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plain blocking socket for byte-exact checks: sends commands as RESP multibulks (or any raw
 * bytes: inline commands, broken requests, memcached text) and reads one complete reply at a
 * time, whatever its type, as Latin-1 text so that every byte survives. Every read has a
 * timeout, so a missing reply fails the test instead of hanging it.
 *
 * <p>The static helpers spell expected RESP2 replies: {@code OK}, {@code NIL}, {@link #err},
 * {@link #num}, {@link #bulk}, {@link #arr}.
 */
final class RespConnection implements AutoCloseable {
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String EMPTY = "$0\r\n\r\n";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RespConnection connect(InetSocketAddress address) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(RespDaemon.TIMEOUT_MILLIS);
            socket.connect(address, RespDaemon.TIMEOUT_MILLIS);
            return new RespConnection(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** This end of the connection, as the server sees it: {@code 127.0.0.1:50862}. */
    String localAddress() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    // ---- expected replies ------------------------------------------------------------------

    static String err(String text) {
        return "-" + text + "\r\n";
    }

    static String num(long n) {
        return ":" + n + "\r\n";
    }

    static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
    }

    /** An array of already spelled replies. */
    static String arr(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    /** An array of bulk strings. */
    static String bulks(String... values) {
        StringBuilder b = new StringBuilder("*").append(values.length).append("\r\n");
        for (String v : values) {
            b.append(bulk(v));
        }
        return b.toString();
    }

    /**
     * The text of a RESP3 verbatim string of format {@code txt}, raw reply {@code =<n>\r\ntxt:...\r\n},
     * after checking its framing: n counts the format, its colon and the text.
     */
    static String verbatimText(String reply) {
        int header = reply.indexOf("\r\n");
        assertTrue(reply.startsWith("=") && header > 0 && reply.endsWith("\r\n"),
                () -> "not a verbatim string: " + printable(reply));
        String payload = reply.substring(header + 2, reply.length() - 2);
        assertEquals(Integer.parseInt(reply.substring(1, header)), payload.length(),
                () -> "length header of " + printable(reply));
        assertTrue(payload.startsWith("txt:"), () -> "not of format txt: " + printable(reply));
        return payload.substring(4);
    }

    static String arity(String command) {
        return err("ERR wrong number of arguments for '" + command + "' command");
    }

    static String syntaxError() {
        return err("ERR syntax error");
    }

    static String notAnInteger() {
        return err("ERR value is not an integer or out of range");
    }

    /** A multibulk request. */
    static byte[] encode(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeAscii(b, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.ISO_8859_1);
            writeAscii(b, "$" + bytes.length + "\r\n");
            b.writeBytes(bytes);
            writeAscii(b, "\r\n");
        }
        return b.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- sending -----------------------------------------------------------------------------

    RespConnection send(String... args) {
        return sendRaw(encode(args));
    }

    /** Bytes as they are: {@code "SET a b\r\n"} is an inline command. */
    RespConnection sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RespConnection sendRaw(byte[] data) {
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("send failed", e);
        }
        return this;
    }

    /** Sends a command and returns its complete reply, raw. */
    String call(String... args) {
        send(args);
        return reply();
    }

    /** Sends a command and checks its reply byte for byte. */
    void expect(String expected, String... args) {
        String actual = call(args);
        assertEquals(printable(expected), printable(actual), () -> "reply to " + String.join(" ", args));
    }

    // ---- receiving ---------------------------------------------------------------------------

    /** One complete reply of any RESP2 or RESP3 type, raw. */
    String reply() {
        StringBuilder b = new StringBuilder();
        readReply(b);
        return b.toString();
    }

    private void readReply(StringBuilder b) {
        String line = line();
        b.append(line).append("\r\n");
        if (line.isEmpty()) {
            throw new AssertionError("empty reply line after \"" + printable(b.toString()) + "\"");
        }
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':', '_', '#', ',', '(' -> {
                // a single line
            }
            case '$', '=', '!' -> {
                long n = Long.parseLong(line.substring(1));
                if (n >= 0) {
                    b.append(new String(read((int) n + 2), StandardCharsets.ISO_8859_1));
                }
            }
            case '*', '~', '>', '%', '|' -> {
                long n = Long.parseLong(line.substring(1));
                long elements = type == '%' || type == '|' ? 2 * n : n;
                for (long i = 0; i < elements; i++) {
                    readReply(b);
                }
            }
            default -> throw new AssertionError("not a RESP reply: \"" + printable(line) + "\"");
        }
    }

    /** The next line without its CRLF. */
    String line() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte(line);
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
        ByteArrayOutputStream got = new ByteArrayOutputStream(n);
        while (got.size() < n) {
            if (pos == lim) {
                fill(got, n + " bytes");
            }
            int k = Math.min(n - got.size(), lim - pos);
            got.write(buf, pos, k);
            pos += k;
        }
        return got.toByteArray();
    }

    /** The next bytes are exactly {@code expected} (memcached replies, several RESP replies at once). */
    void expectBytes(String expected) {
        String actual = new String(read(expected.getBytes(StandardCharsets.ISO_8859_1).length), StandardCharsets.ISO_8859_1);
        assertEquals(printable(expected), printable(actual));
    }

    /** The server closes the connection (FIN or RST) within the read timeout, sending nothing more. */
    void expectClosed() {
        if (pos < lim) {
            throw new AssertionError("expected the connection to be closed, but received \""
                    + printable(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1)) + "\"");
        }
        try {
            int n = in.read(buf);
            if (n > 0) {
                throw new AssertionError("expected the connection to be closed, but received \""
                        + printable(new String(buf, 0, n, StandardCharsets.ISO_8859_1)) + "\"");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after the read timeout, expected it closed");
        } catch (SocketException e) {
            // a reset: closed with unread data on the server side, which counts as closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private int readByte(ByteArrayOutputStream soFar) {
        if (pos == lim) {
            fill(soFar, "a line");
        }
        return buf[pos++] & 0xff;
    }

    private void fill(ByteArrayOutputStream soFar, String what) {
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("connection closed while waiting for " + what + "; got \""
                        + printable(soFar.toString(StandardCharsets.ISO_8859_1)) + "\"");
            }
            pos = 0;
            lim = n;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + RespDaemon.TIMEOUT_MILLIS + " ms while waiting for " + what
                    + "; got \"" + printable(soFar.toString(StandardCharsets.ISO_8859_1)) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("read failed while waiting for " + what, e);
        }
    }

    /** CR and LF (and other control bytes) made visible, so that failures show the exact bytes. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String printable(byte[] bytes) {
        return printable(new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
