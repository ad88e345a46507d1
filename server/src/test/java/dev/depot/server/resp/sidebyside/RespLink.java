package dev.depot.server.resp.sidebyside;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection over a plain blocking socket: commands go out as RESP multibulks (any
 * number in one write, for pipelines), replies come back parsed into {@link Reply} trees. Every
 * read has a timeout, so a missing reply fails the run instead of hanging it.
 */
final class RespLink implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 10_000;

    private final String server;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RespLink(String server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    static RespLink open(String server, InetSocketAddress address) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            return new RespLink(server, socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot connect to " + server + " at " + address, e);
        }
    }

    /** The server's name in failure reports. */
    String server() {
        return server;
    }

    /** Sends the commands in one write. */
    void send(List<List<String>> commands) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (List<String> args : commands) {
            ascii(b, "*" + args.size() + "\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.ISO_8859_1);
                ascii(b, "$" + bytes.length + "\r\n");
                b.writeBytes(bytes);
                ascii(b, "\r\n");
            }
        }
        try {
            out.write(b.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(server + ": send failed", e);
        }
    }

    /** Sends one command and reads its reply. */
    Reply call(List<String> args) {
        send(List.of(args));
        return read();
    }

    Reply call(String... args) {
        return call(List.of(args));
    }

    /** The next complete reply. */
    Reply read() {
        try {
            return readReply();
        } catch (SocketTimeoutException e) {
            throw new AssertionError(server + " sent no complete reply within " + TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException(server + ": read failed", e);
        }
    }

    private Reply readReply() throws IOException {
        String line = line();
        if (line.isEmpty()) {
            throw new AssertionError(server + " sent an empty reply line");
        }
        char type = line.charAt(0);
        String rest = line.substring(1);
        return switch (type) {
            case '+', '-', ':', ',', '#', '(' -> new Reply.Line(type, rest);
            case '_' -> new Reply.Null('_');
            case '$', '=', '!' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield new Reply.Null(type);
                }
                String value = new String(exactly(length), StandardCharsets.ISO_8859_1);
                if (!line().isEmpty()) {
                    throw new AssertionError(server + " sent a bulk string not followed by CRLF");
                }
                yield new Reply.Bulk(type, value);
            }
            case '*', '~', '>', '%', '|' -> {
                int count = Integer.parseInt(rest);
                if (count < 0) {
                    yield new Reply.Null(type);
                }
                int items = type == '%' || type == '|' ? 2 * count : count;
                List<Reply> elements = new ArrayList<>(items);
                for (int i = 0; i < items; i++) {
                    elements.add(readReply());
                }
                yield new Reply.Aggregate(type, List.copyOf(elements));
            }
            default -> throw new AssertionError(server + " sent something that is not RESP: \""
                    + Printable.of(line) + "\"");
        };
    }

    /** The next line without its CRLF. */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError(server + " closed the connection; partial line: \"" + Printable.of(b.toString()) + "\"");
            }
            if (c == '\n' && b.length() > 0 && b.charAt(b.length() - 1) == '\r') {
                b.setLength(b.length() - 1);
                return b.toString();
            }
            b.append((char) c);
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new AssertionError(server + " closed the connection in the middle of a bulk string");
        }
        return bytes;
    }

    private static void ascii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection: nothing to report
        }
    }
}
