package dev.depot.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A {@link RespDecoder} in an {@link EmbeddedChannel}, fed the way a socket would feed it, and
 * helpers that show requests as text (commands hold byte arrays, so record equality is useless).
 */
final class RespHarness implements AutoCloseable {
    private final RespDecoder decoder;
    private final EmbeddedChannel channel;

    RespHarness() {
        this(RespDecoder.DEFAULT_MAX_BULK_LENGTH);
    }

    RespHarness(long maxBulkLength) {
        decoder = new RespDecoder(maxBulkLength);
        channel = new EmbeddedChannel(decoder);
    }

    RespDecoder decoder() {
        return decoder;
    }

    RespHarness write(String wire) {
        return write(bytes(wire));
    }

    RespHarness write(byte[] wire) {
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        return this;
    }

    RespHarness writeInChunks(byte[] wire, int chunk) {
        for (int i = 0; i < wire.length; i += chunk) {
            write(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunk)));
        }
        return this;
    }

    List<RespRequest> drain() {
        List<RespRequest> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add((RespRequest) o);
        }
        return out;
    }

    /** The decoder never closes the channel itself: the server does, after writing the error. */
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    // ---- one-shot decoding ------------------------------------------------------------------

    /** Everything {@code wire} decodes to in one read, as text (see {@link #show}). */
    static List<String> decode(String wire) {
        return decode(bytes(wire));
    }

    static List<String> decode(byte[] wire) {
        try (RespHarness h = new RespHarness()) {
            return show(h.write(wire).drain());
        }
    }

    /** The same, one byte per read; must agree with {@link #decode}. */
    static List<String> decodeBytewise(String wire) {
        try (RespHarness h = new RespHarness()) {
            return show(h.writeInChunks(bytes(wire), 1).drain());
        }
    }

    /**
     * Requests as text: a command as its arguments in brackets, {@code [SET, k, v]}, a
     * protocol error as the line Redis sends, {@code -ERR Protocol error: ...}.
     */
    static List<String> show(List<RespRequest> requests) {
        List<String> out = new ArrayList<>();
        for (RespRequest r : requests) {
            out.add(show(r));
        }
        return out;
    }

    static String show(RespRequest r) {
        if (r instanceof RespProtocolError e) {
            return "-" + RespProtocolError.PREFIX + e.reason();
        }
        List<String> args = new ArrayList<>();
        for (byte[] a : ((RespCommand) r).args()) {
            args.add(str(a));
        }
        return args.toString();
    }

    static String error(String reason) {
        return "-ERR Protocol error: " + reason;
    }

    // ---- bytes ------------------------------------------------------------------------------

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A multibulk request of the given arguments, as redis-cli sends it. */
    static String multibulk(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return b.toString();
    }

    /** Runs {@code write} into a fresh buffer and returns what it wrote, as ISO-8859-1 text. */
    static String written(java.util.function.Consumer<ByteBuf> write) {
        ByteBuf buf = Unpooled.buffer(16); // small, so that writes must grow it
        try {
            write.accept(buf);
            return str(ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    static void assertDecodes(String wire, String... expected) {
        assertEquals(List.of(expected), decode(wire), () -> "whole: " + printable(wire));
        assertEquals(List.of(expected), decodeBytewise(wire), () -> "byte by byte: " + printable(wire));
    }

    static String printable(String s) {
        String shown = s.length() > 100 ? s.substring(0, 100) + "...(" + s.length() + ")" : s;
        return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
