package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.wire.ShortStrings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;

/**
 * basic.deliver with its content header and body frames, as {@link FrameWriter#method} and
 * {@link FrameWriter#content} would write them, but cheaper, for the one frame sequence a busy
 * consumer gets most: the consumer tag comes encoded (once per consumer, {@link #shortstr}),
 * the exchange and routing key from a small table of the names seen lately (message after
 * message the same String objects: no UTF-8 encoding per delivery), and the frames are laid out
 * in a scratch array and copied into the buffer at once, bodies up to {@link #INLINE_BODY}
 * bytes included. One instance per connection, used on its event loop.
 */
public final class DeliveryEncoder {
    /** Bodies up to this size are copied into the scratch array with the rest; larger ones go straight to the buffer. */
    static final int INLINE_BODY = 4096;
    private static final int SLOTS = 16;
    /** class basic, method deliver */
    private static final int BASIC = 60;
    private static final int DELIVER = 60;

    private final String[] names = new String[SLOTS];
    private final byte[][] encodedNames = new byte[SLOTS][];
    private byte[] scratch = new byte[1024];

    /**
     * {@code s} as a shortstr, length octet included.
     *
     * @throws IllegalArgumentException if its UTF-8 form is longer than 255 bytes
     */
    public static byte[] shortstr(String s) {
        ByteBuf out = Unpooled.buffer(s.length() + 1);
        ShortStrings.write(out, s);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** {@code name} as a shortstr, from the table when it was seen lately. */
    byte[] name(String name) {
        int hash = name.hashCode(); // kept in the String after its first use
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        String seen = names[slot];
        if (seen == name || name.equals(seen)) {
            return encodedNames[slot];
        }
        byte[] encoded = shortstr(name);
        names[slot] = name;
        encodedNames[slot] = encoded;
        return encoded;
    }

    /**
     * Writes basic.deliver, the content header with {@code properties} as they are, and the body
     * in frames of at most {@code frameMax} (0: no limit), none for an empty body.
     *
     * @param consumerTag the tag as {@link #shortstr} encoded it
     * @param body        chunks adding up to {@code bodySize}, each sent in frames of its own
     * @throws IllegalArgumentException if the exchange or routing key is longer than 255 bytes
     */
    public void deliver(ByteBuf out, int channel, byte[] consumerTag, long deliveryTag, boolean redelivered,
                        String exchange, String routingKey, byte[] properties, long bodySize, List<byte[]> body,
                        long frameMax) {
        if (frameMax != 0 && frameMax <= FrameFormat.OVERHEAD) {
            throw new IllegalArgumentException("frame_max too small: " + frameMax);
        }
        byte[] exchangeBytes = name(exchange);
        byte[] routingKeyBytes = name(routingKey);
        int chunkMax = frameMax == 0 ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE, frameMax - FrameFormat.OVERHEAD);
        int methodSize = 4 + consumerTag.length + 8 + 1 + exchangeBytes.length + routingKeyBytes.length;
        int headerSize = 12 + properties.length;
        int needed = FrameFormat.OVERHEAD + methodSize + FrameFormat.OVERHEAD + headerSize;
        boolean inline = bodySize <= INLINE_BODY;
        if (inline) {
            for (byte[] chunk : body) {
                needed += chunk.length + FrameFormat.OVERHEAD * frames(chunk.length, chunkMax);
            }
        } else {
            needed += FrameFormat.HEADER_SIZE; // a body frame's header at a time
        }
        byte[] b = scratch.length >= needed ? scratch : (scratch = new byte[Math.max(needed, 2 * scratch.length)]);

        int at = frameHeader(b, 0, FrameFormat.METHOD, channel, methodSize);
        at = putShort(b, at, BASIC);
        at = putShort(b, at, DELIVER);
        at = put(b, at, consumerTag, 0, consumerTag.length);
        at = putLong(b, at, deliveryTag);
        b[at++] = (byte) (redelivered ? 1 : 0);
        at = put(b, at, exchangeBytes, 0, exchangeBytes.length);
        at = put(b, at, routingKeyBytes, 0, routingKeyBytes.length);
        b[at++] = (byte) FrameFormat.FRAME_END;

        at = frameHeader(b, at, FrameFormat.HEADER, channel, headerSize);
        at = putShort(b, at, BASIC);
        at = putShort(b, at, 0); // weight
        at = putLong(b, at, bodySize);
        at = put(b, at, properties, 0, properties.length);
        b[at++] = (byte) FrameFormat.FRAME_END;

        for (byte[] chunk : body) {
            for (int from = 0; from < chunk.length; from += chunkMax) {
                int length = Math.min(chunkMax, chunk.length - from);
                at = frameHeader(b, at, FrameFormat.BODY, channel, length);
                if (inline) {
                    at = put(b, at, chunk, from, length);
                    b[at++] = (byte) FrameFormat.FRAME_END;
                } else {
                    out.writeBytes(b, 0, at);
                    out.writeBytes(chunk, from, length);
                    out.writeByte(FrameFormat.FRAME_END);
                    at = 0;
                }
            }
        }
        out.writeBytes(b, 0, at);
    }

    private static int frames(int length, int chunkMax) {
        return length == 0 ? 0 : (int) ((length + (long) chunkMax - 1) / chunkMax);
    }

    private static int frameHeader(byte[] b, int at, int type, int channel, int size) {
        b[at] = (byte) type;
        putShort(b, at + 1, channel);
        return putInt(b, at + 3, size);
    }

    private static int put(byte[] b, int at, byte[] from, int offset, int length) {
        System.arraycopy(from, offset, b, at, length);
        return at + length;
    }

    private static int putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        return at + 2;
    }

    private static int putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }

    private static int putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        return putInt(b, at + 4, (int) v);
    }
}
