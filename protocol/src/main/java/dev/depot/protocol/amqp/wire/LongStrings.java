package dev.depot.protocol.amqp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** longstr: a 32-bit unsigned length, then that many bytes of any content. */
public final class LongStrings {
    private LongStrings() {
    }

    public static byte[] read(ByteBuf in) {
        int length = readLength(in);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /**
     * The length field, checked against what is left in the buffer before anyone allocates
     * for it: a peer may announce 4 GB in four bytes.
     */
    static int readLength(ByteBuf in) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("longstr of " + length + " bytes, " + in.readableBytes() + " left");
        }
        return (int) length;
    }

    public static void skip(ByteBuf in) {
        in.skipBytes(readLength(in));
    }

    public static void write(ByteBuf out, byte[] bytes) {
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    /** A String as a UTF-8 longstr, encoded straight into {@code out}. */
    public static void writeUtf8(ByteBuf out, String s) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthAt, ByteBufUtil.writeUtf8(out, s));
    }
}
