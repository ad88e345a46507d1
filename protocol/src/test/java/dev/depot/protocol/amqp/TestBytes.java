package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.method.Method;
import dev.depot.protocol.amqp.method.Methods;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Bytes for AMQP tests: hex, frames built by hand, and what the writers write. */
public final class TestBytes {
    private TestBytes() {
    }

    /** Hex digits to bytes; spaces are ignored. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Runs {@code write} on a small buffer (so that writes must grow it) and returns what it wrote. */
    public static byte[] written(Consumer<ByteBuf> write) {
        ByteBuf buf = Unpooled.buffer(8);
        try {
            write.accept(buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A frame of any type, with the right frame-end octet. */
    public static byte[] frame(int type, int channel, byte[] payload) {
        return frame(type, channel, payload, 0xCE);
    }

    public static byte[] frame(int type, int channel, byte[] payload, int frameEnd) {
        return written(out -> out.writeByte(type).writeShort(channel).writeInt(payload.length)
                .writeBytes(payload).writeByte(frameEnd));
    }

    /** A method frame as {@link FrameWriter} writes it. */
    public static byte[] methodFrame(int channel, Method method) {
        return written(out -> FrameWriter.method(out, channel, method));
    }

    /** A method frame's payload: ids and arguments. */
    public static byte[] methodPayload(Method method) {
        return written(out -> Methods.encode(out, method));
    }

    /** A basic content header frame. */
    public static byte[] headerFrame(int channel, int classId, long bodySize, byte[] properties) {
        return frame(2, channel, written(out -> out.writeShort(classId).writeShort(0).writeLong(bodySize)
                .writeBytes(properties)));
    }

    /** The property list with no properties. */
    public static byte[] noProperties() {
        return new byte[2];
    }
}
