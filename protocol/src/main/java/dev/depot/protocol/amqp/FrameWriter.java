package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.method.Method;
import dev.depot.protocol.amqp.method.Methods;
import io.netty.buffer.ByteBuf;

/**
 * Writes frames into a buffer the caller allocated, encoding straight into it: no frame object,
 * no intermediate array. A method frame's size is patched in once its arguments are written.
 */
public final class FrameWriter {
    private FrameWriter() {
    }

    public static void method(ByteBuf out, int channel, Method method) {
        int sizeAt = begin(out, FrameFormat.METHOD, channel);
        Methods.encode(out, method);
        end(out, sizeAt);
    }

    /**
     * A content header for class basic.
     *
     * @param properties a property list as {@link dev.depot.protocol.amqp.content.PropertyBytes#bytes()}
     *                   holds it, written as it is
     */
    public static void contentHeader(ByteBuf out, int channel, long bodySize, byte[] properties) {
        int sizeAt = begin(out, FrameFormat.HEADER, channel);
        out.writeShort(60); // class basic, the only class with content
        out.writeShort(0);  // weight
        out.writeLong(bodySize);
        out.writeBytes(properties);
        end(out, sizeAt);
    }

    /**
     * The body in as many frames as the negotiated {@code frameMax} (0: no limit) calls for;
     * none for an empty body, as RabbitMQ does.
     */
    public static void contentBody(ByteBuf out, int channel, byte[] body, long frameMax) {
        if (frameMax != 0 && frameMax <= FrameFormat.OVERHEAD) {
            throw new IllegalArgumentException("frame_max too small: " + frameMax);
        }
        int chunk = frameMax == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, frameMax - FrameFormat.OVERHEAD);
        for (int at = 0; at < body.length; at += chunk) {
            int length = Math.min(chunk, body.length - at);
            out.writeByte(FrameFormat.BODY);
            out.writeShort(channel);
            out.writeInt(length);
            out.writeBytes(body, at, length);
            out.writeByte(FrameFormat.FRAME_END);
        }
    }

    /** A method with content (basic.deliver, basic.get-ok, basic.return) and its content, in one go. */
    public static void content(ByteBuf out, int channel, Method method, byte[] properties, byte[] body, long frameMax) {
        if (!method.hasContent()) {
            throw new IllegalArgumentException(method.kind().protocolName() + " carries no content");
        }
        method(out, channel, method);
        contentHeader(out, channel, body.length, properties);
        contentBody(out, channel, body, frameMax);
    }

    public static void heartbeat(ByteBuf out) {
        out.writeByte(FrameFormat.HEARTBEAT);
        out.writeShort(0);
        out.writeInt(0);
        out.writeByte(FrameFormat.FRAME_END);
    }

    private static int begin(ByteBuf out, int type, int channel) {
        out.writeByte(type);
        out.writeShort(channel);
        int sizeAt = out.writerIndex();
        out.writeInt(0);
        return sizeAt;
    }

    private static void end(ByteBuf out, int sizeAt) {
        out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
        out.writeByte(FrameFormat.FRAME_END);
    }
}
