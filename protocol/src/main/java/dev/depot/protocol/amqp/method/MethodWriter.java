package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.wire.FieldTables;
import dev.depot.protocol.amqp.wire.LongStrings;
import dev.depot.protocol.amqp.wire.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * Writes method arguments in order, straight into the frame's buffer, packing consecutive bits
 * into octets as {@link MethodReader} unpacks them. Reserved arguments are written as zero or
 * empty.
 */
public final class MethodWriter {
    private final ByteBuf out;
    /** Where the octet of the current run of bits is. */
    private int bitsAt;
    /** Mask of the next bit to set there; 0 or 0x100 when the next bit needs a new octet. */
    private int nextBit;

    MethodWriter(ByteBuf out) {
        this.out = out;
    }

    public MethodWriter octet(int value) {
        nextBit = 0;
        out.writeByte(value);
        return this;
    }

    public MethodWriter shortUint(int value) {
        nextBit = 0;
        out.writeShort(value);
        return this;
    }

    public MethodWriter longUint(long value) {
        nextBit = 0;
        out.writeInt((int) value);
        return this;
    }

    public MethodWriter longlong(long value) {
        nextBit = 0;
        out.writeLong(value);
        return this;
    }

    public MethodWriter bit(boolean value) {
        if (nextBit == 0 || nextBit == 0x100) {
            bitsAt = out.writerIndex();
            out.writeByte(0);
            nextBit = 1;
        }
        if (value) {
            out.setByte(bitsAt, out.getByte(bitsAt) | nextBit);
        }
        nextBit <<= 1;
        return this;
    }

    /** @throws IllegalArgumentException if its UTF-8 form is longer than 255 bytes */
    public MethodWriter shortstr(String value) {
        nextBit = 0;
        ShortStrings.write(out, value);
        return this;
    }

    public MethodWriter longstr(byte[] value) {
        nextBit = 0;
        LongStrings.write(out, value);
        return this;
    }

    public MethodWriter longstrText(String value) {
        nextBit = 0;
        LongStrings.writeUtf8(out, value);
        return this;
    }

    public MethodWriter table(Map<String, ?> value) {
        nextBit = 0;
        FieldTables.write(out, value);
        return this;
    }

    public MethodWriter reservedShort() {
        return shortUint(0);
    }

    public MethodWriter reservedShortstr() {
        return octet(0);
    }

    public MethodWriter reservedLongstr() {
        return longUint(0);
    }

    public MethodWriter reservedBit() {
        return bit(false);
    }
}
