package dev.depot.protocol.amqp.wire;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * shortstr: one length octet, then up to 255 bytes. Reads past the buffer's end throw Netty's
 * IndexOutOfBoundsException; the codec's entry points turn that into an {@link AmqpException}.
 */
public final class ShortStrings {
    public static final int MAX_LENGTH = 255;

    private ShortStrings() {
    }

    /**
     * A shortstr that must be UTF-8, as RabbitMQ requires of method arguments: anything else
     * is "FRAME_ERROR - Malformed UTF-8 in shortstr". Valid UTF-8 decodes to a String that
     * encodes back to the same bytes.
     */
    public static String readUtf8(ByteBuf in) {
        int length = in.readUnsignedByte();
        int start = in.readerIndex();
        if (!ByteBufUtil.isText(in, start, length, StandardCharsets.UTF_8)) {
            throw new AmqpException(ReplyCode.FRAME_ERROR, "Malformed UTF-8 in shortstr");
        }
        String s = in.toString(start, length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    /**
     * A shortstr RabbitMQ takes as it is (table keys, message properties): malformed UTF-8
     * becomes U+FFFD, so only well-formed strings encode back to the same bytes.
     */
    public static String readLenient(ByteBuf in) {
        int length = in.readUnsignedByte();
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    public static void skip(ByteBuf in) {
        in.skipBytes(in.readUnsignedByte());
    }

    /**
     * Writes {@code s} as UTF-8 with its length octet, in one pass.
     *
     * @throws IllegalArgumentException if its UTF-8 form is longer than 255 bytes (nothing is written)
     */
    public static void write(ByteBuf out, String s) {
        int lengthAt = out.writerIndex();
        out.writeByte(0);
        int length = ByteBufUtil.writeUtf8(out, s);
        if (length > MAX_LENGTH) {
            out.writerIndex(lengthAt);
            throw new IllegalArgumentException("shortstr longer than 255 bytes: " + length);
        }
        out.setByte(lengthAt, length);
    }
}
