package dev.depot.server.it.amqp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hand-written AMQP 0-9-1 client on a plain socket, for what real clients never send: silence
 * instead of heartbeats, malformed frames, exact property bytes. Frames and method arguments are
 * encoded here from the spec, independently of Depot's codec.
 */
final class RawAmqp implements AutoCloseable {
    static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    static final int METHOD = 1;
    static final int HEADER = 2;
    static final int BODY = 3;
    static final int HEARTBEAT = 8;
    static final int FRAME_END = 0xCE;

    /** A frame as read: its type, channel and payload. */
    record Frame(int type, int channel, byte[] payload) {
        int classId() {
            return ByteBuffer.wrap(payload).getShort(0) & 0xFFFF;
        }

        int methodId() {
            return ByteBuffer.wrap(payload).getShort(2) & 0xFFFF;
        }

        boolean isMethod(int classId, int methodId) {
            return type == METHOD && classId() == classId && methodId() == methodId;
        }

        /** The method's arguments, after class and method id. */
        Reader arguments() {
            return new Reader(payload, 4);
        }

        @Override
        public String toString() {
            return type == METHOD ? "method " + classId() + "." + methodId() + " on " + channel
                    : "frame type " + type + " on " + channel + " (" + payload.length + " bytes)";
        }
    }

    /** A close method's arguments. */
    record Close(int code, String text, int classId, int methodId) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private RawAmqp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawAmqp connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, AmqpDaemon.TIMEOUT_MILLIS);
        s.setSoTimeout(AmqpDaemon.TIMEOUT_MILLIS);
        s.setTcpNoDelay(true);
        return new RawAmqp(s);
    }

    /**
     * The handshake as a client that proposes {@code heartbeat} seconds and takes the server's
     * channel_max and frame_max: header, start-ok (PLAIN guest/guest), tune-ok, open "/".
     */
    static RawAmqp open(InetSocketAddress address, int heartbeat) throws IOException {
        RawAmqp raw = connect(address);
        raw.send(PROTOCOL_HEADER);
        raw.expectMethod(0, 10, 10);
        raw.sendMethod(0, 10, 11, new Args().table().shortstr("PLAIN").longstr(bytes("\0guest\0guest"))
                .shortstr("en_US"));
        Reader tune = raw.expectMethod(0, 10, 30).arguments();
        int channelMax = tune.shortInt();
        int frameMax = tune.longInt();
        raw.sendMethod(0, 10, 31, new Args().shortInt(channelMax).longInt(frameMax).shortInt(heartbeat));
        raw.sendMethod(0, 10, 40, new Args().shortstr("/").shortstr("").octet(0));
        raw.expectMethod(0, 10, 41);
        return raw;
    }

    synchronized void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendFrame(int type, int channel, byte[] payload) throws IOException {
        send(frame(type, channel, payload, FRAME_END));
    }

    /** A frame's bytes, with {@code end} as its last octet (0xCE when well-formed). */
    static byte[] frame(int type, int channel, byte[] payload, int end) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) type).putShort((short) channel).putInt(payload.length).put(payload).put((byte) end);
        return b.array();
    }

    static byte[] method(int classId, int methodId, Args args) {
        return new Args().shortInt(classId).shortInt(methodId).raw(args.bytes()).bytes();
    }

    void sendMethod(int channel, int classId, int methodId, Args args) throws IOException {
        sendFrame(METHOD, channel, method(classId, methodId, args));
    }

    /** The next frame, heartbeats included; fails on end of stream or after the read timeout. */
    Frame read() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        assertEquals(FRAME_END, end, "frame end");
        return new Frame(type, channel, payload);
    }

    /** The next frame that is not a heartbeat. */
    Frame readSkippingHeartbeats() throws IOException {
        Frame f;
        do {
            f = read();
        } while (f.type() == HEARTBEAT);
        return f;
    }

    /** Reads past heartbeats to the next frame, which must be method {@code classId.methodId} on {@code channel}. */
    Frame expectMethod(int channel, int classId, int methodId) throws IOException {
        Frame f = readSkippingHeartbeats();
        if (f.channel() != channel || !f.isMethod(classId, methodId)) {
            throw new AssertionError("expected method " + classId + "." + methodId + " on channel " + channel
                    + ", got " + f + (f.type() == METHOD && (f.methodId() == 40 || f.methodId() == 50)
                    ? ": " + close(f) : ""));
        }
        return f;
    }

    /** Expects connection.close, answers close-ok, and returns what it said. */
    Close expectConnectionClose() throws IOException {
        Close close = close(expectMethod(0, 10, 50));
        sendMethod(0, 10, 51, new Args());
        return close;
    }

    static Close close(Frame f) {
        Reader r = f.arguments();
        return new Close(r.shortInt(), r.shortstr(), r.shortInt(), r.shortInt());
    }

    /** Reads and drops frames until the server closes the socket; fails if it stays open past the read timeout. */
    void awaitEndOfStream() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException | java.net.SocketException expected) {
            // closed, or reset after close
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }

    /** Reads exactly {@code n} bytes, fewer only at end of stream. */
    byte[] readUpTo(int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[n];
        while (got.size() < n) {
            int r = in.read(buf, 0, n - got.size());
            if (r < 0) {
                break;
            }
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }

    /**
     * Fails if a frame arrives within {@code millis}; end of stream or silence both pass (a
     * server may close the socket after close-ok, or leave that to the client, as RabbitMQ does).
     */
    void assertNothingMoreWithin(int millis) throws IOException {
        setReadTimeout(millis);
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("unexpected data after the last frame, starting with " + b);
            }
        } catch (SocketTimeoutException | java.net.SocketException quietOrClosed) {
            // nothing more
        }
    }

    /** End of stream now (-1 from read), as opposed to more data. */
    boolean atEndOfStream() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    void setReadTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Method arguments (and property lists) in the spec's encoding. */
    static final class Args {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);

        Args octet(int v) {
            return write(() -> data.writeByte(v));
        }

        Args shortInt(int v) {
            return write(() -> data.writeShort(v));
        }

        Args longInt(int v) {
            return write(() -> data.writeInt(v));
        }

        Args longLong(long v) {
            return write(() -> data.writeLong(v));
        }

        Args shortstr(String s) {
            byte[] b = RawAmqp.bytes(s);
            return write(() -> {
                data.writeByte(b.length);
                data.write(b);
            });
        }

        Args longstr(byte[] b) {
            return write(() -> {
                data.writeInt(b.length);
                data.write(b);
            });
        }

        /** An empty field table. */
        Args table() {
            return longInt(0);
        }

        Args raw(byte[] b) {
            return write(() -> data.write(b));
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private interface Write {
            void run() throws IOException;
        }

        private Args write(Write w) {
            try {
                w.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    /** Reading method arguments. */
    static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] payload, int offset) {
            b = ByteBuffer.wrap(payload);
            b.position(offset);
        }

        int octet() {
            return b.get() & 0xFF;
        }

        int shortInt() {
            return b.getShort() & 0xFFFF;
        }

        int longInt() {
            return b.getInt();
        }

        long longLong() {
            return b.getLong();
        }

        String shortstr() {
            byte[] s = new byte[octet()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        byte[] rest() {
            byte[] r = new byte[b.remaining()];
            b.get(r);
            return r;
        }
    }
}
